// ---------------------------------------------------------------- what is shown

// One edge per pair (pair p is the vis edge "p<p>"); an opened pair, or the switch that shows
// every tie, draws single ties ("t<i>", made when first needed). Filters by type and status,
// the period of the timeline, the minimum strength and collapsed communities decide what is
// visible; vis's DataViews ask edgeVisible and nodeVisible.

var hiddenTypes = new Set();    // indices into P.ties.types
var hiddenStatuses = new Set(); // indices into P.ties.statuses
var period = null;       // {first, last} in day numbers, or null: all dates
var undated = "show";    // ties of unknown time in the period: "show" (faded), "include", "exclude"
var fadedOpacity = 0.35; // P.styles.unknown.opacity (diplograph.maps.UNKNOWN_TIME_STYLE)
var hideOrphans = true;
var minStrength = 1;
var minWeight = 0;         // a weighted map's pairs: the least size of their ties' mean weight
var keepStrongest = true;  // each actor's strongest pairs shown whatever the minimum strength
var allTies = false;
var expanded = new Set();  // pairs drawn tie by tie
var EXPAND_DRAWN = 60;     // the most ties one opened pair draws (its details list every one)
var materialized = new Set();  // ties whose vis edge exists
var tieTime = null;      // tie -> 1 in force, 0 unknown, -1 not in force in the period
var tiePass = null;      // tie -> 1 when it passes every filter
var pairShown = null;    // pair -> how many of its ties pass
var pairKnown = null;    // pair -> how many of those are in force (not of unknown time)
var pairStrength = null; // pair -> how many of its ties pass the type and status filters
var pairFaded = null;    // pair -> 1 when drawn faded
var tieFaded = new Map();
var nodeShown = null;    // node -> 1 when an end of a visible edge
var nodeHasTies = null;  // node -> 1 when it has any pair at all
var pairsOf = null;      // node -> indices of its pairs
var openedActors = new Set();  // nodes whose every pair shows, whatever the minimum strength
var hasEvents = false;

function setupView() {
  tieTime = new Int8Array(tieCount);
  tiePass = new Uint8Array(tieCount);
  pairShown = new Int32Array(pairCount);
  pairKnown = new Int32Array(pairCount);
  pairStrength = new Int32Array(pairCount);
  pairFaded = new Uint8Array(pairCount);
  nodeShown = new Uint8Array(P.nodes.length);
  nodeHasTies = new Uint8Array(P.nodes.length);
  pairsOf = P.nodes.map(function () { return []; });
  for (var p = 0; p < pairCount; p++) {
    nodeHasTies[P.pairs.from[p]] = 1;
    nodeHasTies[P.pairs.to[p]] = 1;
    pairsOf[P.pairs.from[p]].push(p);
    if (P.pairs.to[p] !== P.pairs.from[p]) { pairsOf[P.pairs.to[p]].push(p); }
    if (P.pairs.events[p]) { hasEvents = true; }
  }
  undated = P.meta.undated || "show";
  fadedOpacity = P.styles.unknown.opacity;
  minStrength = P.meta.strength || 1;
}

function recount() {
  pairShown.fill(0);
  pairKnown.fill(0);
  pairStrength.fill(0);
  for (var i = 0; i < tieCount; i++) {
    var state = period === null ? true : tieInForce(i, period.first, period.last);
    if (state === null && undated === "include") { state = true; }
    var time = state === true ? 1 : (state === null ? 0 : -1);
    tieTime[i] = time;
    var typed = !hiddenTypes.has(P.ties.type[i]) && !hiddenStatuses.has(P.ties.status[i]);
    var pass = typed && time !== -1 && !(time === 0 && undated === "exclude");
    tiePass[i] = pass ? 1 : 0;
    var p = pairOfTie[i];
    if (typed) { pairStrength[p] += 1; }
    if (pass) {
      pairShown[p] += 1;
      if (time === 1) { pairKnown[p] += 1; }
    }
  }
}

