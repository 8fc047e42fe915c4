// diplograph serve: the query page. Every text from the data goes in through textContent.
"use strict";
(() => {
  const config = JSON.parse(document.getElementById("config").textContent);
  const byId = (id) => document.getElementById(id);
  const RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label";
  const UNSAFE_IRI = /[\u0000-\u0020<>"{}|^`\\]/;
  const NUMERIC = /#(integer|decimal|double|float|int|long|nonNegativeInteger|positiveInteger)$/;
  const ACCEPT = {
    table: "application/sparql-results+json, text/turtle;q=0.9",
    csv: "text/csv",
    json: "application/sparql-results+json",
    jsonld: "application/ld+json",
    turtle: "text/turtle",
  };
  const SUFFIX = {csv: "csv", json: "json", jsonld: "jsonld", turtle: "ttl"};
  const prefixes = Object.entries(config.prefixes).sort((a, b) => b[1].length - a[1].length);
  let last = null; // what ran last: {kind: "named", name, params} or {kind: "text", text}; graph

  function element(tag, text, attributes = {}) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    return node;
  }

  function curie(iri) {
    for (const [prefix, namespace] of prefixes) {
      if (iri.startsWith(namespace)) return `${prefix}:${iri.slice(namespace.length)}`;
    }
    return iri;
  }

  function status(text, error = false) {
    const line = byId("status");
    line.textContent = text;
    line.classList.toggle("error", error);
  }

  // ---------------------------------------------------------------- the editor

  // CodeMirror 5 (served from /static/codemirror): line numbers, SPARQL highlighting, matching
  // brackets, Ctrl+Enter to run; a syntax error's line is marked and the cursor put there
  const textarea = byId("editor");
  const editor = window.CodeMirror ? window.CodeMirror.fromTextArea(textarea, {
    mode: "application/sparql-query",
    lineNumbers: true,
    matchBrackets: true,
    indentUnit: 2,
    viewportMargin: Infinity,
    extraKeys: {
      "Ctrl-Enter": () => runText(),
      "Cmd-Enter": () => runText(),
      Tab: (cm) => cm.replaceSelection("  "),
    },
  }) : null;
  let marked = null;

  function editorText() {
    return editor ? editor.getValue() : textarea.value;
  }

  function unmark() {
    if (editor && marked !== null) editor.removeLineClass(marked, "background", "error-line");
    marked = null;
  }

  // "error at LINE:COLUMN" in the server's message: mark that line of the editor
  function markError(message) {
    const found = /error at (\d+):(\d+)/.exec(message);
    if (!editor || !found) return;
    const line = Number(found[1]) - 1;
    if (line < 0 || line >= editor.lineCount()) return;
    unmark();
    marked = editor.addLineClass(line, "background", "error-line");
    editor.setCursor({line, ch: Math.max(0, Number(found[2]) - 1)});
    editor.focus();
  }

  function runText() {
    unmark();
    return run({kind: "text", text: editorText()});
  }

  // ---------------------------------------------------------------- named queries as forms

  function chosen() {
    return config.queries.find((query) => query.name === byId("named-select").value);
  }

  function showParams() {
    const query = chosen();
    byId("named-summary").textContent = query.summary || "";
    const box = byId("named-params");
    box.replaceChildren();
    for (const param of query.params) {
      const label = element("label", `${param.name} (${param.type})`);
      const input = element("input", null, {
        name: param.name,
        placeholder: param.default ?? "any",
        title: param.doc || param.type,
      });
      input.value = param.default ?? "";
      label.append(input);
      box.append(label);
      if (param.doc) box.append(element("small", param.doc));
    }
  }

  function namedParams() {
    const params = new URLSearchParams();
    for (const input of byId("named-params").querySelectorAll("input")) {
      params.append(input.name, input.value);
    }
    return params.toString();
  }

  function namedTarget() {
    return {kind: "named", name: chosen().name, params: namedParams()};
  }

  // ---------------------------------------------------------------- requests

  function send(target, accept) {
    if (target.kind === "named") {
      const path = target.name.split("/").map(encodeURIComponent).join("/");
      return fetch(`/queries/${path}?${target.params}`, {headers: {Accept: accept}});
    }
    return fetch("/sparql", {
      method: "POST",
      headers: {"Content-Type": "application/sparql-query", Accept: accept},
      body: target.text,
    });
  }

  async function run(target) {
    last = target;
    byId("output").replaceChildren();
    setDownloads(null);
    document.body.dataset.state = "running";
    status("Running…");
    const started = performance.now();
    let response;
    let body;
    try {
      response = await send(target, ACCEPT.table);
      body = await response.text();
    } catch (failure) {
      status(`The server did not answer (${failure}).`, true);
      document.body.dataset.state = "error";
      return;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!response.ok) {
      status(`${response.status} ${response.statusText}: ${body}`, true);
      if (target.kind === "text") markError(body);
      document.body.dataset.state = "error";
      return;
    }
    const graph = (response.headers.get("Content-Type") || "").startsWith("text/turtle");
    target.graph = graph;
    let shown;
    if (graph) {
      byId("output").append(element("pre", body, {class: "turtle"}));
      shown = "A graph (CONSTRUCT or DESCRIBE), shown as Turtle";
    } else {
      shown = await showTable(JSON.parse(body));
    }
    let note = "";
    if (response.headers.get("X-Diplograph-Truncated")) {
      const total = response.headers.get("X-Diplograph-Total-Rows");
      const limit = response.headers.get("X-Diplograph-Max-Rows");
      note = ` Cut to the server's limit of ${limit} rows (of ${total}).`;
    }
    status(`${shown} in ${seconds} s.${note}`);
    setDownloads(graph);
    document.body.dataset.state = "done";
  }

  // ---------------------------------------------------------------- the table

  async function labelsOf(iris, labels) {
    const wanted = [...iris].filter((iri) => !labels.has(iri) && !UNSAFE_IRI.test(iri));
    if (!wanted.length) return;
    const values = wanted.slice(0, 500).map((iri) => `<${iri}>`).join(" ");
    const query = `SELECT ?iri (SAMPLE(?l) AS ?label) WHERE { VALUES ?iri { ${values} } ` +
      `?iri <${RDFS_LABEL}> ?l . FILTER(LANG(?l) = "" || LANGMATCHES(LANG(?l), "en")) } ` +
      "GROUP BY ?iri";
    try {
      const response = await send({kind: "text", text: query}, ACCEPT.json);
      if (!response.ok) return;
      for (const row of (await response.json()).results.bindings) {
        if (row.iri && row.label) labels.set(row.iri.value, row.label.value);
      }
    } catch (failure) {
      // labels are a nicety: the CURIEs stay
    }
  }

  async function showTable(data) {
    const output = byId("output");
    if ("boolean" in data) {
      output.append(element("p", `The answer is ${data.boolean ? "yes" : "no"}.`, {class: "ask"}));
      return "A yes/no answer";
    }
    const variables = data.head.vars;
    const rows = data.results.bindings;
    const labels = new Map();
    const iris = new Set();
    for (const row of rows) {
      for (const name of variables) {
        const cell = row[name];
        if (!cell || cell.type !== "uri") continue;
        iris.add(cell.value);
        const label = row[`${name}Label`];
        if (label && !labels.has(cell.value)) labels.set(cell.value, label.value);
      }
    }
    await labelsOf(iris, labels);
    // a ?xLabel column beside ?x says nothing more once ?x shows its label
    const shown = variables.filter((name) => !(name.endsWith("Label") &&
      variables.includes(name.slice(0, -5))));
    const table = element("table", null, {id: "result-table"});
    const head = element("tr");
    shown.forEach((name, index) => {
      const button = element("button", name, {type: "button"});
      button.addEventListener("click", () => sortBy(table, index, button));
      const th = element("th", null, {scope: "col", "aria-sort": "none"});
      th.append(button);
      head.append(th);
    });
    table.append(element("thead"));
    table.tHead.append(head);
    const body = element("tbody");
    for (const row of rows) {
      const tr = element("tr");
      for (const name of shown) tr.append(cell(row[name], labels));
      body.append(tr);
    }
    table.append(body);
    output.append(table);
    return `${rows.length} row${rows.length === 1 ? "" : "s"}`;
  }

  function cell(term, labels) {
    if (!term) return element("td", "", {"data-sort": ""});
    if (term.type === "uri") {
      const text = labels.get(term.value) ?? curie(term.value);
      return element("td", text, {title: term.value, class: "iri", "data-sort": text});
    }
    const td = element("td", term.value, {"data-sort": term.value});
    if (term["xml:lang"]) td.lang = term["xml:lang"];
    if (term.datatype && NUMERIC.test(term.datatype)) td.dataset.number = term.value;
    return td;
  }

  function sortBy(table, index, button) {
    const th = button.parentElement;
    const ascending = th.getAttribute("aria-sort") !== "ascending";
    for (const other of table.tHead.rows[0].cells) other.setAttribute("aria-sort", "none");
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const key = (row) => row.cells[index];
    const rows = [...table.tBodies[0].rows];
    rows.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      let order;
      if (x.dataset.number !== undefined && y.dataset.number !== undefined) {
        order = Number(x.dataset.number) - Number(y.dataset.number);
      } else {
        order = x.dataset.sort.localeCompare(y.dataset.sort, undefined, {numeric: true});
      }
      return ascending ? order : -order;
    });
    table.tBodies[0].append(...rows);
  }

  // ---------------------------------------------------------------- downloads and maps

  function setDownloads(graph) {
    for (const button of byId("downloads").querySelectorAll("button")) {
      const format = button.dataset.format;
      button.disabled = graph === null || (graph ? format === "csv" : format === "turtle");
    }
  }

  async function download(format) {
    if (!last) return;
    const kind = format === "json" && last.graph ? "jsonld" : format;
    const response = await send(last, ACCEPT[kind]);
    if (!response.ok) {
      status(`${response.status} ${response.statusText}: ${await response.text()}`, true);
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const name = last.kind === "named" ? last.name.replaceAll("/", "-") : "query";
    const link = element("a", null, {href: url, download: `${name}.${SUFFIX[kind]}`});
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  function drawNamed() {
    const target = namedTarget();
    const path = target.name.split("/").map(encodeURIComponent).join("/");
    window.open(`/map/${path}?${target.params}`, "_blank", "noopener");
  }

  function drawText() {
    byId("map-query").value = editorText();
    byId("map-post").submit();
  }

  // ---------------------------------------------------------------- wiring

  const select = byId("named-select");
  for (const query of config.queries) {
    select.append(element("option", query.name, {value: query.name, title: query.summary}));
  }
  if (config.queries.some((query) => query.name === "troop-contributors")) {
    select.value = "troop-contributors"; // the seed article's question, a good first run
  }
  select.addEventListener("change", showParams);
  showParams();
  byId("named-form").addEventListener("submit", (event) => {
    event.preventDefault();
    run(namedTarget());
  });
  byId("editor-form").addEventListener("submit", (event) => {
    event.preventDefault();
    runText();
  });
  byId("named-map").addEventListener("click", drawNamed);
  byId("editor-map").addEventListener("click", drawText);
  for (const button of byId("downloads").querySelectorAll("button")) {
    button.addEventListener("click", () => download(button.dataset.format));
  }
  document.body.dataset.state = "ready";
})();
