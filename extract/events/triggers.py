"""Event triggers: the words in a sentence that name or state an event, and the
event's name grown from them.

A noun trigger (`совещание`, `форум`, `визит`) takes the modifiers before it
(`4-ом`, `Пленарное`) and its complements after it: words in an oblique case,
names, quoted titles, `по ...`, `с ...`, `в области ...`, and a participle
clause after a comma (`..., ответственных за ИКТ`). It stops at a verb, at
other punctuation, at another event noun, and at the prepositions that bring
arguments rather than name parts (`в г. Карамай`, `под председательством`). A
trigger with no complement is `bare`: a reference back to an event named
before (`В ходе конференции`). A verb trigger (`подписали`, `назначена на
должность`, `вошла в состав`) takes the words it needs and its object the
same way.
"""

import re
from dataclasses import dataclass

from pymorphy3 import MorphAnalyzer

from ..const import PER, QUOTE_PAIRS
from ..records import Mention, Token
from .words import (
    EVENT_NOUNS,
    EVENT_PAIRS,
    EVENT_VERBS,
    NEEDS_OBJECT,
    PARTS,
    VERB_NEEDS,
)

ORDINAL = re.compile(r"^(\d+|[IVXLC]+)(-?[а-яё]{1,3})?$")
VERB_TAGS = {"VERB", "INFN", "PRTS", "GRND"}
PHRASE_TAGS = {"NOUN", "ADJF", "PRTF", "NUMR", "NPRO"}
NAME_PREPOSITIONS = {"по", "для", "о", "об", "с", "со", "между", "на"}
# `в области цифровых технологий`, `в сфере ИКТ` name a field, part of the name.
FIELDS = {"область", "сфера"}
MAX_NAME = 25  # tokens after the trigger word that may belong to its name


@dataclass(frozen=True, slots=True)
class Trigger:
    """Words naming an event in one sentence: token range, head word, type."""

    sentence: int
    start: int
    end: int
    head: int
    lemma: str
    type: str
    bare: bool
    verb: bool
    also: str = ""  # the part noun it came with (`заседание` of `заседание Форума`)


def lemma(token: Token, morph: MorphAnalyzer) -> str:
    return morph.parse(token.text.lower())[0].normal_form


def pos(token: Token, morph: MorphAnalyzer) -> str | None:
    return morph.parse(token.text)[0].tag.POS


def is_ordinal(token: Token, morph: MorphAnalyzer) -> bool:
    if ORDINAL.match(token.text):
        return True
    parse = morph.parse(token.text)[0]
    return "Anum" in parse.tag or parse.tag.POS == "NUMR"


def closing_quote(tokens: list[Token], index: int) -> int | None:
    want = QUOTE_PAIRS.get(tokens[index].text)
    if want is None:
        return None
    return next((i for i in range(index + 1, len(tokens)) if tokens[i].text == want), None)


def is_event_word(token: Token, morph: MorphAnalyzer) -> bool:
    return lemma(token, morph) in EVENT_NOUNS


def phrase_end(tokens: list[Token], index: int, taken: dict[int, Mention], morph) -> int:
    """Where the complements of the word at `index` end (exclusive)."""
    end = index + 1
    limit = min(len(tokens), index + 1 + MAX_NAME)
    clause = False  # inside `, ответственных за ИКТ`
    j = index + 1
    while j < limit:
        token = tokens[j]
        word = token.text.lower()
        if j in taken:
            mention = taken[j]
            if mention.type == PER and tokens[j - 1].text.lower() not in NAME_PREPOSITIONS:
                break  # `На заседании П.Н.Ткач выступил`: the name starts a clause
            while j < len(tokens) and tokens[j].start < mention.end:
                j += 1
            end = j
            continue
        close = closing_quote(tokens, j)
        if close is not None:
            j = end = close + 1
            continue
        if token.text in {"–", "—", "-"} and j + 1 < limit and j + 1 in taken:
            j += 1
            continue
        if token.text == ",":
            after = tokens[j + 1] if j + 1 < len(tokens) else None
            if after is not None and pos(after, morph) == "PRTF" and not clause:
                clause = True
                j += 1
                continue
            break
        if not token.text[:1].isalnum():
            break
        if clause:
            if pos(token, morph) in VERB_TAGS:
                break
            j = end = j + 1
            continue
        if is_event_word(token, morph):
            break
        if word in {"в", "во"}:
            following = tokens[j + 1] if j + 1 < len(tokens) else None
            if following is None or lemma(following, morph) not in FIELDS:
                break
            j += 1
            continue
        if word == "и":
            following = tokens[j + 1] if j + 1 < len(tokens) else None
            if following is None or is_event_word(following, morph) or (j + 1) in taken:
                break
            if pos(following, morph) not in PHRASE_TAGS:
                break
            j += 1
            continue
        if word in NAME_PREPOSITIONS:
            j += 1
            continue
        tag = pos(token, morph)
        parse = morph.parse(token.text)[0]
        if tag not in PHRASE_TAGS or (tag == "NPRO" or parse.tag.case == "nomn"):
            break
        j = end = j + 1
    return end


