"""Learn the relation model from NEREL train: `make train`, or
`python -m extract.relations.train ../shared/eval/data/nerel-train`.

The pipeline runs over each annotated text up to its linked mentions; the
candidates `holders` would weigh are built from them, and each is labelled
from the annotation:

- a (person, post) pair is a yes when NEREL's `WORKS_AS` ties a person the
  mention stands for (an entity of ours with a mention over that PERSON) to a
  PROFESSION that holds the post's head word;
- an (organisation, post) pair, weighed for the yes pairs, is a yes when the
  organisation stands for one of the post's workplaces: what `WORKPLACE` ties
  to that PROFESSION, or the person's `WORKPLACE` named in the sentence.

The learned lexicon of posts is every head lemma of NEREL's PROFESSIONs seen
at least `LEXICON_COUNT` times that is a PROFESSION at least half the times
it occurs. Logistic regression (scikit-learn's liblinear: no random draw)
learns each decision; its regularisation and threshold are chosen by
five-fold cross-validation over texts (of the settings within `TOLERANCE` of
the best F1, the most regularised, then the strictest), whose figures are printed and kept
beside the weights. The same data give the same weights on the same BLAS
kernel; another kernel may move them in the fifth decimal, not the figures.
"""

import argparse
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from ..events.earlier import EARLIER
from ..models import Models, load_models
from ..morphology import analyses
from ..positions import Post, Release, by_sentence, covering
from ..posts import lemma
from .annotation import PERSON_TYPES, Example, Gold, Labels, Parsed, parse, read_corpus
from .features import View
from .holders import (
    candidate_posts,
    hold,
    holder_candidates,
    people_of,
    rule_org,
    workplace_candidates,
)
from .model import BIAS, DECISIONS, WEIGHTS, from_json
from .participation import collect_participants, collect_releases
from .referents import WINDOW, antecedents, prominence

ROOT = Path(__file__).resolve().parent.parent.parent  # the repository
LEXICON_COUNT = 2
FOLDS = 5
STRENGTHS = (0.03, 0.1, 0.3, 1.0)  # liblinear's C, chosen by cross-validation
THRESHOLDS = tuple(round(t, 2) for t in np.arange(-1.5, 1.51, 0.25))
MIN_FEATURE_COUNT = 2  # a feature seen fewer times in training gets no weight
# Cross-validated F1 this close to the best is as good: a standard error of F1 over
# the few hundred decisions of a decision's folds is about 0.015.
TOLERANCE = 0.01
ONE_ANSWER = 10.0  # the bias of a decision whose examples all have one label
CHUNK = 32  # texts tagged at once


def noun_head(parsed: Parsed, start: int, end: int, models: Models) -> str:
    """The lemma of the first noun of a span: a post's head word."""
    for sentence in parsed.sentences:
        for token in sentence.tokens:
            inside = start <= token.start and token.end <= end
            if inside and analyses(token.text, models.morph)[0].tag.POS == "NOUN":
                return lemma(token, models.morph)
    return ""


def learn_lexicon(texts: list[Parsed], models: Models) -> frozenset[str]:
    """Head lemmas of annotated professions, frequent and mostly professions."""
    heads: Counter[str] = Counter()
    for parsed in texts:
        for entity in parsed.gold.entities.values():
            if entity.type == "PROFESSION":
                heads[noun_head(parsed, entity.start, entity.end, models)] += 1
    seen: Counter[str] = Counter()
    for parsed in texts:
        for sentence in parsed.sentences:
            for token in sentence.tokens:
                word = lemma(token, models.morph)
                if heads.get(word, 0) >= LEXICON_COUNT:
                    seen[word] += 1
    return frozenset(
        word
        for word, count in heads.items()
        if word and count >= LEXICON_COUNT and count >= seen[word] / 2
    )


