// ---------------------------------------------------------------- focus and paths

// Selecting an actor (a click, or the search box) highlights it, its partners and the edges
// between them, and fades the rest: nothing is re-rendered; after vis draws, the page lays a
// white veil over the canvas and draws the focused edges and actors again on top. A second
// actor selected shows the shortest paths between the two (through what is visible) instead.

var focus = null;  // {mode: "actor" | "paths", a, b, nodes: Set, edges: Set, order, paths}
var VEIL = "rgba(255, 255, 255, 0.8)";
var MAX_PATHS = 20;  // paths listed in the details

function adjacency() {
  var around = new Map();
  function link(a, b, id) {
    var list = around.get(a);
    if (!list) { list = []; around.set(a, list); }
    list.push([b, id]);
  }
  api.edgeView.forEach(function (edge) {
    link(edge.from, edge.to, edge.id);
    link(edge.to, edge.from, edge.id);
  });
  return around;
}

function byImportance(ids) {
  return ids.sort(function (a, b) {
    var x = nodeIndex.get(a), y = nodeIndex.get(b);
    var mx = x === undefined ? Infinity : P.nodes[x].measures[sizeBy];
    var my = y === undefined ? Infinity : P.nodes[y].measures[sizeBy];
    return my - mx;
  });
}

function focusActor(id) {
  var around = adjacency().get(id) || [];
  var nodes = new Set([id]);
  var edges = new Set();
  around.forEach(function (pair) { nodes.add(pair[0]); edges.add(pair[1]); });
  var rest = byImportance(Array.from(nodes).filter(function (n) { return n !== id; }));
  focus = { mode: "actor", a: id, b: null, nodes: nodes, edges: edges, order: [id].concat(rest),
    paths: [] };
  api.network.selectNodes([id]);
  api.network.redraw();
  return focus;
}

// every shortest path from a to b: breadth first from a, then back from b along the layers
function focusPaths(a, b) {
  var around = adjacency();
  var distance = new Map([[a, 0]]);
  var queue = [a];
  for (var head = 0; head < queue.length && !distance.has(b); head++) {
    var here = queue[head];
    (around.get(here) || []).forEach(function (pair) {
      if (!distance.has(pair[0])) { distance.set(pair[0], distance.get(here) + 1); queue.push(pair[0]); }
    });
  }
  var nodes = new Set([a, b]);
  var edges = new Set();
  var steps = new Map();  // node -> [[previous node, edge id]] on a shortest path
  if (distance.has(b)) {
    var layer = [b];
    var seen = new Set([b]);
    while (layer.length) {
      var next = [];
      layer.forEach(function (v) {
        (around.get(v) || []).forEach(function (pair) {
          var u = pair[0];
          if (distance.get(u) !== distance.get(v) - 1) { return; }
          edges.add(pair[1]);
          nodes.add(u);
          if (!steps.has(v)) { steps.set(v, []); }
          steps.get(v).push([u, pair[1]]);
          if (!seen.has(u)) { seen.add(u); next.push(u); }
        });
      });
      layer = next;
    }
  }
  var paths = [];
  (function walk(v, tail) {
    if (paths.length >= MAX_PATHS) { return; }
    if (v === a) { paths.push([a].concat(tail)); return; }
    var seenHere = new Set();
    (steps.get(v) || []).forEach(function (step) {
      if (seenHere.has(step[0])) { return; }
      seenHere.add(step[0]);
      walk(step[0], [v].concat(tail));
    });
  })(b, []);
  var middle = byImportance(Array.from(nodes).filter(function (n) { return n !== a && n !== b; }));
  focus = { mode: "paths", a: a, b: b, nodes: nodes, edges: edges,
    order: [a, b].concat(middle), paths: distance.has(b) ? paths : [],
    steps: distance.has(b) ? distance.get(b) : null };
  api.network.selectNodes([a, b]);
  api.network.redraw();
  return focus;
}

function clearFocus() {
  focus = null;
  if (api.network) {
    api.network.unselectAll();
    api.network.redraw();
  }
  byId("focus-note").textContent = "Click an actor (or find it above) to highlight its " +
    "partners; then another for the paths between them.";
  byId("focus-clear").hidden = true;
  clearOpenButton();
}

