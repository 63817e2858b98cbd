"""pymorphy3 look-ups, cached: a release asks for the same words many times, and
each rule and stage asks again."""

import unicodedata
from functools import lru_cache

from pymorphy3 import MorphAnalyzer
from pymorphy3.analyzer import Parse

WORD_FORMS = 1 << 14  # entries of each per-word cache: see docs/performance.md
NAMED_BELOW = "\u0530"  # Armenian: Latin, Greek and Cyrillic come before
STAND_IN = "一"  # a named letter, neither Latin nor Cyrillic, like those it stands for
INDECLINABLE_ENDINGS = set("еиоуюэ")  # of foreign names: `Сидибе`, `Саакашвили`, `Амано`


def nameable(word: str) -> str:
    """`word` with each letter that has no Unicode name in this Python (Tangut or
    Nüshu ideographs) replaced by `STAND_IN`: pymorphy3 tells Latin words by
    their letters' names, and raises `ValueError` on a letter without one.
    Every letter before `NAMED_BELOW` has a name: most words are not looked at."""
    if max(word, default="") < NAMED_BELOW:
        return word
    return "".join(
        STAND_IN if char.isalpha() and not unicodedata.name(char, "") else char for char in word
    )


@lru_cache(maxsize=WORD_FORMS)
def analyses(word: str, morph: MorphAnalyzer) -> tuple[Parse, ...]:
    """Every reading of a word, likeliest first, as `morph.parse` gives them
    (for a word with nameless letters, the readings of its `nameable` form,
    which are the unknown word's, with the word put back)."""
    safe = nameable(word)
    if safe == word:
        return tuple(morph.parse(word))
    return tuple(p._replace(word=word, normal_form=word.lower()) for p in morph.parse(safe))


@lru_cache(maxsize=WORD_FORMS)
def is_known(word: str, morph: MorphAnalyzer) -> bool:
    """Whether the dictionary has the word, not only a guess for it: a property
    of the word that pymorphy3 looks up again for each reading otherwise."""
    parses = analyses(word, morph)
    return bool(parses) and parses[0].is_known


@lru_cache(maxsize=WORD_FORMS)
def cases(word: str, morph: MorphAnalyzer) -> frozenset[str | None]:
    """The cases of all the word's readings. pymorphy3 works a grammeme out of
    its tag on every access, and the rules ask each word's cases many times."""
    return frozenset(parse.tag.case for parse in analyses(word, morph))


@lru_cache(maxsize=WORD_FORMS)
def part_of_speech(word: str, morph: MorphAnalyzer) -> str | None:
    """The likeliest reading's part of speech, kept per word like `cases`."""
    return analyses(word, morph)[0].tag.POS


@lru_cache(maxsize=WORD_FORMS)
def adjective_readings(word: str, morph: MorphAnalyzer) -> tuple[tuple[str, str | None], ...]:
    """The lemma and case of each of the word's readings as a full adjective,
    likeliest first (none for a word that is no adjective)."""
    return tuple(
        (parse.normal_form, parse.tag.case)
        for parse in analyses(word, morph)
        if parse.tag.POS == "ADJF"
    )


def can_be(word: str, case: str, morph: MorphAnalyzer) -> bool:
    """Whether some reading of the word is in the case (`nomn`, `ablt`, ...)."""
    return case in cases(word, morph)


def name_can_be(word: str, case: str, morph: MorphAnalyzer) -> bool:
    """`can_be` for the last word of a name; a foreign name the dictionary does not
    know that ends in a vowel no Russian noun's nominative shares (`Сидибе`, `Амано`,
    `Кали`) is indeclinable, so it can be in any case, whatever suffix pymorphy3
    guesses its readings from."""
    return can_be(word, case, morph) or is_indeclinable(word, morph)


def is_indeclinable(word: str, morph: MorphAnalyzer) -> bool:
    """A foreign name's word pymorphy3 only guesses at, ending in a vowel no
    Russian noun's nominative shares (see `name_can_be`)."""
    return word[-1:].lower() in INDECLINABLE_ENDINGS and not is_known(word, morph)


def is_singular(word: str, morph: MorphAnalyzer) -> bool:
    """The likeliest reading is not a plural: `представители`, `мероприятиях` are."""
    return analyses(word, morph)[0].tag.number != "plur"


def is_capital_place(text: str, morph: MorphAnalyzer) -> bool:
    """A place's name in capitals, as a dateline writes it (`АСТАНА`), not an
    abbreviation (`США`) nor a guess (`МАГАТЕ`): a word of four letters or more
    that the dictionary knows as a place's name in the nominative."""
    if not (text.isupper() and text.isalpha() and len(text) >= 4):
        return False
    word = text.lower()
    parses = analyses(word, morph)
    return (
        is_known(word, morph)
        and any("Geox" in p.tag and p.tag.case == "nomn" for p in parses)
        and not any("Abbr" in p.tag for p in parses)
    )
