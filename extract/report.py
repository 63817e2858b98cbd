"""A run's tables as one HTML page: `extract report OUT` writes `OUT/report.html`.

The page is self-contained (inline CSS and a few lines of inline JavaScript,
no fonts, images or scripts fetched from anywhere), so it can be mailed or
opened from a file share. Release text is hostile input: every piece of text
from the tables goes through `html.escape`, and a source URL becomes a link
only when it is `http` or `https` (a `javascript:` URL stays text).

Sections: the run's summary (documents ok, failed, duplicate, with every
error), the top entities of each type, the events (sorted by date; a click
on the date header, or `#events-newest-first` in the address, reverses the
order; each date as precise as the release gives it, `2025-06` for a month,
`2025 Q2`, `2025`, or both ends of a range; the box "reported only", or
`#events-reported` in the address, leaves out planned and background events),
and every release with its mentions highlighted by type and the words naming
an event underlined.
"""

from dataclasses import dataclass
from html import escape
from itertools import pairwise
from pathlib import Path

import pandas as pd

from .const import DUPLICATE, ENTITY_TYPES, ERROR, OK
from .export import replace_atomically
from .load import load

TOP = 10
REPORT = "report.html"
TYPE_NAMES = {"PER": "People", "ORG": "Organisations", "LOC": "Places"}

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 72em; padding: 0 1em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
td.n { text-align: right; }
#events td:nth-child(-n+2) { white-space: nowrap; }
#events { width: 100%; }
#events td:nth-child(6) { min-width: 22em; }
#events td:nth-child(7) { word-break: break-all; }
th button { font: inherit; font-weight: bold; border: 0; background: none; cursor: pointer; }
.tops { display: flex; gap: 2em; flex-wrap: wrap; }
mark { border-radius: 3px; padding: 0 1px; }
mark.PER { background: #cfe3ff; }
mark.ORG { background: #d4f5d0; }
mark.LOC { background: #ffe3bf; }
u.event { text-decoration: underline 2px #b0006a; }
article { border-top: 1px solid #ccc; margin-top: 1.5em; }
article .text { white-space: pre-wrap; }
.meta { color: #555; }
li.error { color: #a00; }
"""

SCRIPT = """
function sortEvents(newestFirst) {
  const table = document.getElementById("events");
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  rows.sort((a, b) => {
    const x = a.dataset.date, y = b.dataset.date;
    if (x !== y) {
      if (!x) return 1;
      if (!y) return -1;
      return (x < y ? -1 : 1) * (newestFirst ? -1 : 1);
    }
    return Number(a.dataset.index) - Number(b.dataset.index);
  });
  rows.forEach((row) => body.appendChild(row));
  table.dataset.order = newestFirst ? "newest-first" : "oldest-first";
}
function reportedOnly(on) {
  for (const row of document.getElementById("events").tBodies[0].rows) {
    row.hidden = on && row.dataset.status !== "reported";
  }
  document.getElementById("reported-only").checked = on;
}
document.getElementById("sort-date").addEventListener("click", () => {
  sortEvents(document.getElementById("events").dataset.order !== "newest-first");
});
document.getElementById("reported-only").addEventListener("change", (event) => {
  reportedOnly(event.target.checked);
});
sortEvents(location.hash === "#events-newest-first");
reportedOnly(location.hash === "#events-reported");
"""


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a release to mark: a mention (`kind` is its type) or the
    words naming an event (`kind` is `event`); `label` shows on hover, and
    `ident`, the mention's or event's id, ties together the pieces that
    another span's edge cuts it into."""

    start: int
    end: int
    kind: str
    label: str
    ident: str


def text(value: object) -> str:
    """A cell as escaped text; a missing value as an empty string."""
    return "" if pd.isna(value) else escape(str(value))


def day(value: object) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def when(event) -> str:
    """An event's date as precise as the release gives it: a month is `2025-06`,
    not its first day; a range shows both ends."""
    if pd.isna(event.date_start):
        return ""
    start = pd.Timestamp(event.date_start)
    precision = "" if pd.isna(event.precision) else str(event.precision)
    if precision == "month":
        return start.strftime("%Y-%m")
    if precision == "quarter":
        return f"{start.year} Q{(start.month - 1) // 3 + 1}"
    if precision == "year":
        return str(start.year)
    if precision == "range" and not pd.isna(event.date_end):
        return f"{day(event.date_start)} – {day(event.date_end)}"
    return day(event.date_start)


def wrap(piece: str, span: Span) -> str:
    tag = "u" if span.kind == "event" else "mark"
    attributes = f'class="{span.kind}" title="{escape(span.label)}" data-id="{escape(span.ident)}"'
    return f"<{tag} {attributes}>{piece}</{tag}>"


def highlight(body: str, spans: list[Span]) -> str:
    """The text, escaped, cut at every span's ends; each piece is wrapped in the
    spans that cover it, so overlapping spans still give well-formed HTML.
    Shorter mentions go inside longer ones (a place inside an organisation's
    name keeps its own colour) and events outside all mentions."""
    cuts = sorted({0, len(body), *(s.start for s in spans), *(s.end for s in spans)})
    ordered = sorted(spans, key=lambda s: (s.kind == "event", s.end - s.start))
    pieces = []
    for start, end in pairwise(cuts):
        piece = escape(body[start:end])
        for span in ordered:
            if span.start <= start and end <= span.end:
                piece = wrap(piece, span)
        pieces.append(piece)
    return "".join(pieces)


def link(url: object) -> str:
    if pd.isna(url):
        return ""
    if str(url).startswith(("http://", "https://")):
        return f'<a href="{escape(str(url))}">{escape(str(url))}</a>'
    return escape(str(url))


def format_summary(documents: pd.DataFrame) -> str:
    counts = documents["status"].value_counts()
    rows = [
        f'<tr><th>{label}</th><td class="n" id="n-{status}">{counts.get(status, 0)}</td></tr>'
        for status, label in ((OK, "ok"), (ERROR, "failed"), (DUPLICATE, "duplicate"))
    ]
    problems = documents[documents["status"] != OK]
    items = [
        f'<li class="{row.status}"><code>{text(row.doc_id)}</code>: {text(row.error)}</li>'
        for row in problems.itertuples()
    ]
    return (
        f'<h2>Run</h2><table id="summary"><tr><th>documents</th>'
        f'<td class="n" id="n-documents">{len(documents)}</td></tr>{"".join(rows)}</table>'
        f'<ul id="errors">{"".join(items)}</ul>'
    )


def format_top(entities: pd.DataFrame) -> str:
    """The entities named in the most releases, then with the most mentions."""
    blocks = []
    for kind in ENTITY_TYPES:
        top = entities[entities["type"] == kind].sort_values(
            ["n_docs", "n_mentions", "name"], ascending=[False, False, True]
        )
        rows = "".join(
            f'<tr><td>{text(e.name)}</td><td class="n">{e.n_docs}</td>'
            f'<td class="n">{e.n_mentions}</td></tr>'
            for e in top.head(TOP).itertuples()
        )
        blocks.append(
            f'<div><h3>{TYPE_NAMES[kind]}</h3><table class="top" id="top-{kind}">'
            f"<tr><th>name</th><th>releases</th><th>mentions</th></tr>{rows}</table></div>"
        )
    return f'<h2>Top entities</h2><div class="tops">{"".join(blocks)}</div>'


def format_events(tables: dict[str, pd.DataFrame], anchors: dict[str, str]) -> str:
    names = tables["entities"].set_index("entity_id")["name"]
    participants = tables["event_participants"]
    labels = participants["entity_id"].map(names).fillna(participants["entity_id"])
    labels = labels + " (" + participants["role"].astype("string") + ")"
    who = labels.groupby(participants["event_id"], sort=False).agg("; ".join)
    events = tables["events"].sort_values(["date_start", "doc_id"], kind="stable")
    rows = []
    for index, event in enumerate(events.itertuples()):
        rows.append(
            f'<tr data-date="{day(event.date_start)}" data-index="{index}" '
            f'data-status="{text(event.status)}">'
            f"<td>{when(event)}</td><td>{text(event.status)}</td>"
            f"<td>{text(event.type)}</td><td>{text(event.name)}</td>"
            f"<td>{text(names.get(event.location_id))}</td>"
            f"<td>{text(who.get(event.event_id))}</td>"
            f'<td><a href="#{anchors[event.doc_id]}">{text(event.doc_id)}</a></td></tr>'
        )
    return (
        '<h2>Events</h2><p><label><input type="checkbox" id="reported-only"> reported only '
        "(leave out planned and background events)</label></p>"
        '<table id="events"><thead><tr>'
        '<th><button id="sort-date" type="button">date ⇅</button></th><th>status</th>'
        "<th>type</th><th>name</th><th>place</th><th>participants (role)</th>"
        f"<th>release</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def document_spans(doc_id: str, tables: dict[str, pd.DataFrame]) -> list[Span]:
    names = tables["entities"].set_index("entity_id")["name"]
    mentions = tables["mentions"][tables["mentions"]["doc_id"] == doc_id]
    events = tables["events"][tables["events"]["doc_id"] == doc_id]
    return [
        *(
            Span(m.start, m.end, m.type, str(names.get(m.entity_id, m.normal)), m.mention_id)
            for m in mentions.itertuples()
        ),
        *(
            Span(e.start, e.end, "event", f"{e.type}: {e.name}", e.event_id)
            for e in events.itertuples()
        ),
    ]


def format_releases(tables: dict[str, pd.DataFrame], anchors: dict[str, str]) -> str:
    articles = []
    for document in tables["documents"].itertuples():
        if document.status != OK:
            continue
        body = highlight(str(document.text), document_spans(document.doc_id, tables))
        articles.append(
            f'<article id="{anchors[document.doc_id]}"><h3>{text(document.title)}</h3>'
            f'<p class="meta"><code>{text(document.doc_id)}</code> · {day(document.published)}'
            f' · {link(document.source_url)}</p><div class="text">{body}</div></article>'
        )
    legend = "".join(f'<mark class="{kind}">{TYPE_NAMES[kind]}</mark> ' for kind in ENTITY_TYPES)
    return (
        f'<h2>Releases</h2><p>{legend}<u class="event">events</u></p>'
        f'<div id="releases">{"".join(articles)}</div>'
    )


def render_report(tables: dict[str, pd.DataFrame]) -> str:
    """The whole page, from the frames `extract.load` returns."""
    anchors = {doc_id: f"doc-{n}" for n, doc_id in enumerate(tables["documents"]["doc_id"])}
    return (
        '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">'
        "<title>extract: report</title>"
        f"<style>{STYLE}</style></head><body><h1>extract: report</h1>"
        f"{format_summary(tables['documents'])}{format_top(tables['entities'])}"
        f"{format_events(tables, anchors)}{format_releases(tables, anchors)}"
        f"<script>{SCRIPT}</script></body></html>\n"
    )


def write_report(out_dir: str | Path) -> Path:
    """Render the run in `out_dir` into `out_dir/report.html`, written atomically."""
    out_dir = Path(out_dir)
    page = render_report(load(out_dir))
    path = out_dir / REPORT
    replace_atomically(path, lambda target: target.write_text(page, encoding="utf-8"))
    return path
