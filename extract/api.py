"""The library entry points a notebook uses, over the same code as the CLI."""

from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import Future
from dataclasses import replace
from datetime import date
from itertools import islice

import pandas as pd

from .aliases import load_aliases
from .batch import new_pool
from .const import OK
from .ingest import Source, parse_text
from .load import with_categories
from .merge import NAME_PARTS, Merge, join_people, places_of, with_names
from .models import load_models
from .pipeline import finish, process, tag_documents
from .published import parse_date
from .records import Document, Result
from .tables import COLUMNS, DOCUMENT_TABLES, result_rows, to_frame

PIPE_BATCH = 16  # texts tagged together, as a batch run's chunk


def as_document(text: str, doc_id: str, metadata: Mapping[str, object] | None = None) -> Document:
    """A text read like a `.txt` release, its metadata (`title`, `published`, `url`)
    over what the text tells: a given publication date dates its relative
    expressions (`вчера`, `в прошлом году`) where the text gives none."""
    metadata = metadata or {}
    source = Source(doc_id=doc_id, path="", kind="txt", data=b"", sha256="")
    document = parse_text(source, text, encoding="")
    published = metadata.get("published")
    if isinstance(published, date):
        published = published.isoformat()
    if published:
        day = parse_date(str(published))
        if not day:
            raise ValueError(f"published is no date: {published!r}")
        document = replace(
            document, published=day, published_from="meta", published_text=str(published)
        )
    if metadata.get("title"):
        document = replace(document, title=str(metadata["title"]))
    if metadata.get("url"):
        document = replace(document, source_url=str(metadata["url"]))
    return document


def process_text(text: str, doc_id: str = "text", published: str | date | None = None) -> Result:
    """Run the whole pipeline over one release given as a string.

    The text is read like a `.txt` release: its title, date line and `Source
    URL:` line fill the metadata; `published` (`2025-06-12` or a `date`), when
    given, is its publication date.
    """
    return process(as_document(text, doc_id, {"published": published}), load_models())


def pipe(
    texts: Iterable[str | tuple[str, Mapping[str, object]]],
    *,
    published: str | date | None = None,
    workers: int = 1,
    batch_size: int = PIPE_BATCH,
) -> Iterator[Result]:
    """Results for a stream of texts, in order, as spaCy's `nlp.pipe` gives docs:
    each item is a text, or a (text, metadata) pair whose `id`, `title`,
    `published` and `url` are used; `published` dates the texts whose metadata
    does not. The texts are tagged `batch_size` at a time, by `workers`
    processes (each batch to one, a few batches ahead, the results in the
    order of the texts); `extract.frames` turns the results into tables.

    >>> results = list(pipe(["Министр связи Павел Ткач прибыл в Минск."]))
    >>> [(m.type, m.normal) for m in results[0].mentions]
    [('PER', 'Павел Ткач'), ('LOC', 'Минск')]
    """
    batches = document_batches(texts, published, batch_size)
    if workers <= 1:
        for documents in batches:
            yield from processed(documents)
        return
    with new_pool(workers, None) as pool:
        pending: deque[Future] = deque()
        for documents in batches:
            pending.append(pool.submit(processed, documents))
            if len(pending) > 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def document_batches(
    texts: Iterable[str | tuple[str, Mapping[str, object]]],
    published: str | date | None,
    size: int,
) -> Iterator[list[Document]]:
    """`pipe`'s items as documents, `size` at a time, read as they are asked for."""
    items = iter(texts)
    number = 0
    while chunk := list(islice(items, size)):
        documents = []
        for item in chunk:
            number += 1
            text, metadata = (item, {}) if isinstance(item, str) else item
            doc_id = str(metadata.get("id") or f"text-{number}")
            documents.append(as_document(text, doc_id, {"published": published, **metadata}))
        yield documents


def processed(documents: list[Document]) -> list[Result]:
    """A batch's results: tagged together, then finished one by one."""
    models = load_models()
    return [finish(tagged, models) for tagged in tag_documents(documents, models)]


def frames(results: Iterable[Result]) -> dict[str, pd.DataFrame]:
    """The contract's tables of some results, typed as `extract.load` reads a
    run's: each release's rows, in `doc_id` order as a run writes them, and the
    entities counted, people joined and places put on the map across the
    releases as a run does it (`extract.merge`). So a notebook analyses a list
    of texts without writing a file:

    >>> tables = frames(pipe(["Министр связи Павел Ткач прибыл в Минск."]))
    >>> tables["entities"][["name", "type", "country"]].to_numpy().tolist()
    [['Минск', 'LOC', 'BY'], ['Ткач Павел', 'PER', <NA>]]
    >>> tables["positions"][["position"]].to_numpy().tolist()
    [['министр']]
    """
    rows: dict[str, list] = {table: [] for table in DOCUMENT_TABLES}
    seen: set[str] = set()
    for result in sorted(results, key=lambda result: result.document.doc_id):
        doc_id = result.document.doc_id
        if doc_id in seen:
            raise ValueError(f"two results have the doc_id {doc_id!r}")
        seen.add(doc_id)
        for table, table_rows in result_rows(result, OK).items():
            rows[table].extend(table_rows)
    tables = {table: to_frame(table, table_rows) for table, table_rows in rows.items()}
    tables["mentions"] = with_names(tables["mentions"])
    merge = Merge(*join_people([tables["mentions"]], [tables["positions"]], load_aliases(None)))
    for table in DOCUMENT_TABLES:  # `documents` first: the positions need its dates
        tables[table] = merge.relink(table, tables[table])
        merge.take(table, tables[table])
    tables["mentions"] = tables["mentions"].drop(columns=NAME_PARTS)
    tables["entities"] = merge.entities(places_of([tables["mentions"]]))
    return {table: with_categories(table, tables[table]) for table in COLUMNS}
