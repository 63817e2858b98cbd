"""Which language a release is written in, by its letters alone.

The pipeline is built for Russian, but a folder of releases from the region
holds Belarusian, Ukrainian, Kazakh and English ones too. They are processed
all the same, and `documents.lang` marks them so that an analyst can leave
them out; the batch warns about each. A few letters are enough to tell these
languages apart, so no model is needed:

1. no letters: `und`; else the script with the most letters decides
   (Cyrillic on a tie): Latin gives `en`, one neither Latin nor Cyrillic `und`;
2. among the Cyrillic letters, `ә ғ қ ң ө ұ ү һ` at least 2 %: `kk`;
3. else `ў ї є ґ і` at least 2 %: `be` when `ў` outnumbers `ї є ґ`, `uk` when
   `ї є ґ` outnumber `ў`, and on a tie (only `і`) `be` when the text has `ы`
   (Belarusian keeps it, Ukrainian has none), else `uk`;
4. else `ru`.

The 2 % share keeps a Russian release that quotes a Kazakh or Belarusian name
(`Қазақстан`, `Гродзенскі`) Russian.
"""

from collections import Counter

RUSSIAN = "ru"
UNDETERMINED = "und"
KAZAKH = set("әғқңөұүһ")
BELARUSIAN = set("ў")
UKRAINIAN = set("їєґ")
EITHER = set("іўїєґ")
SHARE = 0.02  # of the Cyrillic letters, for marker letters to decide the language


def is_cyrillic(letter: str) -> bool:
    return "\u0400" <= letter <= "\u052f"


def is_latin(letter: str) -> bool:
    return letter.isascii() or "\u00c0" <= letter <= "\u024f"


def count(letters: Counter[str], markers: set[str]) -> int:
    return sum(letters[marker] for marker in markers)


def cyrillic_language(letters: Counter[str]) -> str:
    """The language of a Cyrillic text, from the counts of its lower-case letters."""
    total = letters.total()
    if count(letters, KAZAKH) >= SHARE * total:
        return "kk"
    if count(letters, EITHER) < SHARE * total:
        return RUSSIAN
    belarusian, ukrainian = count(letters, BELARUSIAN), count(letters, UKRAINIAN)
    if belarusian != ukrainian:
        return "be" if belarusian > ukrainian else "uk"
    return "be" if letters["ы"] else "uk"


def detect_language(text: str) -> str:
    """`ru`, `be`, `uk`, `kk`, `en` or `und`: see the module docstring. The
    characters are counted first, so each distinct one is classed once."""
    letters = Counter({c: n for c, n in Counter(text.lower()).items() if c.isalpha()})
    cyrillic = Counter({c: n for c, n in letters.items() if is_cyrillic(c)})
    latin = sum(n for c, n in letters.items() if is_latin(c))
    other = letters.total() - cyrillic.total() - latin
    if cyrillic and cyrillic.total() >= max(latin, other):
        return cyrillic_language(cyrillic)
    return "en" if latin and latin >= other else UNDETERMINED