// a pair's strength is its number of ties of the types and statuses shown, whatever the
// period: brushing a year does not hide a pair of 60 sessions for having one in it. Each
// actor's strongest pairs (diplograph.maps.pairs.strongest_pairs) pass too while
// keepStrongest holds, so that no actor with ties drops out of the view.
// On a weighted map (voting agreement: a pair's ties' mean weight), the minimum weight hides
// the pairs whose mean weight is smaller in size; a pair with no weight stays.
function passesStrength(p) {
  return (pairStrength[p] >= Math.max(1, minStrength) && heavyEnough(p)) ||
    (keepStrongest && P.pairs.strongest[p] === 1);
}

function heavyEnough(p) {
  var weight = P.pairs.weight[p];
  return minWeight <= 0 || weight === null || Math.abs(weight) >= minWeight - 1e-9;
}

// An actor opened on demand shows all its pairs, the weaker ones too.
function strongEnough(p) {
  return pairShown[p] > 0 && (passesStrength(p) ||
    openedActors.has(P.pairs.from[p]) || openedActors.has(P.pairs.to[p]));
}

// the pairs of actor ``at`` that only the minimum strength hides
function weakerPairs(at) {
  return pairsOf[at].filter(function (p) {
    return pairShown[p] > 0 && !passesStrength(p) && !pairHidden(p);
  });
}

// expand on demand: every pair of an actor shown (or hidden again), whatever their strength
function openActor(id, open) {
  var at = nodeIndex.get(id);
  if (at === undefined) { return; }
  if (open === false) { openedActors.delete(at); } else { openedActors.add(at); }
  applyFilters();
}

function pairVisible(p) {
  return !allTies && !expanded.has(p) && strongEnough(p) && !pairHidden(p);
}

function tieVisible(i) {
  var p = pairOfTie[i];
  return materialized.has(i) && tiePass[i] === 1 && (allTies ? strongEnough(p) :
    expanded.has(p)) && !pairHidden(p);
}

function edgeVisible(edge) {
  var kind = edge.id.charAt(0);
  if (kind === "p") { return pairVisible(edge.pair); }
  if (kind === "t") { return tieVisible(edge.tie); }
  return true;  // a community's edge, made for what is visible
}

function nodeVisible(node) {
  if (node.community_node) { return true; }  // exists only while its community is collapsed
  var at = node.index;
  if (nodeCollapsed(at)) { return false; }
  return !hideOrphans || !nodeHasTies[at] || nodeShown[at] === 1;
}

function fadedColor(color) {
  return { color: color, highlight: color, hover: color, inherit: false, opacity: fadedOpacity };
}

function pairItem(p) {
  var style = P.pairs.styles[P.pairs.style[p]];
  return {
    id: "p" + p, pair: p, from: pairFrom(p), to: pairTo(p),
    arrows: P.pairs.directed[p] ? "to" : "", color: style.color, dashes: style.dashes,
    width: style.width
  };
}

function tieItem(i) {
  var p = pairOfTie[i];
  var style = P.ties.styles[P.ties.style[i]];
  return {
    id: "t" + i, tie: i, from: pairFrom(p), to: pairTo(p),
    arrows: P.pairs.directed[p] ? "to" : "", color: style.color, dashes: style.dashes,
    width: style.width
  };
}

// the pairs' first colours: faded where no tie is in force in the period of the first view
function firstColours(items) {
  var fade = period !== null && undated === "show";
  for (var p = 0; p < pairCount; p++) {
    if (fade && pairShown[p] > 0 && pairKnown[p] === 0) {
      pairFaded[p] = 1;
      items[p].color = fadedColor(items[p].color);
    }
  }
}

// the ends of the visible edges: pairs and the ties drawn one by one, read from the columns
// (not from the DataSet: vis's Map wrapper made walking its 45,410 items cost 0.1-0.3 s)
function markShown() {
  nodeShown.fill(0);
  for (var p = 0; p < pairCount; p++) {
    if (pairVisible(p)) {
      nodeShown[P.pairs.from[p]] = 1;
      nodeShown[P.pairs.to[p]] = 1;
    }
  }
  materialized.forEach(function (i) {
    if (tieVisible(i)) {
      var q = pairOfTie[i];
      nodeShown[P.pairs.from[q]] = 1;
      nodeShown[P.pairs.to[q]] = 1;
    }
  });
}

