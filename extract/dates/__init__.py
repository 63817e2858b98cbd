"""Date and period expressions: found per sentence, then anchored and resolved.

The yargy grammar (`grammars.dates`) finds each expression and names its
parts; this module reads the parts with their offsets and turns every
expression into one `dates` row, or one row per member of an enumeration
(`17 и 24 июня`: `17` and `24 июня`, both June). Members of an enumeration
and the left end of a range take the month and year they lack from the
right (`17 – 18 июня 2025 г.`), and are anchored as one: the last member,
or the right end, fixes the year. The row's text starts at a leading
preposition (`в июне`, `с 30 мая по 2 июня`) but not at a particle before it
(`ещё два года` is `два года`, `начиная с 2006 года` is `с 2006 года`), and
ends at `г` without its dot (`в 2023 г`), as NEREL marks dates. A count of
years that is someone's age (`девочка 8 лет`, `от 13 до 16 лет`, `выходят на
пенсию не позже 45 лет`, `им было 30, 20 и 19 лет`, `Клэренс Картер, 49 лет`,
`на 85 году жизни`) or a difference of ages (`на год младше`) is no row, nor
an adjective of years before a person (`восьмилетний сын`), an age or an
anniversary (`80-летний юбилей`); before a term it is a duration
(`пятилетний срок`, `25-летний срок`). A year needs no preposition
(`Кубок конфедераций 2017`, `(1994, 1997)`) unless a digit or a number sign
stands next to it (`№ 1747`) or it counts the noun after it (`до 1500
участников`). Words that open a quoted title (`«Один день Ивана Денисовича»`)
are no date, and `накануне` before a genitive (`накануне выборов`) is a
preposition, not the day before.

Which forms are dates follows NEREL's annotation of its train texts: a form
is read when most of its occurrences there are DATE (`пятилетний`, `майские`,
`в ближайшие месяцы`, `в конце прошлой недели`, `ежегодно`, `долгие годы`,
`в текущем сезоне`, `на Рождество`, `2002/03`), and left alone when most are
not (`в настоящее время`, `недавно`, `в день` as a rate).

Anchoring. A day, month, quarter or season without a year takes its year
from, in order:

1. the nearest explicit year before it in the same paragraph;
2. else the publication date: the year that puts it nearest that day (a
   release's `18 ноября` is the day before its 19 November; `с 1 сентября`
   in June is the coming September), or, when every verb of its sentence is
   in one tense, the latest such day not after it (`прошло`) or the first not
   before it (`вступят в силу`, `будет подготовлен`);
3. else the nearest explicit year in the body of the release, either side,
   leaving out background paragraphs, which report history: those opening
   with `Справочно`, `Справка`, `Для справки` (and the one after a line that
   is only such a marker), and biographies (`родился в 1981 году`);
4. else it keeps no year: `date_start` and `date_end` stay empty.

A date after `на` or `к` is what something is scheduled for: it anchors nothing
(`план на 2026 – 2027 годы` is not when anything happened), and without a
year it is the first such day or month on or after the publication date
(`встреча запланирована на июнь`).

In the seed release, `В июне` (first paragraph, no year of its own) gets 2025
from `17 – 18 июня 2025 г.` in the body, not 2001 or 2024 from the
`Справочно:` paragraphs; `17 и 24 июня` and `12 июня` get 2025 the same way.

Relative expressions (`сегодня`, `вчера`, `накануне`, `на прошлой неделе`,
`в прошлом году`, `три дня назад`, `в четверг`) resolve against the
publication date only, and stay empty without one. `в том же году` takes the
nearest explicit year before it. `с 2019 года` has no end and `до 1991 года`
no start. Durations (`два года`, `пятилетний`), recurrences (`каждый день`,
`ежегодно`) and named times with no day to give (`в ближайшие месяцы`, `на
Рождество`, `в следующем мае`) are rows with `kind` set and no dates. Decades
and centuries in words resolve (`в девяностые годы двадцатого века`,
`в тридцатых-сороковых годах прошлого века`).
"""

from dataclasses import replace
from datetime import date
from functools import lru_cache

from pymorphy3 import MorphAnalyzer

from ..grammars.dates import DateGrammar
from ..morphology import WORD_FORMS, analyses
from ..records import DateSpan, Document, Sentence
from .anchor import Context, background_paragraphs, resolve, split_paragraphs
from .calendar import needs_year
from .read import Found, find_in_sentence

FINITE = {"VERB", "PRTS"}  # words that carry a sentence's tense
FUTURE = {"будет", "будут", "буду", "будем", "будете", "будешь"}  # `будет подготовлен`
INFINITIVE = "INFN"  # `word_tense` of an infinitive


def explicit_years(found: list[Found]) -> list[tuple[int, int]]:
    return [
        (item.start, item.point.year)
        for item in found
        if item.point is not None
        and item.point.year is not None
        and item.relative is None
        and not item.target
    ]


def tense_of(sentence: Sentence, morph: MorphAnalyzer) -> str:
    """`past` or `futr` when every finite verb of the sentence is in that tense
    (`Встреча прошла ...`, `Документ будет подготовлен ...`) and none governs an
    infinitive (`решено провести`), else ''."""
    tenses = set()
    for token in sentence.tokens:
        tense = word_tense(token.text.lower(), morph)
        if tense == INFINITIVE:  # `решено провести`: a decision past, its event to come
            return ""
        if tense:
            tenses.add(tense)
    return next(iter(tenses)) if len(tenses) == 1 and tenses <= {"past", "futr"} else ""


@lru_cache(maxsize=WORD_FORMS)
def word_tense(word: str, morph: MorphAnalyzer) -> str:
    """The tense a lower-cased word gives its sentence by its likeliest reading:
    a finite verb's (`futr` for `будет`), `INFINITIVE` for an infinitive, ''
    for any other word; kept per word, as `tense_of` reads every word."""
    tag = analyses(word, morph)[0].tag
    if tag.POS == "INFN":
        return INFINITIVE
    if tag.POS in FINITE and tag.tense:
        return "futr" if tag.tense == "futr" or word in FUTURE else str(tag.tense)
    return ""


def with_tense(found: list[Found], sentence: Sentence, grammar: DateGrammar) -> list[Found]:
    """The sentence's tense on each date that lacks a year to place it by."""
    if not any(item.point is not None and needs_year(item.point) for item in found):
        return found
    tense = tense_of(sentence, grammar.morph)
    return [replace(item, tense=tense) for item in found] if tense else found


def iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def find_dates(
    document: Document, sentences: list[Sentence], grammar: DateGrammar
) -> list[DateSpan]:
    """Every date or period expression of a document, anchored and resolved."""
    text = document.text
    found = [
        item
        for sentence in sentences
        for item in with_tense(find_in_sentence(sentence, text, grammar), sentence, grammar)
    ]
    paragraphs = split_paragraphs(text)
    context = Context(
        paragraphs=paragraphs,
        background=background_paragraphs(text, paragraphs),
        years=explicit_years(found),
        published=date.fromisoformat(document.published) if document.published else None,
    )
    rows = []
    for number, item in enumerate(found, start=1):
        period = resolve(item, context)
        rows.append(
            DateSpan(
                doc_id=document.doc_id,
                date_id=f"{document.doc_id}#d{number}",
                start=item.start,
                end=item.end,
                text=text[item.start : item.end],
                date_start=iso(period.start) if period else "",
                date_end=iso(period.end) if period else "",
                precision=period.precision if period else "",
                kind=item.kind,
            )
        )
    return rows
