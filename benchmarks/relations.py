"""The hand rules against the learned relation model, side by side.

    python -m benchmarks.relations [--shared ../shared]   # from the repository's root

Runs the pipeline twice over NEREL dev, FactRuEval dev and the team's own
releases (`data/raw`), and over NEREL train in five folds (each fold's model
trained without it, as `make train` folds): once with the rules alone
(`positions.find_positions`, and a model that keeps every trigger and exactly
the actors the rules of `events.roles` give a role) and once with the model;
scores each run with `../shared/eval/score.py` (the team's releases with
`tests/event_scores.py`) and prints a Markdown table, with the cross-validation
figures of each decision as the training kept them in the weights.
"""

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from importlib.resources import files
from pathlib import Path

import extract.events
import extract.pipeline
from extract import positions
from extract.cli import main as extract_main
from extract.models import load_models
from extract.relations import holders
from extract.relations.annotation import read_corpus
from extract.relations.model import (
    BIAS,
    DECISIONS,
    WEIGHTS,
    Linear,
    Relations,
    from_json,
    load_relations,
)
from extract.relations.train import FOLDS, Releases, train
from tests.event_scores import Counts, score_run, totals

ROOT = Path(__file__).resolve().parent.parent
COUNTS = ("tp_pred", "n_pred", "tp_gold", "n_gold")
RELEASES = Releases(ROOT / "data" / "raw", ROOT / "tests" / "events_gold")
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
    ("nerel-dev", "nerel_events", "gold EVENTs of the contract's types", "events"),
    ("nerel-dev", "nerel_event_arguments", "participants", "event participants"),
    ("factru-dev", "occupation", "full", "occupation (full)"),
    ("factru-dev", "meeting", "meeting", "meeting"),
    ("releases", "releases", "events", "the team's releases: events"),
    ("releases", "releases", "roles", "the team's releases: roles"),
)


def rules_only() -> Relations:
    """A model that decides as the rules do: every trigger an event, an actor a
    participant only with a role from the rules."""
    shipped = load_relations()
    return replace(
        shipped,
        takes_part=Linear({"rule=none": -100.0, BIAS: 1.0}),
        stands_for=Linear({BIAS: -1.0}),
        is_event=Linear({BIAS: 1.0}),
    )


def run(texts: Path, out: Path, learned: bool, relations: Relations | None = None) -> None:
    """One pipeline run, with the rules alone or a model (the shipped one unless
    `relations`); forked workers inherit the choice."""
    extract.pipeline.find_positions = (
        holders.find_positions if learned else positions.find_positions
    )
    chosen = (lambda: relations) if relations is not None else load_relations
    holders.load_relations = chosen
    extract.events.load_relations = chosen if learned else rules_only
    code = extract_main(["run", str(texts), str(out), "--quiet", "--force"])
    if code not in (0, 1):
        sys.exit(f"extract run {texts} failed with exit code {code}")


def scores(shared: Path, out: Path, gold: str, folder: Path | None = None) -> dict:
    report = out / "score.json"
    command = [sys.executable, str(shared / "eval" / "score.py"), str(out)]
    gold_folder = folder or shared / "eval" / "data" / gold
    command += ["--gold", str(gold_folder), "--json", str(report)]
    subprocess.run(command, check=True, capture_output=True)
    return json.loads(report.read_text(encoding="utf-8"))


def cell(figures: dict) -> str:
    return f"{figures['precision']:.3f} / {figures['recall']:.3f} / {figures['f1']:.3f}"


def pooled(reports: list[dict]) -> dict:
    """Micro-averaged figures of several score reports, row by row."""
    found: dict = {}
    for _, table, row, _ in ROWS[:6]:
        sums = [sum(report[table][row][key] for report in reports) for key in COUNTS]
        tp_pred, n_pred, tp_gold, n_gold = sums
        precision = tp_pred / n_pred if n_pred else 1.0
        recall = tp_gold / n_gold if n_gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        found.setdefault(table, {})[row] = {"precision": precision, "recall": recall, "f1": f1}
    return found


def fold_gold(corpus: Path, names: set[str], folder: Path) -> Path:
    """A gold folder holding only some texts of NEREL train, copied into the
    run's temporary folder (a run does not follow links out of its input)."""
    (folder / "texts").mkdir(parents=True)
    for name in names:
        shutil.copy(corpus / f"{name}.ann", folder / f"{name}.ann")
        shutil.copy(corpus / "texts" / f"{name}.txt", folder / "texts" / f"{name}.txt")
    return folder


def cross_validated(shared: Path, work: Path) -> dict[bool, dict]:
    """NEREL train's figures, the rules' over all of it, the model's pooled over
    five folds, each scored by a model trained without it (as `train` folds)."""
    corpus = shared / "eval" / "data" / "nerel-train"
    run(corpus / "texts", work / "train-rules", learned=False)
    rules = scores(shared, work / "train-rules", "nerel-train")
    texts = read_corpus(corpus)
    names = list(texts)
    reports = []
    for fold in range(FOLDS):
        held = {name for number, name in enumerate(names) if number % FOLDS == fold}
        kept = {name: texts[name] for name in names if name not in held}
        relations = from_json(train(kept, load_models(), RELEASES))
        out = work / f"train-fold{fold}"
        run(fold_gold(corpus, held, work / f"gold{fold}") / "texts", out, True, relations)
        reports.append(scores(shared, out, "", work / f"gold{fold}"))
    return {False: rules, True: pooled(reports)}


def releases(out: Path) -> dict:
    """Events and roles on the team's releases, as `tests/event_scores.py` counts them."""
    total = totals(score_run(out))
    return {
        "events": counts(total.events),
        "roles": counts(total.roles),
    }


def counts(found: Counts) -> dict:
    precision = found.correct / found.system if found.system else 1.0
    recall = found.correct / found.gold if found.gold else 1.0
    return {"precision": precision, "recall": recall, "f1": found.f1()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    found: dict[tuple[str, bool], dict] = {}
    with tempfile.TemporaryDirectory() as work:
        for learned in (False, True):
            for gold in ("nerel-dev", "factru-dev"):
                out = Path(work) / f"{gold}-{learned}"
                run(args.shared / "eval" / "data" / gold / "texts", out, learned)
                found[(gold, learned)] = scores(args.shared, out, gold)
            out = Path(work) / f"raw-{learned}"
            run(ROOT / "data" / "raw", out, learned)
            found[("releases", learned)] = {"releases": releases(out)}
        for learned, report in cross_validated(args.shared, Path(work)).items():
            found[("nerel-train", learned)] = report
    model = json.loads(files("extract").joinpath("data", WEIGHTS).read_text(encoding="utf-8"))
    print("| set | measure | rules alone, P / R / F1 | learned, P / R / F1 |")
    print("|---|---|---|---|")
    for gold, table, row, name in ROWS:
        rules, learned = (found[(gold, kind)][table][row] for kind in (False, True))
        print(f"| {gold} | {name} | {cell(rules)} | {cell(learned)} |")
    for _, table, row, name in ROWS[:6]:
        rules, learned = (found[("nerel-train", kind)][table][row] for kind in (False, True))
        print(f"| nerel-train, 5-fold | {name} | {cell(rules)} | {cell(learned)} |")
    for name in DECISIONS:
        figures = model[name]["cross_validation"]
        data = "NEREL train" if name in ("holds", "refers", "employs") else "NEREL train + releases"
        print(f"| {data}, 5-fold | `{name}` decisions | | {cell(figures)} |")


if __name__ == "__main__":
    main()
