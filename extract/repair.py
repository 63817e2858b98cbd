"""Mention repairs over a whole sentence, after slovnet: `SENTENCE_RULES`.

Each rule takes a sentence's tokens and its mentions as token ranges, and
returns the mentions it leaves, adds or joins. The rules are small and named
so tests can say which one fired:

- `add_quoted_names`: a quoted name after a word that introduces an
  organisation (`концерн «Фольксваген»`, `ГУП «Водоканал»`) is one, if slovnet
  missed it; after a legal form the form and quotes belong to the name.
- `add_transcriptions`: a Latin transcription in brackets right after a
  mention (`Международная амнистия (Amnesty International)`) names the same
  thing, so it is a mention of the same type.
- `join_complements`: an organisation followed at once by an organisation or
  place in the genitive is one organisation (`Секретариата` + `ШОС`,
  `Министерство связи` + `Республики Беларусь`); the inner mention stays, so
  `ШОС` is still counted.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from pymorphy3 import MorphAnalyzer

from .const import LOC, ORG
from .records import Token

OPENERS = {"«": "»", '"': '"', "„": "“", "“": "”"}
LEGAL_FORMS = set("ООО ОАО ЗАО АО ПАО РУП УП ТОО ГУП ФГУП МУП НКО ЧУП ОДО СООО ИООО".split())
INTRODUCERS = set(
    "компания концерн корпорация группа газета журнал агентство банк партия движение фонд "
    "холдинг завод фабрика издательство телеканал радиостанция клуб общество ассоциация союз "
    "объединение предприятие организация центр институт университет театр музей фирма "
    "оператор служба академия комбинат кооператив товарищество лаборатория консорциум "
    "команда".split()
)
LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9&.'-]*$")
MAX_NAME = 8  # tokens inside quotes or brackets


@dataclass(frozen=True, slots=True)
class Span:
    """A mention as a range of token indices in its sentence."""

    start: int
    end: int
    type: str


def free(spans: list[Span], start: int, end: int) -> bool:
    return not any(s.start < end and start < s.end for s in spans)


def closing(tokens: list[Token], opener: int) -> int | None:
    want = OPENERS[tokens[opener].text]
    for index in range(opener + 1, min(len(tokens), opener + MAX_NAME + 2)):
        if tokens[index].text == want:
            return index
    return None


def add_quoted_names(tokens: list[Token], spans: list[Span], morph: MorphAnalyzer) -> list[Span]:
    added = []
    for index, token in enumerate(tokens[1:], start=1):
        if token.text not in OPENERS:
            continue
        close = closing(tokens, index)
        if close is None or close == index + 1 or not tokens[index + 1].text[:1].isupper():
            continue
        before = tokens[index - 1].text
        if before in LEGAL_FORMS:
            span = Span(index - 1, close + 1, ORG)
        elif morph.parse(before)[0].normal_form in INTRODUCERS:
            span = Span(index + 1, close, ORG)
        else:
            continue
        if free(spans + added, span.start, span.end):
            added.append(span)
    return spans + added


def add_transcriptions(tokens: list[Token], spans: list[Span], morph: MorphAnalyzer) -> list[Span]:
    added = []
    for span in spans:
        opener = span.end
        if opener >= len(tokens) or tokens[opener].text != "(":
            continue
        window = range(opener + 1, min(len(tokens), opener + MAX_NAME + 2))
        close = next((i for i in window if tokens[i].text == ")"), None)
        inner = tokens[opener + 1 : close] if close else []
        if (
            inner
            and all(LATIN.match(t.text) for t in inner)
            and inner[0].text[:1].isupper()
            and free(spans + added, opener + 1, close)
        ):
            added.append(Span(opener + 1, close, span.type))
    return spans + added


def is_genitive(token: Token, morph: MorphAnalyzer) -> bool:
    word = token.text
    if word.isupper() or not word[:1].isupper():
        return word.isupper()
    return any(parse.tag.case == "gent" for parse in morph.parse(word))


def joins(first: Span, second: Span, tokens: list[Token], morph: MorphAnalyzer) -> bool:
    return (
        first.type == ORG
        and second.type in (ORG, LOC)
        and second.start == first.end
        and is_genitive(tokens[second.start], morph)
    )


def join_complements(tokens: list[Token], spans: list[Span], morph: MorphAnalyzer) -> list[Span]:
    """Join from the right, so a chain nests: `Департамента ...` + `Министерства ...` +
    `КНР` gives the whole, `Министерства ... КНР` inside it, and `КНР` inside that."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    joined = list(ordered)
    for index in range(len(ordered) - 2, -1, -1):
        first, second = ordered[index], joined[index + 1]
        if joins(first, second, tokens, morph):
            joined[index] = Span(first.start, second.end, ORG)
    return sorted(set(joined), key=lambda s: (s.start, -s.end))


SENTENCE_RULES: list[Callable[[list[Token], list[Span], MorphAnalyzer], list[Span]]] = [
    add_quoted_names,
    add_transcriptions,
    join_complements,
]


def repair_sentence(tokens: list[Token], spans: list[Span], morph: MorphAnalyzer) -> list[Span]:
    for rule in SENTENCE_RULES:
        spans = rule(tokens, spans, morph)
    return sorted(set(spans), key=lambda s: (s.start, -s.end))
