"""The live parts of a run merged into the contract's tables, streamed.

A run's results sit in parts (see `parts`), each a few dozen documents. The
tables are written from them in `doc_id` order without holding one whole: the
parts are merged like sorted runs, each part opened only when the merge
reaches its first live `doc_id` and dropped once it is spent, and rows go out
in batches of at most `BATCH_DOCUMENTS` documents (see `export.TableWriter`).
A run's chunks are consecutive slices of its sorted releases, so one or two
parts are open at a time; a resumed run, whose new parts interleave with old
ones, opens more.

Entities need the whole run, but only as tallies: a first pass over the
people's mentions and positions gives the people `link.resolve_people` joins
across releases (each person mention's name parts come in its part, read by
the worker that processed its release: `with_names`), and the mentions
written out are tallied per entity on the way, as the positions are folded
into each person's latest post. What stays in memory grows with a run's
distinct entities and its documents' ids and dates, not with its rows.
"""

import heapq
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice, pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .aliases import Aliases
from .const import LOC, PER
from .export import DEFAULT_FORMATS, Formats, TableWriter, dump_table
from .geo import Place, locate, place_key
from .link import (
    FULL_NAME,
    Tally,
    build_entities,
    mention_name,
    person_parts,
    resolve_people,
    tally_mentions,
    with_reason,
)
from .models import load_morph
from .names import NameParts
from .parts import PartStore, live_rows
from .tables import DOCUMENT_TABLES, entity_rows, to_frame

BATCH_ROWS = 5_000
BATCH_DOCUMENTS = 200  # a release's text may be long
ID_COLUMNS = ("person_id", "org_id", "location_id", "entity_id")
# A person mention's name parts (`link.mention_name`), kept in the mentions parts
# beside the contract's columns: read by the worker that processed the release,
# whose caches know its names, they are only counted here.
NAME_PARTS = ["last_name", "first_name", "middle_name"]
TALLIED = ["entity_id", "entity_key", "type", "doc_id", "text", "normal", *NAME_PARTS]
EVIDENCE = ["doc_id", "person_id", "position", "org_id"]  # what positions tell of people
# What the run's workers write, when it has them: two groups of about the same
# work, from which `Merge.take` needs only the release dates of `documents`. No
# person's id is in them, so they go before the people are joined across releases;
# `event_participants`, which has the people's ids, goes once they are.
WORKER_TABLES = (["documents", "sentences"], ["dates", "events"])
JOINED_WORKER_TABLES = ["event_participants"]


def with_names(mentions: pd.DataFrame) -> pd.DataFrame:
    """A chunk's mentions as the parts keep them: with `NAME_PARTS`, empty for
    a mention of no person."""
    morph = load_morph()
    read = ["type", "entity_key", "text", "normal"]
    names = [
        mention_name(key, text, normal, morph) if type == PER else NameParts()
        for type, key, text, normal in columns(mentions[read].fillna(""), read)
    ]
    return mentions.assign(
        last_name=pd.array([name.last for name in names], "string"),
        first_name=pd.array([name.first for name in names], "string"),
        middle_name=pd.array([name.middle for name in names], "string"),
    )


def part_documents(frame: pd.DataFrame) -> Iterator[tuple[str, int, int]]:
    """Each document of a part's live rows, sorted by `doc_id` (rows of one
    document as written): its id and its rows' range."""
    ids = frame["doc_id"].to_numpy()
    changes = np.flatnonzero(ids[1:] != ids[:-1]) + 1
    for start, end in pairwise([0, *changes.tolist(), len(ids)]):
        if end > start:
            yield ids[start], start, end


@dataclass(frozen=True, slots=True)
class Rows:
    """A range of rows of one part's frame."""

    frame: pd.DataFrame
    start: int
    end: int


def live_documents(store: PartStore, table: str, live: dict[str, int]) -> Iterator[Rows]:
    """The live rows of `table`, one document's at a time, in `doc_id` order."""
    paths = dict(store.parts(table))
    firsts: dict[int, str] = {}
    for doc_id, number in live.items():
        if number in paths and (number not in firsts or doc_id < firsts[number]):
            firsts[number] = doc_id
    waiting = sorted((doc_id, number) for number, doc_id in firsts.items())
    heap: list[tuple[str, int, Rows, Iterator]] = []
    index = 0
    while heap or index < len(waiting):
        while index < len(waiting) and (not heap or waiting[index][0] <= heap[0][0]):
            number = waiting[index][1]
            frame = pd.read_parquet(paths[number])
            frame = live_rows(frame, live, number)
            if not frame["doc_id"].is_monotonic_increasing:  # parts mostly are
                frame = frame.sort_values("doc_id", kind="stable", ignore_index=True)
            documents = part_documents(frame)
            for doc_id, start, end in islice(documents, 1):
                heapq.heappush(heap, (doc_id, number, Rows(frame, start, end), documents))
            index += 1
        _, number, rows, documents = heapq.heappop(heap)
        yield rows
        for doc_id, start, end in islice(documents, 1):
            heapq.heappush(heap, (doc_id, number, Rows(rows.frame, start, end), documents))


