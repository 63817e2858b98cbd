// The report's page: draws a run's data (the JSON that extract/report.py puts in)
// with Vega. Every text goes into the page as text, never as markup.
"use strict";

const DATA = JSON.parse(document.getElementById("data").textContent);
const TEXTS = DATA.texts;
const WORLD = JSON.parse(document.getElementById("world").textContent).features;
const EVENTS_PAGE = 50;
const RELEASES_PAGE = 20;
const NETWORK_NODES = 40;
const MAP_LABELS = 12;
const SEARCH_PAUSE = 300;  // milliseconds
const FRAME_WAIT = 50;  // milliseconds: two frames' time
const DAY = 86400000;
const COLOURS = { PER: "#3b78c2", ORG: "#3a9b45", LOC: "#e08a1e" };
const PLACE_COLOUR = "#c0392b";
const isoDays = new Map();  // days since 1970 to `2025-06-17`: a run has few distinct days

const entities = DATA.entities.map(([id, name, type, docs, mentions, lat, lon]) => ({
  id, name, type, docs, mentions, lat, lon,
}));
const entityIndex = new Map(entities.map((entity, index) => [entity.id, index]));
const vocabulary = DATA.vocabularies;
const docs = DATA.docs.map(([id, title, published, url]) => ({
  id, title, url, published: published === null ? "" : isoDay(published),
}));
// An event's row is numbers (see extract/report.py): ids, words and names by index.
const events = DATA.events.map((row, index) => {
  const [number, type, status, first, days, precision, name, place, doc, placeFrom, who] = row;
  const pairs = [];
  for (let i = 0; i < who.length; i += 2) {
    pairs.push({ entity: who[i], role: vocabulary.role[who[i + 1]] });
  }
  const event = {
    index, type: vocabulary.type[type], status: vocabulary.status[status], name: DATA.names[name],
    id: `${docs[doc].id}#e${number}`,
    start: first === null ? "" : isoDay(first),
    end: first === null || days === null ? "" : isoDay(first + days),
    precision: precision === null ? "" : vocabulary.precision[precision],
    place, doc, placeFrom: placeFrom === null ? "" : vocabulary.from[placeFrom], who: pairs,
    t0: first === null ? null : first * DAY,
    t1: first === null || days === null ? null : (first + days + 1) * DAY,
  };
  return event;
});
const types = [...new Set(events.map((event) => event.type))].sort();

const state = {
  q: "", types: new Set(), reported: false, from: "", to: "", entity: null,
  newest: false, eventsPage: 0, releasesPage: 0, release: null,
};
const topsDrawn = [];  // the top entities' charts, drawn once
let views = [];  // the charts the filters change, drawn again on each change
let rounds = 0;  // of drawing: a round the filters overtook draws nothing

function isoDay(days) {
  if (!isoDays.has(days)) isoDays.set(days, new Date(days * DAY).toISOString().slice(0, 10));
  return isoDays.get(days);
}

// What a search looks in: the event's name, place, participants and release's
// title; made on the first search, not for every event when the page opens.
function searchText(event) {
  if (event.words === undefined) {
    const text = [event.name, event.place >= 0 ? entities[event.place].name : ""];
    text.push(docs[event.doc].title || "", ...event.who.map((pair) => entities[pair.entity].name));
    event.words = folded(text.join(" "));
  }
  return event.words;
}

function folded(text) {
  return text.toLowerCase().replaceAll("ё", "е");
}

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

// An event's date as precise as the release gives it: a month is `2025-06`.
function when(event) {
  if (!event.start) return "";
  const [year, month] = event.start.split("-");
  if (event.precision === "month") return `${year}-${month}`;
  if (event.precision === "quarter") return `${year} Q${Math.floor((month - 1) / 3) + 1}`;
  if (event.precision === "year") return year;
  if (event.precision === "range" && event.end) return `${event.start} – ${event.end}`;
  return event.start;
}

function shortName(entity) {
  if (entity.type !== "PER") return entity.name;
  const [last, ...rest] = entity.name.split(" ");
  return [last, ...rest.map((word) => `${word[0]}.`)].join(" ");
}

function readAddress() {
  const params = new URLSearchParams(location.hash.slice(1));
  state.q = params.get("q") || "";
  state.types = new Set(params.getAll("type").filter((type) => types.includes(type)));
  state.reported = params.get("status") === "reported";
  state.from = params.get("from") || "";
  state.to = params.get("to") || "";
  const entity = params.get("entity");
  state.entity = entityIndex.has(entity) ? entityIndex.get(entity) : null;
  state.newest = params.get("order") === "newest";
}

