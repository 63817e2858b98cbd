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
    **dict.fromkeys(["MONTH_ONLY", "YEAR_ONLY", "WEEKDAY_ONLY"], (LEADING_PREPOSITION, True)),
    **dict.fromkeys(["DURATION", "RELATIVE"], (LEADING_QUALIFIER, False)),
    "UNIT_ONLY": (LEADING_QUALIFIER, True),
}
# Words that lead a row's shape but are not of the row, as NEREL marks dates: `ещё
# два года` is `два года`, `начиная с 2006 года` is `с 2006 года`.
PARTICLES = {"уже", "ещё", "еще", "всего", "целых", "начиная"}
AUTO_NAME = re.compile(r"^R\d+$")
LOWER_WORD_AFTER = re.compile(r"^\s*(?!и\s+\d)[а-яё]")
YEAR_ABBREVIATION = re.compile(r"(?<![а-яё])гг?\.$", re.IGNORECASE)
# An age is not a duration: `в возрасте 61 года`, `ему было 54 года`, `Кравцову 39 лет`,
# `в 13 лет`, `на 85 году жизни`.
AGE_BEFORE = re.compile(
    r"(?i:\b(?:возрасте|исполнил\w*|исполнит\w*|ему|ей|им|был[оа]?|бы|будет|старше|младше|"
    r"моложе|дожил\w*|в|с|от \d+ до))\s+$"
)
NAME_BEFORE = re.compile(r"\b[А-ЯЁ][а-яё]+\s+$")
AGE_AFTER = re.compile(r"^\s*(?:жизни|от роду)")
# Who is that old (`девочка 8 лет`, `(51 год)` after a birth year), an age of a
# range or a rule (`от 13 до 16 лет`, `на пенсию ... до 60 лет`): NEREL's AGE, no date.
AGE_WORDS = re.compile(
    r"(?i:\b(?:девоч\w*|мальчи\w*|ребён\w*|ребен\w*|дет(?:и|ей)|подрост\w*|мужчин\w*|"
    r"женщин\w*|девушк\w*|юнош\w*|пенси\w*(?:\s+\S+){0,3}|от \d+)\s+$|\($)"
)
AGE_LEADS = {"до", "от"}  # `до 16 лет` may be an age; `более десяти лет` is a duration

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
            digits = int(re.match(r"\d+", text).group())
            fields["decade"] = digits if digits >= 100 else 1900 + digits
        elif name == "CENTURY":
            fields["century"] = number(Atom("", 0, 0, text.split()[0]), tables)
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
    if shape == "RANGE":
        left, right = (read_point(g, tables) for g in split_groups(atoms, {"SEP"})[:2])
        right = fill(right, left)
        return [replace(found, point=fill(left, right), until=right, anchor=right)]
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
    if shape in ("DURATION", "UNIT_ONLY", "SET"):
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


def is_age(shape: str, atoms: list[Atom], text: str, start: int, end: int, tables: dict) -> bool:
    """A count of years that says how old someone is (see `AGE_BEFORE`, `AGE_WORDS`)."""
    units = [tables["UNIT"].get(atom.text.lower()) for atom in atoms if atom.name == "UNIT"]
    if shape != "DURATION" or units != ["year"]:
        return False
    before = text[max(0, start - 40) : start]
    if atoms[0].name != "NUMBER":  # `свыше десяти лет`: a qualified count is a duration
        return atoms[0].text.lower() in AGE_LEADS and bool(AGE_WORDS.search(before))
    return bool(
        AGE_BEFORE.search(before[-30:])
        or NAME_BEFORE.search(before)
        or AGE_WORDS.search(before)
        or AGE_AFTER.match(text[end:])
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
    hits = [
        i for i, t in enumerate(tokens) if t.text.lower() in cores or any(map(str.isdigit, t.text))
    ]
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


def find_in_sentence(sentence: Sentence, text: str, grammar: DateGrammar) -> list[Found]:
    found: list[Found] = []
    for window_start, window_end in windows(sentence, grammar.cores):
        found.extend(find_in_window(window_start, text[window_start:window_end], text, grammar))
    return found


@lru_cache(maxsize=1 << 14)
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
        if ends_in_bare_year(shape, atoms, end) and LOWER_WORD_AFTER.match(text[end:]):
            continue  # `до 1500 участников`: a count, not a year
        if is_age(shape, atoms, text, start, end, grammar.tables):
            continue
        found.extend(interpret(shape, atoms, start, end, grammar.tables))
    return found
