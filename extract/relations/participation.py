"""Training examples for the event decisions: `takes_part` (who took part in
an event), `stands_for` (which person named before took part, where a pronoun
or an unsaid subject stands for them; `events.earlier`) and `is_event`
(whether a trigger reports one). `train` splits the two kinds of actor.

The event stage reads each annotated text as it reads a release (`events`:
triggers, the actors of their sentences, the roles the rules give them), with
the positions the freshly learned decisions find.

- NEREL train: a trigger reports an event when an EVENT mention lies over its
  words or holds a word of its type in its sentence (or, for a founding, an
  award or a joining, an argument of the relation that states one). A trigger
  whose head word lies in an EVENT mention labels its actors: one took part
  when `PARTICIPANT_IN`, `AGENT` or `ORGANIZES` ties that EVENT to an entity
  the actor stands for, or to a PROFESSION that entity holds (`WORKS_AS`: the
  `министров` of `встреча министров`).
- The team's releases (`tests/events_gold` over `data/raw`): a trigger inside
  an event's anchor reports it, and an actor took part when a mention of its
  entity overlaps one of the event's participants.
"""

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pymorphy3 import MorphAnalyzer

from ..dates import find_dates
from ..events import Candidate, actor_candidates, paragraph_back, sentence_triggers, side_roles
from ..events.earlier import EARLIER, WINDOW
from ..events.triggers import Trigger, word_lemma
from ..events.words import EVENT_NOUNS, EVENT_VERBS
from ..ingest import parse_source
from ..inputs import collect
from ..models import Models
from ..pipeline import linked_mentions, tag_documents
from ..positions import by_sentence
from ..records import Document, Mention, Sentence, Token
from .annotation import Example, Gold, Labels, Parsed
from .holders import find_positions
from .model import Relations

ARGUMENTS = {"PARTICIPANT_IN", "AGENT", "ORGANIZES"}
# Events NEREL often states by relations with no EVENT mention.
STATED_BY = {
    "founding": {"FOUNDED_BY", "DATE_FOUNDED_IN"},
    "award": {"AWARDED_WITH"},
    "membership": {"MEMBER_OF"},
}


def event_arguments(gold: Gold) -> dict[str, set[str]]:
    """Per EVENT entity, the entities NEREL ties to it as taking part."""
    entities = gold.entities
    found: dict[str, set[str]] = defaultdict(set)
    holders: dict[str, set[str]] = defaultdict(set)
    for kind, first, second in gold.relations:
        if kind == "WORKS_AS":
            holders[second].add(first)
    for kind, first, second in gold.relations:
        if kind not in ARGUMENTS or first not in entities or second not in entities:
            continue
        for event, other in ((second, first), (first, second)):
            if entities[event].type == "EVENT":
                found[event] |= {other, *holders.get(other, set())}
    return found


@dataclass(frozen=True, slots=True)
class Read:
    """One sentence's events as the event stage reads them: the triggers, what
    `is_event` sees of each, and, per trigger, the actors beside it."""

    sentence: Sentence
    tokens: list[Token]
    triggers: list[Trigger]
    looks: list[list[str]]
    candidates: list[list[Candidate]]


def read_events(
    document: Document,
    sentences: list[Sentence],
    mentions: list[Mention],
    models: Models,
    relations: Relations,
) -> Iterator[Read]:
    """Each sentence that names events, read as `events.read_sentence` reads it."""
    morph = models.morph
    positions = find_positions(document.text, sentences, mentions, models, relations)
    dates = find_dates(document, sentences, models.dates)
    in_sentences = by_sentence(sentences, mentions)
    within = zip(sentences, in_sentences, by_sentence(sentences, dates), strict=True)
    for number, (sentence, own, dated) in enumerate(within):
        read = sentence_triggers(number, sentence, own, dated, morph)
        if not read.triggers:
            continue
        sides = side_roles(read.lemmas, mentions)
        before = in_sentences[max(0, number - WINDOW) : number]
        paragraph = paragraph_back(document.text, sentences, number)
        found = actor_candidates(
            sentence, read.taken, own, read.triggers, positions, sides, morph, before, paragraph
        )
        yield Read(sentence, read.tokens, read.triggers, read.looks, found)


def weighed(candidate: Candidate) -> bool:
    """A pair the model decides: see `events.taking_part`."""
    return bool(candidate.features) and "subject" not in candidate.given


