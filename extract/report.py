"""A run's tables as one HTML page: `extract report OUT` writes `OUT/report.html`.

The page works offline and alone: the charting library (Vega, vendored in
`extract/data/report/` with its licence), the world's countries for the map
(Natural Earth, public domain) and the run's data are inline; nothing is
fetched, so it can be mailed or opened from a file share.

The data goes in as compact JSON (rows of lists, entities by index) and the
page's script (`report.js`) draws from it: the run's summary, filters (search,
event types, reported only, date range, one entity; kept in the address's
`#` part, so a view can be shared), a timeline of events by type where a
bar spans the event's dates as precisely as the release gives them, the top
entities as bar charts, the network of people and organisations taking part
in the same events, a map of the events' places, the events as a paged table,
and the releases, paged, with their mentions and events highlighted.

A page must open in a second, so it stays under `PAGE_LIMIT`: the releases'
texts, which make most of a run's bytes, go in only when the whole page with
them stays under it (a run of about 1,500 releases or fewer); a larger run's
report lists its releases without their texts, which stay in `documents`.

Release text is hostile input: the script puts every piece of text into the
page as text (`textContent`, Vega's escaped SVG), never as markup; the JSON is
escaped so no `</script>` in it can close its script; a source URL becomes a
link only when it is `http` or `https`.
"""

import json
from html import escape
from importlib.resources import files
from pathlib import Path

import pandas as pd

from .const import DUPLICATE, ENTITY_TYPES, ERROR, OK
from .export import replace_atomically
from .load import load
from .tables import CATEGORIES, plain

TOP = 10
REPORT = "report.html"
PAGE_LIMIT = 4_500_000  # bytes: a page that opens in a second
ASSETS = files("extract") / "data" / "report"
VOCABULARIES = {  # the page names an event's words by their index in its columns' vocabularies
    "type": CATEGORIES["events", "type"],
    "status": CATEGORIES["events", "status"],
    "precision": CATEGORIES["events", "precision"],
    "role": CATEGORIES["event_participants", "role"],
    "from": CATEGORIES["events", "location_from"],
}


EPOCH = pd.Timestamp("1970-01-01")


def day_number(value: object) -> int | None:
    """A date as days since 1970-01-01, the page's compact form of it."""
    return None if pd.isna(value) else (pd.Timestamp(value) - EPOCH).days


def optional(value: object) -> object:
    """A cell for JSON: a missing value as `None`, a NumPy number as Python's."""
    return None if pd.isna(value) else plain(value)


