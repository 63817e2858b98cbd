"""The plain natasha pipeline over a folder of `.txt` files, written as contract tables.

The baseline is measured on the same data and the same machine as the project: its
scores are the quality floors in `tests/test_quality.py`, and its speed is what the
throughput ratios of the later benchmarks are taken against. The pipeline is the one
from natasha's README, nothing added: `Doc`, `segment`, `tag_morph`, `tag_ner`,
`normalize` on each span, and `DatesExtractor` over the whole text.

    python benchmarks/natasha_baseline.py ../shared/eval/data/factru-dev/texts /tmp/base-factru
    python ../shared/eval/score.py /tmp/base-factru --gold ../shared/eval/data/factru-dev

Only `documents`, `mentions` and `dates` get rows; the other tables are written with
their headers alone. At the end one line goes to stderr: documents, total seconds
(model loading and writing included), documents/s and characters/s.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from natasha import (
    DatesExtractor,
    Doc,
    MorphVocab,
    NewsEmbedding,
    NewsMorphTagger,
    NewsNERTagger,
    Segmenter,
)

from extract.decode import decode_bytes
from extract.tables import COLUMNS

Row = dict[str, Any]


class Pipeline:
    """natasha's README pipeline: the models are loaded once, in `__init__`."""

    def __init__(self) -> None:
        self.segmenter = Segmenter()
        self.morph_vocab = MorphVocab()
        embedding = NewsEmbedding()
        self.morph_tagger = NewsMorphTagger(embedding)
        self.ner_tagger = NewsNERTagger(embedding)
        self.dates_extractor = DatesExtractor(self.morph_vocab)

    def mentions(self, doc_id: str, text: str) -> list[Row]:
        doc = Doc(text)
        doc.segment(self.segmenter)
        doc.tag_morph(self.morph_tagger)
        doc.tag_ner(self.ner_tagger)
        rows: list[Row] = []
        for number, span in enumerate(doc.spans, start=1):
            span.normalize(self.morph_vocab)
            rows.append(
                {
                    "doc_id": doc_id,
                    "mention_id": f"{doc_id}#m{number}",
                    "entity_id": f"{span.type}:{span.normal}",
                    "type": span.type,
                    "start": span.start,
                    "end": span.stop,
                    "text": text[span.start : span.stop],
                    "normal": span.normal,
                }
            )
        return rows

    def dates(self, doc_id: str, text: str) -> list[Row]:
        rows: list[Row] = []
        for number, match in enumerate(self.dates_extractor(text), start=1):
            fact = match.fact
            iso = iso_date(fact.year, fact.month, fact.day)
            rows.append(
                {
                    "doc_id": doc_id,
                    "date_id": f"{doc_id}#d{number}",
                    "start": match.start,
                    "end": match.stop,
                    "text": text[match.start : match.stop],
                    "date_start": iso,
                    "date_end": iso,
                    "precision": precision(fact.year, fact.month, fact.day),
                }
            )
        return rows


def iso_date(year: int | None, month: int | None, day: int | None) -> str:
    """`YYYY-MM-DD` for a full, valid calendar date; empty otherwise."""
    if year is None or month is None or day is None:
        return ""
    try:
        return date(year, month, day).isoformat()
    except ValueError:  # `31 февраля` is extracted as a fact all the same
        return ""


def precision(year: int | None, month: int | None, day: int | None) -> str:
    if year is None:
        return ""
    if month is None:
        return "year"
    return "day" if day is not None else "month"


def read_text(path: Path) -> tuple[str, str, bytes]:
    """The file's text, its encoding and its bytes, decoded as the project decodes them
    (encoding detected, a leading BOM dropped, line ends kept): offsets index the same text."""
    data = path.read_bytes()
    return *decode_bytes(data), data


def title_of(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def document_row(doc_id: str, rel: str, text: str, encoding: str, data: bytes) -> Row:
    row: Row = dict.fromkeys(COLUMNS["documents"], "")
    row.update(
        doc_id=doc_id,
        path=rel,
        status="ok",
        encoding=encoding,
        title=title_of(text),
        n_chars=len(text),
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
    )
    return row


def write_tables(out_dir: Path, rows: dict[str, list[Row]]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, columns in COLUMNS.items():
        frame = pd.DataFrame(rows.get(name, []), columns=columns)
        frame.to_csv(out_dir / f"{name}.csv", index=False, lineterminator="\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("in_dir", type=Path, help="folder of .txt files, read recursively")
    parser.add_argument("out_dir", type=Path, help="folder for the CSV tables")
    args = parser.parse_args(argv)
    if not args.in_dir.is_dir():
        parser.error(f"{args.in_dir} is not a folder")

    started = time.perf_counter()
    try:
        pipeline = Pipeline()
    except ImportError as error:  # MorphVocab's pymorphy2 imports pkg_resources on first use
        if error.name != "pkg_resources":
            raise
        sys.exit("error: natasha's MorphVocab needs pkg_resources: pip install 'setuptools<82'")
    rows: dict[str, list[Row]] = {"documents": [], "mentions": [], "dates": []}
    n_chars = 0
    paths = sorted(p for p in args.in_dir.rglob("*.txt") if p.is_file())
    for path in paths:
        rel = path.relative_to(args.in_dir).as_posix()
        doc_id = rel.removesuffix(".txt")
        text, encoding, data = read_text(path)
        n_chars += len(text)
        rows["documents"].append(document_row(doc_id, rel, text, encoding, data))
        rows["mentions"].extend(pipeline.mentions(doc_id, text))
        rows["dates"].extend(pipeline.dates(doc_id, text))
    write_tables(args.out_dir, rows)
    seconds = time.perf_counter() - started

    print(
        f"natasha baseline: {len(paths)} documents, {seconds:.2f} s, "
        f"{len(paths) / seconds:.2f} documents/s, {n_chars / seconds:.0f} characters/s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
