"""The table contract: column order, dtypes, and records turned into frames.

`COLUMNS` is `TABLES.md` in code. Every writer and reader goes through
`to_frame`, so the CLI, `process_text` and `load` cannot disagree on a column.
Beyond the contract: `documents.lang` is the language a release is written
in (see `extract.lang`); `entities.position` is a person's latest post (see
`merge.Merge.take_posts`) and `entities.link_reason` why its releases were
joined (see `link.resolve_people`); `entities.country`, `lat`, `lon`,
`geonames_id` and `geo_precision` where a place is on the map (see
`extract.geo`); `mentions.entity_key` is the readable key
of what a release says of an entity (see `extract.link`); `dates.kind` says whether a
row is a calendar date or period (`date`), a duration or a recurrence (see
`extract.dates`); `events.online` says whether the event was held by video link (see
`extract.events`), `events.location_from` where its place comes from (see
`extract.events.where`); `event_participants` carries `doc_id`, so that its rows,
like every other table's, can be traced and replaced per document.
"""

from collections.abc import Iterable
from dataclasses import fields
from functools import cache

import pandas as pd

from .const import (
    DATE_SOURCES,
    ENTITY_TYPES,
    EVENT_PRECISIONS,
    EVENT_STATUSES,
    EVENT_TYPES,
    PLACE_SOURCES,
    PRECISIONS,
    ROLES,
    STATUSES,
)
from .records import Document, Entity, Result

COLUMNS: dict[str, list[str]] = {
    "documents": [
        "doc_id",
        "path",
        "status",
        "error",
        "encoding",
        "title",
        "published",
        "source_url",
        "n_chars",
        "sha256",
        "text",
        "lang",
        "published_from",
        "published_text",
        "chrome_chars",
    ],
    "sentences": ["doc_id", "sent_id", "start", "end", "text"],
    "mentions": [
        "doc_id",
        "mention_id",
        "entity_id",
        "type",
        "start",
        "end",
        "text",
        "normal",
        "entity_key",
    ],
    "entities": [
        "entity_id",
        "type",
        "name",
        "aliases",
        "n_docs",
        "n_mentions",
        "last_name",
        "first_name",
        "middle_name",
        "position",
        "link_reason",
        "country",
        "lat",
        "lon",
        "geonames_id",
        "geo_precision",
    ],
    "dates": [
        "doc_id",
        "date_id",
        "start",
        "end",
        "text",
        "date_start",
        "date_end",
        "precision",
        "kind",
    ],
    "positions": ["doc_id", "person_id", "position", "org_id", "start", "end"],
    "events": [
        "doc_id",
        "event_id",
        "type",
        "name",
        "date_start",
        "date_end",
        "location_id",
        "start",
        "end",
        "sentence",
        "online",
        "precision",
        "status",
        "date_from",
        "location_from",
    ],
    "event_participants": ["event_id", "entity_id", "role", "doc_id"],
}
DOCUMENT_TABLES = [name for name in COLUMNS if name != "entities"]
INTEGERS = {"start", "end", "n_chars", "n_docs", "n_mentions", "chrome_chars", "geonames_id"}
FLOATS = {"lat", "lon"}
DATES = {"published", "date_start", "date_end"}
BOOLEANS = {"online"}
# Closed vocabularies, read back as categoricals by `extract.load` (the files keep plain text).
CATEGORIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("documents", "status"): STATUSES,
    ("mentions", "type"): ENTITY_TYPES,
    ("entities", "type"): ENTITY_TYPES,
    ("dates", "precision"): PRECISIONS,
    ("events", "type"): EVENT_TYPES,
    ("events", "precision"): EVENT_PRECISIONS,
    ("events", "status"): EVENT_STATUSES,
    ("events", "date_from"): DATE_SOURCES,
    ("events", "location_from"): PLACE_SOURCES,
    ("event_participants", "role"): ROLES,
}
DATE_DTYPE = "datetime64[ms]"  # what Parquet stores; reaches centuries past, unlike [ns]

Row = dict[str, object]


