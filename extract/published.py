"""When a release was published, told as a reader tells it, and from where.

Sources, in the order they are trusted (`published_from`):

- `meta`: what the page or the feed record says (`article:published_time`,
  `<time datetime>`, a record's `published`);
- `dateline`: a date line under the title, in any of the forms sites print
  (`05.02.2025`, `12.03.2025, 10:31 2417` with a time and a view counter,
  `14ноя.2019`, `03 / МАР / 2021` over three lines, `Опубликовано: 3 марта 2025
  года`), a date glued to the title (`...посла Кувейта12.03.2022 09:15`), or a
  news agency's dateline opening the body (`КАЗАНЬ, 9 марта. /РИА-Регион/.`,
  `Новосибирск. 12 ноября.`);
- `header`: the site's current date above the title (`Среда, 14 мая 2025`): the day
  the page was saved, so the release's at the latest, taken only when nothing else
  tells the date;
- `text`: the first full date of the release's first paragraph, the day its news
  happened, when nothing above tells the date.

A date without a year (`9 марта`) takes it from another date of the page (the
site's header date, a full date in the text, else a year the text names), else
from the file's own date (a year folder of its path, the file's time); else it
stays without one: `published` is empty and `published_text` says what was read.
"""

import re
from dataclasses import dataclass
from datetime import date

from .chrome import SITE_DATE, anywhere
from .const import MONTH_STEMS

ABBREVIATIONS = {
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "мая": 5, "май": 5, "июн": 6, "июл": 7,
    "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
}  # fmt: skip
MONTH_WORD = r"[А-Яа-яЁё]{3,9}\.?"
# A whole date: day, month (a number, a word, or a word's first letters, glued to the
# day or set apart by spaces or slashes) and, maybe, the year.
DATE = re.compile(
    r"(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>\d{4})"
    r"|(?P<iyear>\d{4})-(?P<imon>\d{2})-(?P<iday>\d{2})"
    rf"|(?P<wday>\d{{1,2}})\s*/?\s*(?P<month>{MONTH_WORD})\s*/?\s*(?P<wyear>\d{{4}})?"
    r"(?:\s*(?:г\.|года?))?",
)
PREFIX = re.compile(
    r"^(?:(?:дата публикации|опубликовано|дата|размещено|добавлено)\s*:?\s*)?"
    r"(?:(?:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)\s*,?\s*)?",
    re.IGNORECASE,
)
TIME = re.compile(r"[,\s]*(?:в\s*)?\d{1,2}:\d{2}(?::\d{2})?")
COUNTER = re.compile(r"\s+\d{1,7}")  # views printed after the date and time
GLUED = re.compile(r"(?<=[А-Яа-яЁё»\"'.!?])(\d{2}\.\d{2}\.\d{4})(?:\s*\d{1,2}:\d{2})?")
AGENCY = re.compile(
    r"^(?P<place>[А-ЯЁ][А-ЯЁа-яё]+(?:[ -][А-ЯЁ][А-ЯЁа-яё]+){0,2})\s*[,.]\s+"
    rf"(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_WORD})(?:\s+(?P<year>\d{{4}})(?:\s*г(?:ода|\.)?)?)?"
    r"\s*(?:[.,]|\s[—–-])\s*(?:/[^/\n]{1,60}/\.?|\([^)\n]{1,60}\)\.?)?"
)
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
HEAD_LINES = 5  # lines under the title that may hold its date
DATELINE_CHARS = 200  # characters of a body's first line that may hold an agency's dateline
GLUED_REACH = 400  # characters from a page's start within which a title's date may be glued
SPLIT_DATE_LINES = 3  # `03` / `МАР` / `2021`: a date printed over this many short lines


@dataclass(frozen=True, slots=True)
class Reading:
    """A date as read: day and month, the year if the words give one, and the words."""

    day: int
    month: int
    year: int | None
    text: str


@dataclass(frozen=True, slots=True)
class Published:
    """A release's publication date (ISO, or '' when the year cannot be told), where
    it was read (`published_from`) and the words it was read from."""

    date: str = ""
    source: str = ""
    text: str = ""


def month_number(word: str) -> int | None:
    """The month a word or its first letters name: `марта`, `МАР`, `ноя.`."""
    word = word.lower().rstrip(".")
    for stem, number in MONTH_STEMS.items():
        if word.startswith(stem) and (stem != "ма" or word in ("мая", "май", "мае")):
            return number
    return ABBREVIATIONS.get(word[:3]) if len(word) <= 4 else None


def reading(match: re.Match) -> Reading | None:
    parts = match.groupdict()
    if parts["day"]:
        day, month, year = int(parts["day"]), int(parts["mon"]), int(parts["year"])
    elif parts["iyear"]:
        day, month, year = int(parts["iday"]), int(parts["imon"]), int(parts["iyear"])
    else:
        month = month_number(parts["month"])
        if month is None:
            return None
        day, year = int(parts["wday"]), int(parts["wyear"]) if parts["wyear"] else None
    if not valid(day, month, year or 2000):  # 29 February: any leap year will do
        return None
    return Reading(day, month, year, match.group().strip())


