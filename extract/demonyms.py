"""Places named by their adjectives: `китайская сторона` is China, `свердловский
губернатор` the governor of Sverdlovsk oblast, `британский премьер` Britain's.

No list: the adjective is matched against the places the release itself names,
by the stem they share (`китай-ский` and `Китай`, `свердлов-ский` and
`Свердловская область`, `белорус-ский` and `Беларусь`, with `о` and `а` taken
as one, since Russian spells the country and its adjective both ways). A
release that never names the place gets none.
"""

from collections.abc import Iterable

from .const import LOC
from .records import Mention

SUFFIXES = ("ский", "цкий", "ской")
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


def names(stem: str, place: str) -> bool:
    """Whether an adjective's stem names the place (any case, any capitals)."""
    name = place.lower().replace("о", "а")
    return shared_prefix(stem, name) >= max(SHORTEST_STEM, len(stem) - 2)


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
