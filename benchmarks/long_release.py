"""A long release costs what its parts cost: nothing in the pipeline may grow
faster than a release's length.

The NEREL train texts are taken in order until they reach `--kb` kilobytes
(300 by default), and processed twice, each time in a fresh process with cold
caches: as one release (the texts joined by blank lines) and as as many
releases. The last line, `ratios: long-vs-parts 1.04`, is the long release's
time over the parts' time; a rule quadratic in a release's length makes it
grow with `--kb` (linking once made it 1.84 at 300 KB).

    python benchmarks/long_release.py            # 300 KB
    python benchmarks/long_release.py --kb 1000
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from throughput import DISTINCT  # noqa: E402


def texts_up_to(folder: Path, chars: int) -> list[str]:
    texts, total = [], 0
    for path in sorted(folder.glob("*.txt")):
        if total >= chars:
            break
        texts.append(path.read_text(encoding="utf-8"))
        total += len(texts[-1])
    return texts


def seconds(texts: list[str]) -> float:
    """In a fresh process: the seconds `process` takes over each text, models
    loaded first and not counted."""
    from extract.api import as_document
    from extract.models import load_models
    from extract.pipeline import process

    models = load_models()
    started = time.perf_counter()
    for number, text in enumerate(texts):
        process(as_document(text, f"release-{number}", {}), models)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kb", type=int, default=300)
    parser.add_argument("--folder", type=Path, default=DISTINCT)
    args = parser.parse_args(argv)
    parts = texts_up_to(args.folder, args.kb * 1000)
    whole = "\n\n".join(parts)
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        long = pool.apply(seconds, ([whole],))
    with context.Pool(1) as pool:
        apart = pool.apply(seconds, (parts,))
    print(f"one release of {len(whole):,} characters: {long:.1f} s")
    print(f"its {len(parts)} texts as releases: {apart:.1f} s")
    print(f"ratios: long-vs-parts {long / apart:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
