"""A person's name split into last, first and middle name.

The parts are read from pymorphy3's name tags (`Name`, `Patr`), with initials
filling the first name, then the patronymic; a word tagged as neither is the
surname. Two words unknown to the dictionary read as first name, surname
(`Мартин Эклунд`), unless only the first can be a surname (`Жумабеков Ерлан`,
as lists put surnames first). Chinese names put the surname first (`Си Цзиньпин`,
`Ван Лицзюнь`): a two-word name that opens with a common Chinese surname is
read that way. The surname list is the common one-syllable surnames as
transcribed by the Palladius system, the standard for Chinese names in Russian.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from pymorphy3 import MorphAnalyzer

from .morphology import analyses, is_known

# An initial is a capital and a dot, or two letters for one sound (`Дж.Коми`, `Ш.`).
NAME_PART = re.compile(r"[А-ЯЁA-Z][а-яёa-z]?\.|[^\s.]+")
INITIAL = re.compile(r"^[А-ЯЁA-Z][а-яёa-z]?\.$")
PATRONYMIC = re.compile(r"(?:ович|евич|ьич|овна|евна|ична|кызы|улы|оглы)$")
# A woman's patronymic in any case (`Канатовны`, `Сергеевной`): never a surname, since
# a woman's surname of this shape (`Лавринович`) does not decline; and the stem a
# patronymic keeps through its cases (`канатовн`, `николаевич`).
FEMININE_PATRONYMIC = re.compile(r"(?:овн|евн|ичн)(?:а|ы|е|у|ой|ою)$", re.IGNORECASE)
PATRONYMIC_STEM = re.compile(r"^(.+?(?:ович|евич|ьич|овн|евн|ичн))(?:а|ы|е|у|ой|ою|ем|ом)?$")
# Words of a name that are no name themselves: a Turkic patronymic's particle after the
# father's name (`Гасан оглы`, `Жумабек уулу`), an Arabic one before a father's or
# family name (`бин Саид`, `аль-Нахайян` is one word).
TURKIC_PARTICLES = frozenset("уулу кызы оглы улы гызы".split())
ARABIC_PARTICLES = frozenset("бин ибн бен аль ал эль".split())
CHINESE_SURNAMES = set(
    "Ван Ли Чжан Лю Чэнь Чэн Ян Хуан Чжао У Чжоу Сюй Сунь Ма Чжу Ху Го Хэ Гао Линь Ло Чжэн "
    "Лян Се Сун Тан Хань Фэн Дэн Цао Пэн Цзэн Сяо Тянь Дун Пань Юань Цай Цзян Юй Ду Е Вэй Су "
    "Лу Дин Жэнь Шэнь Яо Цзинь Фу Си Вэнь Кун Мэн Бай Цуй Цинь Шао Инь Ци Лэй Лун Лэн Хоу".split()
)


@dataclass(frozen=True, slots=True)
class NameParts:
    last: str = ""
    first: str = ""
    middle: str = ""

    @property
    def full(self) -> str:
        """`Ткач Павел Н.`: the parts in the official order, surname first."""
        return " ".join(part for part in (self.last, self.first, self.middle) if part)


def is_initial(word: str) -> bool:
    return bool(INITIAL.match(word))


def name_tags(word: str, morph: MorphAnalyzer) -> set[str]:
    """`Name` and `Patr` as the dictionary gives them; guesses are left out, since
    Belarusian surnames end as patronymics do (`Лавринович`) and pymorphy3 guesses
    first names for unknown surnames (`Жаксыбеков`)."""
    return {
        tag
        for parse in analyses(word, morph)
        for tag in ("Name", "Patr")
        if tag in parse.tag and is_known(word, morph)
    }


def can_be_surname(word: str, morph: MorphAnalyzer) -> bool:
    return any("Surn" in parse.tag for parse in analyses(word, morph))


def with_particles(words: list[str]) -> list[str]:
    """A particle with the name it belongs to, as one patronymic: `Гасан оглы`,
    `Жумабек уулу` (the particle after), `бин Саид` (before)."""
    joined: list[str] = []
    for word in words:
        after = word.lower() in TURKIC_PARTICLES and " " not in (joined or [" "])[-1]
        if after or (joined and joined[-1].lower() in ARABIC_PARTICLES):
            joined[-1] = f"{joined[-1]} {word}"
        else:
            joined.append(word)
    return joined


@lru_cache(maxsize=1 << 14)  # names: see docs/performance.md
def split_name(name: str, morph: MorphAnalyzer) -> NameParts:
    """`П.Н.Ткач`, `Ткач П.Н.`, `Павел Николаевич Ткач`, `Си Цзиньпин` -> parts.

    Cached: the merge reads every person mention of a run, and the same names
    come back release after release."""
    words = NAME_PART.findall(name)
    initials = [word for word in words if is_initial(word)]
    others = with_particles([word for word in words if not is_initial(word)])
    if len(others) == 2 and not initials and others[0] in CHINESE_SURNAMES:
        return NameParts(last=others[0], first=others[1])
    tags = [{"Patr"} if " " in word else name_tags(word, morph) for word in others]
    if len(others) == 1 and (initials or tags[0] != {"Name"} or can_be_surname(others[0], morph)):
        # `Г.С.Мартынович`, `Мартынович`: a word alone, or beside initials, is a surname
        return NameParts(others[0], *[*initials, "", ""][:2])
    named = [w for w, t in zip(others, tags, strict=True) if t == {"Name"}]
    # `Петров Иван`: `Петров` is also a plural of `Пётр`, but a surname first
    first = next((w for w in named if not can_be_surname(w, morph)), named[0] if named else "")
    patronymics = [w for w, t in zip(others, tags, strict=True) if "Patr" in t]
    middle = patronymics[0] if patronymics else ""  # a second one is a surname: `Мартынович`
    rest = [w for w in others if w not in (first, middle)]
    if first and not middle:  # `Асель Канатовны`: a woman's patronymic, inflected
        middle = next((w for w in rest if FEMININE_PATRONYMIC.search(w)), "")
        rest = [w for w in rest if w != middle]
    if first and not middle and len(rest) == 2:
        # `Айгерим Болатовна Сейткалиева`: a patronymic the dictionary lacks, by its suffix,
        # next to the first name
        beside = rest[0] if others[0] == first else rest[-1]
        if PATRONYMIC.search(beside):
            middle = beside
            rest.remove(beside)
    if not first and len(rest) >= 2:  # `Мартин Эклунд`: unknown words, given name first,
        surnames = [w for w in rest if can_be_surname(w, morph)]
        # unless only the first reads as a surname (`Жумабеков Ерлан`, a list's order)
        given = rest[1] if len(rest) == 2 and surnames == rest[:1] else rest[0]
        rest.remove(given)
        first = given
    last = rest[-1] if rest else ""
    first = first or (initials.pop(0) if initials else "")
    middle = middle or (initials.pop(0) if initials else "")
    return NameParts(last, first, middle)


def fuller(one: str, other: str) -> str:
    """The more complete of two spellings of one name part: a name over an initial
    (`Павел` over `П.`), else the one seen first."""
    return other if not one or (is_initial(one) and other and not is_initial(other)) else one


def compatible(one: str, other: str) -> bool:
    """Parts agree when either is missing, an initial matches, or they are equal,
    a patronymic in any of its cases (`Канатовна`, `Канатовны`)."""
    if not one or not other:
        return True
    if is_initial(one) or is_initial(other):  # `Дж.` is `Джеймс`, not `Дмитрий`
        one, other = fold(one).rstrip("."), fold(other).rstrip(".")
        return one.startswith(other) or other.startswith(one)
    return fold(one) == fold(other) or patronymic_stem(one) == patronymic_stem(other) != ""


CASE_ENDING = re.compile(r"(?:ем|ом|ой|ою|ей|ью|ам|ям|а|я|у|ю|е|ь|и|ы)$")


def first_name_key(first: str, morph: MorphAnalyzer) -> str:
    """A first name as releases compare it: a name the dictionary knows is in the
    nominative already (`normalize`); one it does not, a transliteration, may be
    left inflected (`с Ван Лицзюнем`), so its case ending is cut (`лицзюн`)."""
    word = fold(first)
    return word if is_known(word, morph) else CASE_ENDING.sub("", word)


def patronymic_stem(word: str) -> str:
    match = PATRONYMIC_STEM.match(fold(word))
    return match.group(1) if match else ""


FEMININE_SURNAME = re.compile(r"(ова|ёва|ева|ина|ына)$")


def surname_key(surname: str) -> str:
    """A surname folded so that a woman's and a man's forms match (`Сейткалиева`)."""
    return FEMININE_SURNAME.sub(lambda match: match.group(1)[:-1], fold(surname))


def gender_of(first: str, morph: MorphAnalyzer) -> str | None:
    """`masc` or `femn` from a full first name the dictionary knows, else `None`."""
    genders = {
        parse.tag.gender
        for parse in analyses(first, morph)
        if "Name" in parse.tag and is_known(first, morph) and parse.tag.gender
    }
    return genders.pop() if len(first) > 2 and len(genders) == 1 else None


def fold(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())