def as_json(value: object) -> str:
    """JSON to sit inside a `<script>`: no `<` in it, so no `</script>` or
    `<!--` in a release's text ends or changes the script."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")


def web_link(url: object) -> str:
    """A source URL a page may link to: `http` or `https` only."""
    if pd.isna(url) or not str(url).startswith(("http://", "https://")):
        return ""
    return str(url)


def top_entities(entities: pd.DataFrame) -> dict[str, list[str]]:
    """Per type, the entities named in the most releases, then with the most mentions."""
    ordered = entities.sort_values(["n_docs", "n_mentions", "name"], ascending=[False, False, True])
    return {
        kind: ordered.loc[ordered["type"] == kind, "entity_id"].head(TOP).tolist()
        for kind in ENTITY_TYPES
    }


def entity_order(
    tables: dict[str, pd.DataFrame], tops: dict[str, list[str]], with_texts: bool
) -> list[str]:
    """The entities the page draws (the top ones, the events' participants and
    places), then, with the texts, the others their highlights name."""
    events = tables["events"]
    drawn = dict.fromkeys(
        [
            *(entity for ids in tops.values() for entity in ids),
            *tables["event_participants"]["entity_id"],
            *events["location_id"].dropna(),
        ]
    )
    if not with_texts:
        return list(drawn)
    return list(dict.fromkeys([*drawn, *tables["mentions"]["entity_id"].dropna()]))


def entity_rows(entities: pd.DataFrame, order: list[str]) -> list[list]:
    frame = entities.set_index("entity_id").loc[order]
    return [
        [entity, e.name, e.type, optional(e.n_docs), optional(e.n_mentions),
         optional(e.lat), optional(e.lon)]
        for entity, e in zip(order, frame.itertuples(), strict=True)
    ]  # fmt: skip


def event_rows(
    tables: dict[str, pd.DataFrame], entity_index: dict[str, int], doc_index: dict[str, int]
) -> tuple[list[list], list[str], list[str]]:
    """Each event as numbers: the number of its id in its release, type, status,
    first day, days to its last, precision, name (an index into the names, which
    repeat), place, release, where its place came from, and its participants as
    entity and role pairs; the names; and the events' ids in the rows' order."""
    codes = {key: {word: n for n, word in enumerate(words)} for key, words in VOCABULARIES.items()}
    participants = tables["event_participants"]
    who: dict[str, list[int]] = {}
    for event, entity, role in zip(
        participants["event_id"], participants["entity_id"], participants["role"], strict=True
    ):
        who.setdefault(event, []).extend([entity_index[entity], codes["role"][role]])
    events = tables["events"].sort_values(["date_start", "doc_id", "start"], kind="stable")
    events = events[events["doc_id"].isin(doc_index)]
    names: dict[str, int] = {}
    rows = []
    for event, kind, status, first, last, precision, name, place, doc, source in zip(
        *(events[c] for c in ("event_id", "type", "status", "date_start", "date_end")),
        *(events[c] for c in ("precision", "name", "location_id", "doc_id", "location_from")),
        strict=True,
    ):
        start, end = day_number(first), day_number(last)
        rows.append([
            int(event.rsplit("#e", 1)[1]), codes["type"][kind], codes["status"][status], start,
            None if start is None or end is None else end - start,
            None if pd.isna(precision) else codes["precision"][precision],
            names.setdefault("" if pd.isna(name) else name, len(names)),
            entity_index.get(place, -1), doc_index[doc],
            None if pd.isna(source) else codes["from"][source],
            who.get(event, []),
        ])  # fmt: skip
    return rows, list(names), events["event_id"].tolist()


def text_rows(
    tables: dict[str, pd.DataFrame],
    ok: pd.DataFrame,
    entity_index: dict[str, int],
    event_index: dict[str, int],
) -> list[list]:
    """Each release's text, its mentions (start, end, type, entity, number of its
    id) and its events (start, end, index into the events)."""
    spans: dict[str, tuple[list, list]] = {doc: ([], []) for doc in ok["doc_id"]}
    for m in tables["mentions"].itertuples():
        if m.doc_id in spans:
            number = int(m.mention_id.rsplit("#m", 1)[1])
            entity = entity_index.get(m.entity_id, -1)
            spans[m.doc_id][0].append([int(m.start), int(m.end), str(m.type), entity, number])
    for e in tables["events"].itertuples():
        if e.doc_id in spans:
            spans[e.doc_id][1].append([int(e.start), int(e.end), event_index[e.event_id]])
    return [[text, *spans[doc]] for doc, text in zip(ok["doc_id"], ok["text"], strict=True)]


def page_data(tables: dict[str, pd.DataFrame], with_texts: bool) -> dict:
    """What the page draws, and the releases' texts with their highlights or `None`."""
    documents = tables["documents"]
    ok = documents[documents["status"] == OK]
    doc_index = {doc: n for n, doc in enumerate(ok["doc_id"])}
    tops = top_entities(tables["entities"])
    order = entity_order(tables, tops, with_texts)
    entity_index = {entity: n for n, entity in enumerate(order)}
    events, names, ids = event_rows(tables, entity_index, doc_index)
    event_index = {event: n for n, event in enumerate(ids)}
    return {
        "entities": entity_rows(tables["entities"], order),
        "top": {kind: [entity_index[e] for e in chosen] for kind, chosen in tops.items()},
        "docs": [
            [doc, optional(title), day_number(published), web_link(url)]
            for doc, title, published, url in zip(
                ok["doc_id"], ok["title"], ok["published"], ok["source_url"], strict=True
            )
        ],
        "events": events,
        "names": names,
        "vocabularies": VOCABULARIES,
        "texts": text_rows(tables, ok, entity_index, event_index) if with_texts else None,
    }


def format_summary(documents: pd.DataFrame) -> str:
    counts = documents["status"].value_counts()
    rows = [
        f'<tr><th>{label}</th><td class="n" id="n-{status}">{counts.get(status, 0)}</td></tr>'
        for status, label in ((OK, "ok"), (ERROR, "failed"), (DUPLICATE, "duplicate"))
    ]
    problems = documents[documents["status"] != OK]
    items = [
        f'<li class="{row.status}"><code>{escape(str(row.doc_id))}</code>: '
        f"{escape('' if pd.isna(row.error) else str(row.error))}</li>"
        for row in problems.itertuples()
    ]
    return (
        f'<section id="run"><h2>Run</h2><table id="summary"><tr><th>documents</th>'
        f'<td class="n" id="n-documents">{len(documents)}</td></tr>{"".join(rows)}</table>'
        f'<ul id="errors">{"".join(items)}</ul></section>'
    )


def asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


def page(tables: dict[str, pd.DataFrame], with_texts: bool) -> str:
    body = asset("report.html").replace("<!-- summary -->", format_summary(tables["documents"]))
    return (
        '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width">'
        f"<title>extract: report</title><style>{asset('report.css')}</style></head><body>"
        f"{body}<script>{asset('vega.min.js')}</script>"
        f'<script type="application/json" id="world">{asset("world.json")}</script>'
        f'<script type="application/json" id="data">{as_json(page_data(tables, with_texts))}'
        f"</script><script>{asset('report.js')}</script></body></html>\n"
    )


def render_report(tables: dict[str, pd.DataFrame]) -> str:
    """The whole page, from the frames `extract.load` returns: with the releases'
    texts when it stays under `PAGE_LIMIT` with them (their characters are
    counted first, so a large run's texts are never put in JSON for nothing)."""
    lean = page(tables, with_texts=False)
    documents = tables["documents"]
    characters = documents.loc[documents["status"] == OK, "text"].str.len().sum()
    if len(lean.encode()) + characters > PAGE_LIMIT:
        return lean
    full = page(tables, with_texts=True)
    return full if len(full.encode()) <= PAGE_LIMIT else lean


def write_report(out_dir: str | Path) -> Path:
    """Render the run in `out_dir` into `out_dir/report.html`, written atomically."""
    out_dir = Path(out_dir)
    page = render_report(load(out_dir))
    path = out_dir / REPORT
    replace_atomically(path, lambda target: target.write_text(page, encoding="utf-8"))
    return path
