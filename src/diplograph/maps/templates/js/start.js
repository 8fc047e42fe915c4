// ---------------------------------------------------------------- search

function normalise(text) {
  // fold case and drop combining marks (accents, Arabic harakat and hamza marks)
  return String(text).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

var index = null;
function search(query) {
  var key = normalise(query).trim();
  if (!key) { return []; }
  if (index === null) {
    index = P.nodes.map(function (node, i) {
      return {
        id: node.id, label: node.label,
        names: P.node_info[i].names.map(function (name) { return [name, normalise(name)]; })
      };
    });
  }
  var found = [];
  index.forEach(function (item) {
    var best = null;
    item.names.forEach(function (pair) {
      var at = pair[1].indexOf(key);
      if (at === -1) { return; }
      var rank = pair[1] === key ? 0 : (at === 0 ? 1 : 2);
      var better = best === null || rank < best.rank ||
        (rank === best.rank && pair[1].length < best.length);
      if (better) { best = { rank: rank, name: pair[0], length: pair[1].length }; }
    });
    if (best !== null) {
      found.push({ id: item.id, label: item.label, name: best.name, rank: best.rank,
        length: best.length });
    }
  });
  // exact names first, then names that begin with the text, then the rest; among those the
  // shortest name first ("Moro": Morocco before Moroccan Armed Forces), then by label
  found.sort(function (a, b) {
    return a.rank - b.rank || a.length - b.length || a.label.localeCompare(b.label);
  });
  return found.slice(0, 15);
}

function focusNode(id) {
  var at = nodeIndex.get(id);
  if (!visibleNodes.has(id) && at !== undefined && !nodeCollapsed(at) &&
      weakerPairs(at).length) {
    openActor(id, true);  // found, but its pairs are all weaker than the minimum: shown now
  }
  if (!visibleNodes.has(id)) {
    byId("visible-counts").textContent = (at === undefined ? id : nodeLabel[at]) +
      " is hidden by the current filters.";
    return false;
  }
  api.network.focus(id, { scale: Math.max(api.network.getScale(), 1.2), animation: false });
  selectActor(id);
  return true;
}

function setupSearch() {
  var input = byId("search");
  var list = byId("search-results");
  var timer = null;
  function show() {
    var results = search(input.value);
    list.replaceChildren();
    if (input.value.trim() && results.length === 0) {
      list.appendChild(el("li", "none", "No actor matches."));
    }
    results.forEach(function (result) {
      var item = el("li");
      var found = el("button");
      found.type = "button";
      found.dataset.id = result.id;
      found.appendChild(el("span", "label", result.label));
      if (result.name !== result.label) {
        found.appendChild(document.createTextNode(" "));
        found.appendChild(el("span", "alias", "(" + result.name + ")"));
      }
      var at = nodeIndex.get(result.id);
      if (!visibleNodes.has(result.id)) {
        found.appendChild(el("span", "hidden-note", !nodeCollapsed(at) &&
          weakerPairs(at).length ? " (its pairs are weaker than the minimum: shown on click)" :
          " hidden by filters"));
      }
      found.addEventListener("click", function () { focusNode(result.id); });
      item.appendChild(found);
      list.appendChild(item);
    });
    return results;
  }
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(show, P.nodes.length > 5000 ? 150 : 0);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    event.preventDefault();
    var results = show();
    if (results.length) { focusNode(results[0].id); }
  });
}

// ---------------------------------------------------------------- the first view

// The first view fits every drawn element inside the canvas: each visible actor's shape, the
// bend of each curved edge, and room for labels (labels that would still cross the canvas's
// edge are not placed). Up to FIT_MAX_ZOOM, so a map of a few actors is not drawn huge.
var FIT_MAX_ZOOM = 3;
var FIT_SIDE = 48;     // pixels left and right of the actors, for their labels
var FIT_TOP = 12;
var FIT_BOTTOM = LABEL_HEIGHT + LABEL_GAP + 6;

