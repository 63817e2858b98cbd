"""Files that cannot be read, or that change under the run."""

import contextlib
import io
import os
from pathlib import Path

import pytest

import extract.batch
import extract.ingest
import extract.inputs
from extract import cli, load, run

from .build import BELARUSIAN, RELEASE


def make_folder(root: Path) -> Path:
    folder = root / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(RELEASE, encoding="utf-8")
    (folder / "b.txt").write_text(RELEASE.replace("планы", "итоги"), encoding="utf-8")
    (folder / "c.txt").write_text(RELEASE.replace("планы", "сроки"), encoding="utf-8")
    return folder


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_bad_inputs_file_without_read_permission(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    (folder / "b.txt").chmod(0)
    summary = run(folder, tmp_path / "out", quiet=True)
    assert summary.errors == ["b: unreadable file: permission denied"]
    assert summary.line() == "2 ok, 1 failed, 0 duplicate"


def test_bad_inputs_read_refused_by_the_system(tmp_path: Path, monkeypatch) -> None:
    """What a file without read permission gives, for a run as root too: the
    read is made to fail as the system fails it."""
    folder = make_folder(tmp_path)
    original = Path.read_bytes

    def denied(path: Path) -> bytes:
        if path.name == "b.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return original(path)

    monkeypatch.setattr(Path, "read_bytes", denied)
    summary = run(folder, tmp_path / "out", quiet=True)
    assert summary.errors == ["b: unreadable file: permission denied"]
    assert summary.line() == "2 ok, 1 failed, 0 duplicate"


def test_bad_inputs_file_removed_after_listing(tmp_path: Path, monkeypatch) -> None:
    folder = make_folder(tmp_path)
    original = extract.batch.walk

    def walk_then_remove(in_dir: Path, exclude: Path | None = None) -> extract.inputs.Listing:
        paths = original(in_dir, exclude)
        (folder / "b.txt").unlink()
        return paths

    monkeypatch.setattr(extract.batch, "walk", walk_then_remove)
    summary = run(folder, tmp_path / "out", quiet=True)
    assert summary.errors == ["b: unreadable file: no such file or directory"]
    assert summary.line() == "2 ok, 1 failed, 0 duplicate"


def test_bad_inputs_file_changed_after_reading(tmp_path: Path, monkeypatch) -> None:
    """The row holds what was read; the next run sees the change and redoes it."""
    folder = make_folder(tmp_path)
    original = extract.inputs.read_sources
    changed = RELEASE.replace("Минске", "Бресте")

    def read_then_change(path: Path, *args: object) -> list:
        sources = original(path, *args)
        if path.name == "b.txt":
            path.write_text(changed, encoding="utf-8")
        return sources

    monkeypatch.setattr(extract.inputs, "read_sources", read_then_change)
    run(folder, tmp_path / "out", quiet=True)
    monkeypatch.undo()
    documents = extract.load(tmp_path / "out")["documents"].set_index("doc_id")
    assert documents.loc["b", "text"] == RELEASE.replace("планы", "итоги")
    summary = run(folder, tmp_path / "out", quiet=True)
    assert summary.skipped == 2
    documents = extract.load(tmp_path / "out")["documents"].set_index("doc_id")
    assert documents.loc["b", "text"] == changed
    assert documents.loc["b", "sha256"] == extract.ingest.sha256(changed.encode())


def test_bad_inputs_other_languages_warn_but_do_not_fail(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "be.txt").write_text(BELARUSIAN, encoding="utf-8")
    (folder / "ru.txt").write_text(RELEASE, encoding="utf-8")
    argv = ["run", str(folder), str(tmp_path / "out"), "--workers", "1", "--quiet"]
    assert cli.main(argv) == 0
    assert capsys.readouterr().err.splitlines() == [
        "be: warning: not Russian (lang be)",
        "2 ok, 0 failed, 0 duplicate",
    ]
    assert cli.main(argv) == 0  # the stored row warns again, as a stored error is shown again
    assert capsys.readouterr().err.splitlines() == [
        "be: warning: not Russian (lang be)",
        "2 ok, 0 failed, 0 duplicate (2 unchanged, not processed again)",
    ]


def test_bad_inputs_folder_the_system_will_not_list(tmp_path: Path, monkeypatch) -> None:
    """A folder without permissions (made to fail as the system fails it, for
    a run as root too) is an error row of its own, and the run fails."""
    folder = make_folder(tmp_path)
    (folder / "locked").mkdir()
    (folder / "locked" / "d.txt").write_text(RELEASE, encoding="utf-8")
    original = os.scandir

    def denied(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return original(path)

    monkeypatch.setattr(os, "scandir", denied)
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = cli.main(["run", str(folder), str(tmp_path / "out"), "--quiet"])
    assert (code, stderr.getvalue().splitlines()) == (
        1,
        ["locked/: unreadable folder: permission denied", "3 ok, 1 failed, 0 duplicate"],
    )
    rows = load(tmp_path / "out")["documents"][["doc_id", "status", "error"]].fillna("")
    assert rows.values.tolist() == [
        ["a", "ok", ""],
        ["b", "ok", ""],
        ["c", "ok", ""],
        ["locked/", "error", "unreadable folder: permission denied"],
    ]


def test_bad_inputs_folder_past_the_longest_path(tmp_path: Path) -> None:
    """Folders nested past PATH_MAX (4,096 bytes on Linux) cannot be listed."""
    folder = make_folder(tmp_path)
    handle = os.open(folder, os.O_RDONLY)
    for _ in range(17):
        os.mkdir("д" * 125, dir_fd=handle)  # 250 bytes
        inner = os.open("д" * 125, os.O_RDONLY, dir_fd=handle)
        os.close(handle)
        handle = inner
    os.close(handle)
    summary = run(folder, tmp_path / "out", quiet=True)
    # the first folder whose path, with its terminating NUL, is over 4,096 bytes
    depth = next(n for n in range(18) if len(os.fsencode(folder)) + 251 * n >= 4096)
    deepest = "/".join(["д" * 125] * depth) + "/"
    assert summary.errors == [f"{deepest}: unreadable folder: file name too long"]
    assert summary.line() == "3 ok, 1 failed, 0 duplicate"


def test_bad_inputs_names_not_utf8_and_surrogates_twice(tmp_path: Path, capsys) -> None:
    """Neither stops the run: every table is written, in Parquet too, and a
    second run and a forced one give the same bytes."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "\udcff.txt").write_text(RELEASE, encoding="utf-8")
    (folder / "feed.jsonl").write_text(
        '{"id": "\\ud800", "text": "Министр прибыл в Минск."}\n', encoding="utf-8"
    )
    argv = ["run", str(folder), str(tmp_path / "out"), "--workers", "1", "--quiet"]
    assert cli.main(argv) == 1
    assert capsys.readouterr().err.splitlines() == [
        "feed/1: invalid record on line 1: lone surrogate in id",
        "1 ok, 1 failed, 0 duplicate",
    ]
    tables = sorted(path.name for path in (tmp_path / "out").glob("[!.]*"))
    assert len(tables) == 16
    first = {name: (tmp_path / "out" / name).read_bytes() for name in tables}
    assert cli.main(argv) == 1
    assert cli.main([*argv[:2], str(tmp_path / "again"), *argv[3:], "--force"]) == 1
    for out in ("out", "again"):
        assert {name: (tmp_path / out / name).read_bytes() for name in tables} == first
    documents = extract.load(tmp_path / "out")["documents"]
    assert documents[["doc_id", "path", "status"]].values.tolist() == [
        ["\\xff", "\\xff.txt", "ok"],
        ["feed/1", "feed.jsonl", "error"],
    ]
