"""Two cores, one workload: how much slower each of two processes runs the
pipeline when both run it at once than one process alone.

`throughput.py`'s `two-workers` ratio is bounded by two things: the parts of a
run only one process can do (starting, loading the models, the merge), and
what two busy cores cost each other (a shared cache, memory, the host of a
virtual machine). This script measures the second alone: the same chunks of
releases are processed (`extract.batch.process_sources`, every stage, no
tables written) first by one process, then by two at the same time, each
forked from a process that has loaded the models, with one BLAS thread, after
a warm-up chunk, as the run's workers are. With no cost between the cores,
each of the two would take as long as the one alone.

    python benchmarks/contention.py                     # data/raw/, repeated to 500
    python benchmarks/contention.py FOLDER --docs 1000  # any folder of .txt files

The last line reads like `contention: alone 5.61 s, two at once 6.02 s each,
efficiency 0.93`.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from throughput import corpus  # noqa: E402

DEFAULT_DOCS = 500


def chunks(folder: Path) -> list[list]:
    """The folder's releases in the chunks a 2-worker run would give its tasks."""
    from extract.batch import chop, chunk_size, collect

    sources = list(collect(folder, None))
    return list(chop(sources, chunk_size(len(sources), 2)))


def work(parts: list[list], start, results) -> None:
    """In a forked process: warm up on the first chunk, wait for the others,
    then time the rest."""
    from threadpoolctl import threadpool_limits

    from extract.batch import process_sources

    threadpool_limits(1, user_api="blas")
    process_sources(parts[0], None, 0)
    start.wait()
    started = time.perf_counter()
    for part in parts[1:]:
        process_sources(part, None, 0)
    results.put(time.perf_counter() - started)


def timed(parts: list[list], processes: int) -> float:
    """The slowest of `processes` forked processes running every chunk at once."""
    context = multiprocessing.get_context("fork")
    start, results = context.Barrier(processes), context.Queue()
    running = [context.Process(target=work, args=(parts, start, results)) for _ in range(processes)]
    for process in running:
        process.start()
    seconds = max(results.get() for _ in running)
    for process in running:
        process.join()
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "data" / "raw")
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS)
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the fastest counts")
    args = parser.parse_args(argv)
    from extract.models import load_models

    load_models(None)  # before forking, as a run's pool does
    with tempfile.TemporaryDirectory() as tmp:
        paths, chars = corpus(args.folder, args.docs, Path(tmp))
        parts = chunks(Path(tmp))
        print(f"corpus: {len(paths)} documents, {chars:,} characters from {args.folder}")
        alone = min(timed(parts, 1) for _ in range(args.repeat))
        together = min(timed(parts, 2) for _ in range(args.repeat))
    print(
        f"contention: alone {alone:.2f} s, two at once {together:.2f} s each, "
        f"efficiency {alone / together:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
