"""A linear model over named binary features, as `extract.relations.train` writes it.

The weights are a JSON table (`data/relations.json`) of feature name -> weight per
decision. A decision's score is the exact sum of its features' weights
(`math.fsum`), so it does not depend on the order of the sum, the CPU or any
BLAS kernel: the same candidate gets the same answer on every machine.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

WEIGHTS = "relations.json"
BIAS = "bias"
DECISIONS = ("holds", "refers", "employs", "takes_part", "stands_for", "is_event")


@dataclass(frozen=True, slots=True)
class Linear:
    """One decision: its weights and the score above which the answer is yes."""

    weights: dict[str, float]
    threshold: float = 0.0

    def score(self, features: list[str]) -> float:
        """The log-odds of yes: the bias plus the weights of the features (an
        unseen feature weighs nothing)."""
        weights = self.weights
        return math.fsum([weights.get(BIAS, 0.0), *(weights.get(f, 0.0) for f in features)])

    def says(self, features: list[str]) -> bool:
        return self.score(features) > self.threshold


@dataclass(frozen=True, slots=True)
class Relations:
    """The decisions the relation stages take: which person of its sentence holds a
    post (`holds`), which person named before a post with no holder in its
    sentence holds it (`refers`), which organisation a post is held in
    (`employs`), which actor of a sentence took part in an event it names
    (`takes_part`), which person named before took part in it, where a pronoun
    or an unsaid subject stands for them (`stands_for`), which words name an
    event that is reported (`is_event`)."""

    holds: Linear
    refers: Linear
    employs: Linear
    takes_part: Linear
    stands_for: Linear
    is_event: Linear
    lexicon: frozenset[str]  # post heads learned from the annotated posts


def from_json(table: dict) -> Relations:
    decisions = {
        name: Linear(table[name]["weights"], table[name]["threshold"]) for name in DECISIONS
    }
    return Relations(lexicon=frozenset(table["lexicon"]), **decisions)


@cache
def load_relations() -> Relations:
    """The shipped model, read once per process."""
    text = files("extract").joinpath("data", WEIGHTS).read_text(encoding="utf-8")
    return from_json(json.loads(text))