// the faded style of ties of unknown time in the period, and of pairs with no tie in force
function restyle() {
  var changes = [];
  var fade = period !== null && undated === "show";
  for (var p = 0; p < pairCount; p++) {
    var faded = fade && pairShown[p] > 0 && pairKnown[p] === 0 ? 1 : 0;
    if (faded !== pairFaded[p]) {
      pairFaded[p] = faded;
      var color = P.pairs.styles[P.pairs.style[p]].color;
      changes.push({ id: "p" + p, color: faded ? fadedColor(color) : color });
    }
  }
  materialized.forEach(function (i) {
    var faded = fade && tieTime[i] === 0;
    if (faded !== (tieFaded.get(i) || false)) {
      tieFaded.set(i, faded);
      var color = P.ties.styles[P.ties.style[i]].color;
      changes.push({ id: "t" + i, color: faded ? fadedColor(color) : color });
    }
  });
  if (changes.length) { api.edges.update(changes); }
}

// ties that share a pair of actors are bent apart so that each stays visible and clickable:
// odd groups keep one straight edge, the others alternate sides, further out in turn. vis
// bends by a share of the edge's length (its roundness), so a long edge would sweep far
// across the map: each further edge moves out by BEND of the length, or BEND_STEP map units
// where that is less, so long edges between far actors run side by side instead.
var BEND = 0.12;  // how much more each further edge between two actors bends (vis roundness)
var BEND_STEP = 24;  // at most this many map units further out (the middle of the curve)
var groups = new Map();  // "a\u0000b" (ids sorted) -> ids of the edges drawn between a and b
function groupKey(a, b) { return a < b ? a + "\u0000" + b : b + "\u0000" + a; }

// the distance between two actors, in map units
function span(a, b) {
  var from = P.nodes[nodeIndex.get(a)], to = P.nodes[nodeIndex.get(b)];
  return from && to ? Math.hypot(to.x - from.x, to.y - from.y) : 0;
}

// how the edge at ``position`` of ``count`` between two actors ``length`` apart bends
// (``fromLow``: it runs from the actor whose id sorts first). A curve of roundness r bends
// its middle about r * length * pi / 8 off the straight line.
function smoothOf(fromLow, position, count, length) {
  var rank = position + (count % 2 === 0 ? 1 : 0);
  if (rank === 0 || count < 2) { return false; }
  var clockwise = (rank % 2 === 1) === fromLow;
  var step = Math.min(BEND, length > 0 ? 8 * BEND_STEP / (Math.PI * length) : BEND);
  return { enabled: true, type: clockwise ? "curvedCW" : "curvedCCW",
    roundness: Math.round(step * Math.ceil(rank / 2) * 10000) / 10000 };
}

function bend(key, changes) {
  var ids = groups.get(key) || [];
  var ends = key.split("\u0000");
  var length = span(ends[0], ends[1]);
  ids.forEach(function (id, position) {
    changes.push({ id: id,
      smooth: smoothOf(api.edges.get(id).from === ends[0], position, ids.length, length) });
  });
}

// the pairs' first groups and bends, set on their items before vis sees them
function bendPairs(items) {
  for (var p = 0; p < pairCount; p++) {
    var key = groupKey(pairFrom(p), pairTo(p));
    var ids = groups.get(key);
    if (ids) { ids.push("p" + p); } else { groups.set(key, ["p" + p]); }
  }
  groups.forEach(function (ids, key) {
    if (ids.length < 2) { return; }
    var ends = key.split("\u0000");
    var length = span(ends[0], ends[1]);
    ids.forEach(function (id, position) {
      var item = items[Number(id.slice(1))];
      item.smooth = smoothOf(item.from === ends[0], position, ids.length, length);
    });
  });
}

