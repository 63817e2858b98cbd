"""The worst inputs at the default `--max-bytes`, run by the command line in
a process whose address space is capped (`RLIMIT_AS`), as a worker on a
small machine would be: each must give its `documents` row, not a dead worker.

A worker's memory peaks at about 200 MB over its models per MB of a text
that is one token every two bytes (a run of `«`), about 100 MB per MB of
real prose (README, SECURITY). The run's address space, numpy's and BLAS's
reservations included, is capped at `CAP`; a normal run of a few releases
needs under 1 GB of it. The worst inputs take about a minute together, so
they run with `make test-slow`.
"""

import glob
import resource
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from .build import DEFAULT_LIMIT

CAP = 3 * 2**30
ROOT = Path(__file__).resolve().parents[2]
PARAGRAPHS = sorted(
    glob.glob(str(ROOT.parent / "shared" / "eval" / "data" / "factru-dev" / "texts" / "*"))
)


def at_limit(text: str) -> bytes:
    """`text` repeated to exactly the default limit, cut at a character's end."""
    data = (text * (DEFAULT_LIMIT // len(text.encode()) + 1)).encode()[:DEFAULT_LIMIT]
    return data.decode("utf-8", "ignore").encode()


def cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))


def run_capped(folder: Path, files: dict[str, bytes]) -> tuple[int, list[tuple]]:
    """The exit code and `documents` rows (doc_id, status, error) of a run."""
    source = folder / "in"
    source.mkdir()
    for name, data in files.items():
        (source / name).write_bytes(data)
    argv = [sys.executable, "-m", "extract", "run", str(source), str(folder / "out")]
    done = subprocess.run(
        [*argv, "--quiet", "--workers", "1", "--timeout", "0"],
        preexec_fn=cap_memory,
        capture_output=True,
        text=True,
        timeout=900,  # a worker that dies of a failed allocation may leave a hung pool
        cwd=ROOT,
    )
    documents = pd.read_csv(folder / "out" / "documents.csv", keep_default_na=False)
    rows = documents[["doc_id", "status", "error"]].itertuples(index=False, name=None)
    return done.returncode, sorted(rows)


def test_memory_fast_inputs_at_the_limit(tmp_path: Path) -> None:
    files = {
        "token.txt": at_limit("Минск"),  # one token of 2 MB
        "deep.html": at_limit("<div></x>"),
        "over.txt": at_limit("Минск") + b"!",
    }
    assert [len(data) for data in files.values()] == [2_000_000] * 2 + [2_000_001]
    over = f"too large: 2,000,001 bytes, over the --max-bytes limit of {DEFAULT_LIMIT:,}"
    assert run_capped(tmp_path, files) == (
        1,
        [
            ("deep", "error", "html nested too deep: over 500 levels"),
            ("over", "error", over),
            ("token", "ok", ""),
        ],
    )


@pytest.mark.slow
def test_memory_worst_inputs_at_the_limit(tmp_path: Path) -> None:
    prose = "\n\n".join(Path(path).read_text(encoding="utf-8") for path in PARAGRAPHS)
    files = {
        "quotes.txt": at_limit("«"),  # a million tokens
        "release.txt": at_limit(prose),
        "words.txt": at_limit("министр связи провёл совещание с представителями "),
    }
    assert [len(data) for data in files.values()] == [2_000_000, 1_999_999, 2_000_000]
    assert run_capped(tmp_path, files) == (
        0,
        [("quotes", "ok", ""), ("release", "ok", ""), ("words", "ok", "")],
    )
