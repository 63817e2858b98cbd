"""Anchoring: the year a yearless date takes, and the days every record covers."""

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date

from .calendar import (
    Period,
    Point,
    earliest_year,
    latest_year,
    nearest_year,
    needs_year,
    period_of,
    shifted,
    weekday_near,
)
from .read import DATE, Found, Relative

BACKGROUND = re.compile(r"^\s*(?:справочно|справка|для справки|историческая справка)\b", re.I)
BIOGRAPHY = re.compile(r"\bродил(?:ся|ась)\b", re.I)
MARKER_ONLY = re.compile(
    r"^\s*(?:справочно|справка|для справки|историческая справка)\s*:?\s*$", re.I
)


@dataclass(frozen=True, slots=True)
class Context:
    """What anchoring needs to know of the document."""

    paragraphs: list[tuple[int, int]]
    background: set[int]  # indices of background paragraphs
    years: list[tuple[int, int]]  # (offset, year) of every explicit year
    published: date | None

    def paragraph(self, offset: int) -> int:
        """The index of the paragraph an offset falls in (paragraphs are in order)."""
        return bisect_right(self.paragraphs, (offset, math.inf)) - 1

    def anchor(self, offset: int, point: Point, tense: str = "") -> int | None:
        """The year for a yearless point at `offset` in a sentence of `tense`; see
        `extract.dates`'s docstring."""
        paragraph = self.paragraph(offset)
        before = [
            (at, year) for at, year in self.years if at < offset and self.paragraph(at) == paragraph
        ]
        if before:
            return max(before)[1]
        if self.published and tense == "past":  # `Встреча прошла 1 авг.`: the August before
            return latest_year(point, self.published)
        if self.published and tense == "futr":  # `вступят в силу с 1 марта`: the next March
            return earliest_year(point, self.published)
        if self.published:
            return nearest_year(point, self.published)
        body = [
            (abs(at - offset), year)
            for at, year in self.years
            if self.paragraph(at) not in self.background
        ]
        return min(body)[1] if body else None

    def year_before(self, offset: int) -> int | None:
        before = [(at, year) for at, year in self.years if at < offset]
        return max(before)[1] if before else None


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def background_paragraphs(text: str, paragraphs: list[tuple[int, int]]) -> set[int]:
    background: set[int] = set()
    for index, (start, end) in enumerate(paragraphs):
        line = text[start:end]
        if BACKGROUND.match(line) or BIOGRAPHY.search(line):
            background.add(index)
            if MARKER_ONLY.match(line):
                background.add(index + 1)
    return background


def relative_period(relative: Relative, published: date) -> Period:
    if relative.unit == "weekday":
        return weekday_near(published, relative.weekday, relative.mode)
    return shifted(published, relative.unit, relative.offset)


def anchored(found: Found, point: Point, context: Context) -> Point:
    if not needs_year(point):
        return point
    anchor = found.anchor or point
    if found.target and context.published:  # `запланирована на июнь`: the next June
        return replace(point, year=earliest_year(anchor, context.published))
    return replace(point, year=context.anchor(found.start, anchor, found.tense))


def resolve(found: Found, context: Context) -> Period | None:
    """The days a found expression covers, or `None` when they cannot be told."""
    if found.kind != DATE:
        return None
    published = context.published
    if found.relative is not None:
        if published is None:
            return None
        if found.point is not None:  # `в феврале этого года`
            year = published.year + found.relative.offset
            return period_of(replace(found.point, year=year))
        period = relative_period(found.relative, published)
    elif found.same_year:
        year = context.year_before(found.start)
        period = period_of(Point(year=year)) if year else None
    elif found.point is None:  # `на следующий день`: counted from an untold event
        return None
    else:
        period = period_of(anchored(found, found.point, context))
        if found.until is not None and period is not None:
            right = period_of(anchored(found, found.until, context))
            period = Period(period.start, right.end, right.precision) if right else None
    if period is None or not found.relation:
        return period
    if found.relation == "since":
        return Period(period.start, None, period.precision)
    return Period(None, period.end, period.precision)