function regroup(keys) {
  keys.forEach(function (key) { groups.set(key, []); });
  var wanted = new Set(keys);
  for (var p = 0; p < pairCount; p++) {
    var key = groupKey(pairFrom(p), pairTo(p));
    if (!wanted.has(key)) { continue; }
    if (!allTies && !expanded.has(p)) { groups.get(key).push("p" + p); }
  }
  materialized.forEach(function (i) {
    var p = pairOfTie[i];
    var key = groupKey(pairFrom(p), pairTo(p));
    if (wanted.has(key) && (allTies || expanded.has(p))) { groups.get(key).push("t" + i); }
  });
  var changes = [];  // one update for all: each update of the DataSet costs vis a pass
  keys.forEach(function (key) { bend(key, changes); });
  if (changes.length) { api.edges.update(changes); }
}

function materialize(ties) {
  var fresh = ties.filter(function (i) { return !materialized.has(i); });
  fresh.forEach(function (i) { materialized.add(i); });
  if (fresh.length) { api.edges.add(fresh.map(tieItem)); }
}

// the ties an opened pair draws: its strongest first, then in date order, EXPAND_DRAWN at most
function drawnTies(p) {
  var start = P.pairs.start[p];
  var chosen = P.pairs.top[p].map(function (k) { return start + k; });
  for (var i = start, end = start + pairSize(p); i < end && chosen.length < EXPAND_DRAWN; i++) {
    if (chosen.indexOf(i) === -1) { chosen.push(i); }
  }
  return chosen.slice(0, EXPAND_DRAWN);
}

function expandPair(p) {
  if (expanded.has(p)) { return; }
  expanded.add(p);
  materialize(drawnTies(p));
  regroup([groupKey(pairFrom(p), pairTo(p))]);
  applyFilters();
}

function collapsePair(p) {
  if (!expanded.has(p)) { return; }
  expanded.delete(p);
  regroup([groupKey(pairFrom(p), pairTo(p))]);
  applyFilters();
}

function setAllTies(on) {
  if (on && tieCount > P.meta.all_ties_limit) { return false; }
  allTies = Boolean(on);
  byId("all-ties").checked = allTies;
  if (allTies) {
    var every = [];
    for (var i = 0; i < tieCount; i++) { every.push(i); }
    materialize(every);
  }
  var keys = new Set();
  for (var p = 0; p < pairCount; p++) { keys.add(groupKey(pairFrom(p), pairTo(p))); }
  regroup(Array.from(keys));
  applyFilters();
  return true;
}

function setMinStrength(value) {
  minStrength = Math.max(1, Math.round(Number(value)) || 1);
  var slider = byId("min-strength");
  if (minStrength > Number(slider.max)) { slider.max = String(minStrength); }
  slider.value = String(minStrength);
  byId("min-strength-label").textContent = strengthText(minStrength);
  applyFilters();
}

// the minimum weight, as the slider's steps give it (a hundredth of the heaviest pair's)
function setMinWeight(value) {
  minWeight = Math.max(0, Number(value) || 0);
  var slider = byId("min-weight");
  slider.value = String(minWeight);
  byId("min-weight-label").textContent = weightText(minWeight);
  applyFilters();
}

function weightText(value) {
  return value > 0 ? "at least " + value.toLocaleString("en", {maximumFractionDigits: 3}) +
    " (in size)" : "any";
}

// the minimum strength in words; past the strongest pair, only each actor's strongest show
function strengthText(value) {
  var text = counted(value, "tie or event", "ties or events");
  return value > P.meta.top_strength ? text + " (more than any pair has)" : text;
}

// what makes a pair one of an actor's strongest, in words
function strongestBy() {
  return P.meta.kept_strongest.by === "weight" ? "the size of its ties' mean weight" :
    "its number of ties and events";
}

function setKeepStrongest(on) {
  keepStrongest = Boolean(on);
  byId("keep-strongest").checked = keepStrongest;
  applyFilters();
}

