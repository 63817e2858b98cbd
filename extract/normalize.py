"""Mentions in the nominative case, as they would stand in a list of names.

The rule follows Russian noun-phrase agreement. A place or organisation name
has a head noun (`Министерстве` in `Министерстве связи`); the adjectives before
it agree with it and change with it, while everything after it (`связи`,
`Республики Беларусь`, quoted names) is a complement in its own case and stays
as written. A person's name is all head: every part agrees. The case is the one
the inflecting words share; when the nominative is among them the mention is
already in the nominative and is left alone. Abbreviations and indeclinable
words (`ШОС`, `Минсвязи`, `Си`) never change. pymorphy3 does the inflection.
"""

import re
from collections.abc import Iterable
from functools import lru_cache

from pymorphy3 import MorphAnalyzer
from pymorphy3.analyzer import Parse

from .const import LOC, ORG, PER, QUOTE_PAIRS
from .morphology import analyses, is_capital_place, is_known
from .names import ARABIC_PARTICLES, TURKIC_PARTICLES
from .records import Mention

WORD = re.compile(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*")
QUOTED = re.compile(r"«[^»]*»?|\"[^\"]*\"?|“[^”]*”?|„[^“”]*[“”]?")
NAME_TAGS = {"Name", "Surn", "Patr"}
MODIFIERS = {"ADJF", "PRTF", "NUMR"}
NOMINATIVE_FINALS = set("бвгджзклнпрстфцчшщьи")
# A surname in `-а` that is no Slavic genitive (`Назарзода`, not `Рахматуллаева`,
# `Лавриновича`): after initials it is read as written.
FOREIGN_A = re.compile(r"(?<!ов)(?<!ев)(?<!ёв)(?<!ин)(?<!ын)(?<!ич)(?<!ск)(?<!цк)а$")
UPPER = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
INSTITUTIONS = {"министр": "министерство"}
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def is_frozen(word: str) -> bool:
    """Abbreviations (`ШОС`, `РУП`) and single letters (initials) never inflect."""
    return len(word) < 2 or (word.isupper() and len(word) <= 6)


def looks_nominative(word: str, morph: MorphAnalyzer) -> bool:
    """A word unknown to the dictionary that ends as a nominative does (`Нурлан`,
    `Лицзюнь`): an oblique case ending ends in a vowel, `м`, `й` or `х`; a foreign
    name in `и` does not decline at all (`Сэйдзи`).

    pymorphy3's guesses for unknown foreign names are poor (`Лицзюнь` comes out
    as a genitive plural, `Сэйдзи` as the genitive of `Сэйдзь`), so such a word
    marks its phrase as nominative.
    """
    return not is_known(word, morph) and word[-1].lower() in NOMINATIVE_FINALS


def person_parses(parses: list[Parse]) -> list[Parse]:
    """Name-like readings first: `Путина` is a surname here, not a fishing season."""
    for wanted in (lambda p: NAME_TAGS & p.tag.grammemes, lambda p: "anim" in p.tag):
        chosen = [p for p in parses if wanted(p)]
        if chosen:
            return chosen
    return parses


def informative(options: list[list[Parse]]) -> list[list[Parse]]:
    """Words with a case ending: indeclinable ones (`Си`, `Минсвязи`) fit any reading."""
    return [parses for parses in options if not all("Fixd" in p.tag for p in parses)]


def agree_gender(options: list[list[Parse]], gender: str | None = None) -> list[list[Parse]]:
    """Keep each word's readings of the gender the whole name most likely has.

    `Цзиньпина` reads as a man's surname in the genitive or a woman's in the
    nominative; `Анны` next to it, or the likelier masculine reading, decides,
    unless the caller knows the gender (`link` does, from the person's first name).
    """
    if gender:
        return [[p for p in parses if p.tag.gender == gender] or parses for parses in options]
    votes: dict[str, float] = {}
    # an indeclinable first name still has a gender (`Садыкова Айгерим`)
    names = [
        parses for parses in options if all({"Name", "Fixd"} <= p.tag.grammemes for p in parses)
    ]
    for parses in names or informative(options):
        for parse in parses:
            if parse.tag.gender:
                votes[parse.tag.gender] = votes.get(parse.tag.gender, 0.0) + parse.score
    if not votes:
        return options
    gender = max(votes, key=votes.__getitem__)
    return [[p for p in parses if p.tag.gender == gender] or parses for parses in options]


def choose_case(options: list[list[Parse]]) -> str | None:
    """The likeliest case the words share; `None` when that is the nominative.

    Ties go to the nominative,
    so a name already in it is left alone.
    """
    voters = informative(options)
    if not voters:
        return None
    cases = [c for c in CASES if all(any(p.tag.case == c for p in o) for o in voters)]
    if not cases:
        cases = [c for c in CASES if any(p.tag.case == c for p in voters[0])]
    if not cases:
        return None
    score = {c: sum(p.score for o in voters for p in o if p.tag.case == c) for c in cases}
    best = max(cases, key=score.__getitem__)
    return None if best == "nomn" else best


def reading(parses: list[Parse], case: str) -> Parse | None:
    return next((parse for parse in parses if parse.tag.case == case), None)


def agreement(head: Parse | None) -> set[str]:
    """Grammemes a modifier takes from its head noun: number, and gender if singular."""
    if head is None:
        return set()
    if head.tag.number == "plur":
        return {"plur"}
    return {head.tag.gender} if head.tag.gender else set()


def nominative(parse: Parse | None, extra: set[str]) -> str | None:
    if parse is None:
        return None
    form = parse.inflect({"nomn", *extra}) or parse.inflect({"nomn"})
    return form.word if form else None


def restore_case(original: str, word: str) -> str:
    """Give the inflected word the capitalisation of the original, part by part;
    an abbreviation with a case ending keeps its capitals (`МИДа` is `МИД`)."""
    if original.isupper():
        return word.upper()
    capitals = len(original) - len(original.lstrip(UPPER))
    if capitals > 1:
        return word[:capitals].upper() + word[capitals:]
    parts = word.split("-")
    originals = original.split("-")
    if len(parts) != len(originals):
        return word.capitalize() if original[:1].isupper() else word
    return "-".join(
        part.capitalize() if source[:1].isupper() else part
        for part, source in zip(parts, originals, strict=True)
    )


def head_words(words: list[re.Match], morph: MorphAnalyzer) -> list[re.Match]:
    """The modifiers before the head noun, and the head itself."""
    chosen: list[re.Match] = []
    for match in words:
        chosen.append(match)
        if is_frozen(match.group()) or analyses(match.group(), morph)[0].tag.POS not in MODIFIERS:
            break
    return chosen


def free_words(text: str) -> list[re.Match]:
    quoted = [match.span() for match in QUOTED.finditer(text)]
    return [
        match
        for match in WORD.finditer(text)
        if not any(start <= match.start() < end for start, end in quoted)
    ]


def declining(words: list[re.Match]) -> list[re.Match]:
    """The words of a person's name that decline: not a Turkic patronymic's particle
    nor the father's name before it (`Азаматом Жумабек уулу`), nor `бин`, `ибн`,
    `аль` (`Абдуллой бин Саидом аль-Нахайяном` declines `Абдуллой`, `Саидом`,
    `Нахайяном`)."""
    kept = []
    for index, match in enumerate(words):
        word = match.group().lower()
        following = words[index + 1].group().lower() if index + 1 < len(words) else ""
        if word in TURKIC_PARTICLES | ARABIC_PARTICLES or following in TURKIC_PARTICLES:
            continue
        kept.append(match)
    return kept


def replace_words(text: str, forms: Iterable[tuple[re.Match, str]]) -> str:
    for match, form in sorted(forms, key=lambda item: -item[0].start()):
        text = text[: match.start()] + restore_case(match.group(), form) + text[match.end() :]
    return text


def institution(text: str, morph: MorphAnalyzer) -> str:
    """`Министра связи ...`, an organisation named by its head's post, as the body
    itself: `Министерство связи ...`."""
    words = free_words(text)
    if words and words[0].start() == 0:
        post = analyses(words[0].group(), morph)[0].normal_form
        if post in INSTITUTIONS:
            return restore_case(words[0].group(), INSTITUTIONS[post]) + text[words[0].end() :]
    return text


def is_quoted(text: str, start: int, end: int) -> bool:
    """A name standing in quotes (`газета «Звязда»`) is a title, kept as written."""
    return (
        start > 0
        and text[start - 1] in QUOTE_PAIRS
        and text[end : end + 1] == QUOTE_PAIRS[text[start - 1]]
    )


def normal_form(text: str, mention: Mention, morph: MorphAnalyzer) -> str:
    """A mention's `normal`: its nominative, unless it is a title in quotes."""
    if is_quoted(text, mention.start, mention.end):
        return mention.text
    if mention.type == LOC and is_capital_place(mention.text, morph):
        return normalize(mention.text.title(), LOC, morph)  # `АСТАНА, 4 мая` is Астана
    return normalize(mention.text, mention.type, morph)


@lru_cache(maxsize=1 << 14)  # names: see docs/performance.md
def normalize(text: str, type: str, morph: MorphAnalyzer, gender: str | None = None) -> str:
    """The nominative form of one mention of the given entity type; `gender`
    (`masc`, `femn`) fixes a person's when the text around it tells. Kept per
    mention text: releases name the same ministries and people again and again."""
    if type == ORG:
        text = institution(text, morph)
    words = free_words(text)
    if type != PER:
        if not words or words[0].start() != len(text) - len(text.lstrip()):
            return text  # a name that opens with a quote or a number stays as written
        words = head_words(words, morph)
    initialled = type == PER and len(words) > 1 and all(is_frozen(w.group()) for w in words[:-1])
    if type == PER:
        words = declining(words)
    words = [match for match in words if not is_frozen(match.group())]
    options = [analyses(match.group(), morph) for match in words]
    if any(looks_nominative(m.group(), morph) for m in words):
        return text
    last = words[-1].group() if words else ""
    if initialled and last and not is_known(last, morph) and FOREIGN_A.search(last):
        return text  # `Т.Назарзода`: no first name tells whether `-а` is a case ending
    if type == PER:
        options = agree_gender([person_parses(parses) for parses in options], gender)
    case = choose_case(options)
    if case is None:
        return text
    readings = [reading(parses, case) for parses in options]
    extra = set() if type == PER else agreement(readings[-1])
    forms = [(m, nominative(r, extra)) for m, r in zip(words, readings, strict=True)]
    return replace_words(text, [(m, form) for m, form in forms if form])