function address() {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const type of state.types) params.append("type", type);
  if (state.reported) params.set("status", "reported");
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  if (state.entity !== null) params.set("entity", entities[state.entity].id);
  if (state.newest) params.set("order", "newest");
  return `#${params}`;
}

function filtering() {
  return Boolean(state.q || state.types.size || state.reported || state.from || state.to
    || state.entity !== null);
}

// An event is shown when it passes every filter; a date range keeps the events
// whose dates overlap it.
function shown(event) {
  if (state.types.size && !state.types.has(event.type)) return false;
  if (state.reported && event.status !== "reported") return false;
  if (state.from && !(event.end && event.end >= state.from)) return false;
  if (state.to && !(event.start && event.start <= state.to)) return false;
  if (state.entity !== null && event.place !== state.entity
    && !event.who.some((pair) => pair.entity === state.entity)) return false;
  return !state.q || searchText(event).includes(folded(state.q));
}

function draw(container, spec) {
  return new vega.View(vega.parse(spec), { renderer: "svg", container, hover: true });
}

function onItem(view, handle) {
  view.addEventListener("click", (_, item) => {
    if (item && item.datum && item.datum.entity !== undefined) handle(item.datum.entity);
  });
}

function width(container) {
  return Math.max(container.clientWidth - 20, 300);
}

// The timeline's span: the From and To filters, or else the dated events' from
// the first that is not background (the history a release recalls would
// squeeze the run's own weeks into a line), with a note on the events before it.
function timeDomain() {
  const dated = events.filter((event) => event.t0 !== null);
  const earliest = (list) => list.reduce((least, event) => Math.min(least, event.t0), Infinity);
  const first = dated.length ? earliest(dated) : Date.now();
  const last = dated.reduce((most, event) => Math.max(most, event.t1), first + DAY);
  const current = dated.filter((event) => event.status !== "background");
  let start = current.length ? earliest(current) : first;
  if (state.from) start = Date.parse(state.from);
  const end = state.to ? Date.parse(state.to) + DAY : last;
  if (start >= end) start = Math.min(first, end - DAY);
  const earlier = state.from ? 0 : dated.filter((event) => event.t0 < start).length;
  document.getElementById("timeline-note").textContent = earlier
    ? `${earlier} earlier events (background) lie before the axis: set From to see them.` : "";
  return [start, end];
}

// Events of one type that start and end in the same columns of three pixels make
// one bar, darker the more they are: a run's thousands of events draw as fast as its tens.
function timelineSpec(container, list) {
  const across = width(container);
  const domain = timeDomain();
  const column = (time) => Math.floor(((time - domain[0]) / (domain[1] - domain[0])) * across / 3);
  const bars = new Map();
  for (const event of list) {
    if (event.t0 === null) continue;
    const key = `${event.type} ${column(event.t0)} ${column(event.t1)}`;
    if (!bars.has(key)) {
      bars.set(key, { type: event.type, t0: event.t0, t1: event.t1, when: when(event), names: [] });
    }
    bars.get(key).names.push(event.name);
  }
  const values = [...bars.values()].map((bar) => ({
    ...bar, n: bar.names.length,
    label: `${bar.type}, ${bar.when}: ${bar.names.slice(0, 3).join("; ")}`
      + (bar.names.length > 3 ? ` and ${bar.names.length - 3} more` : ""),
  }));
  return {
    width: across, height: Math.max(types.length * 26, 52), padding: 5,
    autosize: { type: "fit-x", contains: "padding" },  // the axis's labels inside the width
    data: [{ name: "intervals", values }],
    scales: [
      { name: "x", type: "utc", domain, range: "width" },
      { name: "y", type: "band", domain: types, range: "height", padding: 0.15 },
      { name: "colour", type: "ordinal", domain: types, range: { scheme: "tableau10" } },
    ],
    axes: [
      { orient: "bottom", scale: "x", grid: true, gridOpacity: 0.3 },
      { orient: "left", scale: "y" },
    ],
    marks: [{
      type: "rect", name: "bars", from: { data: "intervals" }, clip: true,
      encode: { update: {
        x: { scale: "x", field: "t0" },
        x2: { signal: "max(scale('x', datum.t1), scale('x', datum.t0) + 2)" },
        y: { scale: "y", field: "type" }, height: { scale: "y", band: 1 },
        fill: { scale: "colour", field: "type" },
        fillOpacity: { signal: "min(0.45 + 0.15 * datum.n, 0.95)" },
        tooltip: { field: "label" }, description: { field: "label" },
      } },
    }],
  };
}