def live_batches(store: PartStore, table: str, live: dict[str, int]) -> Iterator[pd.DataFrame]:
    """The live rows of `table` in `doc_id` order, in frames of whole documents,
    at most `BATCH_DOCUMENTS` of them or (unless one document has more) about
    `BATCH_ROWS` rows; a part's consecutive documents are cut from it as one."""
    ranges: list[Rows] = []
    documents = size = 0
    for rows in live_documents(store, table, live):
        last = ranges[-1] if ranges else None
        if last is not None and last.frame is rows.frame and last.end == rows.start:
            ranges[-1] = Rows(rows.frame, last.start, rows.end)
        else:
            ranges.append(rows)
        documents += 1
        size += rows.end - rows.start
        if documents >= BATCH_DOCUMENTS or size >= BATCH_ROWS:
            yield batch(ranges)
            ranges, documents, size = [], 0, 0
    if ranges:
        yield batch(ranges)


def batch(ranges: list[Rows]) -> pd.DataFrame:
    cut = [rows.frame.iloc[rows.start : rows.end] for rows in ranges]
    return pd.concat(cut, ignore_index=True)


def joined_people(
    store: PartStore, live: dict[str, int], aliases: Aliases | None = None
) -> tuple[dict[str, str], dict[str, str]]:
    """`join_people` over the run's live parts."""
    mentions = (
        live_rows(pd.read_parquet(path, columns=TALLIED), live, number)
        for number, path in store.parts("mentions")
    )
    positions = (
        live_rows(pd.read_parquet(path, columns=EVIDENCE), live, number)
        for number, path in store.parts("positions")
    )
    return join_people(mentions, positions, aliases)


def join_people(
    mentions: Iterable[pd.DataFrame],
    positions: Iterable[pd.DataFrame],
    aliases: Aliases | None = None,
) -> tuple[dict[str, str], dict[str, str]]:
    """`link.resolve_people` over the people of some releases: their name parts,
    from their mentions (`TALLIED`, a release's rows together), and the
    organisations and posts of their positions, with the user's `same` and
    `different` rows."""
    tallies: dict[str, Tally] = {}
    for frame in mentions:
        frame = frame[frame["type"] == PER].fillna("")
        tally_mentions(columns(frame, TALLIED), tallies)
    evidence: dict[str, set[tuple[str, str]]] = {}
    for frame in positions:
        for person, post, org in columns(frame.fillna(""), EVIDENCE[1:]):
            evidence.setdefault(person, set()).add((post, org))
    people = {person: person_parts(tally) for person, tally in tallies.items()}
    renamed, reasons = resolve_people(people, evidence, aliases)
    for person, tally in tallies.items():
        if tally.n_docs > 1 and person not in renamed:  # one full name, several releases
            reasons[person] = with_reason(FULL_NAME, reasons.get(person, ""))
    return renamed, reasons


def columns(frame: pd.DataFrame, names: list[str]) -> Iterator[tuple]:
    """The rows of some columns as tuples: through lists, since iterating the
    Arrow-backed string columns themselves costs ten times more."""
    return zip(*(frame[name].tolist() for name in names), strict=True)


@dataclass(slots=True)
class Merge:
    """What the streamed tables leave for the entities table."""

    renamed: dict[str, str]  # person id -> the id it joins
    reasons: dict[str, str]  # person id -> why ids joined it
    tallies: dict[str, Tally] = field(default_factory=dict)
    published: dict[str, object] = field(default_factory=dict)  # doc_id -> date
    posts: dict[str, tuple[tuple, str]] = field(default_factory=dict)  # person -> (order, post)

    def relink(self, table: str, frame: pd.DataFrame) -> pd.DataFrame:
        """Apply the cross-release joins to a batch's ids."""
        if not self.renamed:
            return frame
        for column in ID_COLUMNS:
            if column in frame:
                frame[column] = frame[column].map(lambda value: self.renamed.get(value, value))
        return frame

    def take(self, table: str, frame: pd.DataFrame) -> None:
        """Keep what the entities table needs from a batch as it goes out."""
        if table == "documents":
            self.published.update(columns(frame, ["doc_id", "published"]))
        elif table == "mentions":
            tally_mentions(columns(frame[TALLIED].fillna(""), TALLIED), self.tallies)
        elif table == "positions":
            self.take_posts(frame)

    def take_posts(self, positions: pd.DataFrame) -> None:
        """A person's post in the most recently published release that states one;
        undated releases count as the oldest, and ties go to the later row."""
        for person, doc_id, start, post in columns(
            positions, ["person_id", "doc_id", "start", "position"]
        ):
            date = self.published.get(doc_id)
            dated = (True, date) if pd.notna(date) else (False, pd.Timestamp.min)
            order = (*dated, doc_id, start if pd.notna(start) else -1)
            if person not in self.posts or order >= self.posts[person][0]:
                self.posts[person] = (order, post)

    def entities(self, places: dict[str, Place]) -> pd.DataFrame:
        """The entities table: each person's latest post, each place's point
        (`places`, by the folded names `located` gives)."""
        rows = entity_rows(build_entities(self.tallies, self.reasons))
        for row in rows:
            place = places.get(place_key(row["name"])) if row["type"] == LOC else None
            if place is not None:
                row.update(
                    country=place.country,
                    lat=place.lat,
                    lon=place.lon,
                    geonames_id=place.geonames_id,
                    geo_precision=place.precision,
                )
        frame = to_frame("entities", rows)
        posts = {person: post for person, (_, post) in self.posts.items()}
        return frame.assign(position=frame["entity_id"].map(posts).astype("string"))