def reported(read: Read, trigger: Trigger, gold: Gold, morph: MorphAnalyzer) -> bool:
    """Does NEREL report an event there: an EVENT mention over the trigger's words,
    or one in its sentence with a word of the trigger's type (NEREL marks only
    some of the words that name an event); for a founding, an award or a joining,
    which NEREL often states by relations alone, an argument of one in the
    sentence (`FOUNDED_BY`, `AWARDED_WITH`, `MEMBER_OF`)?"""
    start = read.tokens[trigger.start].start
    end = read.tokens[trigger.end - 1].end
    sentence = read.sentence
    for entity in gold.entities.values():
        if entity.type != "EVENT":
            continue
        if entity.start < end and start < entity.end:
            return True
        inside = sentence.start <= entity.start < sentence.end
        if inside and trigger.type in types_named(gold.text[entity.start : entity.end], morph):
            return True
    kinds = STATED_BY.get(trigger.type, set())
    return any(
        sentence.start <= gold.entities[arg].start < sentence.end
        for kind, first, second in gold.relations
        if kind in kinds
        for arg in (first, second)
        if arg in gold.entities
    )


def types_named(text: str, morph: MorphAnalyzer) -> set[str]:
    """The event types the words of a mention name (`встречи` -> meeting)."""
    lemmas = {word_lemma(word, morph) for word in re.findall(r"[\w-]+", text.lower())}
    return {EVENT_NOUNS.get(w) or EVENT_VERBS.get(w, "") for w in lemmas} - {""}


def collect_participants(
    parsed: Parsed,
    models: Models,
    relations: Relations,
    into: list[Example],
    reports: list[Example],
) -> None:
    """Every (event, actor) pair of one text whose event NEREL marks, and every
    trigger, labelled."""
    labels = Labels(parsed)
    gold = parsed.gold
    events = {key: e for key, e in gold.entities.items() if e.type == "EVENT"}
    arguments = event_arguments(gold)
    document = Document(parsed.name, f"{parsed.name}.txt", gold.text)
    for read in read_events(document, parsed.sentences, parsed.mentions, models, relations):
        for trigger, looks in zip(read.triggers, read.looks, strict=True):
            label = reported(read, trigger, gold, models.morph)
            reports.append(Example(parsed.name, f"{parsed.name}:{trigger}", looks, label))
        for trigger, candidates in zip(read.triggers, read.candidates, strict=True):
            head = read.tokens[trigger.head]
            marked = [k for k, e in events.items() if e.start < head.end and head.start < e.end]
            if not marked:
                continue
            taking = set().union(*(arguments.get(k, set()) for k in marked))
            ids = set().union(*(labels.ids(k, {"PER", "ORG", "LOC"}) for k in taking))
            for candidate in filter(weighed, candidates):
                group = group_of(parsed.name, head.start, candidate)
                label = candidate.mention.entity_id in ids
                into.append(Example(parsed.name, group, candidate.features, label))


def group_of(text: str, head: int, candidate: Candidate) -> str:
    """The decision a candidate belongs to: its own pair with the event at `head`,
    or, for the people named before, the one choice among them (one stand-in)."""
    key = EARLIER if EARLIER in candidate.features else candidate.mention.mention_id
    return f"{text}:{head}:{key}"


def spans(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]


def collect_releases(
    raw: Path, annotated: Path, models: Models, relations: Relations, reports: list[Example]
) -> list[Example]:
    """The team's annotated releases (`tests/events_gold` over `data/raw`): a
    trigger inside an event's anchor is that event; an actor took part when a
    mention of its entity overlaps one of the event's participants."""
    golds = {}
    for path in sorted(annotated.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        golds[gold["doc_id"]] = gold["events"]
    found: list[Example] = []
    documents = [parse_source(s) for s in collect(raw, None)]
    documents = [d for d in documents if d.doc_id in golds]
    for document, tagged in zip(documents, tag_documents(documents, models), strict=True):
        text = document.text
        mentions = linked_mentions(tagged, models)
        where: dict[str, list[Mention]] = defaultdict(list)
        for mention in mentions:
            where[mention.entity_id].append(mention)
        anchored = [
            (anchor, event)
            for event in golds[document.doc_id]
            for needle in event["anchors"]
            for anchor in spans(text, needle)
        ]
        for read in read_events(document, tagged.sentences, mentions, models, relations):
            for trigger, looks in zip(read.triggers, read.looks, strict=True):
                start = read.tokens[trigger.start].start
                end = read.tokens[trigger.end - 1].end
                label = any(a < end and start < b for (a, b), _ in anchored)
                group = f"{document.doc_id}:{trigger}"
                reports.append(Example(document.doc_id, group, looks, label))
            for trigger, candidates in zip(read.triggers, read.candidates, strict=True):
                head = read.tokens[trigger.head]
                events = [e for (a, b), e in anchored if a < head.end and head.start < b]
                if not events:
                    continue
                taking = [
                    s for e in events for p in e["participants"] for s in spans(text, p["mention"])
                ]
                for candidate in filter(weighed, candidates):
                    label = any(
                        m.start < b and a < m.end
                        for m in where[candidate.mention.entity_id]
                        for a, b in taking
                    )
                    group = group_of(document.doc_id, head.start, candidate)
                    found.append(Example(document.doc_id, group, candidate.features, label))
    return found