function topSpec(kind) {
  const values = DATA.top[kind].map((entity, rank) => ({
    entity, rank, docs: entities[entity].docs,
    label: `${entities[entity].name} (${entities[entity].docs})`,
    tip: `${entities[entity].name}: ${entities[entity].docs} releases, `
      + `${entities[entity].mentions} mentions`,
  }));
  return {
    width: 300, height: Math.max(values.length * 22, 22), padding: 5,
    data: [{ name: "top", values }],
    scales: [
      { name: "y", type: "band", domain: { data: "top", field: "rank" }, range: "height",
        padding: 0.12 },
      { name: "x", type: "linear", domain: { data: "top", field: "docs" }, range: "width",
        zero: true },
    ],
    marks: [
      { type: "rect", name: "bars", from: { data: "top" }, encode: { update: {
        x: { scale: "x", value: 0 }, x2: { scale: "x", field: "docs" },
        y: { scale: "y", field: "rank" }, height: { scale: "y", band: 1 },
        fill: { value: COLOURS[kind] }, fillOpacity: { value: 0.35 },
        cursor: { value: "pointer" }, tooltip: { field: "tip" }, description: { field: "tip" },
      } } },
      { type: "text", name: "labels", from: { data: "top" }, interactive: false, encode: { update: {
        x: { value: 4 }, y: { scale: "y", field: "rank", band: 0.5 }, baseline: { value: "middle" },
        text: { field: "label" }, limit: { value: 296 }, fill: { value: "#222" }, fontSize: { value: 12 },
      } } },
    ],
  };
}

// The people and organisations with the most shown events, linked when they
// took part in the same event.
function networkSpec(container, list) {
  const counts = new Map();
  const shared = new Map();
  for (const event of list) {
    const ids = [...new Set(event.who.map((pair) => pair.entity))]
      .filter((entity) => entities[entity].type !== "LOC");
    for (const entity of ids) counts.set(entity, (counts.get(entity) || 0) + 1);
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const key = ids[i] < ids[j] ? `${ids[i]} ${ids[j]}` : `${ids[j]} ${ids[i]}`;
        shared.set(key, (shared.get(key) || 0) + 1);
      }
    }
  }
  const chosen = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || entities[a[0]].name.localeCompare(entities[b[0]].name))
    .slice(0, NETWORK_NODES);
  const position = new Map(chosen.map(([entity], index) => [entity, index]));
  const [across, down] = [width(container), 440];
  const nodes = chosen.map(([entity, n]) => ({
    entity, n, type: entities[entity].type, name: shortName(entities[entity]),
    cx: across / 2, cy: down / 2,  // where the x and y forces pull: the middle
    tip: `${entities[entity].name}: ${n} events`,
  }));
  const links = [];
  for (const [key, weight] of shared) {
    const [a, b] = key.split(" ").map(Number);
    if (position.has(a) && position.has(b)) {
      links.push({ source: position.get(a), target: position.get(b), weight });
    }
  }
  return {
    width: across, height: down, padding: 5, autosize: "none",
    data: [{ name: "node-data", values: nodes }, { name: "link-data", values: links }],
    scales: [{ name: "colour", type: "ordinal", domain: ["PER", "ORG"],
      range: [COLOURS.PER, COLOURS.ORG] }],
    marks: [
      { name: "nodes", type: "symbol", zindex: 1, from: { data: "node-data" },
        encode: { update: {
          size: { signal: "60 + 40 * datum.n" }, fill: { scale: "colour", field: "type" },
          stroke: { value: "#fff" }, cursor: { value: "pointer" }, tooltip: { field: "tip" },
          description: { field: "tip" },
        } },
        transform: [{ type: "force", iterations: 300, static: true, signal: "force", forces: [
          { force: "center", x: { signal: "width / 2" }, y: { signal: "height / 2" } },
          { force: "collide", radius: 14 },
          { force: "nbody", strength: -120 },
          { force: "link", links: "link-data", distance: 90 },
          { force: "x", x: "datum.cx", strength: 0.04 },
          { force: "y", y: "datum.cy", strength: 0.08 },
        ] }] },
      { name: "links", type: "path", from: { data: "link-data" }, interactive: false,
        encode: { update: { stroke: { value: "#888" }, strokeOpacity: { value: 0.5 },
          strokeWidth: { signal: "min(datum.weight, 6)" } } },
        transform: [{ type: "linkpath", require: { signal: "force" }, shape: "line",
          sourceX: "datum.source.x", sourceY: "datum.source.y",
          targetX: "datum.target.x", targetY: "datum.target.y" }] },
      { name: "names", type: "text", from: { data: "nodes" }, interactive: false, zindex: 2,
        encode: { update: {
          x: { field: "x" }, y: { field: "y", offset: -10 }, align: { value: "center" },
          text: { field: "datum.name" }, limit: { value: 160 }, fontSize: { value: 10 },
          fill: { value: "#333" },
        } } },
    ],
  };
}

