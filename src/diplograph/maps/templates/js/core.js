// diplograph relationship map: the data, helpers, tooltips and details. Every piece of data
// text reaches the page through textContent (never innerHTML) or the canvas's fillText, so
// labels and quotes show as text whatever characters they hold. The files of templates/js/
// share one scope, in the order diplograph.maps.page._SCRIPTS gives.

var api = {
  network: null, nodes: null, edges: null, nodeView: null, edgeView: null,
  payload: null, firstDrawMs: null, ready: false, timings: { start: performance.now() },
  labels: []
};
window.diplographMap = api;

function byId(id) { return document.getElementById(id); }

function el(tag, className, text) {
  var element = document.createElement(tag);
  if (className) { element.className = className; }
  if (text !== undefined && text !== null) { element.textContent = String(text); }
  return element;
}

function showMessage(text) {
  var box = byId("message");
  box.textContent = text;
  box.hidden = false;
}

function num(value) { return Number(value).toLocaleString("en"); }

// "1 tie", "2 ties": the noun takes the number, as the command line's counts do
function counted(value, one, many) { return num(value) + " " + (value === 1 ? one : many); }

// "1 of 1 actor", "2 of 17 actors": the noun takes the number of the total
function countedOf(shown, total, one, many) {
  return num(shown) + " of " + num(total) + " " + (total === 1 ? one : many);
}

// ---------------------------------------------------------------- the data

var P = null;            // the payload
var nodeIds = [];        // node index -> id
var nodeIndex = new Map();  // id -> node index
var nodeLabel = [];      // node index -> label
var pairCount = 0;
var tieCount = 0;
var pairOfTie = null;    // tie -> its pair
var details = new Map(); // tie -> its details (id, rows, evidence), where the page kept them
var FLAG_EVENT = 1, FLAG_ENDED = 2, FLAG_UNSOURCED = 4;

// the pairs' columns as the page carries them (diplograph.maps.page._pair_columns), whole
function unpackPairs() {
  ["from", "to", "directed", "polarity", "style", "ties", "events", "strongest"].forEach(
    function (name) { P.pairs[name] = readVarints(P.pairs[name]); });
  ["exists_from", "exists_until", "weight"].forEach(function (name) {
    P.pairs[name] = readVarints(P.pairs[name]).map(function (n) {
      return n === 0 ? null : ((n - 1) % 2 === 0 ? (n - 1) / 2 : -n / 2);
    });
  });
  // weights travel in thousandths
  P.pairs.weight = P.pairs.weight.map(function (w) { return w === null ? null : w / 1000; });
  ["type", "status", "style", "flags"].forEach(function (name) {
    P.pairs.shared[name] = readVarints(P.pairs.shared[name]);
  });
  var counts = readVarints(P.pairs.top_counts);
  var flat = readVarints(P.pairs.top);
  var at = 0;
  P.pairs.top = counts.map(function (n) { at += n; return flat.slice(at - n, at); });
  var start = 0;
  P.pairs.start = P.pairs.ties.map(function (n, p) {
    var here = start;
    start += n + P.pairs.events[p];
    return here;
  });
  var position = 0;
  P.ties.detail_at = readVarints(P.ties.detail_at).map(function (step) {
    position += step;
    return position;
  });
}

function loadData(payload) {
  P = payload;
  api.payload = payload;
  unpackPairs();
  P.nodes.forEach(function (node, i) {
    nodeIds.push(node.id);
    nodeIndex.set(node.id, i);
    nodeLabel.push(node.label);
  });
  pairCount = P.pairs.from.length;
  tieCount = 0;
  for (var q = 0; q < pairCount; q++) { tieCount += P.pairs.ties[q] + P.pairs.events[q]; }
  pairOfTie = new Int32Array(tieCount);
  for (var p = 0; p < pairCount; p++) {
    for (var i = P.pairs.start[p], end = i + pairSize(p); i < end; i++) { pairOfTie[i] = p; }
  }
  P.ties.detail_at.forEach(function (at, k) { details.set(at, P.ties.details[k]); });
  unpackTies();
  FLAG_EVENT = P.styles.flags.event;
  FLAG_ENDED = P.styles.flags.ended;
  FLAG_UNSOURCED = P.styles.flags.unsourced;
}

// numbers written as one string (diplograph.maps.page._varints): five bits a character, low
// bits first, characters past the first 32 of the alphabet saying that more follow; zigzagged
var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
var DIGIT = (function () {
  var table = new Int8Array(128);
  for (var k = 0; k < DIGITS.length; k++) { table[DIGITS.charCodeAt(k)] = k; }
  return table;
})();
function readVarints(text) {
  var count = 0;
  for (var c = 0; c < text.length; c++) { if (DIGIT[text.charCodeAt(c)] < 32) { count++; } }
  // a plain array of numbers (not a typed one): callers map it, and some store nulls in it
  var values = new Array(count);
  var number = 0, scale = 1, at = 0;
  for (var i = 0; i < text.length; i++) {
    var d = DIGIT[text.charCodeAt(i)];
    if (d >= 32) {
      number += (d - 32) * scale;
      scale *= 32;
    } else {
      number += d * scale;
      values[at++] = number % 2 === 0 ? number / 2 : -(number + 1) / 2;
      number = 0;
      scale = 1;
    }
  }
  return values;
}