// what is visible, counted in words as the command line counts
function updateCounts() {
  var pairs = 0, behind = 0, single = 0, known = 0, unknown = 0;
  api.edgeView.forEach(function (edge) {
    var kind = edge.id.charAt(0);
    if (kind === "p") {
      pairs += 1;
      behind += pairShown[edge.pair];
      known += pairKnown[edge.pair];
      unknown += pairShown[edge.pair] - pairKnown[edge.pair];
    } else if (kind === "t") {
      single += 1;
      if (tieTime[edge.tie] === 1) { known += 1; } else { unknown += 1; }
    }
  });
  var ties = hasEvents ? ["tie or event", "ties and events"] : ["tie", "ties"];
  var text = countedOf(api.nodeView.getIds().filter(isActor).length, P.nodes.length, "actor",
    "actors");
  if (allTies) {
    text += " and " + countedOf(single, tieCount, ties[0], ties[1]) + " visible";
  } else {
    text += " and " + countedOf(pairs, pairCount, "pair", "pairs") + " visible (" +
      counted(behind, ties[0], ties[1]) + " behind them)";
    if (expanded.size) {
      text += "; " + counted(expanded.size, "pair", "pairs") + " opened (" +
        counted(single, ties[0], ties[1]) + " drawn one by one)";
    }
    if (openedActors.size && minStrength > 1) {
      text += "; every pair of " + Array.from(openedActors).map(function (at) {
        return nodeLabel[at];
      }).join(", ") + " shown";
    }
  }
  if (period !== null) {
    text += "; " + periodText() + ": " + num(known) + " in force, " + num(unknown) +
      " of unknown time" + (unknown ? (undated === "show" ? " (faded)" : " (as if in force)") : "");
  }
  byId("visible-counts").textContent = text + ".";
  // never a blank canvas without a word: say what hides everything
  var notice = byId("notice");
  if (api.nodeView.length === 0 || (pairs === 0 && single === 0 && pairCount > 0)) {
    notice.textContent = "Nothing to draw with these choices (" + periodText() +
      (minStrength > 1 ? "; pairs of at least " + counted(minStrength, "tie", "ties") : "") +
      (hiddenTypes.size || hiddenStatuses.size ? "; some types or statuses unticked" : "") +
      "). " + num(pairCount) + " pairs are in this map.";
    notice.hidden = false;
  } else {
    notice.hidden = true;
  }
  var legendRow = byId("legend-unknown");
  if (legendRow) {
    legendRow.querySelector(".count").textContent = String(undated === "show" ? unknown : 0);
  }
}

function isActor(id) { return nodeIndex.has(id); }

function periodText() {
  if (period === null) { return "all dates"; }
  return period.first === period.last ? "on " + isoDay(period.first) :
    "from " + isoDay(period.first) + " to " + isoDay(period.last);
}

function applyFilters() {
  // With physics off, vis-network 9.1.2 redraws at once on every data change; holding
  // redraws (its internal _blockRedraw/_allowRedraw events) makes the restyling and the view
  // refreshes cost one redraw instead of several.
  var emitter = api.network && api.network.body.emitter;
  if (emitter) { emitter.emit("_blockRedraw"); }
  try {
    recount();
    restyle();
    markShown();
    refreshCommunityEdges();
    api.edgeView.refresh();
    api.nodeView.refresh();
    afterFilters();
  } finally {
    if (emitter) {
      emitter.emit("_allowRedraw");
      api.network.redraw();
    }
  }
  updateCounts();
  updateTimeline();
}

function checklist(container, rows, hidden) {
  rows.forEach(function (row, index) {
    var label = el("label", "check");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = row.key;
    box.addEventListener("change", function () {
      if (box.checked) { hidden.delete(index); } else { hidden.add(index); }
      applyFilters();
    });
    label.appendChild(box);
    label.appendChild(el("span", null, row.label));
    label.appendChild(el("span", "count", num(row.count)));
    container.appendChild(label);
  });
}

// ---------------------------------------------------------------- pair details

function typeCounts(p) {
  var counts = new Map();
  for (var i = P.pairs.start[p], end = i + pairSize(p); i < end; i++) {
    var label = tieType(i).label;
    counts.set(label, (counts.get(label) || 0) + 1);
  }
  return Array.from(counts.entries()).sort(function (a, b) { return b[1] - a[1]; });
}