@dataclass
class Examples:
    holds: list[Example] = field(default_factory=list)
    refers: list[Example] = field(default_factory=list)
    employs: list[Example] = field(default_factory=list)
    takes_part: list[Example] = field(default_factory=list)
    stands_for: list[Example] = field(default_factory=list)
    is_event: list[Example] = field(default_factory=list)
    missed: Counter[str] = field(default_factory=Counter)  # gold pairs with no candidate


def collect(parsed: Parsed, models: Models, lexicon: frozenset[str], into: Examples) -> None:
    """Every candidate of one text, labelled."""
    labels = Labels(parsed)
    release = Release.of(parsed.gold.text, parsed.sentences, parsed.mentions, models)
    ranks = prominence(parsed.mentions)
    posts_held: dict[str, set[str]] = {}
    in_sentences = by_sentence(parsed.sentences, parsed.mentions)
    for number, (sentence, inside) in enumerate(zip(parsed.sentences, in_sentences, strict=True)):
        view = View(list(sentence.tokens), covering(sentence, inside), models.morph, models.states)
        people = people_of(view, inside)
        posts = candidate_posts(view, lexicon)
        learned = {post: lemma(view.tokens[post.head], models.morph) for post, new in posts if new}
        held: set[Post] = set()
        for pair in holder_candidates(view, posts, people):
            head = view.tokens[pair.post.head]
            group = f"{parsed.name}:{head.start}"
            label = labels.holds(pair.person.mention.entity_id, head.start, head.end)
            into.holds.append(
                Example(parsed.name, group, pair.features, label, learned.get(pair.post, ""))
            )
            if not label:
                continue
            held.add(pair.post)
            hold(posts_held, pair.person.mention, view, pair.post)
            places = labels.employers(pair, (head.start, head.end), sentence)
            ruled = rule_org(release, number, view, pair)
            candidates = workplace_candidates(view, pair.post, pair.person.span, inside, ruled)
            group = f"{group}:{pair.person.mention.start}"
            for candidate in candidates:
                into.employs.append(
                    Example(
                        parsed.name, group, candidate.features, labels.employs(candidate, places)
                    )
                )
            if places and not any(labels.employs(c, places) for c in candidates):
                into.missed["employs"] += 1
        for post, new in posts:
            if post in held or post.shared:
                continue
            head = view.tokens[post.head]
            before = in_sentences[max(0, number - WINDOW) : number]
            group = f"{parsed.name}:{head.start}:refers"
            found = antecedents(view, post, new, before, ranks, bool(people), posts_held)
            for antecedent in found:
                label = labels.holds(antecedent.mention.entity_id, head.start, head.end)
                features = antecedent.features
                into.refers.append(
                    Example(parsed.name, group, features, label, learned.get(post, ""))
                )
                if label:
                    hold(posts_held, antecedent.mention, view, post)
    into.missed["holds"] += sum(
        1 for person, profession in labels.works if not labels.ids(person, PERSON_TYPES)
    )


@dataclass(frozen=True, slots=True)
class Fitted:
    weights: dict[str, float]
    threshold: float
    strength: float
    scores: dict[str, float]


def matrix(examples: list[Example], vocabulary: dict[str, int]) -> csr_matrix:
    rows, cols = [], []
    for row, example in enumerate(examples):
        for feature in sorted({f for f in example.features if f in vocabulary}):
            rows.append(row)
            cols.append(vocabulary[feature])
    data = np.ones(len(rows))
    return csr_matrix((data, (rows, cols)), shape=(len(examples), len(vocabulary)))