// The map fits the shown places, with at least 20 degrees of longitude around them.
function mapSpec(container, list) {
  const places = new Map();
  for (const event of list) {
    const place = event.place >= 0 ? entities[event.place] : null;
    if (!place || place.lat === null || place.lon === null) continue;
    places.set(event.place, (places.get(event.place) || 0) + 1);
  }
  const values = [...places.entries()]
    .sort((a, b) => b[1] - a[1] || entities[a[0]].name.localeCompare(entities[b[0]].name))
    .map(([entity, n], rank) => ({
      entity, n, rank, name: entities[entity].name, lon: entities[entity].lon,
      lat: entities[entity].lat, tip: `${entities[entity].name}: ${n} events`,
    }));
  const lons = values.map((place) => place.lon);
  const lats = values.map((place) => place.lat);
  let [west, east, south, north] = values.length
    ? [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)]
    : [-170, 170, -55, 75];
  const widen = Math.max(0, 20 - (east - west)) / 2;
  const heighten = Math.max(0, 10 - (north - south)) / 2;
  [west, east] = [Math.max(west - widen, -180), Math.min(east + widen, 180)];
  [south, north] = [Math.max(south - heighten, -75), Math.min(north + heighten, 82)];
  const extent = { type: "Feature", geometry: { type: "MultiPoint",
    coordinates: [[west, south], [east, north]] } };
  return {
    width: width(container), height: 440, padding: 0, autosize: "none",
    signals: [{ name: "extent", value: extent }],
    data: [
      { name: "world", values: WORLD },
      { name: "places", values,
        transform: [{ type: "geopoint", projection: "projection", fields: ["lon", "lat"] }] },
      { name: "named", source: "places", transform: [
        { type: "filter", expr: `datum.rank < ${MAP_LABELS}` }] },
    ],
    projections: [{ name: "projection", type: "mercator", fit: { signal: "extent" },
      extent: { signal: "[[40, 30], [width - 40, height - 30]]" } }],
    marks: [
      { type: "shape", name: "countries", from: { data: "world" }, clip: true, interactive: false,
        encode: { update: { fill: { value: "#e3e6ea" }, stroke: { value: "#fff" },
          strokeWidth: { value: 0.6 } } },
        transform: [{ type: "geoshape", projection: "projection" }] },
      { type: "symbol", name: "points", from: { data: "places" }, clip: true, encode: { update: {
        x: { field: "x" }, y: { field: "y" }, size: { signal: "40 + 50 * datum.n" },
        fill: { value: PLACE_COLOUR }, stroke: { value: "#fff" },
        cursor: { value: "pointer" }, tooltip: { field: "tip" }, description: { field: "tip" },
      } } },
      { type: "text", name: "place-names", from: { data: "named" }, interactive: false,
        encode: { update: { x: { field: "x", offset: 7 }, y: { field: "y" },
          baseline: { value: "middle" }, text: { field: "name" }, fontSize: { value: 11 },
          fill: { value: "#333" } } } },
    ],
  };
}

// A place taken from the release's dateline, not from the event's sentence, says so.
function placeName(event) {
  if (event.place < 0) return "";
  const name = entities[event.place].name;
  return event.placeFrom === "dateline" ? `${name} (dateline)` : name;
}

function eventRow(event) {
  const row = element("tr", undefined, {
    "data-date": event.start, "data-index": event.index, "data-status": event.status,
  });
  const who = event.who.map((pair) => `${entities[pair.entity].name} (${pair.role})`);
  const cells = [when(event), event.status, event.type, event.name,
    placeName(event), who.join("; ")];
  for (const text of cells) row.append(element("td", text));
  const link = element("a", docs[event.doc].id, { href: "#releases-section" });
  link.addEventListener("click", () => {
    state.release = event.doc;
    state.releasesPage = 0;
    renderReleases(null);
  });
  const cell = element("td");
  cell.append(link);
  row.append(cell);
  return row;
}

