"""The catalogue of hostile inputs, run through the command line in one batch.

Every case's `documents` rows are compared exactly; the batch must finish,
report each failure as one line on stderr and exit with 1. The run happens
with network connections and new processes forbidden, so a page that names
external resources or scripts proves that nothing is fetched or run.
"""

import contextlib
import io
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from extract import cli, load
from extract.load import load_table

from .build import CASES, Case


@dataclass(frozen=True, slots=True)
class Run:
    code: int
    stderr: list[str]
    tables: dict[str, pd.DataFrame]
    root: Path
    argv: list[str]
    seconds: float


def refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("the run tried to reach the network or start a process")


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` but the output folder, with its bytes (links as
    their targets' names, so a link loop is no trouble)."""
    files = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if name == "out" or name.startswith("out/"):
            continue
        if path.is_symlink():
            files[name] = str(path.readlink()).encode()
        elif path.is_file():
            files[name] = path.read_bytes()
    return files


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = tmp_path_factory.mktemp("bad-inputs")
    folder = root / "in"
    folder.mkdir()
    for case in CASES:
        case.build(folder)
    before = tree(root)
    stderr = io.StringIO()
    argv = ["run", str(folder), str(root / "out"), "--workers", "1", "--quiet", "--timeout", "10"]
    started = time.perf_counter()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stderr(stderr):
        patch.setattr(socket.socket, "connect", refuse)
        patch.setattr(socket, "getaddrinfo", refuse)
        patch.setattr(subprocess.Popen, "__init__", refuse)
        code = cli.main(argv)
    seconds = time.perf_counter() - started
    assert tree(root) == before  # nothing written, changed or removed beside `out`
    return Run(code, stderr.getvalue().splitlines(), load(root / "out"), root, argv, seconds)


def rows(tables: dict[str, pd.DataFrame], doc_ids: set[str]) -> list[tuple]:
    frame = tables["documents"]
    frame = frame[frame.doc_id.isin(doc_ids)][["doc_id", "status", "error", "lang"]]
    return [tuple(None if pd.isna(v) else v for v in row) for row in frame.values.tolist()]


def test_bad_inputs_catalogue_is_large() -> None:
    assert len(CASES) == 71
    assert sum(len(case.rows) for case in CASES) == 90


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_inputs_rows(catalogue: Run, case: Case) -> None:
    expected = sorted(case.rows)
    assert rows(catalogue.tables, {row[0] for row in case.rows}) == expected


def test_bad_inputs_no_other_rows(catalogue: Run) -> None:
    expected = sorted(row[0] for case in CASES for row in case.rows)
    assert catalogue.tables["documents"].doc_id.tolist() == expected


def test_bad_inputs_exit_code_and_summary(catalogue: Run) -> None:
    assert catalogue.code == 1
    assert catalogue.stderr[-1] == "43 ok, 46 failed, 1 duplicate"


def test_bad_inputs_one_line_each_on_stderr(catalogue: Run) -> None:
    errors = [
        f"{doc_id}: {error}".replace("\n", "\\n")
        for case in CASES
        for doc_id, status, error, _ in case.rows
        if status == "error"
    ]
    warnings = [
        f"{doc_id}: warning: not Russian (lang {lang})"
        for case in CASES
        for doc_id, status, _, lang in case.rows
        if status == "ok" and lang != "ru"
    ]
    assert "пустой\\nфайл: empty file" in errors
    assert sorted(catalogue.stderr[:-1]) == sorted(errors + warnings)


ENCODINGS = [("utf16le", "utf-16-le"), ("utf16be", "utf-16-be"), ("-rf", "utf-8")]


@pytest.mark.parametrize(("doc_id", "encoding"), ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_bad_inputs_encodings(catalogue: Run, doc_id: str, encoding: str) -> None:
    documents = catalogue.tables["documents"].set_index("doc_id")
    assert documents.loc[doc_id, "encoding"] == encoding
    assert documents.loc[doc_id, "title"] == "Министр связи Павел Ткач провёл совещание в Минске."


TEXTS = [
    (
        "hostile",
        "Посол «Казахстана» прибыл в Минск & Гродно — Посол.\n\nПереговоры прошли успешно.",
    ),
    ("deep", "Министр прибыл в Минск."),
    ("bomb", "]>\n\n&lol3;\n\nМинистр прибыл в Минск."),  # entities are never expanded
    ("twin.html", "Министр прибыл в Брест."),
    ("one-line", "Минск" * 200_000),
    ("letters", "я " * 100_000),
]


@pytest.mark.parametrize(("doc_id", "text"), TEXTS, ids=[t[0] for t in TEXTS])
def test_bad_inputs_texts(catalogue: Run, doc_id: str, text: str) -> None:
    documents = catalogue.tables["documents"].set_index("doc_id")
    assert documents.loc[doc_id, "text"] == text


def test_bad_inputs_no_script_or_frame_text(catalogue: Run) -> None:
    for text in catalogue.tables["documents"].text.dropna():
        for word in ("ВЗЛОМ", "steal", "alert", "Текст фрейма", "evil.example"):
            assert word not in text


def test_bad_inputs_offsets_slice_the_text(catalogue: Run) -> None:
    documents = catalogue.tables["documents"].dropna(subset=["text"])
    texts = dict(zip(documents.doc_id, documents.text, strict=True))
    checked = 0
    for table in ("sentences", "mentions", "dates"):
        for row in catalogue.tables[table].itertuples():
            assert texts[row.doc_id][row.start : row.end] == row.text, (table, row)
            checked += 1
    assert checked > 100


SPANS = [
    ("emoji", [(0, 45), (47, 80)], [("PER", "Павел Ткач"), ("LOC", "Минск")]),
    ("nbsp", [(0, 49)], [("PER", "Павел\u00a0Ткач"), ("LOC", "Минск")]),
    ("accents", [(0, 37), (39, 64)], [("PER", "Мини\u0301стр Па\u0301вел Ткач"), ("LOC", "Минск")]),
    ("shy", [(0, 38), (40, 53)], None),
    ("tangut", [(0, 39)], [("PER", "Павел Ткач"), ("LOC", "Минск")]),
]


@pytest.mark.parametrize(("doc_id", "sentences", "mentions"), SPANS, ids=[s[0] for s in SPANS])
def test_bad_inputs_unicode_spans(
    catalogue: Run, doc_id: str, sentences: list, mentions: list | None
) -> None:
    found = catalogue.tables["sentences"].query("doc_id == @doc_id")
    assert list(zip(found.start, found.end, strict=True)) == sentences
    if mentions is not None:
        found = catalogue.tables["mentions"].query("doc_id == @doc_id")
        assert list(zip(found.type, found.text, strict=True)) == mentions


DATES = [  # a row ends at `г`, before its dot, as NEREL marks dates
    ("emoji", "19 июня 2025 г", "2025-06-19"),
    ("nbsp", "19\u00a0июня\u00a02025\u00a0г", "2025-06-19"),
    ("cr", "19.06.2025", "2025-06-19"),
]


@pytest.mark.parametrize(("doc_id", "text", "day"), DATES, ids=[d[0] for d in DATES])
def test_bad_inputs_dates_survive(catalogue: Run, doc_id: str, text: str, day: str) -> None:
    found = catalogue.tables["dates"].query("doc_id == @doc_id")
    assert [(row.text, f"{row.date_start:%Y-%m-%d}") for row in found.itertuples()] == [(text, day)]


def test_bad_inputs_csv_holds_what_parquet_holds(catalogue: Run, tmp_path: Path) -> None:
    """Every table read back from its CSV alone equals its Parquet copy: no cell
    of a hostile input (a bare CR, a quote, a separator) shifts a row."""
    for table, frame in catalogue.tables.items():
        shutil.copy(catalogue.root / "out" / f"{table}.csv", tmp_path)
        pd.testing.assert_frame_equal(load_table(tmp_path, table), frame, obj=table)


def test_bad_inputs_all_in_a_minute_and_the_same_again(catalogue: Run) -> None:
    """The whole catalogue takes less than a minute with `--timeout 10`, writes
    every table (CSV and Parquet), and a second run and a forced one write
    the same bytes."""
    assert catalogue.seconds < 60
    out = catalogue.root / "out"
    tables = sorted(path.name for path in out.glob("[!.]*.*"))
    assert len(tables) == 2 * len(catalogue.tables) == 16
    first = {name: (out / name).read_bytes() for name in tables}
    for extra in ([], ["--force"]):
        with contextlib.redirect_stderr(io.StringIO()):
            assert cli.main([*catalogue.argv, *extra]) == 1
        assert {name: (out / name).read_bytes() for name in tables} == first
