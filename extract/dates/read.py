"""Reading a yargy match of the date grammar into `Found` records, with offsets.

The grammar names every meaningful part (`DAY`, `MONTH`, `SEP`, ...); here the
parts are read off the parse tree in order and folded into `Point`s. A match
of an enumeration becomes one record per member; a range, one record with
both ends; a relative expression, a record counted from the publication day.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from yargy.parser import Match
from yargy.tree.constructors import Leaf, Node

from ..grammars.dates import ROMAN, DateGrammar
from ..grammars.lookahead import LookaheadParser
from ..morphology import WORD_FORMS, analyses
from ..records import Sentence
from .calendar import Point, full_year

WINDOW = 4  # tokens parsed on each side of a core token: covers `в течение последних лет`
# The words a row may start with, left out of the grammar (an optional first word in
# every rule doubles the parser's work) and read from the text before a match: a
# preposition before a calendar date, a qualifier before an amount of time. Some shapes
# need one: a month, year or weekday alone is a date only after a preposition (`в июне`,
# but `Марта Иванова`, `2000 человек`), a bare unit a duration only after a qualifier.
LEADING_PREPOSITION = re.compile(
    r"(?i)(?<![\w-])(начиная\s+с|со|с|во|в|на|к|ко|за|до|по|от|около|после|перед)\s+$"
)
QUALIFIERS = (
    "в течение|в течении|на протяжении|за последние|за последний|за последнюю|за последнее|"
    "в течение последних|последние|последний|последнюю|последних|не более|не менее|не больше|"
    "не меньше|около|примерно|почти|более|свыше|больше|меньше|менее|до|на|за|уже|ещё|еще|"
    "порядка|целых|всего|спустя"
)
LEADING_QUALIFIER = re.compile(rf"(?i)(?<![\w-])((?:(?:{QUALIFIERS})\s+){{1,2}})$")
LEADS = {
    **dict.fromkeys(["RANGE", "ENUM", "WEEKDATE", "POINT"], (LEADING_PREPOSITION, False)),
    **dict.fromkeys(["MONTH_ONLY", "WEEKDAY_ONLY"], (LEADING_PREPOSITION, True)),
    **dict.fromkeys(["YEAR_ONLY", "NAMED", "SEASON_YEARS"], (LEADING_PREPOSITION, False)),
    "WEEKEND": (LEADING_PREPOSITION, True),
    "SPAN": (LEADING_QUALIFIER, False),
    **dict.fromkeys(["DURATION", "RELATIVE"], (LEADING_QUALIFIER, False)),
    "UNIT_ONLY": (LEADING_QUALIFIER, True),
}
# Words that lead a row's shape but are not of the row, as NEREL marks dates: `ещё
# два года` is `два года`, `начиная с 2006 года` is `с 2006 года`.
PARTICLES = {"уже", "ещё", "еще", "всего", "целых", "начиная"}
AUTO_NAME = re.compile(r"^R\d+$")
# The word after a bare number, which it may count (`до 1500 участников`), and the
# marks that make a four-digit number part of a larger one (`№178/2017`, `2,5`).
WORD_AFTER = re.compile(r"^\s*(?!и\s+\d)([а-яё]+)")
COUNTED = {"NOUN", "ADJF", "NUMR"}
NUMBER_BEFORE = re.compile(r"(?:[\w.,/:№+-]|(?:№|\b(?:ст|п|ч)\.)\s*)$")
NUMBER_AFTER = re.compile(r"^(?:[\w/-]|[.,]\d|\s\d{3}\b)")
YEAR_ABBREVIATION = re.compile(r"(?<![а-яё])гг?\.$", re.IGNORECASE)
# An age is not a duration: `в возрасте 61 года`, `ему было 54 года`, `Кравцову 39 лет`,
# `в 13 лет`, `на 85 году жизни`, `которому сейчас 61 год`, `ему было тогда 19 лет`.
AGE_BEFORE = re.compile(
    r"(?i:\b(?:возрасте|исполн\w*|ему|ей|им|был[оа]?|бы|будет|старше|младше|моложе|дожил\w*|"
    r"котор(?:ому|ой|ым)|сейчас|свои|в|с|от \d+ до)"
    r"(?:\s+(?:тогда|уже|всего|сейчас|примерно|около|почти|по крайней мере))*\s+$)"
)
NAME_BEFORE = re.compile(r"\b[А-ЯЁ][а-яё]+\s+$")
AGE_AFTER = re.compile(r"^\s*(?:жизни|от роду)\b")
# Who is that old (`девочка 8 лет`, `(51 год)` after a birth year), an age of a
# range or a rule (`от 13 до 16 лет`, `на пенсию ... до 60 лет`): NEREL's AGE, no date.
AGE_WORDS = re.compile(
    r"(?i:\b(?:девоч\w*|мальчи\w*|ребён\w*|ребен\w*|дет(?:и|ей)|подрост\w*|мужчин\w*|"
    r"женщин\w*|девушк\w*|юнош\w*|пенси\w*(?:\s+\S+){0,3}|от \d+|возрасте)(?:\s*[—–:]\s*|\s+)$|\($)"
)
AGE_LEADS = {"до", "от"}  # `до 16 лет` may be an age; `более десяти лет` is a duration
# The last of several ages (`им было 30, 20 и 19 лет`, `(10, 9 и 8 лет)`), and the
# age after a named person (`Клэренс Картер, 49 лет, был ...`, `Бачелет — 54 года`).
AGE_LIST = re.compile(
    r"(?:^|\(|(?<!\bна)(?<!\bк)(?<!\bдо)(?<!\bпо)\s)\d{1,3}(?:,\s*\d{1,3})*\s+и\s+$"
)
AGE_OF_NAME = re.compile(r"(?:[А-ЯЁA-Z]\w+\s+[А-ЯЁA-Z]\w+|\))\s*[,—–]\s*$")
AGE_OF_NAME_AFTER = re.compile(r"^\s*[,.;()]")
# What a span adjective before it makes a term (`25-летний срок`), and what makes it
# an age (`80-летний юбилей`).
SPAN_HEADS = set(
    "срок опыт стаж контракт договор карантин период заключение мораторий запрет перерыв "
    "отпуск мандат экспедиция цикл план программа перемирие".split()
)
ANNIVERSARIES = {"юбилей", "годовщина", "возраст", "история"}
TITLE_QUOTES = ("«", '"', "„")
QUOTED = re.compile(r'[^«»"“”\n]{1,80}[»"“”]')
# A comparison of ages (`младше его на год`, `старше своего коллеги на несколько месяцев`).
COMPARED = re.compile(r"(?i:\b(?:старше|младше|моложе)\b[^.,;:!?]*$)")
COMPARED_AFTER = re.compile(r"(?i:^\s*(?:старше|младше|моложе)\b)")

DATE, DURATION, SET = "date", "duration", "set"
TARGETS = {"на", "к", "ко"}
SINCE = {"с", "со", "начиная", "после"}
UNTIL = {"до", "к", "ко", "по", "перед"}
REL_DAYS = {
    "сегодня": 0,
    "вчера": -1,
    "позавчера": -2,
    "завтра": 1,
    "послезавтра": 2,
    "накануне": -1,
}
REL_FORMS = {
    "этой этом этого текущей текущем текущего нынешнем нынешнего": 0,
    "прошлой прошлом прошлого минувшей минувшем минувшего": -1,
    "позапрошлой позапрошлом позапрошлого": -2,
    "следующей следующем следующего будущей будущем будущего": 1,
}
REL_WORDS = {form: offset for forms, offset in REL_FORMS.items() for form in forms.split()}
SHIFT_UNITS = {"day", "week", "month", "year"}
SEASON_WORDS = {"весн": "весна", "лет": "лето", "осен": "осень", "зим": "зима"}
PART_WORDS = {"начал": "начало", "серед": "середина", "кон": "конец"}
WEEKDAY_MODES = {"минувш": "last", "прошл": "last", "следующ": "next", "ближайш": "next"}


@dataclass(frozen=True, slots=True)
class Atom:
    """A named part of a match: its rule name, offsets in the document and text."""

    name: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Relative:
    """A date counted from the publication day."""

    unit: str  # day, week, month, year, weekday
    offset: int = 0
    weekday: int = 0
    mode: str = "recent"


@dataclass(frozen=True, slots=True)
class Found:
    """One row-to-be: where it is and what it says, before anchoring."""

    start: int
    end: int
    kind: str = DATE
    point: Point | None = None
    until: Point | None = None  # the right end of a range
    relation: str = ""  # since, until
    relative: Relative | None = None
    same_year: bool = False
    target: bool = False  # `на июнь`, `на 2026 – 2027 годы`: when a plan is for
    anchor: Point | None = None  # what fixes the year: a range's end, an enumeration's last
    tense: str = ""  # of its sentence's verbs, when they agree: `past` or `futr`


def leaves(node: Node) -> Iterator:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Leaf):
            yield item.token
        else:
            stack.extend(reversed(item.children))


def read_atoms(match, offset: int) -> tuple[str, list[Atom]]:
    """The expression's shape (its top named rule) and its named parts, in order,
    with offsets into the document (`offset` is where the parsed text starts)."""
    shape, atoms = "", []
    for node in match.tree.walk():
        if isinstance(node, Leaf) or AUTO_NAME.match(node.rule.name or "R0"):
            continue
        tokens = list(leaves(node))
        if not shape:
            shape = node.rule.name
            continue
        text = " ".join(token.value for token in tokens)
        start, end = offset + tokens[0].span.start, offset + tokens[-1].span.stop
        atoms.append(Atom(node.rule.name, start, end, text))
    return shape, atoms


def stem_value(word: str, table: dict[str, str]) -> str | None:
    word = word.lower()
    return next((value for stem, value in table.items() if word.startswith(stem)), None)


def number(atom: Atom, tables: dict) -> int | None:
    text = atom.text.lower()
    digits = re.match(r"\d+", text)  # `2`, `1-м`
    if digits:
        return int(digits.group())
    return tables["ORDINAL"].get(text) or ROMAN.get(text) or tables["NUMBER"].get(text)


def read_point(atoms: list[Atom], tables: dict) -> Point:
    """Fold a run of atoms into a `Point`; quarter and half take the ordinal after them."""
    fields: dict[str, object] = {}
    pending = ""
    for atom in atoms:
        name, text = atom.name, atom.text.lower()
        if name in ("QUARTER", "HALF"):
            pending = name.lower()
        elif name in ("ORDINAL", "ROMAN") and pending:
            fields[pending] = number(atom, tables)
            pending = ""
        elif name == "DAY":
            fields["day"] = int(text)
        elif name == "MONTH":
            fields["month"] = tables["MONTH"][text.rstrip(" .")]
        elif name == "MONTH_NUM":
            fields["month"] = int(text)
        elif name == "YEAR":
            fields["year"] = int(text)
        elif name == "YEAR2":
            fields["year"] = full_year(int(text))
        elif name == "SEASON":
            fields["season"] = stem_value(text, SEASON_WORDS)
        elif name == "PART":
            fields["part"] = stem_value(text, PART_WORDS)
        elif name == "DECADE":
            digits = re.match(r"\d+", text)
            value = int(digits.group()) if digits else tables["DECADE"][text]
            fields["decade"] = value if value >= 100 else 1900 + value
        elif name == "CENTURY":
            first = text.split()[0]
            spelled = tables["CENTURY"].get(first)  # `двадцатого века`
            fields["century"] = spelled or number(Atom("", 0, 0, first), tables)
    if "decade" in fields and "century" in fields:  # `к сороковым годам XIV века`
        fields["decade"] = (fields.pop("century") - 1) * 100 + fields["decade"] % 100
    return Point(**fields)


def relative_year(atoms: list[Atom]) -> int | None:
    for atom in atoms:
        if atom.name == "REL_YEAR":
            return REL_WORDS[atom.text.lower().split()[0]]
    return None


def split_groups(atoms: list[Atom], separators: set[str]) -> list[list[Atom]]:
    groups: list[list[Atom]] = [[]]
    for atom in atoms:
        if atom.name in separators:
            groups.append([])
        else:
            groups[-1].append(atom)
    return [group for group in groups if group]


def fill(point: Point, donor: Point) -> Point:
    """Take the month and year a point lacks from another (`17` from `24 июня 2025 г.`)."""
    month = point.month if point.month is not None or point.day is None else donor.month
    year = point.year if point.year is not None else donor.year
    return replace(point, month=month, year=year)


def relation_of(atoms: list[Atom]) -> str:
    prepositions = [a.text.lower().split()[0] for a in atoms if a.name == "PREP"]
    if not prepositions:
        return ""
    if prepositions[0] in SINCE:
        return "since"
    return "until" if prepositions[0] in UNTIL else ""


def with_relative_year(found: Found, atoms: list[Atom]) -> Found:
    offset = relative_year(atoms)
    if offset is None or found.point is None:
        return found
    return replace(found, relative=Relative("year", offset))


def is_target(atoms: list[Atom]) -> bool:
    """A date after `на` or `к`: what a plan or a meeting is scheduled for."""
    return bool(atoms) and atoms[0].name == "PREP" and atoms[0].text.lower() in TARGETS


def interpret(shape: str, atoms: list[Atom], start: int, end: int, tables: dict) -> list[Found]:
    """The rows of one match spanning `start:end`."""
    if shape == "ENUM":
        groups = split_groups([a for a in atoms if a.name != "PREP"], {"LIST"})
        points = [read_point(group, tables) for group in groups]
        bounds = [[group[0].start, group[-1].end] for group in groups]
        bounds[0][0], bounds[-1][1] = start, end
        last = points[-1]
        return [
            with_relative_year(Found(f, t, point=fill(p, last), anchor=last), atoms)
            for p, (f, t) in zip(points, bounds, strict=True)
        ]
    if shape in ("PAREN_YEAR", "NAME_YEAR"):  # `(1994)`, `ЕГЭ-2013`: the year alone
        year = next(atom for atom in atoms if atom.name == "YEAR")
        return [Found(year.start, year.end, point=Point(year=int(year.text)))]
    found = Found(start, end, target=is_target(atoms))
    if shape == "SEASON_YEARS":  # `2002/03`: a season across two years
        first, second = (int(a.text) for a in atoms if a.name in ("YEAR", "YEAR2"))
        if second < 100:
            second += first // 100 * 100 + (100 if second < first % 100 else 0)
        return [replace(found, point=Point(year=first), until=Point(year=second))]
    if shape == "RANGE":
        left, right = (read_point(g, tables) for g in split_groups(atoms, {"SEP"})[:2])
        right = fill(right, left)
        return [replace(found, point=fill(left, right), until=right, anchor=right)]
    decades = [atom for atom in atoms if atom.name == "DECADE"]
    if len(decades) == 2:  # `в тридцатых-сороковых годах`: a range of decades
        left, right = (read_point([decade], tables) for decade in decades)
        return [replace(found, point=left, until=right, anchor=right)]
    if shape in ("POINT", "MONTH_ONLY", "YEAR_ONLY", "WEEKDATE", "RELDATE"):
        point = read_point(atoms, tables)
        found = replace(found, point=point, relation=relation_of(atoms[:1]))
        if point == Point() and relative_year(atoms) is not None:
            return [replace(found, point=None, relative=Relative("year", relative_year(atoms)))]
        return [with_relative_year(found, atoms)]
    return [read_relative(shape, atoms, found, tables)]


def read_relative(shape: str, atoms: list[Atom], found: Found, tables: dict) -> Found:
    texts = [atom.text.lower() for atom in atoms]
    if shape == "WEEKDAY_ONLY":
        weekday = next(a for a in atoms if a.name == "WEEKDAY").text.lower().split()
        mode = stem_value(weekday[0], WEEKDAY_MODES) if len(weekday) > 1 else None
        relative = Relative(
            "weekday", weekday=tables["WEEKDAY"][weekday[-1]], mode=mode or "recent"
        )
        return replace(found, relative=relative)
    if shape == "REL_DAY_ONLY":
        return replace(found, relative=Relative("day", REL_DAYS[texts[0]]))
    if shape == "TODAY_ONLY":
        relation = "since" if texts[0].startswith("с ") else ""
        return replace(found, relative=Relative("day", 0), relation=relation)
    if shape == "REL_UNIT_ONLY":
        words = texts[0].split()
        unit = {"неделе": "week", "месяце": "month", "году": "year"}[words[-1]]
        return replace(found, relative=Relative(unit, REL_WORDS[words[1]]))
    if shape == "SAME_YEAR_ONLY":
        return replace(found, same_year=True)
    if shape == "RELATIVE":
        return read_shift(atoms, found, tables)
    if shape in ("DURATION", "UNIT_ONLY", "SPAN", "SET"):
        return replace(found, kind=SET if shape == "SET" else DURATION)
    return found  # `на следующий день`: a date, but counted from an event the text tells


def read_shift(atoms: list[Atom], found: Found, tables: dict) -> Found:
    """`три дня назад`, `через год`: a count of units back from or on from publication."""
    names = [atom.name for atom in atoms]
    units = [tables["UNIT"].get(a.text.lower()) for a in atoms if a.name == "UNIT"]
    counts = [number(a, tables) for a in atoms if a.name == "NUMBER"]
    direction = 1 if "LATER" in names else -1
    ago = next((a.text.lower() for a in atoms if a.name == "AGO"), "назад")
    count = counts[0] if counts else 1
    if (direction < 0 and ago != "назад") or len(units) != 1 or units[0] not in SHIFT_UNITS:
        return found  # `годом позже`: counted from an event the text tells
    if not isinstance(count, int):
        return found  # `несколько дней назад`: no day to name
    return replace(found, relative=Relative(units[0], direction * count))


def ends_in_bare_year(shape: str, atoms: list[Atom], end: int) -> bool:
    return (
        shape in ("YEAR_ONLY", "RANGE", "ENUM")
        and atoms[-1].name == "YEAR"
        and atoms[-1].end == end
    )


def is_count(shape: str, atoms: list[Atom], text: str, start: int, end: int, morph) -> bool:
    """A number that ends a match as a year would but counts something: `до 1500
    участников`, `более 2000 часов`. A year without a preposition is a year only
    when no digit or number sign is next to it (`Кубок конфедераций 2017`,
    `(1994, 1997)`, but not `№178/2017` or `2000 000`)."""
    if not ends_in_bare_year(shape, atoms, end):
        return False
    bare = shape == "YEAR_ONLY" and atoms[0].name != "PREP"
    if bare and (
        NUMBER_BEFORE.search(text[max(0, start - 5) : start])
        or NUMBER_AFTER.match(text[end : end + 5])
    ):
        return True
    word = WORD_AFTER.match(text[end : end + 40])
    return bool(word) and analyses(word.group(1), morph)[0].tag.POS in COUNTED


def is_age(shape: str, atoms: list[Atom], text: str, start: int, end: int, tables: dict) -> bool:
    """A count of time that says how old someone is, or how much older (see
    `AGE_BEFORE`, `AGE_WORDS`, `AGE_LIST`, `AGE_OF_NAME`, `COMPARED`)."""
    units = [tables["UNIT"].get(atom.text.lower()) for atom in atoms if atom.name == "UNIT"]
    if shape not in ("DURATION", "UNIT_ONLY") or not units:
        return False
    before, after = text[max(0, start - 60) : start], text[end:]
    lead = atoms[0].text.lower()
    if lead == "на" and (COMPARED.search(before) or COMPARED_AFTER.match(after)):
        return True
    if units != ["year"]:
        return False
    if AGE_AFTER.match(after):
        return True
    if atoms[0].name != "NUMBER":  # `свыше десяти лет`: a qualified count is a duration,
        if before.rstrip().lower().endswith("возрасте"):  # but `в возрасте более 100 лет`
            return True
        return lead in AGE_LEADS and bool(
            AGE_WORDS.search(before) or AGE_BEFORE.search(before[-30:])
        )
    return bool(
        AGE_BEFORE.search(before[-40:])
        or NAME_BEFORE.search(before)
        or AGE_WORDS.search(before)
        or AGE_LIST.search(before)
        or (AGE_OF_NAME.search(before) and AGE_OF_NAME_AFTER.match(after))
    )


def is_age_adjective(shape: str, text: str, start: int, end: int, morph) -> bool:
    """`восьмилетний сын`, `десятилетняя Микелла`, `в 63-летнем возрасте`, `80-летний
    юбилей`: an adjective of a span before a person, an age or an anniversary says how
    old; before anything else (`пятилетний срок`) it is a duration. Written with
    digits (`25-летний`) it is mostly an age, so it is a duration only before a word
    for a term (`SPAN_HEADS`)."""
    if shape != "SPAN":
        return False
    digits = any(map(str.isdigit, text[start:end]))
    for word in re.findall(r"[А-ЯЁа-яё-]+", text[end : end + 60])[:3]:
        if word[0].isupper():
            return True
        parse = analyses(word.lower(), morph)[0]
        if parse.tag.POS == "NOUN":
            if digits:
                return parse.normal_form not in SPAN_HEADS
            return "anim" in parse.tag or parse.normal_form in ANNIVERSARIES
    return digits


def opens_title(text: str, start: int, morph) -> bool:
    """`«Один день Ивана Денисовича»`: a name in quotes that starts with the words of
    a date is a title, not a date; a quoted sentence (`«Сегодня мы подписали ...»`,
    with a verb) is speech, and its dates are dates."""
    if text[start - 1 : start] not in TITLE_QUOTES or not text[start : start + 1].isupper():
        return False
    quoted = QUOTED.match(text, start)
    if quoted is None:
        return False
    words = re.findall(r"[а-яё]+", quoted.group().lower())
    return len(words) <= 8 and all(analyses(w, morph)[0].tag.POS != "VERB" for w in words)


def is_preposition(text: str, start: int, end: int, morph) -> bool:
    """`накануне выборов`: before a genitive, `накануне` is a preposition, "shortly
    before", not "the day before". It stays the adverb after a participle
    (`состоявшегося накануне переворота`) and before a subject and its verb
    (`Накануне стороны провели ...`, where `стороны` could be either)."""
    if text[start:end].lower() != "накануне":
        return False
    after = re.findall(r"[А-ЯЁа-яё-]+", text[end : end + 60])[:2]
    before = re.search(r"([А-ЯЁа-яё-]+)\s+$", text[max(0, start - 40) : start])
    if not after or (
        before and any(p.tag.POS == "PRTF" for p in analyses(before.group(1).lower(), morph))
    ):
        return False
    readings = analyses(after[0].lower(), morph)
    tag = readings[0].tag
    if tag.POS not in ("NOUN", "ADJF", "NPRO") or tag.case != "gent":
        return False
    subject = any(p.tag.case == "nomn" for p in readings)
    return not (
        subject and len(after) > 1 and analyses(after[1].lower(), morph)[0].tag.POS == "VERB"
    )


def take_lead(shape: str, atoms: list[Atom], start: int, text: str) -> list[Atom] | None:
    """The atoms with the leading word of the row first (see `LEADS`), or `None`
    when the shape needs one and the text has none."""
    lead, needed = LEADS.get(shape, (None, False))
    match = lead.search(text, max(0, start - 40), start) if lead else None
    if match is None:
        return None if needed else atoms
    word = match.group(1).rstrip()
    first = match.start(1)
    while word.split()[0].lower() in PARTICLES:  # `ещё два года`: the row is `два года`
        rest = word.split(maxsplit=1)[1:]
        if not rest:
            return atoms  # the particle was the lead the shape needs (`уже год`)
        first += word.index(rest[0])
        word = rest[0]
    name = "PREP" if lead is LEADING_PREPOSITION else "QUALIFIER"
    return [Atom(name, first, first + len(word), word), *atoms]


def windows(sentence: Sentence, cores: frozenset[str]) -> Iterator[tuple[int, int]]:
    """Character spans of the sentence around its core tokens, `WINDOW` tokens each side.

    yargy's chart parser starts a parse at every token, and its cost grows with
    the grammar; most tokens of a release are far from any date, so only the
    stretches around a number, a month, a weekday or a unit of time are parsed.
    """
    tokens = sentence.tokens
    hits = [i for i, t in enumerate(tokens) if is_core(t.text, cores)]
    first = last = None
    for index in hits:
        low, high = max(0, index - WINDOW), min(len(tokens) - 1, index + WINDOW)
        if last is not None and low <= last + 1:
            last = high
            continue
        if first is not None:
            yield tokens[first].start, tokens[last].end
        first, last = low, high
    if first is not None:
        yield tokens[first].start, tokens[last].end


@lru_cache(maxsize=WORD_FORMS)
def is_core(text: str, cores: frozenset[str]) -> bool:
    """A token with a digit, or one of `cores`, or a hyphenated word with one of
    them among its parts (`2-3`, `мае-июне`); asked of every token, so kept per word."""
    if any(map(str.isdigit, text)):
        return True
    lower = text.lower()
    if "-" in lower:
        return any(part in cores for part in lower.split("-"))
    return lower in cores


def find_in_sentence(sentence: Sentence, text: str, grammar: DateGrammar) -> list[Found]:
    found: list[Found] = []
    for window_start, window_end in windows(sentence, grammar.cores):
        found.extend(find_in_window(window_start, text[window_start:window_end], text, grammar))
    return found


@lru_cache(maxsize=1 << 10)  # windows: see docs/performance.md
def parse_window(parser: LookaheadParser, window: str) -> tuple[Match, ...]:
    """yargy's matches in a window of text; windows repeat across releases (`в 2024
    году`, `17 июня 2025 г.`), and a match's offsets are the window's own."""
    return tuple(parser.findall(window))


def find_in_window(offset: int, window: str, text: str, grammar: DateGrammar) -> list[Found]:
    found: list[Found] = []
    for match in parse_window(grammar.parser, window):
        start = offset + match.span.start
        end = offset + match.span.stop
        if text[end - 1] == "." and YEAR_ABBREVIATION.search(text, max(0, end - 4), end):
            end -= 1  # `2025 г.`: the row ends at `г`, as NEREL marks the year
        shape, atoms = read_atoms(match, offset)
        atoms = take_lead(shape, atoms, start, text)
        if atoms is None:
            continue
        start = min([start, *(atom.start for atom in atoms[:1])])
        if is_count(shape, atoms, text, start, end, grammar.morph):
            continue
        if is_age(shape, atoms, text, start, end, grammar.tables):
            continue
        if is_age_adjective(shape, text, start, end, grammar.morph):
            continue
        if shape not in ("NAME_YEAR", "PAREN_YEAR") and opens_title(text, start, grammar.morph):
            continue
        if shape == "REL_DAY_ONLY" and is_preposition(text, start, end, grammar.morph):
            continue
        found.extend(interpret(shape, atoms, start, end, grammar.tables))
    return found
