"""An event's date, place and mode, found around the words that name it."""

from pymorphy3 import MorphAnalyzer

from ..const import LOC, ORG
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


def assign_dates(
    sentence: Sentence, triggers: list[Trigger], dates: list[DateSpan]
) -> list[list[DateSpan]]:
    """Each trigger's date group: every group goes to the trigger nearest it, and
    triggers joined by `и` share theirs (`в Совещании ... и Форуме ..., которые прошли
    17 – 18 июня`); an event held within another (`встреча на полях форума`)
    shares that one's. Dates inside a name (`форум «Цифровой шелковый путь –
    2025»`) and targets (`план на 2025 – 2026 годы`) never count."""
    tokens = sentence.tokens
    spans = [(tokens[t.start].start, tokens[t.end - 1].end) for t in triggers]
    groups = date_groups(sentence, dates)
    groups = [g for g in groups if not any(a <= g[0].start and g[-1].end <= b for a, b in spans)]
    groups = [g for g in groups if g[0].text.split()[0].lower() not in TARGETS]

    def distance(group: list[DateSpan], span: tuple[int, int]) -> int:
        return min(abs(group[0].start - span[1]), abs(span[0] - group[-1].end))

    owned: list[list[list[DateSpan]]] = [[] for _ in triggers]
    for group in groups:
        nearest = min(range(len(triggers)), key=lambda i: distance(group, spans[i]))
        owned[nearest].append(group)
    chains = coordinated(sentence, triggers)
    result = []
    for index, span in enumerate(spans):
        mine = owned[index] or [g for i in chains[index] for g in owned[i]]
        host = triggers[index].within
        mine = mine or (owned[host] if host is not None else [])
        result.append(min(mine, key=lambda g: distance(g, span)) if mine else [])
    return result


def coordinated(sentence: Sentence, triggers: list[Trigger]) -> list[set[int]]:
    """For each trigger, the triggers it is joined to by `и` or a comma."""
    tokens = sentence.tokens
    chains = [{i} for i in range(len(triggers))]
    for i in range(len(triggers) - 1):
        between = tokens[triggers[i].end : triggers[i + 1].start]
        if between and all(t.text.lower() in JOINERS for t in between):
            joined = chains[i] | chains[i + 1]
            for j in joined:
                chains[j] = joined
    return chains


def is_place(tokens: list[Token], index: int) -> bool:
    """A place name the text puts the event in: `в Минске`, `в г.Карамай`."""
    before = index - 1
    while before >= 0 and (
        tokens[before].text == "." or tokens[before].text.lower() in PLACE_WORDS
    ):
        before -= 1
    return before >= 0 and tokens[before].text.lower() in {"в", "во"}


def describes(tokens: tuple[Token, ...], index: int, taken: dict[int, Mention]) -> bool:
    """`Посольства Республики Казахстан в Республике Беларусь`: the place is part of
    an organisation's description, not where something happened."""
    before = index - 1
    while before >= 0 and tokens[before].text.lower() not in {"в", "во"}:
        before -= 1
    previous = taken.get(before - 1)
    return previous is not None and previous.type == ORG


def nearest_place(
    sentence: Sentence, trigger: Trigger, taken: dict[int, Mention]
) -> Mention | None:
    """The place named with `в` nearest the trigger, as an outermost mention."""
    tokens = sentence.tokens
    places = []
    for index, mention in taken.items():
        if mention.type != LOC or tokens[index].start != mention.start:
            continue
        if is_place(list(tokens), index) and not describes(tokens, index, taken):
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
