"""Inputs that made one regex or loop take time quadratic in their length.

`--timeout` cannot stop a regex or a C call half-way, so these must be linear.
Each input is big enough that the quadratic version took minutes (measured:
the time given in each case's comment), while the linear one takes
milliseconds; the bound of `SECONDS` leaves room for a busy machine.
"""

import time
from collections.abc import Callable

import pytest

from extract.errors import InputError
from extract.ingest import Source, parse_source, sha256
from extract.models import Models
from extract.pipeline import process
from extract.records import Document
from extract.segment import split_after_year, split_blocks

SECONDS = 5.0
BLANK_LINES = "\n \n" * 100_000  # 300,000 characters, 200,000 line breaks


def parse(text: str, kind: str = "txt") -> str:
    """The document's source URL, or the error that refused it."""
    data = text.encode("utf-8")
    try:
        return parse_source(Source("x", "x." + kind, kind, data, sha256(data))).source_url
    except InputError as error:
        return str(error)


def source_url(text: str) -> str:
    return parse(text)


def block_count(text: str) -> int:
    return sum(1 for _ in split_blocks(text))


def year_cuts(text: str) -> list[int]:
    return list(split_after_year(text))


CLAUSE = "подписано в 2023 г. Министерство "  # a cut after each `г.` but the first

CASES: list[tuple[str, Callable[[], object], object]] = [
    # about 110 s before (4.5 s at a fifth of the size):
    # `^\s*` ran over the run from each line start
    ("source url after blank lines", lambda: source_url("Итоги" + BLANK_LINES), ""),
    (
        "source url below blank lines",
        lambda: source_url("Итоги" + BLANK_LINES + "Source URL: <https://mincom.example/1>\n"),
        "https://mincom.example/1",
    ),
    # about 400 s before (16 s at a fifth of the size):
    # the lookahead `\n(?=\s*...)` rescanned the run from each break
    ("blocks before a capital", lambda: block_count("Итоги" + BLANK_LINES + "Текст"), 200_001),
    ("blocks before a lower case", lambda: block_count("Итоги" + BLANK_LINES + "текст"), 1),
    # 14 s for 100,000 levels, 135 s for 200,000 before: lexbor is superlinear in depth
    (
        "html nested a million deep",
        lambda: parse("<div></x>" * 1_000_000, "html"),
        "html nested too deep: over 500 levels",
    ),
    # 63 s before: the words before each `2023 г.` were counted again from the start
    (
        "year cuts in one sentence",
        lambda: year_cuts(CLAUSE * 4_000),
        [len(CLAUSE) * n + 19 for n in range(1, 4_000)],
    ),
]


@pytest.mark.parametrize(("name", "work", "expected"), CASES, ids=[c[0] for c in CASES])
def test_linear_time(name: str, work: Callable[[], object], expected: object) -> None:
    started = time.perf_counter()
    result = work()
    elapsed = time.perf_counter() - started
    assert result == expected
    assert elapsed < SECONDS, f"{name}: {elapsed:.1f} s"


FIRST = ["Иван", "Сергей", "Анна", "Мария", "Павел", "Ольга", "Дмитрий", "Елена"]
LAST = ["Петров", "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов"]


def test_linear_time_of_a_list_of_names(models: Models) -> None:
    """1,000 names in one sentence: 13.7 s before, when the event and position
    rules looked at every pair of its names (2,000: 58 s); 1.4 s now, in
    sentences of at most 500 tokens."""
    names = [f"{FIRST[n % 8]} {LAST[n % 7]}" for n in range(1_000)]
    text = "В совещании участвовали " + ", ".join(names) + "."
    started = time.perf_counter()
    result = process(Document("d", "d.txt", text), models)
    elapsed = time.perf_counter() - started
    assert [len(s.tokens) for s in result.sentences] == [498] * 6 + [15]
    assert len(result.mentions) == 1_000
    assert elapsed < SECONDS, f"{elapsed:.1f} s"