function pager(container, page, size, total, turn) {
  container.replaceChildren();
  if (total <= size) return;
  const last = Math.ceil(total / size) - 1;
  const back = element("button", "◀", { type: "button", class: "back" });
  const next = element("button", "▶", { type: "button", class: "next" });
  back.disabled = page === 0;
  next.disabled = page === last;
  back.addEventListener("click", () => turn(page - 1));
  next.addEventListener("click", () => turn(page + 1));
  const where = `${page * size + 1}–${Math.min((page + 1) * size, total)} of ${total}`;
  container.append(back, " ", element("span", where, { class: "where" }), " ", next);
}

// Dated events by date (both ways), the undated last, each group in page order.
function renderEvents(list) {
  const ordered = [...list].sort((a, b) => {
    if (a.start !== b.start) {
      if (!a.start) return 1;
      if (!b.start) return -1;
      return (a.start < b.start ? -1 : 1) * (state.newest ? -1 : 1);
    }
    return a.index - b.index;
  });
  const table = document.getElementById("events");
  table.dataset.order = state.newest ? "newest-first" : "oldest-first";
  const first = state.eventsPage * EVENTS_PAGE;
  table.tBodies[0].replaceChildren(...ordered.slice(first, first + EVENTS_PAGE).map(eventRow));
  pager(document.getElementById("events-pager"), state.eventsPage, EVENTS_PAGE, ordered.length,
    (page) => { state.eventsPage = page; renderEvents(list); });
}

// The release's text cut at every span's ends; each piece wrapped in the spans
// that cover it, the shortest innermost and the events outermost, so that
// overlapping spans still make well-formed markup.
function highlighted(doc) {
  const [text, mentions, marked] = TEXTS[doc];
  const spans = [
    ...mentions.map(([start, end, kind, entity, number]) => ({
      start, end, kind, tag: "mark", id: `${docs[doc].id}#m${number}`,
      label: entity >= 0 ? entities[entity].name : text.slice(start, end),
    })),
    ...marked.map(([start, end, event]) => ({
      start, end, kind: "event", tag: "u", id: events[event].id,
      label: `${events[event].type}: ${events[event].name}`,
    })),
  ].sort((a, b) => (a.kind === "event") - (b.kind === "event")
    || (a.end - a.start) - (b.end - b.start));
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])]
    .sort((a, b) => a - b);
  const body = element("div", undefined, { class: "text" });
  for (let i = 0; i + 1 < cuts.length; i++) {
    let piece = document.createTextNode(text.slice(cuts[i], cuts[i + 1]));
    for (const span of spans) {
      if (span.start <= cuts[i] && cuts[i + 1] <= span.end) {
        const wrap = element(span.tag, undefined,
          { class: span.kind, title: span.label, "data-id": span.id });
        wrap.append(piece);
        piece = wrap;
      }
    }
    body.append(piece);
  }
  return body;
}

function article(doc) {
  const release = docs[doc];
  const node = element("article", undefined, { id: `doc-${doc}` });
  node.append(element("h3", release.title || release.id));
  const meta = element("p", undefined, { class: "meta" });
  meta.append(element("code", release.id), ` · ${release.published}`);
  if (release.url) {
    meta.append(" · ", element("a", release.url, { href: release.url }));
  }
  node.append(meta);
  if (TEXTS) node.append(highlighted(doc));
  return node;
}

// One release picked from the table, or the releases of the shown events when
// a filter is on, or all of them.
function renderReleases(list) {
  let chosen;
  if (state.release !== null) chosen = [state.release];
  else if (list && filtering()) chosen = [...new Set(list.map((event) => event.doc))].sort((a, b) => a - b);
  else chosen = docs.map((_, doc) => doc);
  const note = document.getElementById("releases-note");
  note.replaceChildren(TEXTS ? "" : "The texts are in documents.csv: this run is too large "
    + "to carry them in one page. ");
  if (state.release !== null) {
    const all = element("button", "show all releases", { type: "button", id: "all-releases" });
    all.addEventListener("click", () => { state.release = null; update(); });
    note.append(all);
  }
  const first = state.releasesPage * RELEASES_PAGE;
  document.getElementById("releases")
    .replaceChildren(...chosen.slice(first, first + RELEASES_PAGE).map(article));
  pager(document.getElementById("releases-pager"), state.releasesPage, RELEASES_PAGE,
    chosen.length, (page) => { state.releasesPage = page; renderReleases(list); });
}

