"""Mentions to entities.

For now an entity is a (type, normal form) pair across the whole run: the
same `normal` of the same type is the same entity in every document. The id
is a hash of that pair, so workers assign it without talking to each other
and a resumed run gives the same ids as a fresh one. The entity's name is its
most frequent normal form; its aliases are the other surface forms.
"""

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from pymorphy3 import MorphAnalyzer

from .const import PER
from .records import Entity, Mention

INITIAL_LENGTH = 2  # `П.`
NAME_PART = re.compile(r"[А-ЯЁA-Z]\.|[^\s.]+")


def entity_key(type: str, normal: str) -> str:
    return f"{type}:{' '.join(normal.casefold().replace('ё', 'е').split())}"


def entity_id(type: str, normal: str) -> str:
    digest = hashlib.sha1(entity_key(type, normal).encode("utf-8")).hexdigest()
    return f"{type}-{digest[:12]}"


def link_entities(mentions: list[Mention]) -> list[Mention]:
    """Give every mention the id of its (type, normal form) entity."""
    return [replace(m, entity_id=entity_id(m.type, m.normal or m.text)) for m in mentions]


@dataclass(slots=True)
class Tally:
    """What is known of one entity while mentions stream past."""

    type: str
    normals: Counter = field(default_factory=Counter)
    texts: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    n_mentions: int = 0


def name_parts(name: str, morph: MorphAnalyzer) -> tuple[str, str, str]:
    """(last, first, middle) of a person's name, read from pymorphy3's name tags.

    Initials fill the first name, then the patronymic; a word tagged as neither
    a first name nor a patronymic is the surname.
    """
    last = first = middle = ""
    words = NAME_PART.findall(name)  # `П.Н.Ткач` -> `П.`, `Н.`, `Ткач`
    for word in words:
        tags = {tag for parse in morph.parse(word) for tag in ("Name", "Patr") if tag in parse.tag}
        initial = len(word) == INITIAL_LENGTH and word.endswith(".")
        if (initial or tags == {"Name"}) and not first:
            first = word
        elif (initial or "Patr" in tags) and not middle:
            middle = word
        elif not last:
            last = word
    return last, first, middle


def tally_mentions(rows: Iterable[tuple[str, str, str, str, str]]) -> dict[str, Tally]:
    """Fold `(entity_id, type, doc_id, text, normal)` rows into tallies."""
    tallies: dict[str, Tally] = {}
    for entity, type, doc_id, text, normal in rows:
        tally = tallies.setdefault(entity, Tally(type))
        tally.normals[normal or text] += 1
        tally.texts.add(text)
        tally.docs.add(doc_id)
        tally.n_mentions += 1
    return tallies


def build_entities(tallies: dict[str, Tally], morph: MorphAnalyzer) -> list[Entity]:
    entities = []
    for key, tally in sorted(tallies.items()):
        name = min(tally.normals, key=lambda normal: (-tally.normals[normal], normal))
        parts = name_parts(name, morph) if tally.type == PER else ("", "", "")
        aliases = tuple(sorted((tally.texts | set(tally.normals)) - {name}))
        entities.append(
            Entity(key, tally.type, name, aliases, len(tally.docs), tally.n_mentions, *parts)
        )
    return entities
