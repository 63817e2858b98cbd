"""Scoring the `events` and `event_participants` tables against `tests/events_gold/`.

An output event matches a gold event of the same type when its `start:end`
overlaps one of the gold event's anchors; matching is one to one, a gold event
with the same `date_start` preferred (the sessions of one meeting on three
days share their anchors). A participant matches when the roles agree and a
mention of its entity in the release overlaps the gold `mention` (anywhere it
occurs). Participants of unmatched events count against the figures.

Run as a script to print the figures per release and the misses:
`python -m tests.event_scores OUT_DIR`.
"""

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

GOLD = Path(__file__).parent / "events_gold"


@dataclass
class Counts:
    correct: int = 0
    system: int = 0
    gold: int = 0

    def add(self, other: "Counts") -> None:
        self.correct += other.correct
        self.system += other.system
        self.gold += other.gold

    def f1(self) -> float:
        total = self.system + self.gold
        return 2 * self.correct / total if total else 1.0

    def line(self) -> str:
        p = self.correct / self.system if self.system else 1.0
        r = self.correct / self.gold if self.gold else 1.0
        return f"P {p:.3f} R {r:.3f} F1 {self.f1():.3f} ({self.correct}/{self.system}/{self.gold})"


@dataclass
class Score:
    events: Counts = field(default_factory=Counts)
    roles: Counts = field(default_factory=Counts)
    misses: list[str] = field(default_factory=list)


def spans(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_document(
    gold: dict, text: str, events: pd.DataFrame, roles: pd.DataFrame, mentions: pd.DataFrame
) -> Score:
    score = Score()
    found = {e.event_id: e for e in events.itertuples()}
    pairs: dict[int, str] = {}
    taken: set[str] = set()
    for number, event in enumerate(gold["events"]):
        anchors = [s for anchor in event["anchors"] for s in spans(text, anchor)]
        candidates = [
            e
            for e in found.values()
            if e.event_id not in taken
            and e.type == event["type"]
            and any(overlaps((e.start, e.end), a) for a in anchors)
        ]
        candidates.sort(key=lambda e: str(e.date_start)[:10] != str(event["date_start"]))
        if candidates:
            pairs[number] = candidates[0].event_id
            taken.add(candidates[0].event_id)
        else:
            score.misses.append(f"missed {event['type']}: {event['anchors'][0]}")
    for event in found.values():
        if event.event_id not in taken:
            score.misses.append(f"extra {event.type}: {text[event.start : event.end]}")
    score.events = Counts(len(pairs), len(found), len(gold["events"]))
    where = {
        entity: [(m.start, m.end) for m in group.itertuples()]
        for entity, group in mentions.groupby("entity_id")
    }
    score.roles.system = len(roles)
    for number, event in enumerate(gold["events"]):
        score.roles.gold += len(event["participants"])
        if number not in pairs:
            continue
        rows = roles[roles.event_id == pairs[number]]
        used: set[int] = set()
        for participant in event["participants"]:
            needles = spans(text, participant["mention"])
            hit = next(
                (
                    i
                    for i, row in enumerate(rows.itertuples())
                    if i not in used
                    and row.role == participant["role"]
                    and any(overlaps(m, n) for m in where.get(row.entity_id, []) for n in needles)
                ),
                None,
            )
            if hit is None:
                role, name = participant["role"], participant["mention"]
                score.misses.append(f"missed {role} {name} in {event['anchors'][0]}")
            else:
                used.add(hit)
                score.roles.correct += 1
        names = dict(zip(mentions.entity_id, mentions.text, strict=False))
        for i, row in enumerate(rows.itertuples()):
            if i not in used:
                name = names.get(row.entity_id, row.entity_id)
                score.misses.append(f"extra {row.role} {name} in {event['anchors'][0]}")
    return score


def score_run(out_dir: Path) -> dict[str, Score]:
    """Scores per gold release for the tables in `out_dir`."""
    read = lambda table: pd.read_parquet(out_dir / f"{table}.parquet")  # noqa: E731
    documents, events, roles, mentions = map(
        read, ["documents", "events", "event_participants", "mentions"]
    )
    texts = documents.set_index("doc_id")["text"]
    scores = {}
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc_id = gold["doc_id"]
        scores[doc_id] = score_document(
            gold,
            texts[doc_id],
            events[events.doc_id == doc_id],
            roles[roles.doc_id == doc_id],
            mentions[mentions.doc_id == doc_id],
        )
    return scores


def totals(scores: dict[str, Score]) -> Score:
    total = Score()
    for score in scores.values():
        total.events.add(score.events)
        total.roles.add(score.roles)
    return total


def report(scores: dict[str, Score], misses: bool = False) -> str:
    lines = []
    for doc_id, score in scores.items():
        lines.append(f"{doc_id}\n  events {score.events.line()}\n  roles  {score.roles.line()}")
        if misses:
            lines.extend(f"    {miss}" for miss in score.misses)
    total = totals(scores)
    lines.append(f"all\n  events {total.events.line()}\n  roles  {total.roles.line()}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(score_run(Path(sys.argv[1])), misses=True))