function renderFilters(list) {
  document.getElementById("q").value = state.q;
  document.getElementById("from").value = state.from;
  document.getElementById("to").value = state.to;
  document.getElementById("reported-only").checked = state.reported;
  for (const box of document.querySelectorAll("#types input")) {
    box.checked = state.types.has(box.value);
  }
  const chip = document.getElementById("entity-filter");
  chip.hidden = state.entity === null;
  document.getElementById("entity-name").textContent =
    state.entity === null ? "" : entities[state.entity].name;
  document.getElementById("shown").textContent = list.length;
  document.getElementById("permalink").href = address();
}

function pick(entity) {
  state.entity = entity;
  update();
}

// After the browser has painted the page as it stands: a frame's callback, then
// a task; or, where no frame comes (a tab in the background, a headless browser
// in virtual time), a timer a little later.
function afterPaint(work) {
  let done = false;
  const once = () => {
    if (!done) {
      done = true;
      work();
    }
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, FRAME_WAIT);
}

function drawTops() {
  for (const kind of ["PER", "ORG", "LOC"]) {
    const view = draw(document.getElementById(`top-${kind}`), topSpec(kind));
    onItem(view, pick);
    topsDrawn.push(view.runAsync());
  }
}

// Draw every part that depends on the filters again: the counts and tables at
// once, the charts once the browser has painted them, so that a page of
// thousands of events shows at once. The page is ready (for a reader and for
// the tests) when every chart has drawn.
function update() {
  for (const view of views) view.finalize();
  views = [];
  state.eventsPage = 0;
  state.releasesPage = 0;
  const list = events.filter(shown);
  renderFilters(list);
  renderEvents(list);
  renderReleases(list);
  document.body.dataset.ready = "";
  const round = ++rounds;
  afterPaint(() => {
    if (round !== rounds) return;  // filters changed again before the charts were drawn
    if (!document.body.dataset.shownMs) {  // the first frame, with the tables, is painted
      document.body.dataset.shownMs = Math.round(performance.now());
    }
    if (!topsDrawn.length) drawTops();
    const specs = [["timeline", timelineSpec], ["network", networkSpec], ["map", mapSpec]];
    views = specs.map(([id, spec]) => {
      const container = document.getElementById(id);
      container.replaceChildren();
      return draw(container, spec(container, list));
    });
    onItem(views[1], pick);
    onItem(views[2], pick);
    Promise.all([...topsDrawn, ...views.map((view) => view.runAsync())]).then(() => {
      if (round !== rounds) return;
      document.body.dataset.ready = "true";
      document.body.dataset.drawnMs = Math.round(performance.now());
    });
  });
}

function setUp() {
  document.getElementById("total").textContent = events.length;
  const fieldset = document.getElementById("types");
  for (const type of types) {
    const box = element("input", undefined, { type: "checkbox", value: type });
    box.addEventListener("change", () => {
      if (box.checked) state.types.add(type);
      else state.types.delete(type);
      update();
    });
    const label = element("label");
    label.append(box, ` ${type}`);
    fieldset.append(label);
  }
  let typing = null;  // the search waits for a pause in the typing, not a redraw a key
  document.getElementById("q").addEventListener("input", (event) => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      state.q = event.target.value;
      update();
    }, SEARCH_PAUSE);
  });
  for (const key of ["from", "to"]) {
    document.getElementById(key).addEventListener("change", (event) => {
      state[key] = event.target.value;
      update();
    });
  }
  document.getElementById("reported-only").addEventListener("change", (event) => {
    state.reported = event.target.checked;
    update();
  });
  document.getElementById("entity-clear").addEventListener("click", () => pick(null));
  document.getElementById("reset").addEventListener("click", () => {
    Object.assign(state, { q: "", types: new Set(), reported: false, from: "", to: "",
      entity: null, release: null });
    update();
  });
  document.getElementById("sort-date").addEventListener("click", () => {
    state.newest = !state.newest;
    state.eventsPage = 0;
    document.getElementById("permalink").href = address();
    renderEvents(events.filter(shown));
  });
}

readAddress();
setUp();
update();
