// diplograph relationship map. Every piece of data text reaches the page through textContent
// (never innerHTML), so labels and quotes show as text whatever characters they hold.
(function () {
  "use strict";

  var api = {
    network: null, nodes: null, edges: null, nodeView: null, edgeView: null,
    payload: null, firstDrawMs: null, ready: false, timings: { start: performance.now() },
    search: null, focusNode: null, applyFilters: null, exportPng: null, inForce: null
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

  // ---------------------------------------------------------------- tooltips and details

  function infoBox(heading, rows, evidence) {
    var box = el("div", "tip");
    box.appendChild(el("div", "tip-title", heading));
    var list = el("dl");
    rows.forEach(function (row) {
      list.appendChild(el("dt", null, row[0]));
      list.appendChild(el("dd", null, row[1]));
    });
    box.appendChild(list);
    var shown = (evidence || []).slice(0, 3);
    shown.forEach(function (item) {
      if (item.quote) { box.appendChild(el("blockquote", null, "\u201c" + item.quote + "\u201d")); }
      if (item.source) { box.appendChild(el("div", "tip-source", "\u2014 " + item.source)); }
    });
    var more = (evidence || []).length - shown.length;
    if (more > 0) {
      box.appendChild(el("div", "tip-more", "and " + more + " more supporting sentence" +
        (more === 1 ? "" : "s")));
    }
    return box;
  }

  var nodeInfo = new Map();  // id -> {names, rows}
  var edgeInfo = new Map();  // id -> {heading, rows, evidence}

  function nodeBox(node) { return infoBox(node.label, nodeInfo.get(node.id).rows, []); }
  function edgeBox(edge) {
    var info = edgeInfo.get(edge.id);
    return infoBox(info.heading, info.rows, info.evidence);
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

  // ---------------------------------------------------------------- filters

  var hiddenTypes = new Set();
  var hiddenStatuses = new Set();
  var asOf = null;         // "YYYY-MM-DD" while the time control is on
  var undated = "show";    // ties of unknown time on asOf: "show" (faded), "include", "exclude"
  var fadedOpacity = 0.35; // payload.styles.unknown.opacity (diplograph.maps.UNKNOWN_TIME_STYLE)
  var hideOrphans = true;
  var endpoints = null;    // ids of actors with a visible tie
  var timeStates = new Map();  // edge id -> true, false or null (unknown) on asOf

  // THE as-of rule, diplograph.network.temporal.in_force, on days written YYYY-MM-DD (compared
  // as text, as Python and the edges query compare them): false if the day is outside the
  // actors' existence, before the tie's begin or earliest begin, or after its end or latest
  // end; else null (unknown) if it has not surely begun (no begin, and no latest begin or the
  // day before it); true with an end, or up to its earliest end; null after the earliest end,
  // with only a latest end, or if ended with no end date; else true. The browser tests hold it
  // to the table.
  function inForceOn(edge, day) {
    if ((edge.exists_from && day < edge.exists_from) ||
        (edge.exists_until && day > edge.exists_until) ||
        (edge.begin && day < edge.begin) || (edge.end && day > edge.end) ||
        (edge.earliest_begin && day < edge.earliest_begin) ||
        (edge.latest_end && day > edge.latest_end)) { return false; }
    var begun = edge.begin || edge.latest_begin;
    if (!begun || day < begun) { return null; }
    if (edge.end) { return true; }
    if (edge.earliest_end) { return day <= edge.earliest_end ? true : null; }
    if (edge.latest_end || edge.ended) { return null; }
    return true;
  }

  function edgeVisible(edge) {
    if (hiddenTypes.has(edge.tie_type) || hiddenStatuses.has(edge.status)) { return false; }
    var state = asOf === null ? true : timeStates.get(edge.id);
    return state === true || (state === null && undated !== "exclude");
  }

  function isFaded(edge) {
    return typeof edge.color === "object" && edge.color !== null && edge.color.opacity < 1;
  }

  function edgeColor(base, opacity) {
    return { color: base, highlight: base, hover: base, inherit: false, opacity: opacity };
  }

  // Ties of unknown time on the chosen day are drawn faded (undated "show"); only the ties whose
  // look changes are updated, so that moving the date costs little on large maps.
  function restyle() {
    var changes = [];
    var unknown = 0;
    api.edges.forEach(function (edge) {
      var state = asOf === null ? true : inForceOn(edge, asOf);
      timeStates.set(edge.id, state);
      var faded = state === null && undated === "show";
      if (state === null) { unknown += 1; }
      if (faded !== isFaded(edge)) {
        var base = typeof edge.color === "string" ? edge.color : edge.color.color;
        changes.push({ id: edge.id, color: edgeColor(base, faded ? fadedOpacity : 1) });
      }
    });
    if (changes.length) { api.edges.update(changes); }
    var legendRow = byId("legend-unknown");
    if (legendRow) {
      legendRow.querySelector(".count").textContent = String(undated === "show" ? unknown : 0);
    }
  }

  function nodeVisible(node) {
    return !hideOrphans || endpoints === null || node.degree === 0 || endpoints.has(node.id);
  }

  // "1 of 1 actor", "2 of 17 actors": the noun takes the number of the total, as the CLI's
  // counts do (diplograph.wording.counted); "ties and events" only when the map has events.
  function countedOf(shown, total, one, many) {
    return shown.toLocaleString("en") + " of " + total.toLocaleString("en") + " " +
      (total === 1 ? one : many);
  }

  var hasEvents = null;  // edges are restyled, never added or removed: looked at once

  function updateCounts() {
    if (hasEvents === null) {
      hasEvents = api.edges.get({ filter: function (edge) { return edge.kind === "event"; } })
        .length > 0;
    }
    var text = countedOf(api.nodeView.length, api.nodes.length, "actor", "actors") + " and " +
      (hasEvents
        ? countedOf(api.edgeView.length, api.edges.length, "tie or event", "ties and events")
        : countedOf(api.edgeView.length, api.edges.length, "tie", "ties")) + " visible";
    if (asOf !== null) {
      var known = 0;
      var unknown = 0;
      api.edgeView.forEach(function (edge) {
        if (timeStates.get(edge.id) === true) { known += 1; } else { unknown += 1; }
      });
      text += "; on " + asOf + ": " + known.toLocaleString("en") + " in force, " +
        unknown.toLocaleString("en") + " of unknown time" +
        (unknown ? (undated === "show" ? " (faded)" : " (as if in force)") : "");
    }
    byId("visible-counts").textContent = text + ".";
  }

  function applyFilters() {
    // With physics off, vis-network 9.1.2 redraws at once on every data change; holding
    // redraws (its internal _blockRedraw/_allowRedraw events) makes the restyling and the two
    // view refreshes cost one redraw instead of several: about 2 s instead of 5-6 s at 20k actors.
    var emitter = api.network && api.network.body.emitter;
    if (emitter) { emitter.emit("_blockRedraw"); }
    try {
      restyle();
      var seen = new Set();
      api.edges.forEach(function (edge) {
        if (edgeVisible(edge)) { seen.add(edge.from); seen.add(edge.to); }
      });
      endpoints = seen;
      api.edgeView.refresh();
      api.nodeView.refresh();
    } finally {
      if (emitter) {
        emitter.emit("_allowRedraw");
        api.network.redraw();
      }
    }
    updateCounts();
  }

  function checklist(container, rows, hidden) {
    rows.forEach(function (row) {
      var label = el("label", "check");
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = row.key;
      box.addEventListener("change", function () {
        if (box.checked) { hidden.delete(row.key); } else { hidden.add(row.key); }
        applyFilters();
      });
      label.appendChild(box);
      label.appendChild(el("span", null, row.label));
      label.appendChild(el("span", "count", row.count));
      container.appendChild(label);
    });
  }

  // ---------------------------------------------------------------- time control

  var DAY = 86400000;
  function hoverEnabled() { return api.payload.options.interaction.hover !== false; }
  function dayNumber(iso) { return Math.round(Date.parse(iso + "T00:00:00Z") / DAY); }
  function isoDay(number) { return new Date(number * DAY).toISOString().slice(0, 10); }

  function setupTime(dates) {
    var enabled = byId("asof-enabled");
    var range = byId("asof-range");
    var label = byId("asof-label");
    if (!dates) {
      enabled.disabled = true;
      byId("time-note").textContent = "No tie or actor in this map has a date, so all " +
        "ties are shown, whatever the day.";
      return;
    }
    var first = dayNumber(dates.min);
    range.max = String(dayNumber(dates.max) - first);
    range.value = String(dayNumber(dates.initial || dates.max) - first);
    label.textContent = isoDay(first + Number(range.value));
    var unknownWord = { show: "drawn faded", include: "drawn as if in force",
      exclude: "hidden" }[undated];
    byId("time-note").textContent = dates.dated_ties + " dated tie" +
      (dates.dated_ties === 1 ? "" : "s") + " (" + dates.min + " to " + dates.max +
      "). On the day chosen, ties not in force then are hidden, and ties of unknown time " +
      "then (undated, or ended at a time not given) are " + unknownWord + ".";
    var pending = false;
    // the date changes with the view, in the same frame: DataView.getIds() (and vis, when it
    // re-filters) asks edgeVisible, which must describe what is drawn, not a date still to come
    function update() {
      label.textContent = isoDay(first + Number(range.value));
      if (pending) { return; }
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        asOf = enabled.checked ? label.textContent : null;
        applyFilters();
      });
    }
    enabled.addEventListener("change", function () { range.disabled = !enabled.checked; update(); });
    // large maps (no hover) refilter when the slider is let go, not at every step of a drag
    var live = hoverEnabled();
    range.addEventListener(live ? "input" : "change", update);
    if (!live) {
      range.addEventListener("input", function () {
        label.textContent = isoDay(first + Number(range.value));
      });
    }
    if (dates.initial) {
      enabled.checked = true;
      range.disabled = false;
      asOf = dates.initial;
    }
  }

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
      index = api.nodes.get().map(function (node) {
        return {
          id: node.id, label: node.label,
          names: nodeInfo.get(node.id).names.map(function (name) {
            return [name, normalise(name)];
          })
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
        if (best === null || rank < best.rank) { best = { rank: rank, name: pair[0] }; }
      });
      if (best !== null) {
        found.push({ id: item.id, label: item.label, name: best.name, rank: best.rank });
      }
    });
    found.sort(function (a, b) { return a.rank - b.rank || a.label.localeCompare(b.label); });
    return found.slice(0, 15);
  }

  function focusNode(id) {
    if (api.nodeView.get(id) === null) {
      var node = api.nodes.get(id);
      byId("visible-counts").textContent = (node ? node.label : id) +
        " is hidden by the current filters.";
      return false;
    }
    api.network.selectNodes([id]);
    api.network.focus(id, { scale: Math.max(api.network.getScale(), 1.2), animation: false });
    showDetails(nodeBox(api.nodes.get(id)));
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
        var button = el("button");
        button.type = "button";
        button.dataset.id = result.id;
        button.appendChild(el("span", "label", result.label));
        if (result.name !== result.label) {
          button.appendChild(document.createTextNode(" "));
          button.appendChild(el("span", "alias", "(" + result.name + ")"));
        }
        if (api.nodeView.get(result.id) === null) {
          button.appendChild(el("span", "hidden-note", " hidden by filters"));
        }
        button.addEventListener("click", function () { focusNode(result.id); });
        item.appendChild(button);
        list.appendChild(item);
      });
      return results;
    }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(show, api.nodes.length > 5000 ? 150 : 0);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") { return; }
      event.preventDefault();
      var results = show();
      if (results.length) { focusNode(results[0].id); }
    });
  }

  // ---------------------------------------------------------------- PNG export

  function exportPng() {
    var canvas = byId("map").querySelector("canvas");
    var link = el("a");
    link.href = canvas.toDataURL("image/png");
    link.download = "diplograph-map.png";
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  // ---------------------------------------------------------------- start

  function start() {
    var payload = JSON.parse(byId("diplograph-data").textContent);
    api.timings.parsed = performance.now();
    api.payload = payload;
    payload.nodes.forEach(function (node, i) { nodeInfo.set(node.id, payload.node_info[i]); });
    payload.edges.forEach(function (edge, i) { edgeInfo.set(edge.id, payload.edge_info[i]); });
    api.nodes = new vis.DataSet(payload.nodes);
    api.edges = new vis.DataSet(payload.edges);
    api.timings.datasets = performance.now();
    api.edgeView = new vis.DataView(api.edges, { filter: edgeVisible });
    api.nodeView = new vis.DataView(api.nodes, { filter: nodeVisible });
    api.search = search;
    api.focusNode = focusNode;
    api.applyFilters = applyFilters;
    api.exportPng = exportPng;
    api.inForce = inForceOn;
    undated = payload.meta.undated || "show";
    fadedOpacity = payload.styles.unknown.opacity;

    if (payload.nodes.length === 0) {
      document.querySelector(".panel").hidden = true;
      showMessage(payload.meta.empty_message);
      document.body.dataset.state = "empty";
      api.ready = true;
      return;
    }

    checklist(byId("filter-types"), payload.filters.tie_types, hiddenTypes);
    checklist(byId("filter-statuses"), payload.filters.statuses, hiddenStatuses);
    byId("hide-orphans").addEventListener("change", function (event) {
      hideOrphans = event.target.checked;
      applyFilters();
    });
    setupTime(payload.dates);
    setupSearch();
    byId("export-png").addEventListener("click", exportPng);
    byId("details-close").addEventListener("click", function () { showDetails(null); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { showDetails(null); }
    });
    applyFilters();
    api.timings.filtered = performance.now();

    // created empty, so that the listeners below see the very first drawing
    var network = new vis.Network(byId("map"), {}, payload.options);
    api.network = network;
    network.on("beforeDrawing", function (context) {
      // an opaque background, so that the exported PNG is not transparent
      context.save();
      context.setTransform(1, 0, 0, 1, 0, 0);
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, context.canvas.width, context.canvas.height);
      context.restore();
    });
    // a small map is drawn once to measure its labels, then fitted: "drawn" is the fitted view
    var fitPending = api.nodeView.length > 0 && api.nodeView.length <= SMALL_MAP_NODES;
    network.on("afterDrawing", function () {
      if (fitPending) {
        fitPending = false;
        fitSmallMap(network);  // asks for the drawing that follows
        return;
      }
      if (api.firstDrawMs === null) {
        api.firstDrawMs = performance.now();
        document.body.dataset.state = "drawn";
      }
    });
    // Tooltips: our own element, filled on hover. vis's `title` would need a DataSet update
    // per item on first hover (vis then re-processes every item: over a second at 20k actors)
    // or a DOM tree per item built up front.
    network.on("hoverNode", function (event) {
      showTip(nodeBox(api.nodes.get(event.node)), event.pointer.DOM);
    });
    network.on("hoverEdge", function (event) {
      showTip(edgeBox(api.edges.get(event.edge)), event.pointer.DOM);
    });
    ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (name) {
      network.on(name, hideTip);
    });
    network.on("click", function (event) {
      hideTip();
      if (event.nodes.length) {
        showDetails(nodeBox(api.nodes.get(event.nodes[0])), event.pointer.DOM);
      } else if (event.edges.length) {
        showDetails(edgeBox(api.edges.get(event.edges[0])), event.pointer.DOM);
      } else {
        showDetails(null);
      }
    });
    network.setData({ nodes: api.nodeView, edges: api.edgeView });
    api.timings.network = performance.now();
    api.timings.ready = performance.now();
    api.ready = true;
  }

  // vis fits a network into view only down to its true size (zoom 1), and by the actors' shapes
  // without the labels under them, so a map of a few actors sat as a small cluster in the middle
  // of the canvas, its outer labels cut. A small map is fitted again once drawn (labels are
  // measured by then): the box of every visible actor with its label fills the canvas, up to
  // FIT_MAX_ZOOM (actors and labels stay readable, not huge). A big map already fits below zoom
  // 1 and is spared the pass over its nodes.
  var SMALL_MAP_NODES = 500;
  var FIT_MAX_ZOOM = 3;
  var FIT_MARGIN = 1.08;
  function fitSmallMap(network) {
    var box = null;
    api.nodeView.getIds().forEach(function (id) {
      var own = network.getBoundingBox(id);
      if (!own) { return; }
      box = box === null ? own : {
        left: Math.min(box.left, own.left), right: Math.max(box.right, own.right),
        top: Math.min(box.top, own.top), bottom: Math.max(box.bottom, own.bottom),
      };
    });
    var map = byId("map");
    if (box === null || !map.clientWidth || !map.clientHeight) { return; }
    var scale = Math.min(
      FIT_MAX_ZOOM,
      map.clientWidth / (FIT_MARGIN * Math.max(box.right - box.left, 1)),
      map.clientHeight / (FIT_MARGIN * Math.max(box.bottom - box.top, 1))
    );
    network.moveTo({
      position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 },
      scale: scale,
      animation: false,
    });
  }

  try {
    start();
  } catch (error) {
    document.body.dataset.state = "error";
    showMessage("The map could not be drawn: " + error);
    throw error;
  }
})();
