"""Where a batch run's time goes, stage by stage.

`extract.run` with one worker processes its chunks in the calling process, so
the functions each stage is made of can be timed where the pipeline looks
them up (`extract.pipeline.find_dates`, ...), without a line of timing code in
the pipeline itself. The clock is exclusive: a stage called inside another
(the mention repairs inside NER's spans) counts for itself only, and what no
stage covers (listing and planning the files, the progress bar) is `other`.

    python benchmarks/stages.py                  # the NEREL train texts, each seen once
    python benchmarks/stages.py FOLDER --docs N  # any folder of .txt files
"""

from __future__ import annotations

import importlib
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

# Stage: the functions it is made of, as (module, name) where the run calls them.
STAGES: dict[str, list[tuple[str, str]]] = {
    "loading models": [("extract.batch", "load_models")],
    "reading": [("extract.batch", "parse_source")],
    "segmenting": [("extract.pipeline", "segment")],
    "NER": [
        ("extract.pipeline", "score_words"),
        ("extract.pipeline", "decode"),
        ("extract.pipeline", "tag_mentions"),
    ],
    "mention repairs": [("extract.ner", "repair_sentence"), ("extract.ner", "document_rules")],
    "normal forms": [("extract.pipeline", "normal_form"), ("extract.pipeline", "name_adjectives")],
    "linking": [("extract.pipeline", "link_entities")],
    "dates": [("extract.pipeline", "find_dates")],
    "positions": [("extract.pipeline", "find_positions")],
    "events": [("extract.pipeline", "find_events"), ("extract.pipeline", "timed")],
    "writing": [
        ("extract.batch", "outcome_frames"),
        ("extract.batch", "write_part"),
        ("extract.batch", "merge_tables"),
    ],
}


class Clock:
    """Exclusive seconds per stage: entering a stage pauses the one it runs in."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.stack: list[tuple[str, float]] = []

    def wrap(self, stage: str, function: Callable) -> Callable:
        def timed(*args, **kwargs):
            now = time.perf_counter()
            if self.stack:
                outer, since = self.stack[-1]
                self.spent[outer] += now - since
            self.stack.append((stage, now))
            try:
                return function(*args, **kwargs)
            finally:
                now = time.perf_counter()
                self.spent[stage] += now - self.stack.pop()[1]
                if self.stack:
                    self.stack[-1] = (self.stack[-1][0], now)

        return timed

    def install(self) -> None:
        for stage, functions in STAGES.items():
            for module, name in functions:
                target = importlib.import_module(module)
                setattr(target, name, self.wrap(stage, getattr(target, name)))


def stage_seconds(folder: Path, out: Path) -> tuple[dict[str, float], float, int]:
    """Seconds per stage of one single-worker run over `folder`, the whole
    run's seconds, and the number of documents."""
    clock = Clock()
    clock.install()
    from extract import run

    started = time.perf_counter()
    summary = run(folder, out, workers=1, quiet=True, force=True)
    total = time.perf_counter() - started
    spent = {stage: clock.spent.get(stage, 0.0) for stage in STAGES}
    spent["other"] = total - sum(spent.values())
    return spent, total, summary.ok


def stage_table(spent: dict[str, float], total: float, docs: int) -> str:
    """A Markdown table: seconds, share of the run and milliseconds per document."""
    rows = [
        "| stage | seconds | share | ms per document |",
        "|---|---:|---:|---:|",
        *(
            f"| {stage} | {seconds:.2f} | {seconds / total:.1%} | {1000 * seconds / docs:.1f} |"
            for stage, seconds in spent.items()
        ),
        f"| all | {total:.2f} | 100.0% | {1000 * total / docs:.1f} |",
    ]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    from throughput import copied_corpus, corpus_arguments  # imported here: it imports this module

    parser = corpus_arguments(__doc__.split("\n\n")[0])
    args = parser.parse_args(argv)
    with copied_corpus(args.folder, args.docs) as (tmp, paths, chars):
        spent, total, docs = stage_seconds(tmp / "texts", tmp / "out")
    print(f"corpus: {len(paths)} documents, {chars:,} characters from {args.folder}")
    print(stage_table(spent, total, docs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
