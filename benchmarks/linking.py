"""Linking inside a release, scored against FactRuEval's coreference.

FactRuEval groups each document's Person, Org and Location objects into
entities. This matches every gold object to the `extract` mention with its
exact extent, and scores how the run's `entity_id`s group the matched
mentions: pairwise precision and recall (two mentions of one gold entity
should share an id, two of different ones should not), and the number of gold
entities split over several ids and of ids that merge several gold entities.
Cross-release linking has no public gold data; it is scored elsewhere.

    .venv/bin/python -m extract run ../shared/eval/data/factru-dev/texts /tmp/factru
    .venv/bin/python benchmarks/linking.py /tmp/factru ../shared/eval/data/factru-dev
"""

import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pandas as pd

TYPES = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}


def gold_groups(gold_dir: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Each document's gold objects, by extent, with their entity's id."""
    sys.path.insert(0, str(gold_dir.parents[1]))
    from scoring import factru  # the shared scorer's reader, read at run time

    groups: dict[str, dict[tuple[int, int], str]] = {}
    for doc_id, doc in factru.load(gold_dir).items():
        extents = groups.setdefault(doc_id, {})
        for entity in doc.entities.values():
            for obj in entity.objects:
                if obj.type in TYPES and obj.spans:
                    extents[(obj.start, obj.end, TYPES[obj.type])] = entity.id
    return groups


def score(out_dir: Path, gold_dir: Path) -> dict[str, dict[str, float]]:
    columns = ["doc_id", "start", "end", "type", "entity_id"]
    mentions = pd.read_csv(out_dir / "mentions.csv", usecols=columns)[columns]
    system = {
        (doc, start, end, type): entity
        for doc, start, end, type, entity in mentions.itertuples(index=False)
    }
    counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for doc_id, extents in gold_groups(gold_dir).items():
        matched = [
            (type, gold, system[(doc_id, start, end, type)])
            for (start, end, type), gold in extents.items()
            if (doc_id, start, end, type) in system
        ]
        for type in ("PER", "ORG", "LOC"):
            pairs = [(g, s) for t, g, s in matched if t == type]
            row = counts[type]
            row["mentions"] += len(pairs)
            for (gold_a, sys_a), (gold_b, sys_b) in combinations(pairs, 2):
                row["gold pairs"] += gold_a == gold_b
                row["system pairs"] += sys_a == sys_b
                row["both"] += gold_a == gold_b and sys_a == sys_b
            ids_of, golds_of = defaultdict(set), defaultdict(set)
            for gold, found in pairs:
                ids_of[gold].add(found)
                golds_of[found].add(gold)
            row["split"] += sum(len(ids) > 1 for ids in ids_of.values())
            row["merged"] += sum(len(golds) > 1 for golds in golds_of.values())
            row["gold entities"] += len(ids_of)
    for row in counts.values():
        precision = row["both"] / row["system pairs"] if row["system pairs"] else 1.0
        recall = row["both"] / row["gold pairs"] if row["gold pairs"] else 1.0
        row["P"], row["R"] = precision, recall
        row["F1"] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return counts


def main(argv: list[str]) -> None:
    out_dir, gold_dir = Path(argv[0]), Path(argv[1]).resolve()
    print("| type | matched mentions | gold entities | split | merged | pairwise P / R / F1 |")
    print("|---|---|---|---|---|---|")
    for type, row in score(out_dir, gold_dir).items():
        print(
            f"| {type} | {row['mentions']:.0f} | {row['gold entities']:.0f} | {row['split']:.0f} "
            f"| {row['merged']:.0f} | {row['P']:.3f} / {row['R']:.3f} / {row['F1']:.3f} |"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