def located(store: PartStore, live: dict[str, int]) -> dict[str, Place]:
    """`places_of` the run's live mentions."""
    return places_of(
        live_rows(pd.read_parquet(path, columns=["doc_id", "type", "entity_key"]), live, number)
        for number, path in store.parts("mentions")
    )


def places_of(mentions: Iterable[pd.DataFrame]) -> dict[str, Place]:
    """The places some releases' place entities name, by `geo.place_key`: their
    names are their keys' (`LOC:Гродно`), as `link.entity_name` has them."""
    keys: set[str] = set()
    for frame in mentions:
        names = frame.loc[frame["type"] == LOC, "entity_key"].str.split(":", n=1).str[1]
        keys.update(place_key(name) for name in names.dropna().tolist())
    return {key: place for key in keys if (place := locate(key)) is not None}


def write_tables(
    store: PartStore,
    out_dir: Path,
    tables: list[str],
    live: dict[str, int],
    merge: Merge,
    formats: Formats,
) -> dict[str, object]:
    """Write some of the contract tables, taking what `merge` keeps on the way;
    returns the release dates it took (from `documents`), which the positions
    need, so that a worker process can write `documents` too."""
    for table in tables:
        with TableWriter(out_dir, table, to_frame(table, []), formats) as writer:
            for frame in live_batches(store, table, live):
                frame = merge.relink(table, frame)
                merge.take(table, frame)
                writer.write(frame.drop(columns=NAME_PARTS) if table == "mentions" else frame)
    return merge.published


def submitted(executor: Executor | None, function: Callable, *args: object) -> Future | None:
    """`function(*args)` handed to a worker; None where there is no pool or it broke."""
    if executor is None:
        return None
    try:
        return executor.submit(function, *args)
    except BrokenProcessPool:
        return None


def result_or_here(future: Future | None, function: Callable, *args: object) -> Any:
    """A worker's result for `function(*args)`, or the same work done here where
    no worker had it or the one that had it died."""
    if future is not None:
        try:
            return future.result()
        except BrokenProcessPool:
            pass
    return function(*args)


def merge_tables(
    store: PartStore,
    out_dir: Path,
    formats: Formats = DEFAULT_FORMATS,
    executor: Executor | None = None,
    aliases: Aliases | None = None,
) -> None:
    """Write every contract table from the live parts, entities counted across them.

    With an `executor` (the run's idle worker processes), one of them looks up
    the run's places in the gazetteer (`located`) and the `WORKER_TABLES` are
    written there while this process joins the people across releases,
    writes `mentions` and `positions` and counts the entities, and then
    `JOINED_WORKER_TABLES`; a worker that dies leaves its tables to this
    process. The group with `documents`, whose release dates the positions
    need, is waited for first."""
    live = store.live_parts()
    futures: dict[Future, list[str]] = {}

    def send(groups: list[list[str]], merge: Merge) -> None:
        """Hand each group of tables to a worker, while the pool stands."""
        for tables in groups:
            task = (store, out_dir, tables, live, merge, formats)
            future = submitted(executor, write_tables, *task)
            if future is None:
                return
            futures[future] = tables

    places = submitted(executor, located, store, live)  # the gazetteer takes a second to read
    send(list(WORKER_TABLES), Merge({}, {}))
    merge = Merge(*joined_people(store, live, aliases))
    if len(futures) == len(WORKER_TABLES):
        send([JOINED_WORKER_TABLES], Merge(merge.renamed, merge.reasons))
    sent = [table for tables in futures.values() for table in tables]
    here = [t for t in DOCUMENT_TABLES if t not in sent and t != "positions"]
    write_tables(store, out_dir, here, live, merge, formats)

    def settle(groups: list[tuple[Future, list[str]]]) -> None:
        """Take the release dates the workers' tables leave, or write the
        tables here where a worker died."""
        for future, tables in groups:
            task = (store, out_dir, tables, live, merge, formats)
            merge.published.update(result_or_here(future, write_tables, *task))

    waiting = list(futures.items())
    settle(waiting[:1])  # the group with `documents`
    # a person's post is the one of the latest release, by every release's date
    write_tables(store, out_dir, ["positions"], live, merge, formats)
    entities = merge.entities(result_or_here(places, located, store, live))
    dump_table(entities, out_dir, "entities", formats)
    settle(waiting[1:])
    store.prune(live)
