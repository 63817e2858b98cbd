"""pymorphy3 look-ups, cached: a release asks for the same words many times, and
each rule and stage asks again."""

from functools import lru_cache

from pymorphy3 import MorphAnalyzer
from pymorphy3.analyzer import Parse


@lru_cache(maxsize=1 << 17)
def analyses(word: str, morph: MorphAnalyzer) -> tuple[Parse, ...]:
    """Every reading of a word, likeliest first, as `morph.parse` gives them."""
    return tuple(morph.parse(word))


def can_be(word: str, case: str, morph: MorphAnalyzer) -> bool:
    """Whether some reading of the word is in the case (`nomn`, `ablt`, ...)."""
    return any(parse.tag.case == case for parse in analyses(word, morph))


def is_singular(word: str, morph: MorphAnalyzer) -> bool:
    """The likeliest reading is not a plural: `представители`, `мероприятиях` are."""
    return analyses(word, morph)[0].tag.number != "plur"
