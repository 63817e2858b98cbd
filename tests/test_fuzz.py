"""Arbitrary Unicode through every stage: nothing may raise, and every offset
must slice the stored text to its row's text.

The documents mix random characters (any code point but surrogates) with
pieces of releases (names, dates, quotes, line breaks, combining accents,
soft hyphens), so that the random text reaches the NER, date and event rules
and is not only dropped as noise. Each one is read as a `.txt` file, an HTML
page or a JSON Lines record, as the batch reads them. `make test` runs 1,000
examples; `make test-slow` runs 10,000.
"""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.decode import UTF16
from extract.errors import InputError
from extract.ingest import Source, parse_source, sha256
from extract.models import load_models
from extract.pipeline import process
from extract.records import Result
from extract.tables import result_rows

PIECES = [
    "Министр связи",
    "Павел Ткач",
    "П.Н.Ткача",
    "провёл совещание",
    "в Минске",
    "Республики Казахстан",
    "ООО «Ромашка»",
    "Министерство связи и информатизации",
    "назначен заместителем министра",
    "подписали соглашение",
    "19 июня 2025 г.",
    "17 и 24 июня",
    "с 2019 года",
    "вчера",
    "Source URL: <https://x.example/1>",
    "19.06.2025",
    ". ",
    ", ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u00a0",
    "\u00ad",
    "\u0301",
    "\u200b",
    "«",
    "»",
    "(",
    ")",
    "—",
    "<p>",
    "</div>",
    "&amp;",
]
TEXTS = st.lists(st.one_of(st.text(max_size=6), st.sampled_from(PIECES)), max_size=30).map("".join)
KINDS = st.sampled_from(["txt", "html", "jsonl"])


def source_of(kind: str, text: str) -> Source:
    data = json.dumps({"text": text}).encode() if kind == "jsonl" else text.encode()
    return Source("fuzz", f"fuzz.{kind}", kind, data, sha256(data))


def check_offsets(result: Result) -> None:
    text = result.document.text
    for sentence in result.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        for token in sentence.tokens:
            assert text[token.start : token.end] == token.text
    for span in [*result.mentions, *result.dates]:
        assert text[span.start : span.end] == span.text
    for row in [*result.positions, *result.events]:
        assert 0 <= row.start <= row.end <= len(text)
    sentences = {sentence.text for sentence in result.sentences}
    assert all(event.sentence in sentences for event in result.events)


def check_document(kind: str, text: str) -> None:
    """Ingest and process one document with the models loaded once (`load_models`
    caches them), as a worker does."""
    try:
        document = parse_source(source_of(kind, text))
    except InputError:
        return  # a clean refusal (no text, NUL bytes) is an allowed outcome
    if kind == "txt" and "\0" in text:  # UTF-8 with NULs is refused: it was read as UTF-16
        data = text.encode()
        assert document.text in {data.decode(name, "replace") for name in UTF16}
    elif kind == "txt":
        assert document.text == text.removeprefix("\ufeff")
    result = process(document, load_models())
    check_offsets(result)
    assert len(result_rows(result, "ok")["documents"]) == 1


FUZZ = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@settings(FUZZ, max_examples=1_000)
@given(kind=KINDS, text=TEXTS)
def test_fuzz_documents(kind: str, text: str) -> None:
    check_document(kind, text)


@pytest.mark.slow
@settings(FUZZ, max_examples=10_000)
@given(kind=KINDS, text=TEXTS)
def test_fuzz_documents_many(kind: str, text: str) -> None:
    check_document(kind, text)
