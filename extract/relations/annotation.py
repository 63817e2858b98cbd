"""NEREL's annotation (brat standoff) read for training, and asked about the
candidates the relation stages weigh.

Only `make train` and the tests read it, from `../shared` at run time: no text
or annotation of the corpus is kept in the package.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..models import Models
from ..pipeline import linked_mentions, tag_documents
from ..records import Document, Mention, Sentence
from .holders import Holder, Workplace

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