// the tie columns as the page carries them (diplograph.maps.page._packed_ties), whole again:
// a value a pair holds for all its ties given to each, dates from their steps
function unpackTies() {
  var packed = {};
  ["type", "status", "style", "flags", "begin", "end"].forEach(function (name) {
    packed[name] = readVarints(P.ties[name]);
  });
  var shared = P.pairs.shared;
  var type = new Int32Array(tieCount), status = new Int32Array(tieCount);
  var style = new Int32Array(tieCount), flags = new Int32Array(tieCount);
  var atType = 0, atStatus = 0, atStyle = 0, atFlags = 0;
  var begins = new Array(tieCount);
  var ends = new Array(tieCount);
  var bounds = new Array(tieCount);
  var packedBounds = readVarints(P.ties.bounds);
  var nextBegin = 0, nextEnd = 0, nextBound = 0;
  var hasBegin = P.styles.flags.has_begin, hasEnd = P.styles.flags.has_end;
  var hasBounds = P.styles.flags.has_bounds;
  for (var p = 0; p < pairCount; p++) {
    var previous = 0, reference = 0;
    // a pair's shared value, or -1 when each of its ties has its own in the packed column
    var sharedType = shared.type[p], sharedStatus = shared.status[p];
    var sharedStyle = shared.style[p], sharedFlags = shared.flags[p];
    for (var t = P.pairs.start[p], last = t + pairSize(p); t < last; t++) {
      type[t] = sharedType >= 0 ? sharedType : packed.type[atType++];
      status[t] = sharedStatus >= 0 ? sharedStatus : packed.status[atStatus++];
      style[t] = sharedStyle >= 0 ? sharedStyle : packed.style[atStyle++];
      var flag = sharedFlags >= 0 ? sharedFlags : packed.flags[atFlags++];
      flags[t] = flag;
      var begin = null;
      if (flag & hasBegin) { begin = previous + packed.begin[nextBegin++]; previous = begin; }
      begins[t] = begin;
      ends[t] = flag & hasEnd ? packed.end[nextEnd++] + (begin === null ? 0 : begin) : null;
      bounds[t] = null;
      if (flag & hasBounds) {
        // earliest begin, latest begin, earliest end, latest end: nullable, since the pair's
        // previous latest begin (diplograph.maps.page._packed_ties)
        var four = [];
        for (var k = 0; k < 4; k++) {
          var n = packedBounds[nextBound++];
          four.push(n === 0 ? null : reference + ((n - 1) % 2 === 0 ? (n - 1) / 2 : -n / 2));
        }
        if (four[1] !== null) { reference = four[1]; }
        bounds[t] = four;
      }
    }
  }
  P.ties.type = type;
  P.ties.status = status;
  P.ties.style = style;
  P.ties.flags = flags;
  P.ties.begin = begins;
  P.ties.end = ends;
  P.ties.bounds = bounds;
}

function pairSize(p) { return P.pairs.ties[p] + P.pairs.events[p]; }
function pairFrom(p) { return nodeIds[P.pairs.from[p]]; }
function pairTo(p) { return nodeIds[P.pairs.to[p]]; }
function pairArrow(p) { return P.pairs.directed[p] ? " \u2192 " : " \u2014 "; }
function pairHeading(p) {
  return nodeLabel[P.pairs.from[p]] + pairArrow(p) + nodeLabel[P.pairs.to[p]];
}
function isEvent(i) { return (P.ties.flags[i] & FLAG_EVENT) !== 0; }
function tieType(i) { return P.ties.types[P.ties.type[i]]; }
function tieStatus(i) { return P.ties.statuses[P.ties.status[i]]; }

// ---------------------------------------------------------------- days

var DAY = 86400000;
function isoDay(number) { return new Date(number * DAY).toISOString().slice(0, 10); }
function dayNumber(iso) { return Math.round(Date.parse(iso.slice(0, 10) + "T00:00:00Z") / DAY); }

function datesText(begin, end) {
  if (begin !== null && end !== null) { return isoDay(begin) + " to " + isoDay(end); }
  if (begin !== null) { return "since " + isoDay(begin); }
  if (end !== null) { return "until " + isoDay(end); }
  return "not stated";
}

// a tie observed at snapshots: surely in force from its latest begin to its earliest end, of
// unknown time back to its earliest begin and on to its latest end
function boundsText(bounds) {
  function day(d) { return d === null ? "?" : isoDay(d); }
  return "in force " + day(bounds[1]) + " to " + day(bounds[2]) + "; unknown from " +
    day(bounds[0]) + " and until " + day(bounds[3]);
}

// ---------------------------------------------------------------- tooltips and details