function clearOpenButton() {
  var open = byId("focus-open");
  open.hidden = true;
  open.onclick = null;
}

// expand on demand: the focused actor's pairs that the minimum strength hides, shown (or not)
function offerWeakerPairs(id) {
  var at = nodeIndex.get(id);
  var open = byId("focus-open");
  if (at === undefined) { clearOpenButton(); return; }
  var weaker = openedActors.has(at) ? [] : weakerPairs(at);
  if (openedActors.has(at) && minStrength > 1) {
    open.textContent = "Hide its pairs weaker than " + counted(minStrength, "tie", "ties");
    open.onclick = function () { openActor(id, false); };
  } else if (weaker.length) {
    open.textContent = "Show its " + counted(weaker.length, "weaker pair", "weaker pairs") +
      " too";
    open.onclick = function () { openActor(id, true); };
  } else {
    clearOpenButton();
    return;
  }
  open.hidden = false;
}

function focusNote() {
  if (focus === null) { clearOpenButton(); return; }
  byId("focus-clear").hidden = false;
  if (focus.mode === "actor") {
    byId("focus-note").textContent = labelOf(focus.a) + " and its " +
      counted(focus.nodes.size - 1, "partner", "partners") + " (" +
      counted(focus.edges.size, "edge", "edges") + "). Click another actor for the paths " +
      "between them.";
    offerWeakerPairs(focus.a);
    return;
  }
  clearOpenButton();
  if (focus.steps === null) {
    byId("focus-note").textContent = "No path joins " + labelOf(focus.a) + " and " +
      labelOf(focus.b) + " through what is shown.";
  } else {
    byId("focus-note").textContent = "Shortest paths from " + labelOf(focus.a) + " to " +
      labelOf(focus.b) + ": " + counted(focus.steps, "step", "steps") + ", " +
      (focus.paths.length >= MAX_PATHS ? "at least " : "") +
      counted(focus.paths.length, "path", "paths") + ".";
  }
}

function pathsBox() {
  var heading = "Paths: " + labelOf(focus.a) + " to " + labelOf(focus.b);
  var rows = [["shortest", focus.steps === null ? "no path through what is shown" :
    counted(focus.steps, "step", "steps")]];
  var box = infoBox(heading, rows, [], 0);
  var list = el("ol", "path-list");
  focus.paths.forEach(function (path) {
    list.appendChild(el("li", null, path.map(labelOf).join(" \u2192 ")));
  });
  box.appendChild(list);
  return box;
}

// select an actor as a person does: a first one is focused, a second one shows the paths
function selectActor(id, at) {
  if (focus !== null && focus.mode === "actor" && focus.a !== id && focus.nodes.size) {
    focusPaths(focus.a, id);
    focusNote();
    showDetails(pathsBox(), at);
  } else {
    focusActor(id);
    focusNote();
    showDetails(nodeBox(id), at);
  }
}

// after filters change, a focus is worked out again on what is visible now
function refocus() {
  if (focus === null) { return; }
  if (!visibleNodes.has(focus.a) || (focus.b !== null && !visibleNodes.has(focus.b))) {
    clearFocus();
  } else if (focus.mode === "actor") {
    focusActor(focus.a);
  } else {
    focusPaths(focus.a, focus.b);
  }
  focusNote();
}

function drawFocus(ctx) {
  if (focus === null) { return; }
  var body = api.network.body;
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = VEIL;
  ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.restore();
  // vis's own edge and node objects draw themselves again over the veil (read only)
  focus.edges.forEach(function (id) {
    var edge = body.edges[id];
    if (edge && edge.connected) { edge.draw(ctx); }
  });
  focus.edges.forEach(function (id) {
    var edge = body.edges[id];
    if (edge && edge.connected) { edge.drawArrows(ctx); }
  });
  focus.nodes.forEach(function (id) {
    var node = body.nodes[id];
    if (node) { node.draw(ctx); }
  });
}

api.focusState = function () {
  if (focus === null) { return null; }
  return { mode: focus.mode, a: focus.a, b: focus.b, nodes: Array.from(focus.nodes).sort(),
    edges: Array.from(focus.edges).sort(), paths: focus.paths, steps: focus.steps };
};