def fit(examples: list[Example], strength: float) -> dict[str, float]:
    """Weights by feature name, the intercept as `BIAS`."""
    counts = Counter(f for example in examples for f in set(example.features))
    names = sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT)
    vocabulary = {name: i for i, name in enumerate(names)}
    labels = np.array([example.label for example in examples])
    if len(set(labels.tolist())) < 2:  # a slice with one answer only: always that one
        return {BIAS: ONE_ANSWER if labels.size and labels[0] else -ONE_ANSWER}
    model = LogisticRegression(C=strength, solver="liblinear", max_iter=1000)
    model.fit(matrix(examples, vocabulary), labels)
    weights = {name: round(float(w), 6) for name, w in zip(names, model.coef_[0], strict=True)}
    weights = {name: w for name, w in weights.items() if w}
    weights[BIAS] = round(float(model.intercept_[0]), 6)
    return weights


def score(weights: dict[str, float], example: Example) -> float:
    return weights[BIAS] + sum(weights.get(f, 0.0) for f in example.features)


Decide = Callable[[list[tuple[float, Example]], float], list[Example]]


def best_one(scored: list[tuple[float, Example]], threshold: float) -> list[Example]:
    above = [(s, e) for s, e in scored if s > threshold]
    return [max(above, key=lambda item: item[0])[1]] if above else []


def counts(scored: list[tuple[float, Example]], threshold: float, decide: Decide) -> np.ndarray:
    """True, chosen and gold counts of decisions over groups."""
    groups: dict[str, list[tuple[float, Example]]] = {}
    for item in scored:
        groups.setdefault(item[1].group, []).append(item)
    tp = chosen = gold = 0
    for items in groups.values():
        picked = decide(items, threshold)
        tp += sum(e.label for e in picked)
        chosen += len(picked)
        gold += any(e.label for _, e in items)
    return np.array([tp, chosen, gold])


def f1(tp: int, chosen: int, gold: int) -> float:
    return 2 * tp / (chosen + gold) if chosen + gold else 1.0


def holds_decision(scored: list[tuple[float, Example]], threshold: float) -> list[Example]:
    """As `holders.held`: the best person, or all above the threshold for a plural."""
    if any("head_number=plur" in e.features for _, e in scored):
        return [e for s, e in scored if s > threshold]
    return best_one(scored, threshold)


def cross_validate(
    examples: list[Example], fold_of: dict[str, int], decide: Decide, lexicons: list[frozenset[str]]
) -> Fitted:
    """The strength and threshold with the best decision F1 over the folds (texts
    split by `fold_of`); the weights then learned on all the examples. A candidate
    whose post head only the lexicon of the other folds knows is never chosen."""
    totals = {(c, t): np.zeros(3) for c in STRENGTHS for t in THRESHOLDS}
    for number in range(FOLDS):
        train_part = [e for e in examples if fold_of[e.text] != number]
        test_part = [e for e in examples if fold_of[e.text] == number]
        for strength in STRENGTHS:
            weights = fit(train_part, strength)
            scored = [
                (score(weights, e) if not e.lexicon or e.lexicon in lexicons[number] else -1e9, e)
                for e in test_part
            ]
            for threshold in THRESHOLDS:
                totals[(strength, threshold)] += counts(scored, threshold, decide)
    top = max(f1(*found) for found in totals.values())
    # Of the settings as good as the best (within `TOLERANCE`), the strongest
    # regularisation, then the strictest threshold (the "one standard error" rule):
    # the flat top of the curve otherwise picks a setting by a few examples' noise.
    (strength, threshold), best = max(
        ((key, found) for key, found in totals.items() if f1(*found) >= top - TOLERANCE),
        key=lambda item: (-item[0][0], item[0][1]),
    )
    tp, chosen, gold = (int(n) for n in best)
    scores = {
        "precision": round(tp / chosen, 4) if chosen else 1.0,
        "recall": round(tp / gold, 4) if gold else 1.0,
        "f1": round(f1(tp, chosen, gold), 4),
    }
    return Fitted(fit(examples, strength), float(threshold), strength, scores)


@dataclass(frozen=True, slots=True)
class Releases:
    """The team's releases (`data/raw`) and its annotation of their events
    (`tests/events_gold`)."""

    raw: Path
    annotated: Path


