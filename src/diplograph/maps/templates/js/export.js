// ---------------------------------------------------------------- exports

// The current view as SVG, for publication: the title, the query and the period shown above
// the map, the legend and a line naming the sources below it; actors, edges and labels where
// the screen shows them (a focus fades the rest). The PNG is that SVG drawn at twice its size.

var EXPORT_FONT = "system-ui, -apple-system, \"Segoe UI\", \"Noto Sans\", \"Noto Sans Arabic\", sans-serif";
var EXPORT_MARGIN = 16;
var EXPORT_SCALE = 2;  // the PNG's pixels per SVG unit

function xml(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function round(value) { return Math.round(value * 100) / 100; }

// a vis node's shape as an SVG element, in canvas units (the shapes of vis 9's canvas)
function shapeSvg(shape, x, y, r, attrs) {
  var points = [];
  var k;
  if (shape === "square") {
    return "<rect x=\"" + round(x - r) + "\" y=\"" + round(y - r) + "\" width=\"" + round(2 * r) +
      "\" height=\"" + round(2 * r) + "\" " + attrs + "/>";
  }
  if (shape === "diamond") {
    points = [[x, y + r], [x + r, y], [x, y - r], [x - r, y]];
  } else if (shape === "triangle" || shape === "triangleDown") {
    var s = 2 * r, half = s / 2, inner = Math.sqrt(3) / 6 * s, h = Math.sqrt(s * s - half * half);
    var sign = shape === "triangle" ? 1 : -1;
    points = [[x, y - sign * (h - inner)], [x + half, y + sign * inner], [x - half, y + sign * inner]];
  } else if (shape === "star") {
    for (k = 0; k < 10; k++) {
      var radius = k % 2 === 0 ? r * 1.3 : r * 0.5;
      points.push([x + radius * Math.sin(k * 2 * Math.PI / 10), y - radius * Math.cos(k * 2 * Math.PI / 10)]);
    }
  } else if (shape === "hexagon") {
    for (k = 0; k < 6; k++) {
      points.push([x + r * Math.cos(k * Math.PI / 3), y + r * Math.sin(k * Math.PI / 3)]);
    }
  } else {
    return "<circle cx=\"" + round(x) + "\" cy=\"" + round(y) + "\" r=\"" + round(r) + "\" " +
      attrs + "/>";
  }
  return "<polygon points=\"" + points.map(function (p) {
    return round(p[0]) + "," + round(p[1]);
  }).join(" ") + "\" " + attrs + "/>";
}

// where vis bends a curved edge through (its quadratic curve's control point)
function viaPoint(from, to, smooth) {
  var dx = to.x - from.x, dy = from.y - to.y;
  var length = Math.sqrt(dx * dx + dy * dy);
  var r = smooth.roundness;
  var angle = smooth.type === "curvedCW" ?
    (Math.atan2(dy, dx) + (0.5 * r + 0.5) * Math.PI) % (2 * Math.PI) :
    (Math.atan2(dy, dx) + (-0.5 * r + 0.5) * Math.PI) % (2 * Math.PI);
  return { x: from.x + (0.5 * r + 0.5) * length * Math.sin(angle),
    y: from.y + (0.5 * r + 0.5) * length * Math.cos(angle) };
}

function edgeSvg(edge, faded, scale) {
  var options = edge.options;
  var from = edge.from, to = edge.to;
  if (!from || !to) { return ""; }
  var color = options.color.color;
  var opacity = (options.color.opacity === undefined ? 1 : options.color.opacity) * (faded ? 0.2 : 1);
  var width = Math.max(options.width, 0.3 / scale);
  var dashes = Array.isArray(options.dashes) ? " stroke-dasharray=\"" +
    options.dashes.map(function (d) { return round(d / scale); }).join(" ") + "\"" : "";  // pixels
  var via = null;
  var path;
  if (from === to) {
    var loop = from.options.size * 1.5;
    path = "<circle cx=\"" + round(from.x + loop) + "\" cy=\"" + round(from.y - loop) + "\" r=\"" +
      round(loop) + "\" fill=\"none\"";
  } else if (options.smooth && options.smooth.enabled) {
    via = viaPoint(from, to, options.smooth);
    path = "<path d=\"M" + round(from.x) + " " + round(from.y) + " Q" + round(via.x) + " " +
      round(via.y) + " " + round(to.x) + " " + round(to.y) + "\" fill=\"none\"";
  } else {
    path = "<line x1=\"" + round(from.x) + "\" y1=\"" + round(from.y) + "\" x2=\"" + round(to.x) +
      "\" y2=\"" + round(to.y) + "\"";
  }
  var out = path + " stroke=\"" + xml(color) + "\" stroke-opacity=\"" + round(opacity) +
    "\" stroke-width=\"" + round(width) + "\"" + dashes + "/>";
  if (options.arrows && options.arrows.to && options.arrows.to.enabled && from !== to) {
    var back = via || from;
    var ux = to.x - back.x, uy = to.y - back.y;
    var length = Math.sqrt(ux * ux + uy * uy) || 1;
    ux /= length; uy /= length;
    var tipX = to.x - ux * to.options.size, tipY = to.y - uy * to.options.size;
    var size = 15 * 0.55 + 3 * width;
    var baseX = tipX - ux * size, baseY = tipY - uy * size;
    out += "<polygon points=\"" + [[tipX, tipY], [baseX - uy * size * 0.45, baseY + ux * size * 0.45],
      [baseX + uy * size * 0.45, baseY - ux * size * 0.45]].map(function (p) {
      return round(p[0]) + "," + round(p[1]);
    }).join(" ") + "\" fill=\"" + xml(color) + "\" fill-opacity=\"" + round(opacity) + "\"/>";
  }
  return out;
}

function nodeSvg(node, faded) {
  var options = node.options;
  var fill = options.color.background;
  var stroke = options.color.border;
  var attrs = "fill=\"" + xml(fill) + "\" stroke=\"" + xml(stroke) + "\" stroke-width=\"" +
    round(options.borderWidth || 1) + "\"" + (faded ? " opacity=\"0.2\"" : "");
  return shapeSvg(options.shape, node.x, node.y, options.size, attrs);
}

// text measured with the page's own font, to lay out the legend
var measureContext = null;
function textWidth(text, size) {
  if (measureContext === null) { measureContext = document.createElement("canvas").getContext("2d"); }
  measureContext.font = size + "px " + EXPORT_FONT;
  return measureContext.measureText(text).width;
}

// ``text`` cut into lines no wider than ``width`` at font ``size``, at spaces where it can
function wrap(text, size, width) {
  var lines = [];
  var line = "";
  String(text).split(/\s+/).forEach(function (word) {
    var longer = line ? line + " " + word : word;
    if (line && textWidth(longer, size) > width) {
      lines.push(line);
      line = word;
    } else {
      line = longer;
    }
  });
  if (line) { lines.push(line); }
  return lines;
}

function textSvg(text, x, y, size, attrs) {
  return "<text x=\"" + round(x) + "\" y=\"" + round(y) + "\" font-size=\"" + size + "\" " +
    (attrs || "") + ">" + xml(text) + "</text>";
}

// the legend as rows of (swatch, label) laid out left to right, wrapping at width
function legendSvg(top, width) {
  var items = [];
  var shown = new Set(api.nodeView.getIds());
  if (colorBy === "community") {
    P.communities.forEach(function (row) {
      if (row.size > 1 && items.length < 12) {
        items.push({ swatch: shapeSvg("dot", 0, 0, 6, "fill=\"" + xml(row.color) + "\""),
          text: (row.number + 1) + ". " + row.label });
      }
    });
  } else {
    var kinds = new Map();
    P.nodes.forEach(function (node) {
      if (shown.has(node.id) && !kinds.has(node.kind)) { kinds.set(node.kind, node); }
    });
    kinds.forEach(function (node, kind) {
      items.push({ swatch: shapeSvg(node.shape, 0, 0, 6, "fill=\"" + xml(node.color) + "\""),
        text: kind });
    });
  }
  Object.keys(P.styles.polarities).forEach(function (key) {
    var style = P.styles.polarities[key];
    items.push({ swatch: "<line x1=\"-10\" y1=\"0\" x2=\"10\" y2=\"0\" stroke=\"" +
      xml(style.color) + "\" stroke-width=\"3\"/>", text: style.label });
  });
  items.push({ swatch: "<line x1=\"-10\" y1=\"0\" x2=\"10\" y2=\"0\" stroke=\"#444\" " +
    "stroke-width=\"1.5\"/>", text: "1 tie" });
  items.push({ swatch: "<line x1=\"-10\" y1=\"0\" x2=\"10\" y2=\"0\" stroke=\"#444\" " +
    "stroke-width=\"7\"/>", text: "100+ ties and events (width: ties per pair)" });
  var out = "";
  var x = EXPORT_MARGIN, y = top + 10;
  items.forEach(function (item) {
    var w = 28 + textWidth(item.text, 12) + 18;
    if (x + w > width - EXPORT_MARGIN && x > EXPORT_MARGIN) { x = EXPORT_MARGIN; y += 20; }
    out += "<g transform=\"translate(" + round(x + 10) + "," + round(y) + ")\">" + item.swatch + "</g>";
    out += textSvg(item.text, x + 26, y + 4, 12, "fill=\"#333\"");
    x += w;
  });
  return { svg: out, height: y - top + 14 };
}

function exportSvg() {
  var network = api.network;
  var canvas = byId("map").querySelector("canvas");
  var width = canvas.clientWidth, height = canvas.clientHeight;
  var scale = network.getScale();
  var view = network.getViewPosition();
  var tx = width / 2 - view.x * scale, ty = height / 2 - view.y * scale;
  var body = network.body;
  var room = width - 2 * EXPORT_MARGIN;
  var titles = wrap(P.meta.title, 18, room);
  var lines = wrap(byId("provenance").textContent, 12, room).concat(
    wrap(byId("period-shown").textContent + " " + byId("visible-counts").textContent, 12, room));
  var header = 12 + 22 * titles.length + 16 * lines.length + 6;
  var legend = legendSvg(header + height + 8, width);
  var sources = wrap("Sources: " + (P.meta.sources.length ? P.meta.sources.join("; ") :
    "none named (unsourced ties)") + ". Map: diplograph.", 11, room);
  var footer = 8 + legend.height + 6 + 15 * sources.length;
  var total = header + height + footer;
  var out = ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + total +
    "\" viewBox=\"0 0 " + width + " " + total + "\" font-family=\"" + xml(EXPORT_FONT) + "\">"];
  out.push("<title>" + xml(P.meta.title) + "</title>");
  out.push("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
  var y = 12;
  titles.forEach(function (line) {
    y += 22;
    out.push(textSvg(line, EXPORT_MARGIN, y - 4, 18, "font-weight=\"700\" fill=\"#222\""));
  });
  lines.forEach(function (line) {
    y += 16;
    out.push(textSvg(line, EXPORT_MARGIN, y - 2, 12, "fill=\"#444\""));
  });
  out.push("<defs><clipPath id=\"map-area\"><rect x=\"0\" y=\"0\" width=\"" + width +
    "\" height=\"" + height + "\"/></clipPath></defs>");
  out.push("<g transform=\"translate(0," + header + ")\"><g clip-path=\"url(#map-area)\">");
  out.push("<rect width=\"" + width + "\" height=\"" + height + "\" fill=\"#ffffff\" " +
    "stroke=\"#dddddd\"/>");
  out.push("<g transform=\"translate(" + round(tx) + "," + round(ty) + ") scale(" + scale + ")\">");
  api.edgeView.getIds().forEach(function (id) {
    var edge = body.edges[id];
    if (edge && edge.connected) { out.push(edgeSvg(edge, focus !== null && !focus.edges.has(id), scale)); }
  });
  api.nodeView.getIds().forEach(function (id) {
    var node = body.nodes[id];
    if (node) { out.push(nodeSvg(node, focus !== null && !focus.nodes.has(id))); }
  });
  out.push("</g>");
  api.labels.forEach(function (label) {
    out.push(textSvg(label.text, label.x + label.width / 2, label.y + 2 + LABEL_SIZE - 2,
      LABEL_SIZE, "text-anchor=\"middle\" fill=\"#222\" stroke=\"#ffffff\" stroke-width=\"3\" " +
      "stroke-opacity=\"0.92\" paint-order=\"stroke\" stroke-linejoin=\"round\""));
  });
  out.push("</g></g>");
  out.push(legend.svg);
  sources.forEach(function (line, k) {
    out.push(textSvg(line, EXPORT_MARGIN, total - 8 - 15 * (sources.length - 1 - k), 11,
      "fill=\"#555\""));
  });
  out.push("</svg>");
  return out.join("\n");
}

// the SVG drawn at EXPORT_SCALE times its size; resolves to a PNG data URL
function exportPng() {
  var svg = exportSvg();
  var size = svg.match(/width="(\d+)" height="(\d+)"/);
  var width = Number(size[1]), height = Number(size[2]);
  return new Promise(function (resolve, reject) {
    var image = new Image();
    image.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = width * EXPORT_SCALE;
      canvas.height = height * EXPORT_SCALE;
      var context = canvas.getContext("2d");
      context.scale(EXPORT_SCALE, EXPORT_SCALE);
      context.drawImage(image, 0, 0, width, height);
      resolve(canvas.toDataURL("image/png"));
    };
    image.onerror = function () { reject(new Error("the SVG of the view could not be drawn")); };
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
  });
}

function download(href, name) {
  var link = el("a");
  link.href = href;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

function setupExports() {
  byId("export-png").addEventListener("click", function () {
    exportPng().then(function (url) { download(url, "diplograph-map.png"); });
  });
  byId("export-svg").addEventListener("click", function () {
    var url = URL.createObjectURL(new Blob([exportSvg()], { type: "image/svg+xml" }));
    download(url, "diplograph-map.svg");
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  });
}

api.exportSvg = exportSvg;
api.exportPng = exportPng;
