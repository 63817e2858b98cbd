"""When an event happened, as an analyst counts it: how precise its dates are,
whether the release reports it, announces it or recalls it, and where its
date comes from.

- `precision`: its dates' (`day`, `month`, `quarter`, `year`), or `range` when
  they run over more than one of them (`17 – 18 июня`, `январь – июль`,
  `в середине июля`): a month is not a day, and a chart must not draw it as one.
- `status`: `background` in a background paragraph (`Справочно: ...`, a
  biography); else `planned` when dated after the publication day, or stated in
  the future (`состоится`, `будет проведено`) or as a plan (`запланировано`,
  `намечено`, `предстоящий`); else `background` when only spoken of with no
  date (`итоги шестого заседания`: `extract.events`) or dated more than
  `RECALLED` days before the publication day (an earlier event recalled: `В
  2024 году стороны подписали меморандум`); else `reported`: the release's news.
- `date_from`: `text` for a date of its own; an event without one takes the
  publication day only when it is `reported` (`В Министерстве прошло
  совещание` in a release of that day), and says so with `published`.
"""

from bisect import bisect_right
from dataclasses import replace
from datetime import date, timedelta

from pymorphy3 import MorphAnalyzer

from ..const import BACKGROUND, DAY, MONTH, PLANNED, QUARTER, RANGE, REPORTED, YEAR
from ..dates import tense_of
from ..dates.anchor import background_paragraphs, split_paragraphs
from ..morphology import analyses
from ..records import Event, Sentence

RECALLED = 60  # days before publication past which a dated event is recalled, not news
PLANS = {"запланировать", "планироваться", "наметить", "намечаться", "предстоящий"}
PLANS |= {"предстоять", "анонсировать", "ожидаться"}


def precision(event: Event, unit: str) -> str:
    """`unit`, the precision of the event's dates, or `range` when they run over
    more than one day, month, quarter or year."""
    if not (event.date_start and event.date_end):
        return unit
    start, end = date.fromisoformat(event.date_start), date.fromisoformat(event.date_end)
    same = {
        DAY: start == end,
        MONTH: (start.year, start.month) == (end.year, end.month),
        QUARTER: (start.year, (start.month - 1) // 3) == (end.year, (end.month - 1) // 3),
        YEAR: start.year == end.year,
    }
    return unit if same.get(unit, True) else RANGE


def is_planned(sentence: Sentence, morph: MorphAnalyzer) -> bool:
    """The sentence announces its events: all its verbs are future, or it names a plan."""
    words = {analyses(t.text.lower(), morph)[0].normal_form for t in sentence.tokens}
    return tense_of(sentence, morph) == "futr" or not PLANS.isdisjoint(words)


def status(event: Event, background: bool, planned: bool, published: date | None) -> str:
    start = date.fromisoformat(event.date_start) if event.date_start else None
    end = date.fromisoformat(event.date_end) if event.date_end else start
    if background:
        return BACKGROUND
    if planned or (published and start and start > published):
        return PLANNED
    if event.status == BACKGROUND and start is None:  # `итоги шестого заседания`
        return BACKGROUND
    if published and end and end < published - timedelta(days=RECALLED):
        return BACKGROUND
    return REPORTED


def timed(
    events: list[Event],
    sentences: list[Sentence],
    text: str,
    published: str,
    units: dict[tuple[str, str], str],
    morph: MorphAnalyzer,
) -> list[Event]:
    """The events with their precision, status and date source (see the module
    docstring); `units` is the precision of each (date_start, date_end) the
    release's dates give, `published` its ISO publication day or ''."""
    day = date.fromisoformat(published) if published else None
    paragraphs = split_paragraphs(text)
    background = background_paragraphs(text, paragraphs)
    starts = [s.start for s in sentences]
    found = []
    for event in events:
        sentence = sentences[max(0, bisect_right(starts, event.start) - 1)]
        paragraph = bisect_right(paragraphs, (event.start, len(text))) - 1
        state = status(event, paragraph in background, is_planned(sentence, morph), day)
        if event.date_start or event.date_end:
            unit = units.get((event.date_start, event.date_end), DAY)
            found.append(
                replace(event, precision=precision(event, unit), status=state, date_from="text")
            )
        elif state == REPORTED and day is not None:
            dated = replace(event, date_start=published, date_end=published)
            found.append(replace(dated, precision=DAY, status=state, date_from="published"))
        else:
            found.append(replace(event, status=state))
    return found
