"""The library entry points a notebook uses, over the same code as the CLI."""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date
from itertools import islice

from .ingest import Source, parse_text
from .models import load_models
from .pipeline import finish, process, tag_documents
from .published import parse_date
from .records import Document, Result

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
    texts: Iterable[str | tuple[str, Mapping[str, object]]], batch_size: int = PIPE_BATCH
) -> Iterator[Result]:
    """Results for a stream of texts, in order, as spaCy's `nlp.pipe` gives docs:
    each item is a text, or a (text, metadata) pair whose `id`, `title`,
    `published` and `url` are used; the texts are tagged `batch_size` at a time."""
    models = load_models()
    items = iter(texts)
    number = 0
    while chunk := list(islice(items, batch_size)):
        documents = []
        for item in chunk:
            number += 1
            text, metadata = (item, {}) if isinstance(item, str) else item
            doc_id = str(metadata.get("id") or f"text-{number}")
            documents.append(as_document(text, doc_id, metadata))
        yield from (finish(tagged, models) for tagged in tag_documents(documents, models))
