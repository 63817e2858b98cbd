import io
import os
import re
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from threadpoolctl import threadpool_info, threadpool_limits

import extract.batch
import extract.errors
import extract.inputs
import extract.merge
import extract.outcomes
import extract.pipeline
from extract import load, run
from extract.load import UnfinishedExport

from .conftest import busy

RELEASE = "{title}\n\n19.06.2025\n\n{body}\n\nSource URL: <https://mincom.gov.example/news/{n}>\n"


def release(n: int, body: str = "В Минске министр Павел Ткач провёл совещание.") -> str:
    return RELEASE.format(title=f"Совещание номер {n}", body=body, n=n)


def make_inputs(root: Path) -> None:
    (root / "sub").mkdir(parents=True)
    (root / "good.txt").write_text(release(1), encoding="utf-8")
    (root / "copy.txt").write_text(release(1), encoding="utf-8")
    (root / "bom.txt").write_text("\ufeff" + release(2), encoding="utf-8")
    (root / "utf16.txt").write_text(release(3), encoding="utf-16")
    (root / "cp1251.txt").write_bytes(release(4).encode("cp1251"))
    (root / "koi8.txt").write_bytes(release(5).encode("koi8-r"))
    (root / "sub" / "inner.txt").write_text(release(6), encoding="utf-8")
    (root / "page.html").write_text(
        "<html><head><title>Визит</title></head><body><nav>Меню</nav>"
        "<p>Посол Казахстана прибыл в Минск<p>Переговоры прошли",
        encoding="utf-8",
    )
    (root / "feed.jsonl").write_text(
        '{"id": "a-1", "text": "Встреча в Москве."}\n{oops\n', encoding="utf-8"
    )
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_text(" \n\n ", encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (root / "notes.docx").write_bytes(b"PK\x03\x04")
    (root / "gone.txt").symlink_to(root / "nowhere.txt")
    (root / ".hidden.txt").write_text(release(7), encoding="utf-8")


DOCUMENTS = [
    ("binary", "error", "binary file: png", None),
    ("blank", "error", "no text: only whitespace", None),
    ("bom", "ok", None, "utf-8-sig"),
    ("copy", "ok", None, "utf-8"),
    ("cp1251", "ok", None, "cp1251"),
    ("empty", "error", "empty file", None),
    (
        "feed/2",
        "error",
        "invalid json on line 2: Expecting property name enclosed in double quotes",
        None,
    ),
    ("feed/a-1", "ok", None, "utf-8"),
    ("gone", "error", "unreadable file: no such file or directory", None),
    ("good", "duplicate", "duplicate of copy", None),
    ("koi8", "ok", None, "koi8-r"),
    ("notes", "error", "unsupported file type: .docx", None),
    ("page", "ok", None, "utf-8"),
    ("sub/inner", "ok", None, "utf-8"),
    ("utf16", "ok", None, "utf-16"),
]


def documents(out: Path) -> list[tuple]:
    frame = load(out)["documents"]
    return [
        tuple(None if pd.isna(value) else value for value in row)
        for row in frame[["doc_id", "status", "error", "encoding"]].itertuples(index=False)
    ]


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    make_inputs(tmp_path / "in")
    return tmp_path / "in"


def snapshot(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out.glob("*.csv"))}


def test_batch_statuses_and_errors(inputs: Path, tmp_path: Path, capsys) -> None:
    summary = run(inputs, tmp_path / "out", quiet=True)
    assert documents(tmp_path / "out") == DOCUMENTS
    assert (summary.ok, summary.failed, summary.duplicate) == (8, 6, 1)
    assert summary.line() == "8 ok, 6 failed, 1 duplicate"
    assert sorted(capsys.readouterr().err.splitlines()) == [
        "binary: binary file: png",
        "blank: no text: only whitespace",
        "empty: empty file",
        "feed/2: invalid json on line 2: Expecting property name enclosed in double quotes",
        "gone: unreadable file: no such file or directory",
        "notes: unsupported file type: .docx",
    ]


