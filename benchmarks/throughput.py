"""Throughput: documents and characters per second, and peak memory, for

(a) the plain natasha pipeline (`natasha_baseline.Pipeline`: Segmenter,
    NewsMorphTagger, NewsNERTagger, span normalisation, DatesExtractor),
(b) slovnet's NER alone, as slovnet's README calls it,
(c) the full `extract` batch run, with one worker and with every core,

on the same texts, each in a process of its own (spawned from this one), so
that one run's memory does not count against another. Every figure is wall
time from the start of the measured process, model loading included, since a
user pays for it too; `extract` also writes its tables.

The default corpus is text seen for the first time, as users feed it: the 746
NEREL train texts, each once. A folder repeated to `--docs` files is the
cached case (a text after the first round is one the caches have seen).

    python benchmarks/throughput.py                             # NEREL train, each text once
    python benchmarks/throughput.py data/raw --docs 5000        # data/raw/ repeated: cached
    python benchmarks/throughput.py --repeat 3                  # the fastest of three runs of each

Then a table of where a single-worker run's time goes, stage by stage
(`stages.py`), and last a line like `ratios: vs-natasha 1.62, vs-slovnet 0.81,
two-workers 1.87, peak-mb 512` so that a script can read it: (c) with one
worker against (a) and (b), (c) with every core against (c) with one, and the
largest peak resident memory of one `extract` process, in MB.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from stages import stage_seconds, stage_table  # noqa: E402

DISTINCT = ROOT.parent / "shared" / "eval" / "data" / "nerel-train" / "texts"


@dataclass(frozen=True)
class Measure:
    name: str
    seconds: float
    peak_mb: float


def corpus(folder: Path, docs: int, out: Path) -> tuple[list[Path], int]:
    """The texts of `folder` (`.txt`, decoded as `extract` decodes them), copied
    into `out`: each once, or as often as it takes to reach `docs` files. Then
    each copy ends with its number, or `extract` would take the copies for
    duplicates and skip them."""
    from extract.decode import decode_bytes

    sources = sorted(folder.rglob("*.txt"))
    if not sources:
        raise SystemExit(f"no .txt files under {folder}")
    texts = [decode_bytes(path.read_bytes())[0] for path in sources]
    paths, chars = [], 0
    repeated = docs > len(texts)
    for number in range(max(docs, len(texts))):
        text = texts[number % len(texts)]
        if repeated:
            text = f"{text}\n№ {number}\n"
        path = out / f"{number:06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        chars += len(text)
    return paths, chars


def corpus_arguments(description: str) -> argparse.ArgumentParser:
    """A corpus benchmark's arguments: the folder (NEREL train by default) and `--docs`."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("folder", nargs="?", type=Path, default=DISTINCT)
    parser.add_argument("--docs", type=int, default=0, help="repeat the texts to N files")
    return parser


@contextmanager
def copied_corpus(folder: Path, docs: int) -> Iterator[tuple[Path, list[Path], int]]:
    """A temporary directory with `corpus`'s copies of `folder` in its `texts`:
    the directory, the copies and their characters; removed afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "texts").mkdir()
        paths, chars = corpus(folder, docs, root / "texts")
        yield root, paths, chars


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def run_natasha(paths: list[Path], out: Path, workers: int) -> None:
    from natasha_baseline import Pipeline

    pipeline = Pipeline()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        pipeline.mentions(path.stem, text)
        pipeline.dates(path.stem, text)


def run_slovnet(paths: list[Path], out: Path, workers: int) -> None:
    """slovnet as its README uses it: `NER` with the navec embedding, called on
    each text (razdel's tokens, slovnet's own tagger and decoder)."""
    from navec import Navec
    from slovnet import NER

    from extract.models import EMBEDDING, NER_MODEL, natasha_file

    ner = NER.load(natasha_file(NER_MODEL))
    ner.navec(Navec.load(natasha_file(EMBEDDING)))
    for path in paths:
        ner(path.read_text(encoding="utf-8"))


def run_extract(paths: list[Path], out: Path, workers: int) -> None:
    from extract import run

    run(paths[0].parent, out, workers=workers, quiet=True, force=True)


def measured(job: Callable, paths: list[Path], out: Path, workers: int, queue) -> None:
    """In a spawned process: run the job, report its time and the peak memory of
    the largest process it used (itself, or its largest worker)."""
    started = time.perf_counter()
    job(paths, out, workers)
    seconds = time.perf_counter() - started
    queue.put((seconds, max(peak_mb(resource.RUSAGE_SELF), peak_mb(resource.RUSAGE_CHILDREN))))


def measure(
    name: str, job: Callable, paths: list[Path], out: Path, workers: int = 1, repeat: int = 1
) -> Measure:
    """The fastest of `repeat` runs, each in a fresh process (as `timeit` advises:
    on a shared machine other work only ever adds time), and the highest peak."""
    context = multiprocessing.get_context("spawn")
    runs = []
    for _ in range(repeat):
        queue = context.Queue()
        process = context.Process(target=measured, args=(job, paths, out, workers, queue))
        process.start()
        runs.append(queue.get())
        process.join()
    return Measure(name, min(seconds for seconds, _ in runs), max(peak for _, peak in runs))


def line(measure: Measure, docs: int, chars: int) -> str:
    return (
        f"{measure.name:<20} {measure.seconds:8.1f} s  {docs / measure.seconds:8.1f} docs/s  "
        f"{chars / measure.seconds:10,.0f} chars/s  peak {measure.peak_mb:6.0f} MB"
    )


def main(argv: list[str] | None = None) -> int:
    parser = corpus_arguments(__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the fastest counts")
    args = parser.parse_args(argv)
    with copied_corpus(args.folder, args.docs) as (tmp, paths, chars):
        print(f"corpus: {len(paths)} documents, {chars:,} characters from {args.folder}")
        print(
            f"machine: {os.cpu_count()} cores; every figure includes loading the models"
            + (f"; the fastest of {args.repeat} runs" if args.repeat > 1 else "")
        )
        natasha = measure("natasha", run_natasha, paths, tmp / "a", 1, args.repeat)
        slovnet = measure("slovnet NER alone", run_slovnet, paths, tmp / "b", 1, args.repeat)
        one = measure("extract, 1 worker", run_extract, paths, tmp / "c1", 1, args.repeat)
        name = f"extract, {args.workers} workers"
        many = measure(name, run_extract, paths, tmp / "cn", args.workers, args.repeat)
        for result in (natasha, slovnet, one, many):
            print(line(result, len(paths), chars))
        with multiprocessing.get_context("spawn").Pool(1) as pool:
            spent, total, docs = pool.apply(stage_seconds, (tmp / "texts", tmp / "d"))
        print(f"\nwhere the time of `{one.name}` goes, stage by stage (stages.py):\n")
        print(stage_table(spent, total, docs) + "\n")
        peak = max(one.peak_mb, many.peak_mb)
        print(
            f"ratios: vs-natasha {natasha.seconds / one.seconds:.2f}, "
            f"vs-slovnet {slovnet.seconds / one.seconds:.2f}, "
            f"two-workers {one.seconds / many.seconds:.2f}, peak-mb {peak:.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
