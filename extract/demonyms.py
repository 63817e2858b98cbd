"""Places named by their adjectives: `китайская сторона` is China, `свердловский
губернатор` the governor of Sverdlovsk oblast, `британский премьер` Britain's.

The adjective is matched against the places the release itself names, by the
stem they share (`китай-ский` and `Китай`, `свердлов-ский` and `Свердловская
область`, `белорус-ский` and `Беларусь`, with `о` and `а` taken as one, since
Russian spells the country and its adjective both ways). `Gazetteer.place`
goes on to the states and places of the gazetteers, and to `data/adjectives.csv`
for the adjectives whose stem is not their place's (`британский`,
`немецкий`, `подмосковный`).
"""

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib.resources import files

from pymorphy3 import MorphAnalyzer

from .const import LOC
from .morphology import analyses
from .posts import is_post_word
from .records import Mention, Token

SUFFIXES = ("ский", "цкий", "ской")
FIRST_WORD = re.compile(r"\s+([\w-]+)")
SHORTEST_STEM = 4  # `рос-` is not enough to tell a place


def shared_prefix(first: str, second: str) -> int:
    pairs = zip(first, second, strict=False)
    return next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(first), len(second)))


def stem_of(adjective: str) -> str | None:
    """`китай` of `китайский`, with `о` as `а`; None for a word of no place's shape."""
    if not adjective.endswith(SUFFIXES):
        return None
    stem = adjective
    for suffix in SUFFIXES:
        stem = stem.removesuffix(suffix)
    return stem.replace("о", "а")


def comparable(place: str) -> str:
    """A place's name as a stem is compared with it: lower case, `о` as `а`."""
    return place.lower().replace("о", "а")


def names(stem: str, place: str) -> bool:
    """Whether an adjective's stem names the place (any case, any capitals)."""
    return shared_prefix(stem, comparable(place)) >= max(SHORTEST_STEM, len(stem) - 2)


def place_named_by(adjective: str, mentions: list[Mention]) -> Mention | None:
    """The first place mention of the release the adjective (a lemma) names, if any."""
    stem = stem_of(adjective)
    if stem is None:
        return None
    places = (m for m in mentions if m.type == LOC)
    return next((m for m in places if names(stem, m.normal or m.text)), None)


def names_any(adjective: str, places: Iterable[str]) -> bool:
    """Whether the adjective (a lemma) names one of the places."""
    stem = stem_of(adjective)
    return stem is not None and any(names(stem, place) for place in places)


def place_in(adjective: str, places: Iterable[str]) -> str | None:
    """The first of the places the adjective (a lemma) names."""
    stem = stem_of(adjective)
    return None if stem is None else next((p for p in places if names(stem, p)), None)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """The places an adjective may name in any release: states first, then the
    gazetteer's places, with the irregular adjectives of `data/adjectives.csv`."""

    irregular: dict[str, str]
    by_start: dict[str, tuple[str, ...]]  # places by their first `SHORTEST_STEM` letters

    def place(self, adjective: str, release: Iterable[str] = ()) -> str | None:
        """The place the adjective (a lemma) names: one the release names first."""
        return place_in(adjective, release) or self.own_place(adjective)

    def own_place(self, adjective: str) -> str | None:
        """The gazetteer's place the adjective names. A stem names a place only
        when they share their first `SHORTEST_STEM` letters, so only the places
        that start so are tried, not the whole gazetteer for every word."""
        stem = stem_of(adjective)
        starting = self.by_start.get(stem[:SHORTEST_STEM], ()) if stem else ()
        return self.irregular.get(adjective) or place_in(adjective, starting)


def load_gazetteer(places: Iterable[str]) -> Gazetteer:
    text = files("extract").joinpath("data/adjectives.csv").read_text(encoding="utf-8")
    irregular = {row["adjective"]: row["place"] for row in csv.DictReader(text.splitlines())}
    by_start: dict[str, list[str]] = {}
    for place in places:  # in order: states first
        by_start.setdefault(comparable(place)[:SHORTEST_STEM], []).append(place)
    return Gazetteer(irregular, {start: tuple(group) for start, group in by_start.items()})


def name_adjectives(
    text: str, mentions: list[Mention], gazetteer: Gazetteer, morph: MorphAnalyzer
) -> list[Mention]:
    """A place mentioned by its adjective (`британский`, see `repair.tag_post_places`)
    takes the place's name as its `normal`, so it links to the place. A capitalised
    one must stand before a post (`Британский премьер`): `Витебской и Могилёвской
    областях` names two regions."""
    adjectives = [
        m
        for m in mentions
        if m.type == LOC
        and is_adjective(m.text, morph)
        and (m.text.islower() or before_post(text, m.end, morph))
    ]
    release = [m.normal or m.text for m in mentions if m.type == LOC and m not in adjectives]
    named = []
    for mention in mentions:
        if mention in adjectives:
            adjective = analyses(mention.text, morph)[0].normal_form
            place = gazetteer.place(adjective, release)
            mention = replace(mention, normal=place) if place else mention
        named.append(mention)
    return named


def is_adjective(word: str, morph: MorphAnalyzer) -> bool:
    """One word that reads as an adjective and never as a place's own name
    (`Тверская`, `Приморский` are places)."""
    parses = analyses(word, morph)
    return parses[0].tag.POS == "ADJF" and not any("Geox" in p.tag for p in parses)


def before_post(text: str, end: int, morph: MorphAnalyzer) -> bool:
    following = FIRST_WORD.match(text, end)
    return following is not None and is_post_word(Token(0, 0, following.group(1)), morph)