function fittedView(width, height) {
  var box = null;
  function grow(left, top, right, bottom) {
    box = box === null ? { left: left, top: top, right: right, bottom: bottom } : {
      left: Math.min(box.left, left), top: Math.min(box.top, top),
      right: Math.max(box.right, right), bottom: Math.max(box.bottom, bottom)
    };
  }
  visibleNodes.forEach(function (id) {
    var at = nodeIndex.get(id);
    var node = at === undefined ? api.nodes.get(id) : P.nodes[at];
    var size = at === undefined ? node.size : node.sizes[sizeBy];
    grow(node.x - size, node.y - size, node.x + size, node.y + size);
  });
  api.edgeView.forEach(function (edge) {
    if (!edge.smooth || !edge.smooth.enabled) { return; }
    var a = P.nodes[nodeIndex.get(edge.from)], b = P.nodes[nodeIndex.get(edge.to)];
    if (!a || !b) { return; }
    var via = viaPoint(a, b, edge.smooth);
    var mid = { x: (a.x + 2 * via.x + b.x) / 4, y: (a.y + 2 * via.y + b.y) / 4 };
    grow(mid.x, mid.y, mid.x, mid.y);  // the curve's farthest point from its chord
  });
  if (box === null) { return null; }
  var scale = Math.min(
    FIT_MAX_ZOOM,
    (width - 2 * FIT_SIDE) / Math.max(box.right - box.left, 1),
    (height - FIT_TOP - FIT_BOTTOM) / Math.max(box.bottom - box.top, 1)
  );
  var x = (box.left + box.right) / 2;
  var y = (box.top + box.bottom) / 2 + (FIT_BOTTOM - FIT_TOP) / 2 / scale;
  return { position: { x: x, y: y }, scale: scale, animation: false };
}

function fit() {
  var map = byId("map");
  var view = fittedView(map.clientWidth, map.clientHeight);
  if (view !== null) { api.network.moveTo(view); }
  return view;
}
api.fit = fit;

// ---------------------------------------------------------------- start

// vis-network gives a dashed edge's pattern to the canvas (setLineDash) in the map's units, so
// zoomed out to a big map's first view (scale 0.008 for 20,000 actors) a dash is a hundredth
// of a pixel: unreadable, and drawing the tiny dashes took 8 of the 9 s of a drawing. The
// patterns are read as pixels instead, as the legend draws them, at every zoom.
var dashedContexts = new WeakSet();
function screenDashes(context) {
  if (dashedContexts.has(context)) { return; }
  var setLineDash = Object.getPrototypeOf(context).setLineDash;
  context.setLineDash = function (pattern) {
    var scale = api.network ? api.network.getScale() : 1;
    return setLineDash.call(this, pattern.map(function (d) { return d / scale; }));
  };
  dashedContexts.add(context);
}

function afterFilters() {
  visibleNodes = new Set(api.nodeView.getIds());
  refocus();
}

// a weighted map's second control: the least size of a pair's ties' mean weight
function setupWeight() {
  var heaviest = 0;
  for (var p = 0; p < pairCount; p++) {
    if (P.pairs.weight[p] !== null) { heaviest = Math.max(heaviest, Math.abs(P.pairs.weight[p])); }
  }
  if (P.meta.kept_strongest.by !== "weight" || heaviest <= 0) { return; }
  var slider = byId("min-weight");
  // steps of a round hundredth of the heaviest pair's order of magnitude (0.001 for 0.93)
  var step = Math.pow(10, Math.floor(Math.log10(heaviest)) - 2);
  slider.step = String(step);
  slider.max = String(Math.ceil(heaviest / step - 1e-9) * step);
  slider.value = "0";
  byId("weight-control").hidden = false;
  byId("min-weight-label").textContent = weightText(0);
  slider.addEventListener("input", function () {
    byId("min-weight-label").textContent = weightText(Number(slider.value));
  });
  slider.addEventListener("change", function () { setMinWeight(slider.value); });
}

