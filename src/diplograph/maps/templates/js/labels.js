// ---------------------------------------------------------------- labels

// Labels are drawn by the page, not by vis: after each drawing, the actors in view are taken
// from the most to the least important (by the measure actors are sized by; focused actors
// first), and each gets its label under it (or above, right or left of it) only where the
// label's box touches no label placed before it, no labelled actor's shape and no edge of the
// canvas. So no two labels ever
// overlap, at any zoom, and zooming in (actors move apart, labels keep their size) lets more of
// them in. api.labels holds the boxes of the last drawing (page pixels from the canvas's
// top-left corner), for the tests and the exports.

var LABEL_SIZE = 12;
var LABEL_FONT = LABEL_SIZE + "px system-ui, -apple-system, \"Segoe UI\", \"Noto Sans\", " +
  "\"Noto Sans Arabic\", sans-serif";
var LABEL_HEIGHT = LABEL_SIZE + 4;
var LABEL_GAP = 3;          // pixels between an actor's shape and its label
var LABEL_PAD = 2;          // pixels each side of a label's text in its box
var LABEL_CHARS = 36;       // a longer label is cut, with "…" (its details give it whole)
var MAX_LABELS = 500;       // at most this many labels in one drawing
var LABEL_CELL = 64;        // side of the grid cells that find collisions, in pixels
var labelWidths = new Map();
var labelOrder = [];        // node indices, most important first
var sizeBy = 0;             // index into P.meta.measures
var visibleNodes = new Set();
api.labelFont = LABEL_FONT;

function shortLabel(text) {
  var chars = Array.from(String(text));
  return chars.length > LABEL_CHARS ? chars.slice(0, LABEL_CHARS - 1).join("") + "\u2026" :
    chars.join("");
}

function labelOf(id) {
  var at = nodeIndex.get(id);
  if (at !== undefined) { return nodeLabel[at]; }
  return communityLabel(id);
}
api.labelOf = labelOf;

function orderLabels() {
  labelOrder = P.nodes.map(function (_, i) { return i; });
  labelOrder.sort(function (a, b) {
    return P.nodes[b].measures[sizeBy] - P.nodes[a].measures[sizeBy] ||
      (nodeLabel[a] < nodeLabel[b] ? -1 : (nodeLabel[a] > nodeLabel[b] ? 1 : 0));
  });
}

function measureLabel(ctx, text) {
  var width = labelWidths.get(text);
  if (width === undefined) {
    width = ctx.measureText(text).width;
    labelWidths.set(text, width);
  }
  return width;
}

// the order actors are labelled in this drawing: focused ones, collapsed communities, the rest
function labelCandidates() {
  var ids = [];
  if (focus !== null) {
    focus.order.forEach(function (id) { ids.push(id); });
    return ids;
  }
  collapsedCommunities.forEach(function (n) { ids.push("c" + n); });
  for (var k = 0; k < labelOrder.length; k++) { ids.push(nodeIds[labelOrder[k]]); }
  return ids;
}

function placeLabels(ctx) {
  var network = api.network;
  var canvas = ctx.canvas;
  var width = canvas.clientWidth;
  var height = canvas.clientHeight;
  if (!width || !height) { api.labels = []; return; }
  var ratio = canvas.width / width;
  var scale = network.getScale();
  var view = network.getViewPosition();
  var nodes = network.body.nodes;  // read only: the drawn nodes' positions and sizes
  var grid = new Map();
  var placed = [];

  function cells(box, visit) {
    for (var cx = Math.floor(box.x / LABEL_CELL); cx <= Math.floor((box.x + box.w) / LABEL_CELL); cx++) {
      for (var cy = Math.floor(box.y / LABEL_CELL); cy <= Math.floor((box.y + box.h) / LABEL_CELL); cy++) {
        if (visit(cx + "," + cy) === false) { return false; }
      }
    }
    return true;
  }
  function free(box) {
    return cells(box, function (key) {
      var found = grid.get(key);
      if (!found) { return true; }
      for (var i = 0; i < found.length; i++) {
        var other = found[i];
        if (box.x < other.x + other.w && other.x < box.x + box.w &&
            box.y < other.y + other.h && other.y < box.y + box.h) { return false; }
      }
      return true;
    });
  }
  function take(box) {
    cells(box, function (key) {
      var found = grid.get(key);
      if (found) { found.push(box); } else { grid.set(key, [box]); }
    });
  }

  ctx.save();
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.font = LABEL_FONT;
  var candidates = labelCandidates();
  for (var k = 0; k < candidates.length && placed.length < MAX_LABELS; k++) {
    var id = candidates[k];
    if (!visibleNodes.has(id)) { continue; }
    var node = nodes[id];
    if (!node) { continue; }
    var x = (node.x - view.x) * scale + width / 2;
    var y = (node.y - view.y) * scale + height / 2;
    var radius = node.options.size * scale;
    if (x < -radius || y < -radius || x > width + radius || y > height + radius) { continue; }
    var text = shortLabel(labelOf(id));
    var textWidth = measureLabel(ctx, text);
    var w = textWidth + 2 * LABEL_PAD;
    var shape = { x: x - radius, y: y - radius, w: 2 * radius, h: 2 * radius };
    var box = null;
    // under the actor, else above it, else to its right, else to its left
    var spots = [
      { x: x - w / 2, y: y + radius + LABEL_GAP },
      { x: x - w / 2, y: y - radius - LABEL_GAP - LABEL_HEIGHT },
      { x: x + radius + LABEL_GAP, y: y - LABEL_HEIGHT / 2 },
      { x: x - radius - LABEL_GAP - w, y: y - LABEL_HEIGHT / 2 }
    ];
    for (var s = 0; s < spots.length && box === null; s++) {
      var spot = { x: spots[s].x, y: spots[s].y, w: w, h: LABEL_HEIGHT };
      if (spot.x >= 0 && spot.y >= 0 && spot.x + spot.w <= width && spot.y + spot.h <= height &&
          free(spot)) {
        box = spot;
      }
    }
    if (box === null) { continue; }
    take(box);
    take(shape);  // no later label covers an actor whose label is shown
    placed.push({ id: id, text: text, x: box.x, y: box.y, width: box.w, height: box.h,
      node: { x: x, y: y, radius: radius } });
  }
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.lineJoin = "round";
  ctx.lineWidth = 3;
  ctx.strokeStyle = "rgba(255, 255, 255, 0.92)";
  ctx.fillStyle = "#222222";
  placed.forEach(function (label) {
    var cx = label.x + label.width / 2;
    var top = label.y + 2;
    ctx.strokeText(label.text, cx, top);
    ctx.fillText(label.text, cx, top);
  });
  ctx.restore();
  api.labels = placed;
}

function setSizeBy(index) {
  sizeBy = Number(index) || 0;
  byId("size-by").value = String(sizeBy);
  var changes = P.nodes.map(function (node) { return { id: node.id, size: node.sizes[sizeBy] }; });
  var emitter = api.network && api.network.body.emitter;
  if (emitter) { emitter.emit("_blockRedraw"); }
  try {
    api.nodes.update(changes);
  } finally {
    if (emitter) { emitter.emit("_allowRedraw"); }
  }
  orderLabels();
  byId("legend-size").textContent = P.meta.measures[Object.keys(P.meta.measures)[sizeBy]];
  if (api.network) { api.network.redraw(); }
}
