// ---------------------------------------------------------------- timeline

// Under the map, a histogram of ties in force (by the as-of rule, over the dated ties that
// pass the type and status filters) and of events, by year (by month when the dates span
// three years or less). Dragging across it brushes a period; the map then shows the ties in
// force at some time in it by the rule applied to the period's ends (inForceDuring), those of
// unknown time faded. The two date fields set the period to the day; Play steps through the
// years (or months) that have any tie or event. It spans the bulk of the dates (P.dates.from to
// P.dates.to: a tail of a few dates far apart from the rest, such as a Wikidata inception of
// 1300 among ties of 1815-2022, is left out of it and counted); "Whole span" shows every date.

var bins = null;        // {unit, starts: [day], ends: [day]}
var binTies = null;
var binEvents = null;
var playing = null;
var PLAY_STEP_MS = 900;
var wholeSpan = false;  // whether the histogram spans every date, not only the bulk
var SVG = "http://www.w3.org/2000/svg";

function svgEl(tag, attrs) {
  var element = document.createElementNS(SVG, tag);
  Object.keys(attrs || {}).forEach(function (key) { element.setAttribute(key, attrs[key]); });
  return element;
}

function makeBins(first, last) {
  var a = new Date(first * DAY);
  var monthly = last - first <= 3 * 366;
  var starts = [], ends = [];
  var y = a.getUTCFullYear(), m = monthly ? a.getUTCMonth() : 0;
  for (;;) {
    var start = Date.UTC(y, m, 1) / DAY;
    var next = monthly ? Date.UTC(y, m + 1, 1) / DAY : Date.UTC(y + 1, 0, 1) / DAY;
    if (start > last) { break; }
    starts.push(start);
    ends.push(next - 1);
    if (monthly) { m += 1; if (m === 12) { m = 0; y += 1; } } else { y += 1; }
    if (starts.length > 5000) { break; }
  }
  return { unit: monthly ? "month" : "year", starts: starts, ends: ends,
    first: starts[0], last: ends[ends.length - 1] };
}

function binOf(day) {
  var starts = bins.starts;
  var lo = 0, hi = starts.length - 1;
  if (day <= starts[0]) { return 0; }
  if (day >= starts[hi]) { return hi; }
  while (lo < hi) {
    var mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= day) { lo = mid; } else { hi = mid - 1; }
  }
  return lo;
}

function countBins() {
  var n = bins.starts.length;
  var diff = new Int32Array(n + 1);
  binEvents = new Int32Array(n);
  for (var i = 0; i < tieCount; i++) {
    if (hiddenTypes.has(P.ties.type[i]) || hiddenStatuses.has(P.ties.status[i])) { continue; }
    // a tie observed at snapshots counts from its latest begin to its earliest end
    var bounds = P.ties.bounds[i] || [null, null, null, null];
    var begin = P.ties.begin[i] !== null ? P.ties.begin[i] : bounds[1];
    if (begin === null) { continue; }  // of unknown time: not in the histogram
    if (isEvent(i)) {
      if (begin >= bins.first && begin <= bins.last) { binEvents[binOf(begin)] += 1; }
      continue;
    }
    var p = pairOfTie[i];
    var lo = begin;
    if (P.pairs.exists_from[p] !== null && P.pairs.exists_from[p] > lo) { lo = P.pairs.exists_from[p]; }
    var end = P.ties.end[i] !== null ? P.ties.end[i] : bounds[2];
    var hi = end !== null ? end :
      ((P.ties.flags[i] & FLAG_ENDED) || bounds[3] !== null ? begin : bins.last);
    if (P.pairs.exists_until[p] !== null && P.pairs.exists_until[p] < hi) { hi = P.pairs.exists_until[p]; }
    if (hi < lo || hi < bins.first || lo > bins.last) { continue; }
    diff[binOf(lo)] += 1;
    diff[binOf(hi) + 1] -= 1;
  }
  binTies = new Int32Array(n);
  var running = 0;
  for (var k = 0; k < n; k++) { running += diff[k]; binTies[k] = running; }
}

function binText(k) {
  var day = isoDay(bins.starts[k]);
  return bins.unit === "year" ? day.slice(0, 4) : day.slice(0, 7);
}

