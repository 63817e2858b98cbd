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
five-fold cross-validation over texts, whose figures are printed and kept
beside the weights. The same data give the same weights on the same BLAS
kernel; another kernel may move them in the fifth decimal, not the figures.
"""

import argparse
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from ..models import Models, load_models
from ..morphology import analyses
from ..pipeline import linked_mentions, tag_documents
from ..positions import Post, Release, by_sentence, covering, is_state
from ..posts import lemma
from ..records import Document, Mention, Sentence
from .features import View
from .holders import (
    Holder,
    Workplace,
    candidate_posts,
    hold,
    holder_candidates,
    people_of,
    rule_org,
    workplace_candidates,
)
from .model import BIAS, DECISIONS, WEIGHTS
from .referents import WINDOW, antecedents, prominence

LEXICON_COUNT = 2
FOLDS = 5
STRENGTHS = (0.03, 0.1, 0.3, 1.0)  # liblinear's C, chosen by cross-validation
THRESHOLDS = tuple(round(t, 2) for t in np.arange(-1.5, 1.51, 0.25))
MIN_FEATURE_COUNT = 2  # a feature seen fewer times in training gets no weight
CHUNK = 32  # texts tagged at once
PERSON_TYPES = {"PER"}
PLACE_TYPES = {"ORG", "LOC"}


@dataclass(frozen=True, slots=True)
class Annotated:
    """One brat entity: its type and character range (a broken span taken whole)."""

    type: str
    start: int
    end: int


@dataclass
class Gold:
    text: str
    entities: dict[str, Annotated] = field(default_factory=dict)
    relations: list[tuple[str, str, str]] = field(default_factory=list)  # type, arg1, arg2

    def related(self, kind: str, first: str, second: str) -> list[tuple[str, str]]:
        """The (arg1, arg2) pairs of a relation between two entity types."""
        return [
            (a, b)
            for rel, a, b in self.relations
            if rel == kind
            and a in self.entities
            and b in self.entities
            and first in ("*", self.entities[a].type)
            and second in ("*", self.entities[b].type)
        ]


def read_brat(ann: Path, text: Path) -> Gold:
    gold = Gold(text.read_text(encoding="utf-8"))
    for line in ann.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            kind, _, ranges = fields[1].partition(" ")
            bounds = [[int(n) for n in r.split()] for r in ranges.split(";")]
            start, end = min(b[0] for b in bounds), max(b[1] for b in bounds)
            gold.entities[fields[0]] = Annotated(kind, start, end)
        elif line.startswith("R") and len(fields) >= 2:
            kind, *args = fields[1].split()
            ends = dict(a.split(":", 1) for a in args if ":" in a)
            if {"Arg1", "Arg2"} <= ends.keys():
                gold.relations.append((kind, ends["Arg1"], ends["Arg2"]))
    return gold


def read_corpus(folder: Path) -> dict[str, Gold]:
    """NEREL's layout: `name.ann` beside a `texts/` folder of `name.txt`."""
    return {
        ann.stem: read_brat(ann, folder / "texts" / f"{ann.stem}.txt")
        for ann in sorted(folder.glob("*.ann"))
    }


@dataclass(frozen=True, slots=True)
class Parsed:
    """An annotated text as the pipeline reads it."""

    name: str
    gold: Gold
    sentences: list[Sentence]
    mentions: list[Mention]


def parse(corpus: dict[str, Gold], models: Models) -> Iterator[Parsed]:
    names = list(corpus)
    for at in range(0, len(names), CHUNK):
        chunk = names[at : at + CHUNK]
        documents = [Document(name, f"{name}.txt", corpus[name].text) for name in chunk]
        for name, tagged in zip(chunk, tag_documents(documents, models), strict=True):
            yield Parsed(name, corpus[name], tagged.sentences, linked_mentions(tagged, models))


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


@dataclass(frozen=True, slots=True)
class Example:
    """A candidate as the model learns from it. `group` names the decision it belongs
    to (one post of one text), so the cross-validation scores decisions, not pairs;
    `lexicon` is the learned post head it needs, empty when the built-in one holds."""

    text: str
    group: str
    features: list[str]
    label: bool
    lexicon: str = ""


@dataclass
class Examples:
    holds: list[Example] = field(default_factory=list)
    refers: list[Example] = field(default_factory=list)
    employs: list[Example] = field(default_factory=list)
    missed: Counter[str] = field(default_factory=Counter)  # gold pairs with no candidate