function setupPanel() {
  checklist(byId("filter-types"), P.ties.types, hiddenTypes);
  checklist(byId("filter-statuses"), P.ties.statuses, hiddenStatuses);
  byId("hide-orphans").addEventListener("change", function (event) {
    hideOrphans = event.target.checked;
    applyFilters();
  });
  var strength = byId("min-strength");
  var strongest = 1;
  for (var p = 0; p < pairCount; p++) { strongest = Math.max(strongest, pairSize(p)); }
  // the first view may hide every pair beyond each actor's strongest: one past the top
  strength.max = String(Math.max(strongest, minStrength));
  strength.value = String(minStrength);
  byId("min-strength-label").textContent = strengthText(minStrength);
  strength.addEventListener("input", function () {
    byId("min-strength-label").textContent = strengthText(Number(strength.value));
  });
  strength.addEventListener("change", function () { setMinStrength(strength.value); });
  setupWeight();
  var keep = byId("keep-strongest");
  keep.checked = keepStrongest;
  keep.addEventListener("change", function () { setKeepStrongest(keep.checked); });
  var all = byId("all-ties");
  if (tieCount > P.meta.all_ties_limit) {
    all.disabled = true;
    byId("all-ties-note").textContent = "Off above " + counted(P.meta.all_ties_limit, "tie",
      "ties") + " (this map has " + num(tieCount) + "): drawing each would freeze the page. " +
      "Open pairs one by one, or filter first.";
  }
  all.addEventListener("change", function () { setAllTies(all.checked); });
  byId("size-by").addEventListener("change", function (event) { setSizeBy(event.target.value); });
  byId("color-by").addEventListener("change", function (event) { setColorBy(event.target.value); });
  byId("focus-clear").addEventListener("click", function () { clearFocus(); showDetails(null); });
  byId("details-close").addEventListener("click", function () { showDetails(null); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { showDetails(null); }
  });
}

function hoverEnabled() { return P.options.interaction.hover !== false; }

function edgeTip(id) {
  var kind = id.charAt(0);
  var edge = api.edges.get(id);
  if (kind === "p") { return pairTip(edge.pair); }
  if (kind === "t") { return tieBox(edge.tie); }
  return communityEdgeBox(edge);
}

function clickEdge(id, at) {
  var kind = id.charAt(0);
  var edge = api.edges.get(id);
  if (kind === "p") {
    expandPair(edge.pair);
    showDetails(pairDetails(edge.pair), at);
  } else if (kind === "t") {
    var p = pairOfTie[edge.tie];
    var box = tieBox(edge.tie);
    if (!allTies) {
      box.appendChild(button("Close the pair (one edge again)", function () {
        collapsePair(p);
        showDetails(null);
      }, "pair-toggle"));
    }
    showDetails(box, at);
  } else {
    showDetails(communityEdgeBox(edge), at);
  }
}

