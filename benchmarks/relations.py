"""The hand rules of `positions` against the learned model, side by side.

    python benchmarks/relations.py [--shared ../shared]

Runs the pipeline twice over NEREL dev, FactRuEval dev and the team's own
releases (`data/raw`), once with `extract.positions.find_positions` (the rules
alone) and once with the learned `extract.relations.holders.find_positions`,
scores each run with `../shared/eval/score.py` (the team's releases with
`tests/event_scores.py`), and prints a Markdown table; the model's
cross-validation figures on NEREL train come from the shipped weights.
`docs/RELATIONS.md` holds its last output.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from importlib.resources import files
from pathlib import Path

import extract.pipeline
from extract import positions
from extract.cli import main as extract_main
from extract.relations import holders
from extract.relations.model import WEIGHTS

ROOT = Path(__file__).resolve().parent.parent
# (set, score.py's table, its row, what the docs call it)
ROWS = (
    ("nerel-dev", "nerel_positions", "person+post (WORKS_AS)", "person+post"),
    ("nerel-dev", "nerel_positions", "person+org (WORKPLACE)", "person+org"),
    ("nerel-dev", "nerel_positions", "person+post+org", "person+post+org"),
    (
        "nerel-dev",
        "nerel_positions",
        "person+post+org, recall on posts with an org",
        "person+post+org, posts with an org",
    ),
    ("nerel-dev", "nerel_event_arguments", "participants", "event participants"),
    ("factru-dev", "occupation", "full", "occupation (full)"),
    ("factru-dev", "meeting", "meeting", "meeting"),
)


def run(texts: Path, out: Path, learned: bool) -> None:
    """One pipeline run; forked workers inherit the choice of stage."""
    extract.pipeline.find_positions = (
        holders.find_positions if learned else positions.find_positions
    )
    code = extract_main(["run", str(texts), str(out), "--quiet", "--force"])
    if code not in (0, 1):
        sys.exit(f"extract run {texts} failed with exit code {code}")


def scores(shared: Path, out: Path, gold: str) -> dict:
    report = out / "score.json"
    command = [sys.executable, str(shared / "eval" / "score.py"), str(out)]
    command += ["--gold", str(shared / "eval" / "data" / gold), "--json", str(report)]
    subprocess.run(command, check=True, capture_output=True)
    return json.loads(report.read_text(encoding="utf-8"))


def cell(figures: dict) -> str:
    return f"{figures['precision']:.3f} / {figures['recall']:.3f} / {figures['f1']:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    found: dict[tuple[str, bool], dict] = {}
    with tempfile.TemporaryDirectory() as work:
        for gold in ("nerel-dev", "factru-dev"):
            for learned in (False, True):
                out = Path(work) / f"{gold}-{learned}"
                run(args.shared / "eval" / "data" / gold / "texts", out, learned)
                found[(gold, learned)] = scores(args.shared, out, gold)
    model = json.loads(files("extract").joinpath("data", WEIGHTS).read_text(encoding="utf-8"))
    print("| set | measure | rules alone, P / R / F1 | learned, P / R / F1 |")
    print("|---|---|---|---|")
    for gold, table, row, name in ROWS:
        rules, learned = (found[(gold, kind)][table][row] for kind in (False, True))
        print(f"| {gold} | {name} | {cell(rules)} | {cell(learned)} |")
    for name in ("holds", "employs"):
        figures = model[name]["cross_validation"]
        print(f"| nerel-train, 5-fold | `{name}` decisions | | {cell(figures)} |")


if __name__ == "__main__":
    main()