function coveredText(p) {
  var first = null, last = null;
  for (var i = P.pairs.start[p], end = i + pairSize(p); i < end; i++) {
    var bounds = P.ties.bounds[i] || [null, null, null, null];
    var b = P.ties.begin[i] !== null ? P.ties.begin[i] : bounds[1];
    var e = P.ties.end[i] !== null ? P.ties.end[i] : bounds[2];
    if (b !== null && (first === null || b < first)) { first = b; }
    var later = e !== null ? e : b;
    if (later !== null && (last === null || later > last)) { last = later; }
  }
  if (first === null && last === null) { return "no dates given"; }
  return (first === null ? "?" : isoDay(first)) + " to " + (last === null ? "?" : isoDay(last));
}

function pairRows(p) {
  var rows = [];
  var parts = [];
  if (P.pairs.ties[p]) { parts.push(counted(P.pairs.ties[p], "tie", "ties")); }
  if (P.pairs.events[p]) { parts.push(counted(P.pairs.events[p], "event", "events")); }
  rows.push(["behind this edge", parts.join(" and ")]);
  if (pairShown[p] !== pairSize(p)) { rows.push(["shown now", num(pairShown[p])]); }
  rows.push(["polarity", P.styles.polarities[String(P.pairs.polarity[p])].label]);
  if (P.pairs.weight[p] !== null && pairSize(p) > 1) {
    rows.push(["mean weight", P.pairs.weight[p].toLocaleString("en")]);
  }
  if (P.pairs.strongest[p] === 1 && keepStrongest && pairStrength[p] < minStrength) {
    rows.push(["shown at any strength", "among the " + P.meta.kept_strongest.per_actor +
      " strongest pairs of " + nodeLabel[P.pairs.from[p]] + " or of " +
      nodeLabel[P.pairs.to[p]] + " (by " + strongestBy() + ")"]);
  }
  rows.push(["types", typeCounts(p).map(function (row) {
    return row[0] + " \u00d7 " + num(row[1]);
  }).join("; ")]);
  rows.push(["period covered", coveredText(p)]);
  return rows;
}

function pairEvidence(p) {
  var start = P.pairs.start[p];
  var found = [];
  P.pairs.top[p].forEach(function (k) {
    var detail = details.get(start + k);
    if (detail && detail.evidence.length) { found.push(detail.evidence[0]); }
  });
  return found;
}

function pairTip(p) {
  return infoBox(pairHeading(p), pairRows(p), pairEvidence(p).slice(0, 1), 0);
}

var LIST_STEP = 100;  // ties listed at a time in an opened pair's details

// the details of an opened pair: its summary, then every tie with its quote and source
function pairDetails(p) {
  var box = infoBox(pairHeading(p), pairRows(p), [], 0);
  var strongest = pairEvidence(p);
  if (strongest.length) {
    box.appendChild(el("h3", "tip-heading", "Strongest evidence"));
    strongest.forEach(function (item) { addEvidence(box, item); });
  }
  var size = pairSize(p);
  var drawn = Math.min(size, EXPAND_DRAWN);
  box.appendChild(el("p", "tip-more", expanded.has(p) ? (drawn === size ?
    "Opened: each tie is drawn on its own." : "Opened: " + num(drawn) + " of its " +
    num(size) + " ties are drawn; all are listed here.") : ""));
  box.appendChild(button(expanded.has(p) ? "Close the pair (one edge again)" :
    "Open the pair (draw each tie)", function () {
    if (expanded.has(p)) { collapsePair(p); } else { expandPair(p); }
    showDetails(pairDetails(p));
  }, "pair-toggle"));
  var list = el("ol", "tie-list");
  var shown = 0;
  function more() {
    var start = P.pairs.start[p];
    for (var k = shown; k < Math.min(size, shown + LIST_STEP); k++) {
      var item = el("li");
      item.appendChild(tieBox(start + k));
      list.appendChild(item);
    }
    shown = Math.min(size, shown + LIST_STEP);
    moreButton.hidden = shown >= size;
    moreButton.textContent = "Show " + num(Math.min(LIST_STEP, size - shown)) + " more of " +
      num(size - shown);
  }
  var moreButton = button("", more);
  box.appendChild(list);
  box.appendChild(moreButton);
  more();
  return box;
}