def test_batch_writes_every_table(inputs: Path, tmp_path: Path) -> None:
    run(inputs, tmp_path / "out", quiet=True)
    names = sorted(
        path.name for path in (tmp_path / "out").iterdir() if not path.name.startswith(".")
    )
    tables = [
        "dates",
        "documents",
        "entities",
        "event_participants",
        "events",
        "mentions",
        "positions",
        "sentences",
    ]
    assert names == sorted([f"{t}.csv" for t in tables] + [f"{t}.parquet" for t in tables])
    mentions = load(tmp_path / "out")["mentions"]
    assert mentions[mentions.doc_id == "copy"][["text", "normal"]].values.tolist() == [
        ["Минске", "Минск"],
        ["Павел Ткач", "Павел Ткач"],
    ]


def forbid_processing(monkeypatch) -> list[str]:
    """Record which documents reach the pipeline."""
    seen: list[str] = []
    original = extract.batch.score

    def spy(document, models):
        seen.append(document.doc_id)
        return original(document, models)

    monkeypatch.setattr(extract.batch, "score", spy)
    return seen


def test_batch_second_run_processes_nothing(inputs: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    run(inputs, out, quiet=True)
    before = snapshot(out)
    seen = forbid_processing(monkeypatch)
    summary = run(inputs, out, quiet=True)
    assert seen == []
    assert summary.skipped == 11
    assert summary.line() == "8 ok, 6 failed, 1 duplicate"
    assert snapshot(out) == before


def test_batch_changed_file_is_processed_again(inputs: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    run(inputs, out, quiet=True)
    before = load(out)["mentions"]
    (inputs / "koi8.txt").write_bytes(release(5, "Делегация посетила Гродно.").encode("koi8-r"))
    seen = forbid_processing(monkeypatch)
    run(inputs, out, quiet=True)
    after = load(out)["mentions"]
    assert seen == ["koi8"]
    assert after[after.doc_id == "koi8"].text.tolist() == ["Гродно"]
    unchanged = before[before.doc_id != "koi8"].reset_index(drop=True)
    pd.testing.assert_frame_equal(after[after.doc_id != "koi8"].reset_index(drop=True), unchanged)


def test_batch_force_processes_everything(inputs: Path, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    run(inputs, out, quiet=True)
    before = snapshot(out)
    seen = forbid_processing(monkeypatch)
    run(inputs, out, quiet=True, force=True)
    assert sorted(seen) == [
        "bom",
        "copy",
        "cp1251",
        "feed/a-1",
        "koi8",
        "page",
        "sub/inner",
        "utf16",
    ]
    assert snapshot(out) == before


def test_batch_changed_pipeline_processes_everything(
    inputs: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    out = tmp_path / "out"
    run(inputs, out, quiet=True)
    (out / ".extract" / "fingerprint").write_text("written by another version\n")
    seen = forbid_processing(monkeypatch)
    summary = run(inputs, out, quiet=True)
    assert len(seen) == 8
    assert summary.skipped == 0
    assert "the pipeline changed since the last run" in capsys.readouterr().err
    seen.clear()
    run(inputs, out, quiet=True)
    assert seen == []


def test_batch_removed_inputs_leave_the_tables(inputs: Path, tmp_path: Path) -> None:
    """A file deleted, and a record gone from a feed, take their rows out of
    every table: a resumed run then writes what a fresh one would. A file
    put back is processed again."""
    out = tmp_path / "out"
    run(inputs, out, quiet=True)
    inner = (inputs / "sub" / "inner.txt").read_bytes()
    shutil.rmtree(inputs / "sub")
    (inputs / "feed.jsonl").write_text("{oops\n", encoding="utf-8")
    summary = run(inputs, out, quiet=True)
    assert summary.line() == "6 ok, 6 failed, 1 duplicate, 3 removed"
    run(inputs, tmp_path / "fresh", quiet=True)
    assert snapshot(out) == snapshot(tmp_path / "fresh")
    assert "sub/inner" not in {row[0] for row in documents(out)}
    (inputs / "sub").mkdir()
    (inputs / "sub" / "inner.txt").write_bytes(inner)
    assert run(inputs, out, quiet=True).line() == "7 ok, 6 failed, 1 duplicate"
    assert ("sub/inner", "ok", None, "utf-8") in documents(out)


def test_batch_an_original_stays_the_original(tmp_path: Path, monkeypatch) -> None:
    """A copy of a processed release whose name sorts first is its duplicate on
    the next run, not the other way round; a copy of a release that has since
    changed is an original of its own."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "b.txt").write_text(release(1), encoding="utf-8")
    (tmp_path / "in" / "c.txt").write_text(release(2), encoding="utf-8")
    run(tmp_path / "in", tmp_path / "out", quiet=True)
    (tmp_path / "in" / "a.txt").write_text(release(1), encoding="utf-8")
    (tmp_path / "in" / "a2.txt").write_text(release(2), encoding="utf-8")
    (tmp_path / "in" / "c.txt").write_text(release(3), encoding="utf-8")
    seen = forbid_processing(monkeypatch)
    summary = run(tmp_path / "in", tmp_path / "out", quiet=True)
    assert summary.line() == "3 ok, 0 failed, 1 duplicate"
    assert sorted(seen) == ["a2", "c"]
    assert documents(tmp_path / "out") == [
        ("a", "duplicate", "duplicate of b", None),
        ("a2", "ok", None, "utf-8"),
        ("b", "ok", None, "utf-8"),
        ("c", "ok", None, "utf-8"),
    ]


def test_batch_doc_ids_are_unique_by_construction(tmp_path: Path) -> None:
    """A feed's records beside a folder of the feed's name, and files that
    differ only in their extension, keep apart: every run gives each its own
    `doc_id`, the same each time."""
    folder = tmp_path / "in"
    (folder / "feed").mkdir(parents=True)
    (folder / "feed.jsonl").write_text(
        '{"id": "a", "text": "Министр прибыл в Гомель."}\n{"text": "Министр прибыл в Брест."}\n',
        encoding="utf-8",
    )
    (folder / "feed" / "a.txt").write_text(release(1), encoding="utf-8")
    (folder / "feed" / "2.txt").write_text(release(2), encoding="utf-8")
    (folder / "x.txt").write_text(release(3), encoding="utf-8")
    (folder / "x.html").write_text("<h1>Визит</h1><p>Посол прибыл в Минск.</p>", encoding="utf-8")
    (folder / "x.txt.html").write_text("<p>Посол прибыл в Витебск.</p>", encoding="utf-8")
    expected = [
        ("feed.jsonl/2", "ok", None, "utf-8"),
        ("feed.jsonl/a", "ok", None, "utf-8"),
        ("feed/2", "ok", None, "utf-8"),
        ("feed/a", "ok", None, "utf-8"),
        ("x.html", "ok", None, "utf-8"),
        ("x.txt", "ok", None, "utf-8"),
        ("x.txt.html", "ok", None, "utf-8"),
    ]
    first = run(folder, tmp_path / "out", quiet=True)
    assert (first.line(), documents(tmp_path / "out")) == ("7 ok, 0 failed, 0 duplicate", expected)
    tables = snapshot(tmp_path / "out")
    again = run(folder, tmp_path / "out", quiet=True)
    assert (again.line(), again.skipped) == ("7 ok, 0 failed, 0 duplicate", 7)
    assert snapshot(tmp_path / "out") == tables


def test_batch_an_interrupted_export_is_marked_and_finished(
    inputs: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    """A run stopped while writing its tables leaves some of the new run's and
    some of the last one's: `load` warns of it, and the next run says so and
    writes them all. Temporary files that killed writers left are deleted."""
    out = tmp_path / "out"
    run(inputs, out, quiet=True)
    (inputs / "koi8.txt").write_bytes(release(5, "Делегация посетила Гродно.").encode("koi8-r"))

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(extract.merge, "dump_table", killed)  # the entities, after others
        with pytest.raises(KeyboardInterrupt):
            run(inputs, out, quiet=True)
    with pytest.warns(UnfinishedExport, match="a run stopped while writing these tables"):
        load(out)
    left = [
        out / ".mentions.csv.k2j4x8q1.tmp",
        out / ".extract" / "parts" / "documents" / ".00000009.parquet.a1b2c3d4.tmp",
    ]
    for path in left:
        path.write_bytes(b"half")
    capsys.readouterr()
    run(inputs, out, quiet=True)
    assert capsys.readouterr().err.splitlines()[0] == (
        "extract: the last run stopped while writing the tables: writing them all again"
    )
    assert not any(path.exists() for path in left)
    assert not (out / ".extract" / "export-unfinished").exists()
    run(inputs, tmp_path / "fresh", quiet=True)
    assert snapshot(out) == snapshot(tmp_path / "fresh")


def test_batch_dask_engine_gives_the_same_tables(inputs: Path, tmp_path: Path) -> None:
    run(inputs, tmp_path / "local", workers=1, quiet=True)
    summary = run(inputs, tmp_path / "dask", workers=2, quiet=True, engine="dask")
    assert summary.line() == "8 ok, 6 failed, 1 duplicate"
    assert snapshot(tmp_path / "dask") == snapshot(tmp_path / "local")


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_batch_workers_give_the_same_tables(
    inputs: Path, tmp_path: Path, monkeypatch, method: str
) -> None:
    run(inputs, tmp_path / "one", workers=1, quiet=True)
    contexts = []
    get_context = extract.batch.multiprocessing.get_context
    monkeypatch.setattr(extract.batch, "start_method", lambda: method)
    monkeypatch.setattr(
        extract.batch.multiprocessing, "get_context", lambda m: contexts.append(m) or get_context(m)
    )
    run(inputs, tmp_path / "two", workers=2, quiet=True)
    assert contexts == [method]
    assert snapshot(tmp_path / "two") == snapshot(tmp_path / "one")
    # nothing changed: the second run starts no workers, for the chunks or the merge
    started = []
    monkeypatch.setattr(extract.batch, "new_pool", lambda *args: started.append(args))
    run(inputs, tmp_path / "two", workers=2, quiet=True)
    assert started == []
    assert snapshot(tmp_path / "two") == snapshot(tmp_path / "one")


def test_workers_are_forked_only_from_a_process_with_no_other_thread(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(extract.batch.threading, "active_count", lambda: 1)
    assert extract.batch.start_method() == "fork"
    monkeypatch.setattr(extract.batch.threading, "active_count", lambda: 2)
    assert extract.batch.start_method() == "spawn"
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(extract.batch.threading, "active_count", lambda: 1)
    assert extract.batch.start_method() == "spawn"


def blas_threads() -> list[int]:
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_worker_runs_one_blas_thread(monkeypatch, method: str) -> None:
    monkeypatch.setattr(extract.batch, "start_method", lambda: method)
    with threadpool_limits(2, user_api="blas"):  # as a run's own process may have
        pool = extract.batch.new_pool(1, None)
        with pool:
            # numpy's BLAS, and scipy's too when the tests have loaded it before a fork
            found = pool.submit(blas_threads).result()
            assert found and set(found) == {1}


def blocked_signals() -> set[int]:
    return set(signal.pthread_sigmask(signal.SIG_BLOCK, []))


@pytest.fixture
def ctrl_c_raises() -> Iterator[None]:
    """Ctrl-C raising `KeyboardInterrupt`, as in a terminal, whatever started the
    tests: a shell starts a job it puts in the background (`make test &`) with
    SIGINT ignored, and Python then leaves it ignored."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_batch_ctrl_c_while_workers_start_is_held_not_lost(monkeypatch, ctrl_c_raises) -> None:
    """A Ctrl-C that comes while workers are forked is held until they are,
    then raised; the workers themselves take Ctrl-C again. (Sent to the main
    thread: a run forks only from a process with no other thread, and another
    thread of the test process could take a signal sent to the process.)"""
    reached = False
    with pytest.raises(KeyboardInterrupt), extract.batch.interrupts_held():
        signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)
        reached = True
    assert reached
    assert signal.SIGINT not in blocked_signals()
    monkeypatch.setattr(extract.batch, "start_method", lambda: "fork")
    pool = extract.batch.new_pool(1, None)
    with pool:
        with extract.batch.interrupts_held():
            future = pool.submit(blocked_signals)
        assert signal.SIGINT not in future.result()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_batch_progress_bar_on_a_terminal(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "in").mkdir()
    for n in (1, 2):
        (tmp_path / "in" / f"{n}.txt").write_text(release(n), encoding="utf-8")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    run(tmp_path / "in", tmp_path / "out")
    assert re.search(r"100%\|.*\| 2/2 \[\d\d:\d\d<\d\d:\d\d, +[\d.]+doc/s\]", terminal.getvalue())
    terminal.seek(0)
    terminal.truncate()
    run(tmp_path / "in", tmp_path / "quiet", quiet=True)
    assert terminal.getvalue() == ""


def test_batch_progress_bar_counts_a_feeds_records(tmp_path: Path, monkeypatch) -> None:
    """A feed's records are counted before the run (its non-blank lines, a bad
    one too; a binary file named `.jsonl` is one), so the bar has its total
    and its time to go from the start."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "1.txt").write_text(release(1), encoding="utf-8")
    (tmp_path / "in" / "feed.jsonl").write_text(
        '{"id": "a", "text": "Министр прибыл в Гомель."}\n\n{oops\n'
        '{"id": "b", "text": "Министр прибыл в Брест."}\n',
        encoding="utf-8",
    )
    (tmp_path / "in" / "packed.jsonl").write_bytes(b"\x1f\x8b\x08\x00\n\x00\n\x01\n")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    run(tmp_path / "in", tmp_path / "out")
    assert re.search(r"\| 0/5 \[00:00<\?, \?doc/s\]", terminal.getvalue())
    assert re.search(r"100%\|.*\| 5/5 \[\d\d:\d\d<\d\d:\d\d, +[\d.]+doc/s\]", terminal.getvalue())


def dying_chunk(sources, aliases=None, part=None, timeout=0):
    """A task whose worker dies on the document `boom`, as one killed would."""
    if any(source.doc_id == "boom" for source in sources):
        os._exit(1)
    return extract.batch.process_chunk(sources, aliases, part, timeout)


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_batch_a_dying_worker_costs_only_its_document(tmp_path: Path, engine: str) -> None:
    """On local workers as on a Dask cluster: the chunk of a document that kills
    every worker it is sent to is sent again a document a task."""
    (tmp_path / "in").mkdir()
    for n, name in enumerate(["a", "boom", "c", "d", "e"], start=1):
        (tmp_path / "in" / f"{name}.txt").write_text(release(n), encoding="utf-8")
    sources = list(extract.inputs.collect(tmp_path / "in", None))
    store = extract.batch.PartStore(tmp_path / "out")
    chunks = [sources[:2], sources[2:4], sources[4:]]
    results = extract.batch.map_chunks(chunks, 2, None, store, engine, task=dying_chunk)
    outcomes = sorted((o.source.doc_id, o.status, o.error) for r in results for o in r[0])
    assert outcomes == [
        ("a", "ok", ""),
        ("boom", "error", extract.errors.CRASHED),
        ("c", "ok", ""),
        ("d", "ok", ""),
        ("e", "ok", ""),
    ]


def test_batch_failures_of_the_run_are_tried_again(tmp_path: Path, monkeypatch) -> None:
    """A worker killed on a document, a document out of time and an internal
    error say nothing about the bytes: the next run processes them again. A
    failure of the bytes stays as it was."""
    (tmp_path / "in").mkdir()
    for n, name in enumerate(["a", "boom", "slow", "wrong"], start=1):
        (tmp_path / "in" / f"{name}.txt").write_text(release(n), encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    run(tmp_path / "in", tmp_path / "out", quiet=True)
    sources = {source.doc_id: source for source in extract.inputs.collect(tmp_path / "in", None)}
    failures = {
        "boom": extract.errors.CRASHED,
        "slow": "timeout after 0.5 s",
        "wrong": "internal error: ValueError: a defect",
    }
    outcomes = [
        extract.outcomes.Outcome(sources[doc_id], "error", error)
        for doc_id, error in failures.items()
    ]
    extract.batch.PartStore(tmp_path / "out").write(extract.outcomes.outcome_frames(outcomes))
    seen = forbid_processing(monkeypatch)
    again = run(tmp_path / "in", tmp_path / "out", quiet=True)
    assert (again.line(), again.skipped, sorted(seen)) == (
        "4 ok, 1 failed, 0 duplicate",
        2,
        ["boom", "slow", "wrong"],
    )


def test_batch_releases_over_max_bytes_are_refused(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "small.txt").write_text(release(1), encoding="utf-8")
    (tmp_path / "in" / "big.txt").write_text(release(2) + "слово " * 2000, encoding="utf-8")
    line = '{"id": "r1", "title": "Большая", "text": "%s"}' % ("слово " * 2000)
    (tmp_path / "in" / "feed.jsonl").write_text(line + "\n", encoding="utf-8")
    summary = run(tmp_path / "in", tmp_path / "out", workers=1, quiet=True, max_bytes=5000)
    assert summary.line() == "1 ok, 2 failed, 0 duplicate"
    size = (tmp_path / "in" / "big.txt").stat().st_size
    assert sorted(summary.errors) == [
        f"big: too large: {size:,} bytes, over the --max-bytes limit of 5,000",
        f"feed/1: too large: {len(line.encode()):,} bytes, over the --max-bytes limit of 5,000",
    ]


def test_batch_a_document_over_its_time_limit_gets_an_error(
    inputs: Path, tmp_path: Path, monkeypatch
) -> None:
    original = extract.batch.finish

    def slow(tagged, models):
        if tagged.document.doc_id == "koi8":
            busy(5)
        return original(tagged, models)

    monkeypatch.setattr(extract.batch, "finish", slow)
    started = time.perf_counter()
    summary = run(inputs, tmp_path / "out", workers=1, quiet=True, timeout=0.5)
    assert time.perf_counter() - started < 5
    assert "koi8: timeout after 0.5 s" in summary.errors
    assert summary.line() == "7 ok, 7 failed, 1 duplicate"


def test_batch_the_time_limit_covers_a_documents_whole_work(
    inputs: Path, tmp_path: Path, monkeypatch
) -> None:
    """Reading and finishing `koi8` take 0.3 s each: neither alone is over the
    0.5 s limit, both together are. The document is stopped once, and not
    scored again; the others of its chunk are not charged for it."""
    reading, finishing = extract.batch.parse_source, extract.batch.finish

    def slow_reading(source):
        if source.doc_id == "koi8":
            busy(0.3)
        return reading(source)

    def slow_finish(tagged, models):
        if tagged.document.doc_id == "koi8":
            busy(0.3)
        return finishing(tagged, models)

    monkeypatch.setattr(extract.batch, "parse_source", slow_reading)
    monkeypatch.setattr(extract.batch, "finish", slow_finish)
    scored = forbid_processing(monkeypatch)
    summary = run(inputs, tmp_path / "out", workers=1, quiet=True, timeout=0.5)
    assert [error for error in summary.errors if "timeout" in error] == [
        "koi8: timeout after 0.5 s"
    ]
    assert summary.line() == "7 ok, 7 failed, 1 duplicate"
    assert scored.count("koi8") == 1


def test_batch_a_document_that_breaks_the_tagging_fails_alone(
    inputs: Path, tmp_path: Path, monkeypatch
) -> None:
    """A chunk's documents are tagged together; when one breaks that, the others
    are tagged alone and only the one at fault gets an error."""
    original = extract.pipeline.segment

    def breaking(document):
        if document.doc_id == "koi8":
            raise ValueError("no sentences here")
        return original(document)

    monkeypatch.setattr(extract.pipeline, "segment", breaking)
    summary = run(inputs, tmp_path / "out", workers=1, quiet=True)
    assert "koi8: internal error: ValueError: no sentences here" in summary.errors
    assert summary.line() == "7 ok, 7 failed, 1 duplicate"
    run(inputs, tmp_path / "whole", workers=1, quiet=True)
    broken, whole = (pd.read_csv(tmp_path / out / "sentences.csv") for out in ("out", "whole"))
    assert_frame_equal(broken, whole[whole["doc_id"] != "koi8"].reset_index(drop=True))


def test_batch_releases_are_read_as_their_chunks_are_processed(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "in").mkdir()
    for n in range(1, 21):
        (tmp_path / "in" / f"r{n:02d}.txt").write_text(release(n), encoding="utf-8")
    events = []
    read, finish = extract.inputs.read_sources, extract.batch.finish

    def reading(path, *args):
        events.append(f"read {path.stem}")
        return read(path, *args)

    def processing(tagged, models):
        events.append(f"process {tagged.document.doc_id}")
        return finish(tagged, models)

    monkeypatch.setattr(extract.inputs, "read_sources", reading)
    monkeypatch.setattr(extract.batch, "finish", processing)
    run(tmp_path / "in", tmp_path / "out", workers=1, quiet=True)
    # chunks of 8: the ninth release is read once the first chunk is processed
    first = [f"read r{n:02d}" for n in range(1, 9)] + [f"process r{n:02d}" for n in range(1, 9)]
    assert events[:17] == [*first, "read r09"]