def train(corpus: dict[str, Gold], models: Models, releases: Releases | None = None) -> dict:
    """The model as `model.from_json` reads it, with its cross-validation figures;
    `releases` adds the team's annotated releases to what `takes_part` learns from."""
    texts = list(parse(corpus, models))
    fold_of = {parsed.name: number % FOLDS for number, parsed in enumerate(texts)}
    lexicon = learn_lexicon(texts, models)
    lexicons = [
        learn_lexicon([p for p in texts if fold_of[p.name] != number], models)
        for number in range(FOLDS)
    ]
    examples = Examples()
    for parsed in texts:
        collect(parsed, models, lexicon, examples)
    holds = cross_validate(examples.holds, fold_of, holds_decision, lexicons)
    refers = cross_validate(examples.refers, fold_of, best_one, lexicons)
    employs = cross_validate(examples.employs, fold_of, best_one, lexicons)
    learned = from_json(
        {
            "lexicon": sorted(lexicon),
            **{
                name: {"weights": fitted.weights, "threshold": fitted.threshold}
                for name, fitted in (("holds", holds), ("refers", refers), ("employs", employs))
            },
            "takes_part": {"weights": {}, "threshold": 0.0},
            "stands_for": {"weights": {}, "threshold": 0.0},
            "is_event": {"weights": {BIAS: 1.0}, "threshold": 0.0},
        }
    )
    for parsed in texts:
        collect_participants(parsed, models, learned, examples.takes_part, examples.is_event)
    if releases is not None:
        found = collect_releases(
            releases.raw, releases.annotated, models, learned, examples.is_event
        )
        names = sorted({example.text for example in found})
        fold_of |= {name: number % FOLDS for number, name in enumerate(names)}
        examples.takes_part += found
    examples.stands_for = [e for e in examples.takes_part if EARLIER in e.features]
    examples.takes_part = [e for e in examples.takes_part if EARLIER not in e.features]
    takes_part = cross_validate(examples.takes_part, fold_of, best_one, lexicons)
    stands_for = cross_validate(examples.stands_for, fold_of, best_one, lexicons)
    is_event = cross_validate(examples.is_event, fold_of, best_one, lexicons)
    return {
        "source": "NEREL v1.1 train (Loukachevitch et al., 2023), Russian Wikinews, CC BY 2.5",
        "texts": len(texts),
        "lexicon": sorted(lexicon),
        **{
            name: {
                "threshold": fitted.threshold,
                "strength": fitted.strength,
                "examples": len(found),
                "cross_validation": fitted.scores,
                "weights": dict(sorted(fitted.weights.items())),
            }
            for name, fitted, found in (
                ("holds", holds, examples.holds),
                ("refers", refers, examples.refers),
                ("employs", employs, examples.employs),
                ("takes_part", takes_part, examples.takes_part),
                ("stands_for", stands_for, examples.stands_for),
                ("is_event", is_event, examples.is_event),
            )
        },
        "without_candidate": dict(sorted(examples.missed.items())),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m extract.relations.train")
    parser.add_argument("corpus", type=Path, help="NEREL's train folder (*.ann beside texts/)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent.parent / "data" / WEIGHTS)
    parser.add_argument("--limit", type=int, default=0, help="the first N texts only")
    parser.add_argument("--releases", type=Path, default=ROOT / "data" / "raw")
    parser.add_argument("--annotated", type=Path, default=ROOT / "tests" / "events_gold")
    args = parser.parse_args()
    corpus = read_corpus(args.corpus)
    if args.limit:
        corpus = dict(list(corpus.items())[: args.limit])
    table = train(corpus, load_models(), Releases(args.releases, args.annotated))
    args.out.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for name in DECISIONS:
        figures = table[name]["cross_validation"]
        print(f"{name}: C={table[name]['strength']} threshold={table[name]['threshold']} {figures}")


if __name__ == "__main__":
    main()