def overlaps(mention: Mention, entity: Annotated) -> bool:
    return mention.start < entity.end and entity.start < mention.end


class Labels:
    """The annotation of one text, asked about candidates."""

    def __init__(self, parsed: Parsed) -> None:
        self.gold = parsed.gold
        self.mentions = parsed.mentions
        self.works = self.gold.related("WORKS_AS", "PERSON", "PROFESSION")
        self.workplaces = self.gold.related("WORKPLACE", "*", "*")

    def ids(self, entity: str, types: set[str]) -> set[str]:
        """Our entities with a mention over the annotated one."""
        annotated = self.gold.entities[entity]
        return {m.entity_id for m in self.mentions if m.type in types and overlaps(m, annotated)}

    def professions(self, start: int, end: int) -> list[str]:
        """The annotated professions that hold the character range."""
        return [
            key
            for key, e in self.gold.entities.items()
            if e.type == "PROFESSION" and e.start <= start and end <= e.end
        ]

    def holds(self, entity: str, head_start: int, head_end: int) -> bool:
        """Does the annotation give our entity the profession over the post's head?"""
        professions = set(self.professions(head_start, head_end))
        return any(
            profession in professions and entity in self.ids(person, PERSON_TYPES)
            for person, profession in self.works
        )

    def employers(self, pair: Holder, head: tuple[int, int], sentence: Sentence) -> set[str]:
        """Annotated workplaces of the post: of its profession, or the person's in the
        sentence."""
        professions = set(self.professions(*head))
        people = {
            person
            for person, profession in self.works
            if profession in professions
            and pair.person.mention.entity_id in self.ids(person, PERSON_TYPES)
        }
        found = set()
        for holder, place in self.workplaces:
            entity = self.gold.entities[place]
            inside = sentence.start <= entity.start < sentence.end
            if holder in professions or (holder in people and inside):
                found.add(place)
        return found

    def employs(self, candidate: Workplace, places: set[str]) -> bool:
        for place in places:
            entity = self.gold.entities[place]
            if candidate.mention is not None and overlaps(candidate.mention, entity):
                return True
            if candidate.entity_id in self.ids(place, PLACE_TYPES):
                return True
        return False


def collect(parsed: Parsed, models: Models, lexicon: frozenset[str], into: Examples) -> None:
    """Every candidate of one text, labelled."""
    labels = Labels(parsed)
    release = Release(
        parsed.gold.text,
        parsed.sentences,
        parsed.mentions,
        models,
        known={m.entity_id for m in parsed.mentions},
        states=[m for m in parsed.mentions if m.type == "LOC" and is_state(m, models)],
    )
    ranks = prominence(parsed.mentions)
    posts_held: dict[str, set[str]] = {}
    in_sentences = by_sentence(parsed.sentences, parsed.mentions)
    for number, (sentence, inside) in enumerate(zip(parsed.sentences, in_sentences, strict=True)):
        view = View(list(sentence.tokens), covering(sentence, inside), models)
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
    (strength, threshold), best = max(totals.items(), key=lambda item: f1(*item[1]))
    tp, chosen, gold = (int(n) for n in best)
    scores = {
        "precision": round(tp / chosen, 4) if chosen else 1.0,
        "recall": round(tp / gold, 4) if gold else 1.0,
        "f1": round(f1(tp, chosen, gold), 4),
    }
    return Fitted(fit(examples, strength), float(threshold), strength, scores)


def train(corpus: dict[str, Gold], models: Models) -> dict:
    """The model as `model.from_json` reads it, with its cross-validation figures."""
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
            )
        },
        "without_candidate": dict(sorted(examples.missed.items())),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m extract.relations.train")
    parser.add_argument("corpus", type=Path, help="NEREL's train folder (*.ann beside texts/)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent.parent / "data" / WEIGHTS)
    parser.add_argument("--limit", type=int, default=0, help="the first N texts only")
    args = parser.parse_args()
    corpus = read_corpus(args.corpus)
    if args.limit:
        corpus = dict(list(corpus.items())[: args.limit])
    table = train(corpus, load_models())
    args.out.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for name in DECISIONS:
        figures = table[name]["cross_validation"]
        print(f"{name}: C={table[name]['strength']} threshold={table[name]['threshold']} {figures}")


if __name__ == "__main__":
    main()