function start() {
  var payload = JSON.parse(byId("diplograph-data").textContent);
  api.timings.parsed = performance.now();
  loadData(payload);
  api.timings.decoded = performance.now();
  setupView();
  if (P.meta.as_of) {
    period = { first: dayNumber(P.meta.as_of), last: dayNumber(P.meta.as_of) };
  }
  recount();  // the first view worked out before vis sees any item: no update, no refresh
  api.timings.counted = performance.now();
  var items = P.nodes.map(function (node, i) {
    return { id: node.id, index: i, x: node.x, y: node.y, shape: node.shape, color: node.color,
      size: node.sizes[sizeBy] };
  });
  var pairs = [];
  for (var p = 0; p < pairCount; p++) { pairs.push(pairItem(p)); }
  bendPairs(pairs);
  firstColours(pairs);
  api.timings.items = performance.now();
  api.nodes = new vis.DataSet(items);
  api.edges = new vis.DataSet(pairs);
  api.timings.datasets = performance.now();
  markShown();
  api.edgeView = new vis.DataView(api.edges, { filter: edgeVisible });
  api.nodeView = new vis.DataView(api.nodes, { filter: nodeVisible });

  if (P.nodes.length === 0) {
    document.querySelector(".panel").hidden = true;
    byId("timeline").hidden = true;
    showMessage(P.meta.empty_message);
    document.body.dataset.state = "empty";
    api.ready = true;
    return;
  }

  setupPanel();
  setupCommunities();
  setupSearch();
  setupExports();
  setupTimeline();
  showPeriod();
  orderLabels();
  visibleNodes = new Set(api.nodeView.getIds());
  clearFocus();
  updateCounts();
  // the histogram (every dated tie counted into its years) is drawn once the map is: the first
  // view does not wait for it (on every dataset, 892,030 ties: 0.15-0.2 s)
  api.timings.filtered = performance.now();

  // created empty, so that the listeners below see the very first drawing
  var network = new vis.Network(byId("map"), {}, P.options);
  api.network = network;
  network.on("beforeDrawing", function (context) {
    screenDashes(context);
    // an opaque background, so that the canvas is never transparent
    context.save();
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, context.canvas.width, context.canvas.height);
    context.restore();
  });
  var wanted = null;
  network.on("afterDrawing", function (context) {
    drawFocus(context);
    placeLabels(context);
    if (api.firstDrawMs === null) {
      if (wanted !== null && Math.abs(network.getScale() - wanted.scale) > 1e-9) {
        wanted = fit();  // vis fitted the view its own way: ours again, drawn next
        return;
      }
      api.firstDrawMs = performance.now();
      document.body.dataset.state = "drawn";
      window.setTimeout(function () { if (binTies === null) { updateTimeline(); } }, 0);
    }
  });
  // Tooltips: our own element, filled on hover (vis's `title` would need a DataSet update per
  // item on first hover, or a DOM tree per item built up front).
  network.on("hoverNode", function (event) { showTip(nodeBox(event.node), event.pointer.DOM); });
  network.on("hoverEdge", function (event) { showTip(edgeTip(event.edge), event.pointer.DOM); });
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (name) {
    network.on(name, hideTip);
  });
  network.on("click", function (event) {
    hideTip();
    if (event.nodes.length) {
      var id = event.nodes[0];
      if (id.charAt(0) === "c" && !nodeIndex.has(id)) {
        showDetails(communityBox(id), event.pointer.DOM);
      } else {
        selectActor(id, event.pointer.DOM);
      }
    } else if (event.edges.length) {
      clickEdge(event.edges[0], event.pointer.DOM);
    } else {
      clearFocus();
      showDetails(null);
    }
  });
  network.on("doubleClick", function (event) {
    if (event.nodes.length && !nodeIndex.has(event.nodes[0])) {
      expandCommunity(Number(event.nodes[0].slice(1)));
    } else if (!event.nodes.length && event.edges.length && event.edges[0].charAt(0) === "t") {
      collapsePair(pairOfTie[api.edges.get(event.edges[0]).tie]);
      showDetails(null);
    }
  });
  network.setData({ nodes: api.nodeView, edges: api.edgeView });
  wanted = fit();
  api.timings.network = performance.now();
  api.ready = true;
}

api.expand = function (p) { expandPair(p); };
api.collapse = function (p) { collapsePair(p); };
api.setAllTies = setAllTies;
api.setMinStrength = setMinStrength;
api.setKeepStrongest = setKeepStrongest;
api.setMinWeight = setMinWeight;
api.setSizeBy = setSizeBy;
api.setColorBy = setColorBy;
api.collapseCommunity = collapseCommunity;
api.expandCommunity = expandCommunity;
api.select = function (id) { selectActor(id); return api.focusState(); };
api.clearFocus = clearFocus;
api.search = search;
api.focusNode = focusNode;
api.applyFilters = applyFilters;
api.openActor = openActor;
api.tie = function (i) {
  var detail = details.get(i);
  return { pair: pairOfTie[i], id: detail ? detail.id : null, type: tieType(i).label,
    begin: P.ties.begin[i] === null ? null : isoDay(P.ties.begin[i]),
    end: P.ties.end[i] === null ? null : isoDay(P.ties.end[i]), event: isEvent(i) };
};
api.pair = function (p) {
  return { from: pairFrom(p), to: pairTo(p), directed: Boolean(P.pairs.directed[p]),
    polarity: P.pairs.polarity[p], size: pairSize(p), start: P.pairs.start[p],
    shown: pairShown[p], weight: P.pairs.weight[p], strongest: P.pairs.strongest[p] === 1 };
};

try {
  start();
} catch (error) {
  document.body.dataset.state = "error";
  showMessage("The map could not be drawn: " + error);
  throw error;
}
