"""Calendar arithmetic for date expressions: what span of days a reading covers.

Pure functions over `Point`, the parts of one calendar expression as read
(`17 июня` is day 17, month 6; `во II квартале 2025 г.` quarter 2, year 2025).
They decide the day range and its precision; where the year comes from is
`extract.dates`'s business.

Conventions, for the forms that have no single right answer:

- Halves are January–June and July–December, with precision `quarter`;
  quarters have precision `quarter`.
- Seasons: spring March–May, summer June–August, autumn September–November,
  winter December of the year before to February; precision `month`.
- `начало`, `середина`, `конец` take the first, middle and last third of what
  they qualify: days 1–10, 11–20 and 21–end of a month (precision `day`),
  January–April, May–August and September–December of a year (`month`),
  years 0–3, 4–6 and 7–9 of a decade (`year`).
- Decades and centuries have precision `year`: `1960-е` is 1960–1969, the
  XX century 1901–2000.
- Two-digit years (`01.02.21`): 00–49 are 2000–2049, 50–99 are 1950–1999.
"""

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..const import DAY, MONTH, QUARTER, YEAR

TWO_DIGIT_PIVOT = 50
SEASONS = {"весна": (3, 5), "лето": (6, 8), "осень": (9, 11), "зима": (12, 2)}
PARTS = ("начало", "середина", "конец")


@dataclass(frozen=True, slots=True)
class Point:
    """The parts of one calendar expression as read; any may be missing."""

    day: int | None = None
    month: int | None = None
    year: int | None = None
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    part: str | None = None
    decade: int | None = None
    century: int | None = None


@dataclass(frozen=True, slots=True)
class Period:
    start: date | None
    end: date | None
    precision: str


def full_year(two_digits: int) -> int:
    return (2000 if two_digits < TWO_DIGIT_PIVOT else 1900) + two_digits


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def thirds(period: Period, part: str | None) -> Period:
    """The first, middle or last third of a period, on the calendar's own units."""
    if part is None or period.start is None or period.end is None:
        return period
    index = PARTS.index(part)
    start, end = period.start, period.end
    if period.precision == DAY:  # a month
        bounds = [(1, 10), (11, 20), (21, end.day)][index]
        return Period(start.replace(day=bounds[0]), start.replace(day=bounds[1]), DAY)
    if period.precision == YEAR and end.year - start.year >= 9:  # a decade or century
        span = end.year - start.year + 1
        first = start.year + [0, span * 4 // 10, span * 7 // 10][index]
        last = start.year + [span * 4 // 10, span * 7 // 10, span][index] - 1
        return Period(date(first, 1, 1), date(last, 12, 31), YEAR)
    months = [(1, 4), (5, 8), (9, 12)][index]
    return Period(date(start.year, months[0], 1), month_end(start.year, months[1]), MONTH)


def needs_year(point: Point) -> bool:
    """A day, month, quarter, half or season with no year to place it."""
    has_calendar_part = any(
        value is not None
        for value in (point.day, point.month, point.quarter, point.half, point.season)
    )
    return has_calendar_part and point.year is None


def base_period(point: Point) -> Period | None:
    year = point.year
    if point.decade is not None:
        first = point.decade
        if point.half is not None:
            first += 5 * (point.half - 1)
            return Period(date(first, 1, 1), date(first + 4, 12, 31), YEAR)
        return Period(date(first, 1, 1), date(first + 9, 12, 31), YEAR)
    if point.century is not None:
        first = (point.century - 1) * 100 + 1
        return Period(date(first, 1, 1), date(first + 99, 12, 31), YEAR)
    if year is None:
        return None
    if point.day is not None and point.month is not None:
        day = date(year, point.month, point.day)
        return Period(day, day, DAY)
    if point.month is not None:
        if point.half is not None:
            middle = date(year, point.month, 15)
            if point.half == 1:
                return Period(date(year, point.month, 1), middle, DAY)
            return Period(middle + timedelta(days=1), month_end(year, point.month), DAY)
        period = Period(date(year, point.month, 1), month_end(year, point.month), MONTH)
        return replace(period, precision=DAY) if point.part else period
    if point.quarter is not None:
        first = 3 * (point.quarter - 1) + 1
        return Period(date(year, first, 1), month_end(year, first + 2), QUARTER)
    if point.half is not None:
        first = 6 * (point.half - 1) + 1
        return Period(date(year, first, 1), month_end(year, first + 5), QUARTER)
    if point.season is not None:
        first, last = SEASONS[point.season]
        start_year = year - 1 if first > last else year
        return Period(date(start_year, first, 1), month_end(year, last), MONTH)
    return Period(date(year, 1, 1), date(year, 12, 31), YEAR)


def period_of(point: Point) -> Period | None:
    """The days a point covers, or `None` when it has no year or is not a real date."""
    try:
        period = base_period(point)
    except ValueError:  # 31 февраля
        return None
    if period is None:
        return None
    if point.part is not None and point.month is not None and point.day is None:
        return thirds(Period(period.start, period.end, DAY), point.part)
    if point.part is not None and point.month is None:
        return thirds(period, point.part)
    return period


def latest_year(point: Point, published: date) -> int:
    """The year that puts a yearless point last on or before the publication day."""
    for year in (published.year, published.year - 1):
        period = period_of(replace(point, year=year))
        if period is not None and period.start is not None and period.start <= published:
            return year
    return published.year - 1


def nearest_year(point: Point, published: date) -> int:
    """The year that puts a yearless point nearest the publication day, the earlier
    of two as near: a release's `18 ноября` is the day before it was published on
    19 November, its `с 1 сентября` in June the coming September."""

    def distance(year: int) -> int:
        period = period_of(replace(point, year=year))
        if period is None or period.start is None or period.end is None:
            return 10**6
        if period.start <= published <= period.end:
            return 0
        return min(abs((period.start - published).days), abs((period.end - published).days))

    return min((published.year - 1, published.year, published.year + 1), key=distance)


def earliest_year(point: Point, published: date) -> int:
    """The year that puts a yearless point first on or after the publication day."""
    for year in (published.year, published.year + 1):
        period = period_of(replace(point, year=year))
        if period is not None and period.end is not None and period.end >= published:
            return year
    return published.year + 1


def day_period(day: date) -> Period:
    return Period(day, day, DAY)


def shifted(published: date, unit: str, offset: int) -> Period:
    """The day, week, month or year `offset` units away from the publication day."""
    if unit == "day":
        return day_period(published + timedelta(days=offset))
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=offset)
        return Period(monday, monday + timedelta(days=6), DAY)
    if unit == "month":
        index = published.year * 12 + published.month - 1 + offset
        year, month = divmod(index, 12)
        return Period(date(year, month + 1, 1), month_end(year, month + 1), MONTH)
    year = published.year + offset
    return Period(date(year, 1, 1), date(year, 12, 31), YEAR)


def weekday_near(published: date, weekday: int, mode: str) -> Period:
    """The named weekday: `last` strictly before the publication day, `next` strictly
    after it, `recent` on or before it (a plain `в четверг` in a report is past)."""
    back = (published.weekday() - weekday) % 7
    if mode == "next":
        return day_period(published + timedelta(days=(weekday - published.weekday() - 1) % 7 + 1))
    if mode == "last" and back == 0:
        back = 7
    return day_period(published - timedelta(days=back))
