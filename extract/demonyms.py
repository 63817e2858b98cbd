"""Places named by their adjectives: `китайская сторона` is China, `свердловский
губернатор` the governor of Sverdlovsk oblast, `британский премьер` Britain's.

No list: the adjective is matched against the places the release itself names,
by the stem they share (`китай-ский` and `Китай`, `свердлов-ский` and
`Свердловская область`, `белорус-ский` and `Беларусь`, with `о` and `а` taken
as one, since Russian spells the country and its adjective both ways). A
release that never names the place gets none.
"""

from .const import LOC
from .records import Mention

SUFFIXES = ("ский", "цкий", "ской")
SHORTEST_STEM = 4  # `рос-` is not enough to tell a place


def shared_prefix(first: str, second: str) -> int:
    pairs = zip(first, second, strict=False)
    return next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(first), len(second)))


def place_named_by(adjective: str, mentions: list[Mention]) -> Mention | None:
    """The first place mention of the release the adjective (a lemma) names, if any."""
    if not adjective.endswith(SUFFIXES):
        return None
    stem = adjective
    for suffix in SUFFIXES:
        stem = stem.removesuffix(suffix)
    stem = stem.replace("о", "а")
    for place in (m for m in mentions if m.type == LOC):
        name = (place.normal or place.text).lower().replace("о", "а")
        if shared_prefix(stem, name) >= max(SHORTEST_STEM, len(stem) - 2):
            return place
    return None