def valid(day: int, month: int, year: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def date_line(line: str) -> Reading | None:
    """A line that holds a date and nothing else but a label, a weekday, a time, a
    view counter and chrome: `Дата публикации: 19.06.2025`, `12.03.2025, 10:31 2417`,
    `12.03.2025 10:31 2417 Версия для печати` (a page's inline elements run on)."""
    rest = PREFIX.sub("", line.strip(), count=1)
    match = DATE.match(rest)
    if match is None:
        return None
    tail = rest[match.end() :]
    tail = TIME.sub("", tail, count=1)
    tail = COUNTER.sub("", tail, count=1).strip(" .,|")
    if tail and not anywhere(tail):  # `12.03.2025 10:31 2417 Версия для печати`
        return None
    return reading(match)


def parse_date(text: str) -> str:
    """An ISO date from a date string with its year (`19.06.2025`, `19 июня 2025 г.`,
    `2025-06-19T10:00:00+03:00`), else ''."""
    match = DATE.match(text.strip())
    found = reading(match) if match else None
    if found is None or found.year is None:
        return ""
    return date(found.year, found.month, found.day).isoformat()


def head_date(head: list[str]) -> Reading | None:
    """The date line under the title, also when printed over a few short lines."""
    for index, line in enumerate(head):
        found = date_line(line)
        if found is not None:
            return found
        short = head[index : index + SPLIT_DATE_LINES]
        if len(short) == SPLIT_DATE_LINES and all(len(part.split()) <= 3 for part in short):
            found = date_line(" ".join(short))
            if found is not None:
                return found
    return None


def glued_date(title: str) -> tuple[str, Reading | None]:
    """A title with its date glued on (`...Кувейта12.03.2022 09:15МОСКВА`): the title
    without it, and the date."""
    match = GLUED.search(title)
    if match is None:
        return title, None
    return title[: match.start()].strip(), reading(DATE.match(match.group(1)))


def unglued(text: str) -> str:
    """A page's text with a date glued between its title and its body set apart as
    a paragraph of its own: `...Кувейта12.03.2022 09:15МОСКВА, 12 марта.`."""
    match = GLUED.search(text, 0, GLUED_REACH)
    if match is None:
        return text
    return f"{text[: match.start()]}\n\n{match.group()}\n\n{text[match.end() :].lstrip()}"


def agency_dateline(line: str) -> Reading | None:
    """A news agency's dateline opening the body: `КАЗАНЬ, 9 марта. /РИА-Регион/.`"""
    match = AGENCY.match(line[:DATELINE_CHARS])
    if match is None:
        return None
    month = month_number(match["month"])
    year = int(match["year"]) if match["year"] else None
    day = int(match["day"])
    if month is None or not valid(day, month, year or 2000):
        return None
    return Reading(day, month, year, match.group().strip())


def site_date(lines: list[str]) -> Reading | None:
    """The site's current date in the chrome above the title (`Среда, 14 мая 2025`)."""
    for line in lines:
        if SITE_DATE.match(line):
            match = DATE.search(line)
            found = reading(match) if match else None
            if found is not None and found.year is not None:
                return found
    return None


def first_full_date(paragraph: str) -> Reading | None:
    for match in DATE.finditer(paragraph):
        found = reading(match)
        if found is not None and found.year is not None:
            return found
    return None


def year_by(found: Reading, before: date) -> int:
    """The year of a day and month on or before `before`."""
    return (
        before.year if (found.month, found.day) <= (before.month, before.day) else before.year - 1
    )


def year_of(found: Reading, header: Reading | None, body: str, own: list[date]) -> int | None:
    """The year a yearless date takes (see the module docstring); `own` are the
    file's own dates, best first."""
    if header is not None and header.year is not None:
        return year_by(found, date(header.year, header.month, header.day))
    full = first_full_date(body)
    if full is not None:
        return full.year
    years = YEAR.findall(body)
    if years:
        return int(max(set(years), key=lambda y: (years.count(y), -years.index(y))))
    return year_by(found, own[0]) if own else None


def publication(
    title: str,
    head: list[str],
    above: list[str],
    body: list[str],
    meta: str = "",
    own: list[date] | None = None,
    marked: str = "",
) -> Published:
    """The release's publication date: `title` is its title line, `head` the lines
    about it, `above` the chrome lines above it, `body` its paragraphs; `meta` the
    page's or record's own date; `own` the file's dates; `marked` the date a page's
    markup gives where its metadata gives none (htmldate's, trusted below a
    dateline: it may be a sidebar's)."""
    found = parse_date(meta)
    if found:
        return Published(found, "meta", meta.strip())
    header = site_date(above)
    candidates = [
        head_date(head),
        glued_date(title)[1],
        agency_dateline(body[0]) if body else None,
    ]
    read = next((c for c in candidates if c is not None), None)
    source = "dateline"
    if read is None and parse_date(marked):
        return Published(parse_date(marked), "meta", marked.strip())
    if read is None and header is not None:
        read, source = header, "header"
    if read is None and body:
        read, source = first_full_date(body[0]), "text"
    if read is None:
        return Published()
    year = read.year or year_of(read, header, "\n".join(body), own or [])
    if year is None:
        return Published("", source, read.text)
    return Published(date(year, read.month, read.day).isoformat(), source, read.text)