def row_of(record: object, leave_out: tuple[str, ...] = ()) -> Row:
    """A record's fields as a row: one level deep, unlike `dataclasses.asdict`,
    which would copy every token of every sentence only to drop them."""
    names = field_names(type(record))
    return {name: getattr(record, name) for name in names if name not in leave_out}


@cache
def field_names(kind: type) -> tuple[str, ...]:
    """A record type's field names: `dataclasses.fields` rebuilds them each call."""
    return tuple(f.name for f in fields(kind))


def document_row(document: Document, status: str, error: str = "") -> Row:
    return {
        **row_of(document, leave_out=("chrome",)),
        "status": status,
        "error": error,
        "n_chars": len(document.text),
    }


def failed_row(doc_id: str, path: str, status: str, error: str, sha256: str = "") -> Row:
    """A `documents` row for a document that yielded no text."""
    return {"doc_id": doc_id, "path": path, "status": status, "error": error, "sha256": sha256}


def result_rows(result: Result, status: str) -> dict[str, list[Row]]:
    """The rows one processed document adds to each per-document table."""
    doc_id = result.document.doc_id
    sentences = [row_of(s, leave_out=("tokens",)) for s in result.sentences]
    return {
        "documents": [document_row(result.document, status)],
        "sentences": sentences,
        "mentions": [row_of(m) for m in result.mentions],
        "dates": [row_of(d) for d in result.dates],
        "positions": [row_of(p) for p in result.positions],
        "events": [row_of(e) for e in result.events],
        "event_participants": [{**row_of(p), "doc_id": doc_id} for p in result.participants],
    }


def error_rows(
    doc_id: str, path: str, status: str, error: str, sha256: str
) -> dict[str, list[Row]]:
    rows: dict[str, list[Row]] = {name: [] for name in DOCUMENT_TABLES}
    rows["documents"].append(failed_row(doc_id, path, status, error, sha256))
    return rows


def entity_rows(entities: Iterable[Entity]) -> list[Row]:
    return [{**row_of(e), "aliases": "|".join(e.aliases)} for e in entities]


def plain(value: object) -> object:
    """A cell's numpy scalar as the Python one that GraphML's writer and JSON
    know the type of."""
    return value.item() if hasattr(value, "item") else value


def to_frame(table: str, rows: Iterable[Row] | pd.DataFrame) -> pd.DataFrame:
    """Rows (or a frame) as a frame with the contract's columns, in order, typed.

    Text is pandas' string dtype, counts and offsets nullable integers, and
    dates `datetime64`; columns a row lacks, and empty strings, are missing
    values, so the Parquet copy reads back like the CSV one.
    """
    columns = COLUMNS[table]
    if isinstance(rows, pd.DataFrame):
        data = {c: rows[c].tolist() if c in rows else [None] * len(rows) for c in columns}
    else:  # column by column: a frame from a list of dicts costs three times more
        rows = list(rows)
        data = {column: [row.get(column) for row in rows] for column in columns}
    return pd.DataFrame({column: typed(column, values) for column, values in data.items()})


def typed(column: str, values: list) -> pd.api.extensions.ExtensionArray:
    """One column's values in its type (see `to_frame`). Missing values may come
    as `None`, `NaN` or `pd.NA`; text is converted from a Python list, which
    costs a third of converting a column of Python objects."""
    if column in INTEGERS:
        return pd.array(pd.to_numeric(pd.Series(values, dtype=object)), dtype="Int64")
    if column in FLOATS:
        return pd.array(pd.to_numeric(pd.Series(values, dtype=object)), dtype="Float64")
    if column in BOOLEANS:  # the CSV copy holds `True` and `False`
        flags = {"True": True, "False": False, "": None}
        return pd.array([flags.get(v, v) if isinstance(v, str) else v for v in values], "boolean")
    if column in DATES:
        dates = pd.Series(values, dtype=object).replace("", None)
        return pd.to_datetime(dates, format="ISO8601").astype(DATE_DTYPE).array
    # an empty string is a missing value, as an empty CSV cell is
    return pd.array([None if isinstance(v, str) and not v else v for v in values], "string")
