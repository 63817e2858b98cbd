"""An event's date, place and mode, found around the words that name it."""

from pymorphy3 import MorphAnalyzer

from ..const import LOC
from ..records import DateSpan, Mention, Sentence, Token
from .triggers import Trigger, lemma
from .words import ONLINE

# What may stand between two dates of one enumeration (`17 и 24 июня`).
JOINERS = {"и", ","}
# A date after these is the target of something (`план на 2026 год`), not an event's.
TARGETS = {"на", "к"}
# Words between `в` and a place name: `в г. Минске`, `в городе Карамай`.
PLACE_WORDS = {"г", "город", "гор", "пос", "поселок", "посёлок", "село", "деревня", "столица"}


def date_groups(sentence: Sentence, dates: list[DateSpan]) -> list[list[DateSpan]]:
    """The calendar dates of a sentence, members of one enumeration grouped."""
    inside = [
        d
        for d in dates
        if sentence.start <= d.start < sentence.end and d.kind == "date" and d.date_start
    ]
    groups: list[list[DateSpan]] = []
    for item in inside:
        if groups:
            gap = sentence.text[groups[-1][-1].end - sentence.start : item.start - sentence.start]
            if gap.strip() in JOINERS:
                groups[-1].append(item)
                continue
        groups.append([item])
    return groups


def nearest_dates(sentence: Sentence, trigger: Trigger, dates: list[DateSpan]) -> list[DateSpan]:
    """The date group nearest the trigger, leaving out dates inside its own name
    (`форум «Цифровой шелковый путь – 2025»`) while others exist."""
    tokens = sentence.tokens
    start, end = tokens[trigger.start].start, tokens[trigger.end - 1].end
    groups = date_groups(sentence, dates)
    outside = [g for g in groups if not (start <= g[0].start and g[-1].end <= end)]
    groups = outside or groups
    # `план на 2025 – 2026 годы`: what something else is scheduled for
    when = [g for g in groups if g[0].text.split()[0].lower() not in TARGETS]
    groups = when or groups
    if not groups:
        return []

    def distance(group: list[DateSpan]) -> int:
        return min(abs(group[0].start - end), abs(start - group[-1].end))

    return min(groups, key=distance)


def is_place(tokens: list[Token], index: int) -> bool:
    """A place name the text puts the event in: `в Минске`, `в г.Карамай`."""
    before = index - 1
    while before >= 0 and (
        tokens[before].text == "." or tokens[before].text.lower() in PLACE_WORDS
    ):
        before -= 1
    return before >= 0 and tokens[before].text.lower() in {"в", "во"}


def nearest_place(
    sentence: Sentence, trigger: Trigger, taken: dict[int, Mention]
) -> Mention | None:
    """The place named with `в` nearest the trigger, as an outermost mention."""
    tokens = sentence.tokens
    places = []
    for index, mention in taken.items():
        if mention.type != LOC or tokens[index].start != mention.start:
            continue
        if is_place(list(tokens), index):
            places.append((abs(index - trigger.head), index, mention))
    return min(places)[2] if places else None


def online_triggers(sentence: Sentence, triggers: list[Trigger], morph: MorphAnalyzer) -> set[int]:
    """The triggers (by position in `triggers`) held online: `в режиме ВКС` is said
    of the trigger nearest it, and a `видеоконференция` is online itself."""
    found = {i for i, t in enumerate(triggers) if lemma(sentence.tokens[t.head], morph) in ONLINE}
    for index, token in enumerate(sentence.tokens):
        if lemma(token, morph) in ONLINE and triggers:
            distances = [min(abs(index - t.start), abs(index - (t.end - 1))) for t in triggers]
            found.add(distances.index(min(distances)))
    return found
