"""Reading a run's tables back as typed pandas frames, and the joins analysts ask for."""

import warnings
from pathlib import Path

import pandas as pd

from .export import unescape_cell
from .parts import STATE, UNFINISHED
from .tables import CATEGORIES, COLUMNS, to_frame


class UnfinishedExport(UserWarning):
    """The tables were read while, or after, a run stopped writing them."""


EVENT_COLUMNS = [
    "event_id",
    "event_type",
    "event_name",
    "date_start",
    "date_end",
    "place",
    "entity_id",
    "entity_name",
    "entity_type",
    "role",
    "doc_id",
    "title",
    "source_url",
]


def with_categories(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Closed vocabularies as categoricals, with every value of the vocabulary as a
    category, so counts show zeros and runs compare. A value outside it is a bug
    in the writer: raise rather than let pandas turn it into a missing value."""
    for (name, column), values in CATEGORIES.items():
        if name != table:
            continue
        unknown = set(frame[column].dropna()) - set(values)
        if unknown:
            raise ValueError(f"{table}.{column}: values outside {values}: {sorted(unknown)}")
        frame[column] = pd.Categorical(frame[column], categories=values)
    return frame


def load_table(out_dir: Path, table: str, columns: list[str] | None = None) -> pd.DataFrame:
    """One table, or some of its columns, from Parquet when it was written,
    else from CSV."""
    parquet = out_dir / f"{table}.parquet"
    if parquet.exists():
        frame = pd.read_parquet(parquet, columns=columns)
    else:
        frame = pd.read_csv(
            out_dir / f"{table}.csv",
            dtype=str,
            keep_default_na=False,
            encoding="utf-8",
            usecols=columns,
        )
        frame = frame.map(unescape_cell).replace("", None)
    frame = with_categories(table, to_frame(table, frame))
    return frame if columns is None else frame[columns]


def load(out_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Every table of a run as a typed frame: ids and text as strings, offsets and
    counts as nullable integers, dates as `datetime64`, and `status`, `type`,
    `precision` and `role` as categoricals of their vocabularies.

    >>> tables = load("data/out")            # doctest: +SKIP
    >>> tables["mentions"].groupby("type").size()  # doctest: +SKIP
    """
    out_dir = Path(out_dir)
    if (out_dir / STATE / UNFINISHED).exists():
        warnings.warn(
            f"{out_dir}: a run stopped while writing these tables, which may be of two runs:"
            " run extract again on this folder to write them all",
            UnfinishedExport,
            stacklevel=2,
        )
    return {table: load_table(out_dir, table) for table in COLUMNS}


def events_frame(out_dir: str | Path) -> pd.DataFrame:
    """One row per event participant, with what an analyst would otherwise join by
    hand from four tables: the entity's name and type, the event's type, name,
    dates and place name, and the release's title and URL. Rows keep the order
    of `event_participants`."""
    out_dir = Path(out_dir)
    entities = load_table(out_dir, "entities")
    names = entities.set_index("entity_id")["name"]
    events = load_table(out_dir, "events").rename(
        columns={"type": "event_type", "name": "event_name"}
    )
    events["place"] = events["location_id"].map(names).astype("string")
    people = entities[["entity_id", "name", "type"]].rename(
        columns={"name": "entity_name", "type": "entity_type"}
    )
    documents = load_table(out_dir, "documents")[["doc_id", "title", "source_url"]]
    participants = load_table(out_dir, "event_participants").drop(columns="doc_id")
    frame = (
        participants.merge(events, on="event_id", how="left", validate="many_to_one")
        .merge(people, on="entity_id", how="left", validate="many_to_one")
        .merge(documents, on="doc_id", how="left", validate="many_to_one")
    )
    return frame[EVENT_COLUMNS]
