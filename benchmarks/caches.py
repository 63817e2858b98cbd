"""What each of the pipeline's caches holds after a run over text seen once:
its entries and megabytes, largest first, to weigh a cache's bound against
the memory it costs (`docs/performance.md`).

A single-worker run works in this process, `tracemalloc` tracing it; then
each cache is emptied in turn, and what is freed is its size (an entry two
caches share counts for the first emptied). The NER network's first-layer
products are an array made with the models: its rows written are its size.

    python benchmarks/caches.py                  # the NEREL train texts, each once
    python benchmarks/caches.py FOLDER --docs N  # any folder of .txt files
"""

from __future__ import annotations

import functools
import gc
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

MB = 1e6


def caches() -> list[tuple[str, int, Callable[[], None]]]:
    """The pipeline's bounded caches (the unbounded ones hold the models):
    name, entries, and how to empty it."""
    from extract.models import load_models

    gc.unfreeze()  # the models are kept out of the collector's sight (`load_models`)
    found = [
        (f"{item.__module__}.{item.__qualname__}", item.cache_info().currsize, item.cache_clear)
        for item in gc.get_objects()
        if isinstance(item, functools._lru_cache_wrapper)
        and item.__module__.startswith("extract")
        and item.cache_info().maxsize is not None
        and item.cache_info().currsize
    ]
    parsed = load_models().dates.parser.parsed
    found.append(("extract.grammars.lookahead.LookaheadParser.parsed", len(parsed), parsed.clear))
    return found


def sizes(folder: Path, out: Path) -> list[tuple[float, int, str]]:
    """(megabytes, entries, name) of each cache after a single-worker run over `folder`."""
    from extract import run
    from extract.models import load_models

    tracemalloc.start()
    run(folder, out, workers=1, quiet=True, force=True)
    rows = []
    for name, entries, empty in caches():
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        empty()
        gc.collect()
        rows.append(((before - tracemalloc.get_traced_memory()[0]) / MB, entries, name))
    first = load_models().network.first
    written = len(first.slots)
    rows.append((written * first.rows[0].nbytes / MB, written, "extract.cnn.FirstProducts"))
    return sorted(rows, reverse=True)


def main(argv: list[str] | None = None) -> int:
    from throughput import copied_corpus, corpus_arguments  # imported here: it imports stages.py

    parser = corpus_arguments(__doc__.split("\n\n")[0])
    args = parser.parse_args(argv)
    with copied_corpus(args.folder, args.docs) as (tmp, paths, chars):
        rows = sizes(tmp / "texts", tmp / "out")
    print(f"corpus: {len(paths)} documents, {chars:,} characters from {args.folder}")
    print("| cache | entries | MB |\n|---|---:|---:|")
    for megabytes, entries, name in rows:
        print(f"| `{name.removeprefix('extract.')}` | {entries:,} | {megabytes:.1f} |")
    print(f"| all | | {sum(row[0] for row in rows):.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
