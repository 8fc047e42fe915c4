// ---------------------------------------------------------------- communities

// Communities (Leiden, seeded, computed with the map) can colour the actors, and each can be
// collapsed into one node ("c<n>") and opened again: its edges to the rest are then merged by
// pair, direction and polarity into edges of their own ("m<k>").

var colorBy = "kind";
var collapsedCommunities = new Set();
var communityMembers = new Map();  // community number -> node indices
var communityEdgeIds = [];
var SHOWN_COMMUNITIES = 30;  // communities listed in the panel (the largest)

function nodeCollapsed(at) { return collapsedCommunities.has(P.nodes[at].community); }
function pairHidden(p) {
  return collapsedCommunities.size > 0 &&
    (nodeCollapsed(P.pairs.from[p]) || nodeCollapsed(P.pairs.to[p]));
}

function communityRow(n) { return P.communities[n]; }
function communityLabel(id) {
  var row = communityRow(Number(String(id).slice(1)));
  return row ? "Community " + (row.number + 1) + ": " + row.label : String(id);
}

function setupCommunities() {
  P.nodes.forEach(function (node, i) {
    if (node.community < 0) { return; }
    if (!communityMembers.has(node.community)) { communityMembers.set(node.community, []); }
    communityMembers.get(node.community).push(i);
  });
  var list = byId("communities");
  var groups = P.communities.filter(function (row) { return row.size > 1; });
  if (!groups.length) {
    list.appendChild(el("p", "note", "No community of two or more actors."));
    return;
  }
  groups.slice(0, SHOWN_COMMUNITIES).forEach(function (row) {
    var item = el("div", "community");
    item.dataset.community = String(row.number);
    var swatch = el("span", "swatch");
    swatch.style.background = row.color;
    item.appendChild(swatch);
    item.appendChild(el("span", "community-label", (row.number + 1) + ". " + row.label));
    item.appendChild(el("span", "count", num(row.size)));
    var toggle = button("collapse", function () {
      if (collapsedCommunities.has(row.number)) { expandCommunity(row.number); }
      else { collapseCommunity(row.number); }
    }, "community-toggle");
    item.appendChild(toggle);
    list.appendChild(item);
  });
  var rest = groups.length - SHOWN_COMMUNITIES;
  var alone = P.communities.length - groups.length;
  if (rest > 0 || alone > 0) {
    list.appendChild(el("p", "note", (rest > 0 ? counted(rest, "smaller community",
      "smaller communities") + " not listed; " : "") + (alone > 0 ? counted(alone,
      "actor", "actors") + " in no community with others (grey)." : "")));
  }
}

function setColorBy(mode) {
  colorBy = mode === "community" ? "community" : "kind";
  byId("color-by").value = colorBy;
  var changes = P.nodes.map(function (node) {
    var row = node.community >= 0 ? communityRow(node.community) : null;
    return { id: node.id, color: colorBy === "community" ?
      (row ? row.color : P.styles.other_community) : node.color };
  });
  api.nodes.update(changes);
  byId("legend-kinds").hidden = colorBy === "community";
  byId("legend-communities").hidden = colorBy !== "community";
}

function communityNode(n) {
  var members = communityMembers.get(n) || [];
  var x = 0, y = 0;
  var positions = api.network ? api.network.getPositions(members.map(function (i) {
    return nodeIds[i];
  })) : {};
  members.forEach(function (i) {
    var at = positions[nodeIds[i]] || P.nodes[i];
    x += at.x;
    y += at.y;
  });
  var row = communityRow(n);
  return {
    id: "c" + n, community_node: true, community: n,
    x: members.length ? x / members.length : 0, y: members.length ? y / members.length : 0,
    shape: "dot", size: Math.min(48, 12 + 3 * Math.sqrt(members.length)),
    color: { background: row.color, border: "#333333" }, borderWidth: 3
  };
}

