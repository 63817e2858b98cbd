"""A run killed part-way, then run again, gives the tables of an uninterrupted
run: no document lost, none twice, and the killed run's lock does not stand in
the way."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil

from extract import run

RELEASES = 300
CITIES = ["Минске", "Гродно", "Бресте", "Гомеле", "Витебске", "Могилёве"]


def make_releases(folder: Path) -> None:
    folder.mkdir()
    for n in range(RELEASES):
        city = CITIES[n % len(CITIES)]
        text = (
            f"Совещание номер {n}\n\n{n % 28 + 1:02}.06.2025\n\n"
            f"Министр связи Павел Ткач провёл совещание номер {n} в {city}.\n"
        )
        (folder / f"{n:03}.txt").write_text(text, encoding="utf-8")


def stored_doc_ids(out: Path) -> set[str]:
    """The documents a run has finished: those of the stored `documents` parts."""
    parts = sorted((out / ".extract" / "parts" / "documents").glob("*.parquet"))
    return {doc_id for path in parts for doc_id in pd.read_parquet(path)["doc_id"]}


def kill_part_way(command: list[str], out: Path) -> list[psutil.Process]:
    """Start a run, SIGKILL its main process once two chunks are stored, and
    return its worker processes."""
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    try:
        while process.poll() is None and len(stored_doc_ids(out) if out.exists() else ()) < 2:
            time.sleep(0.05)
        workers = psutil.Process(process.pid).children()
        assert process.poll() is None, "the run ended before it could be killed"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    return workers


def snapshot(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out.glob("*.csv"))}


def test_crash_killed_run_resumes_to_the_same_tables(tmp_path: Path) -> None:
    make_releases(tmp_path / "in")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "extract", "run", str(tmp_path / "in"), str(out)]
    command += ["--workers", "2", "--quiet"]
    workers = kill_part_way(command, out)
    _, alive = psutil.wait_procs(workers, timeout=60)
    assert alive == []  # the workers died with the run, and write nothing more
    done = stored_doc_ids(out)
    assert 0 < len(done) < RELEASES
    assert (out / ".extract" / "lock").exists()  # left behind, but no longer held

    again = subprocess.run(command, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert (
        again.stderr.splitlines()[-1]
        == f"300 ok, 0 failed, 0 duplicate ({len(done)} unchanged, not processed again)"
    )

    run(tmp_path / "in", tmp_path / "whole", workers=1, quiet=True)
    assert snapshot(out) == snapshot(tmp_path / "whole")
    documents = pd.read_csv(out / "documents.csv", dtype=str)
    assert documents.doc_id.tolist() == [f"{n:03}" for n in range(RELEASES)]
