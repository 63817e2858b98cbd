"""pymorphy3 look-ups, cached: a release asks for the same words many times, and
each rule and stage asks again."""

from functools import lru_cache

from pymorphy3 import MorphAnalyzer
from pymorphy3.analyzer import Parse


@lru_cache(maxsize=1 << 17)
def analyses(word: str, morph: MorphAnalyzer) -> tuple[Parse, ...]:
    """Every reading of a word, likeliest first, as `morph.parse` gives them."""
    return tuple(morph.parse(word))