def modifiers_start(tokens: list[Token], index: int, morph: MorphAnalyzer) -> int:
    """The adjectives and ordinals before an event word (`4-ом`, `Пленарное`)."""
    start = index
    while start > 0:
        token = tokens[start - 1]
        tag = pos(token, morph)
        if is_ordinal(token, morph) or (tag in {"ADJF", "PRTF"} and token.text.isalpha()):
            start -= 1
            continue
        break
    return start


def has_object(tokens: list[Token], index: int, taken: dict[int, Mention], morph) -> bool:
    """`создание Центра`, `о создании которой`, `назначение на должность`."""
    following = tokens[index + 1 : index + 3]
    if not following:
        return False
    if index + 1 in taken or lemma(following[0], morph) == "который":
        return True
    words = [lemma(t, morph) for t in following]
    return words[:1] == ["на"] or words[:2] == ["в", "состав"]


def needs_met(tokens: list[Token], index: int, word: str, morph: MorphAnalyzer) -> int | None:
    """The end of a verb trigger's required words (`в состав`), or `None`."""
    needed = VERB_NEEDS.get(word, ())
    position = index + 1
    for want in needed:
        window = range(position, min(len(tokens), position + 3))
        found = next((i for i in window if lemma(tokens[i], morph) == want), None)
        if found is None:
            return None
        position = found + 1
    return position


def find_triggers(
    number: int, tokens: list[Token], taken: dict[int, Mention], morph: MorphAnalyzer
) -> list[Trigger]:
    """Every event trigger of one sentence, in order."""
    found: list[Trigger] = []
    skip_to = 0
    for index, token in enumerate(tokens):
        if index < skip_to or index in taken or not token.text[:1].isalpha():
            continue
        word = lemma(token, morph)
        tag = pos(token, morph)
        pair = (word, lemma(tokens[index + 1], morph)) if index + 1 < len(tokens) else None
        if pair in EVENT_PAIRS:
            end = phrase_end(tokens, index + 1, taken, morph)
            found.append(
                Trigger(
                    number,
                    index,
                    end,
                    index + 1,
                    pair[1],
                    EVENT_PAIRS[pair],
                    end == index + 2,
                    False,
                )
            )
            skip_to = index + 2
        elif word in EVENT_NOUNS and tag == "NOUN":
            if word in NEEDS_OBJECT and not has_object(tokens, index, taken, morph):
                continue
            if (
                word in PARTS
                and index + 1 < len(tokens)
                and is_event_word(tokens[index + 1], morph)
            ):
                inner = tokens[index + 1]
                end = phrase_end(tokens, index + 1, taken, morph)
                start = modifiers_start(tokens, index, morph)
                inner_word = lemma(inner, morph)
                found.append(
                    Trigger(
                        number,
                        start,
                        end,
                        index + 1,
                        inner_word,
                        EVENT_NOUNS[inner_word],
                        False,
                        False,
                        also=word,
                    )
                )
                skip_to = index + 2
                continue
            start = modifiers_start(tokens, index, morph)
            end = phrase_end(tokens, index, taken, morph)
            ordinal = any(is_ordinal(tokens[i], morph) for i in range(start, index))
            bare = end == index + 1 and not ordinal
            found.append(Trigger(number, start, end, index, word, EVENT_NOUNS[word], bare, False))
        elif word in EVENT_VERBS and tag in VERB_TAGS | {"PRTF"}:
            needed = needs_met(tokens, index, word, morph)
            if needed is None:
                continue
            end = phrase_end(tokens, needed - 1, taken, morph) if needed > index + 1 else index + 1
            found.append(Trigger(number, index, end, index, word, EVENT_VERBS[word], False, True))
    return found