function setupTimeline() {
  var box = byId("timeline");
  var note = byId("timeline-note");
  box.hidden = false;
  if (!P.dates) {
    note.textContent = "No tie or event in this map has a date: the map shows them all.";
    byId("histogram").hidden = true;
    ["play", "period-from", "period-to", "period-clear"].forEach(function (id) {
      byId(id).disabled = true;
    });
    return;
  }
  spanBins();
  var svg = byId("histogram");
  var drag = null;
  function binAt(event) {
    var rect = svg.getBoundingClientRect();
    var k = Math.floor((event.clientX - rect.left) / rect.width * bins.starts.length);
    return Math.max(0, Math.min(bins.starts.length - 1, k));
  }
  svg.addEventListener("pointerdown", function (event) {
    stopPlaying();
    drag = binAt(event);
    svg.setPointerCapture(event.pointerId);
    drawBrush(drag, drag);
  });
  svg.addEventListener("pointermove", function (event) {
    if (drag !== null) { drawBrush(Math.min(drag, binAt(event)), Math.max(drag, binAt(event))); }
  });
  svg.addEventListener("pointerup", function (event) {
    if (drag === null) { return; }
    var k = binAt(event);
    var a = Math.min(drag, k), b = Math.max(drag, k);
    drag = null;
    setPeriod(bins.starts[a], bins.ends[b]);
  });
  byId("period-from").addEventListener("change", fromInputs);
  byId("period-to").addEventListener("change", fromInputs);
  byId("period-clear").addEventListener("click", function () { stopPlaying(); setPeriod(null, null); });
  byId("play").addEventListener("click", function () {
    if (playing !== null) { stopPlaying(); } else { play(); }
  });
  var whole = byId("timeline-whole");
  whole.hidden = !P.dates.apart;
  whole.addEventListener("click", function () {
    stopPlaying();
    wholeSpan = !wholeSpan;
    spanBins();
    updateTimeline();
  });
  // a period can be typed anywhere in the whole span, the dates apart included
  byId("period-from").min = byId("period-to").min = isoDay(P.dates.min);
  byId("period-from").max = byId("period-to").max = isoDay(P.dates.max);
  box.hidden = false;
}

// the histogram's bins over the bulk of the dates or (wholeSpan) all of them, and the note
function spanBins() {
  var d = P.dates;
  bins = wholeSpan ? makeBins(d.min, d.max) : makeBins(d.from, d.to);
  var text = counted(d.dated, "tie or event", "ties and events") + " with a date, " +
    isoDay(d.min) + " to " + isoDay(d.max) + " (by " + bins.unit + "; " +
    "ties undated or of unknown time are not counted here). ";
  if (d.apart) {
    text += (wholeSpan ? "Shown: every date. " : "Shown: " + isoDay(d.from) + " to " +
      isoDay(d.to) + "; " + counted(d.apart, "tie or event has", "ties and events have") +
      " a date far apart from the rest, outside it. ");
    byId("timeline-whole").textContent = wholeSpan ?
      "Bulk " + isoDay(d.from).slice(0, 4) + "\u2013" + isoDay(d.to).slice(0, 4) :
      "Whole span " + isoDay(d.min).slice(0, 4) + "\u2013" + isoDay(d.max).slice(0, 4);
  }
  byId("timeline-note").textContent = text + "Drag across to choose a period.";
  // the axis now, so that the page's layout is final before the first drawing of the map
  byId("timeline-first").textContent = binText(0);
  byId("timeline-last").textContent = binText(bins.starts.length - 1);
}
api.setWholeSpan = function (whole) {
  if (!bins || wholeSpan === Boolean(whole)) { return; }
  byId("timeline-whole").click();
};

function fromInputs() {
  stopPlaying();
  var a = byId("period-from").value, b = byId("period-to").value;
  if (!a && !b) { setPeriod(null, null); return; }
  var first = a ? dayNumber(a) : (b ? dayNumber(b) : null);
  var last = b ? dayNumber(b) : first;
  setPeriod(Math.min(first, last), Math.max(first, last));
}

// the period shown: two day numbers (the same for one day), or nulls for all dates
function setPeriod(first, last) {
  period = first === null ? null : { first: first, last: last === null ? first : last };
  showPeriod();
  applyFilters();
}

// what the map shows before a period is chosen: all dates, or all the query found in its own
function allShown() {
  return P.meta.period_asked && !P.meta.as_of ?
    "Shown: all the query found for the period asked, " + P.meta.period_asked + "." :
    "Shown: all dates.";
}