function infoBox(heading, rows, evidence, more) {
  var box = el("div", "tip");
  box.appendChild(el("div", "tip-title", heading));
  var list = el("dl");
  rows.forEach(function (row) {
    list.appendChild(el("dt", null, row[0]));
    list.appendChild(el("dd", null, row[1]));
  });
  box.appendChild(list);
  (evidence || []).forEach(function (item) { addEvidence(box, item); });
  if (more > 0) {
    box.appendChild(el("div", "tip-more", "and " + counted(more, "more supporting sentence",
      "more supporting sentences")));
  }
  return box;
}

// one supporting statement: a sentence in quotation marks, or a dataset row said in words with
// the row itself one click away (in the details card; a hover tooltip shows the words alone)
function addEvidence(box, item) {
  if (item.row) {
    box.appendChild(el("div", "tip-citation", item.quote));
    var raw = el("details", "tip-row");
    raw.appendChild(el("summary", null, "the dataset row"));
    raw.appendChild(el("code", null, item.row));
    box.appendChild(raw);
  } else if (item.quote) {
    box.appendChild(el("blockquote", null, "\u201c" + item.quote + "\u201d"));
  }
  if (item.source) { box.appendChild(el("div", "tip-source", "\u2014 " + item.source)); }
}

// a single tie: its type, status and dates from the columns; numbers and quotes from its
// details, or a note that the page had no room for them
function tieRows(i) {
  var detail = details.get(i);
  var rows = [
    ["type", tieType(i).label],
    ["status", tieStatus(i).label],
    ["dates", datesText(P.ties.begin[i], P.ties.end[i])]
  ];
  if (P.ties.bounds[i]) { rows.push(["observed", boundsText(P.ties.bounds[i])]); }
  rows.push(["polarity", P.styles.polarities[String(P.pairs.polarity[pairOfTie[i]])].label]);
  if (detail) { rows = rows.concat(detail.rows); }
  if (P.ties.flags[i] & FLAG_UNSOURCED) {
    rows.push(["evidence", "none: unsourced: no statement supports it"]);
  } else if (!detail) {
    rows.push(["evidence", "not kept in this page (it holds the quotes of " +
      num(P.ties.details.length) + " of " + counted(tieCount, "tie", "ties") + ")"]);
  }
  return rows;
}

function tieBox(i) {
  var p = pairOfTie[i];
  var detail = details.get(i);
  return infoBox(pairHeading(p), tieRows(i), detail ? detail.evidence : [],
    detail ? (detail.more || 0) : 0);
}

// an actor's details: its kind, other names, Wikidata id, measures in this map and community
function nodeRows(at) {
  var node = P.nodes[at], info = P.node_info[at];
  var rows = [["kind", node.kind]];
  var aliases = info.names.filter(function (name) { return name !== node.label; });
  if (aliases.length) { rows.push(["also known as", aliases.join(" \u00b7 ")]); }
  if (info.wikidata) { rows.push(["Wikidata", info.wikidata]); }
  rows.push(["ties and events in this map", num(node.measures[0])]);
  rows.push(["partners in this map", num(node.measures[1])]);
  if (node.community >= 0) {
    rows.push(["community", (node.community + 1) + " (" +
      counted(communityRow(node.community).size, "actor", "actors") + ")"]);
  }
  return rows;
}

function nodeBox(id) {
  var at = nodeIndex.get(id);
  if (at === undefined) { return communityBox(id); }
  return infoBox(nodeLabel[at], nodeRows(at), [], 0);
}

function showTip(box, at) {
  var tip = byId("tooltip");
  tip.replaceChildren(box);
  tip.hidden = false;
  var area = tip.parentElement;
  var left = at.x + 14;
  var top = at.y + 14;
  if (left + tip.offsetWidth > area.clientWidth) { left = Math.max(0, at.x - tip.offsetWidth - 14); }
  if (top + tip.offsetHeight > area.clientHeight) { top = Math.max(0, at.y - tip.offsetHeight - 14); }
  tip.style.left = left + "px";
  tip.style.top = top + "px";
}

function hideTip() { byId("tooltip").hidden = true; }

// Details open in a card over the map's top corner, where the person who clicked is looking
// (the side panel's end is below the fold of a laptop screen), in the other top corner when
// the click was under the card; empty space, × or Escape closes it.
function showDetails(box, at) {
  var card = byId("details-card");
  if (!box) {
    card.hidden = true;
    byId("details").replaceChildren();
    return;
  }
  hideTip();
  byId("details").replaceChildren(box);
  card.hidden = false;
  card.scrollTop = 0;
  card.classList.remove("other-side");
  if (at) {
    var area = card.parentElement.getBoundingClientRect();
    var rect = card.getBoundingClientRect();
    var x = area.left + at.x;
    var y = area.top + at.y;
    if (x >= rect.left - 10 && x <= rect.right + 10 && y <= rect.bottom + 10) {
      card.classList.add("other-side");
    }
  }
}

function button(text, onClick, className) {
  var element = el("button", className || "link-button", text);
  element.type = "button";
  element.addEventListener("click", onClick);
  return element;
}