function setCommunityButton(n) {
  var row = document.querySelector(".community[data-community=\"" + n + "\"] button");
  if (row) { row.textContent = collapsedCommunities.has(n) ? "open" : "collapse"; }
}

function collapseCommunity(n) {
  if (collapsedCommunities.has(n) || !communityMembers.has(n)) { return; }
  var item = communityNode(n);
  collapsedCommunities.add(n);
  api.nodes.add(item);
  setCommunityButton(n);
  applyFilters();
}

function expandCommunity(n) {
  if (!collapsedCommunities.has(n)) { return; }
  collapsedCommunities.delete(n);
  api.nodes.remove("c" + n);
  setCommunityButton(n);
  applyFilters();
}

function pairWidth(count) {
  var widths = P.styles.pair_widths;
  for (var k = 0; k < widths.length; k++) {
    if (count >= widths[k][0]) { return widths[k][1]; }
  }
  return widths[widths.length - 1][1];
}

// the edges of collapsed communities: every visible pair with an end inside one, its ends
// moved to the community's node, merged by ends, direction and polarity
function refreshCommunityEdges() {
  if (communityEdgeIds.length) { api.edges.remove(communityEdgeIds); }
  communityEdgeIds = [];
  if (!collapsedCommunities.size) { return; }
  var merged = new Map();
  for (var p = 0; p < pairCount; p++) {
    if (!pairShown[p] || !strongEnough(p) || !pairHidden(p)) { continue; }
    var from = P.pairs.from[p], to = P.pairs.to[p];
    var a = nodeCollapsed(from) ? "c" + P.nodes[from].community : nodeIds[from];
    var b = nodeCollapsed(to) ? "c" + P.nodes[to].community : nodeIds[to];
    if (a === b) { continue; }
    var directed = P.pairs.directed[p];
    if (!directed && b < a) { var swap = a; a = b; b = swap; }
    var key = a + "\u0000" + b + "\u0000" + directed + "\u0000" + P.pairs.polarity[p];
    var entry = merged.get(key);
    if (!entry) {
      entry = { from: a, to: b, directed: directed, polarity: P.pairs.polarity[p], count: 0,
        pairs: [] };
      merged.set(key, entry);
    }
    entry.count += pairShown[p];
    entry.pairs.push(p);
    if (a.charAt(0) !== "c") { nodeShown[nodeIndex.get(a)] = 1; }
    if (b.charAt(0) !== "c") { nodeShown[nodeIndex.get(b)] = 1; }
  }
  var items = [];
  merged.forEach(function (entry) {
    var id = "m" + items.length;
    items.push({
      id: id, from: entry.from, to: entry.to, arrows: entry.directed ? "to" : "",
      color: P.styles.polarities[String(entry.polarity)].color, width: pairWidth(entry.count),
      dashes: false, count: entry.count, pairs: entry.pairs, smooth: false
    });
  });
  communityEdgeIds = items.map(function (item) { return item.id; });
  if (items.length) { api.edges.add(items); }
}

function communityBox(id) {
  var n = Number(String(id).slice(1));
  var row = communityRow(n);
  var members = (communityMembers.get(n) || []).slice().sort(function (a, b) {
    return P.nodes[b].measures[sizeBy] - P.nodes[a].measures[sizeBy];
  });
  var box = infoBox(communityLabel(id), [["actors", num(members.length)],
    ["most connected", members.slice(0, 8).map(function (i) { return nodeLabel[i]; })
      .join(", ")]], [], 0);
  box.appendChild(button("Open the community", function () {
    expandCommunity(n);
    showDetails(null);
  }, "pair-toggle"));
  return box;
}

function communityEdgeBox(edge) {
  var heading = labelOf(edge.from) + (edge.arrows ? " \u2192 " : " \u2014 ") + labelOf(edge.to);
  return infoBox(heading, [["behind this edge", counted(edge.count, "tie or event",
    "ties and events") + " in " + counted(edge.pairs.length, "pair", "pairs")],
  ["polarity", P.styles.polarities[String(edge.polarity)].label]], [], 0);
}