function showPeriod() {
  byId("period-from").value = period ? isoDay(period.first) : "";
  byId("period-to").value = period ? isoDay(period.last) : "";
  byId("period-shown").textContent = period === null ? allShown() :
    "Shown: ties in force " + periodText() + (undated === "show" ?
      " (those of unknown time then faded)." : (undated === "include" ?
      " (those of unknown time then as if in force)." : " (those of unknown time hidden)."));
}
api.setPeriod = function (first, last) {
  setPeriod(first ? dayNumber(first) : null, last ? dayNumber(last) : (first ? dayNumber(first) : null));
};

function stepBins() {
  var steps = [];
  for (var k = 0; k < bins.starts.length; k++) {
    if (binTies[k] || binEvents[k]) { steps.push(k); }
  }
  return steps;
}

function play() {
  if (!bins) { return; }
  var steps = stepBins();
  var at = 0;
  if (period !== null) {
    var current = binOf(period.first);
    for (var s = 0; s < steps.length; s++) { if (steps[s] > current) { at = s; break; } }
  }
  byId("play").textContent = "Pause";
  function step() {
    if (at >= steps.length) { stopPlaying(); return; }
    var k = steps[at];
    at += 1;
    setPeriod(bins.starts[k], bins.ends[k]);
    playing = window.setTimeout(step, PLAY_STEP_MS);
  }
  playing = 0;
  step();
}

function stopPlaying() {
  if (playing) { window.clearTimeout(playing); }
  playing = null;
  byId("play").textContent = "Play";
}
api.play = play;
api.stop = stopPlaying;

function drawBrush(a, b) {
  var brush = byId("brush");
  if (!brush || !bins) { return; }
  var n = bins.starts.length;
  brush.setAttribute("x", String(a / n * 1000));
  brush.setAttribute("width", String((b - a + 1) / n * 1000));
  brush.setAttribute("visibility", "visible");
}

function updateTimeline() {
  if (!bins) { return; }
  countBins();
  var svg = byId("histogram");
  var n = bins.starts.length;
  var top = 1;
  for (var k = 0; k < n; k++) { top = Math.max(top, binTies[k] + binEvents[k]); }
  svg.replaceChildren();
  svg.setAttribute("viewBox", "0 0 1000 100");
  svg.setAttribute("preserveAspectRatio", "none");
  var width = 1000 / n;
  var chosen = period === null ? null : [binOf(period.first), binOf(period.last)];
  for (k = 0; k < n; k++) {
    var inside = chosen === null || (k >= chosen[0] && k <= chosen[1]);
    var tieHeight = binTies[k] / top * 96;
    var eventHeight = binEvents[k] / top * 96;
    var title = binText(k) + ": " + counted(binTies[k], "tie in force", "ties in force") +
      ", " + counted(binEvents[k], "event", "events");
    var bar = svgEl("rect", { x: k * width, y: 100 - tieHeight, width: Math.max(width - 0.5, 0.3),
      height: tieHeight, "class": inside ? "bar-ties" : "bar-ties out" });
    bar.appendChild(svgEl("title"));
    bar.firstChild.textContent = title;
    svg.appendChild(bar);
    if (eventHeight) {
      var stacked = svgEl("rect", { x: k * width, y: 100 - tieHeight - eventHeight,
        width: Math.max(width - 0.5, 0.3), height: eventHeight,
        "class": inside ? "bar-events" : "bar-events out" });
      stacked.appendChild(svgEl("title"));
      stacked.firstChild.textContent = title;
      svg.appendChild(stacked);
    }
  }
  svg.appendChild(svgEl("rect", { id: "brush", x: 0, y: 0, width: 0, height: 100,
    "class": "brush", visibility: "hidden" }));
  if (chosen !== null) { drawBrush(chosen[0], chosen[1]); }
  byId("timeline-first").textContent = binText(0);
  byId("timeline-last").textContent = binText(n - 1);
}

api.timelineBins = function () {
  if (!bins) { return null; }
  if (binTies === null) { updateTimeline(); }  // asked before its first drawing
  return bins.starts.map(function (start, k) {
    return { start: isoDay(start), end: isoDay(bins.ends[k]), ties: binTies[k], events: binEvents[k] };
  });
};
