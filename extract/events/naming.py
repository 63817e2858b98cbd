"""An event's name in the nominative, and the key that tells two namings apart.

The head noun and the modifiers before it go into the nominative (singular,
unless the noun has no singular: `переговоры`); an ordinal written in digits
takes the ending of the head's gender (`4-ом Совещании` -> `4-е Совещание`);
everything after the head is a complement and stays as written.
"""

import re
from functools import lru_cache

from pymorphy3 import MorphAnalyzer

from ..morphology import analyses
from ..normalize import restore_case
from ..records import Token
from .triggers import ORDINAL, Trigger, is_ordinal, lemma
from .words import VERB_NOUNS

DIGITS = re.compile(r"^(\d+|[IVXLC]+)-?[а-яё]*$")
ORDINAL_ENDINGS = {"masc": "-й", "femn": "-я", "neut": "-е", "plur": "-е"}
DANGLING = {"на", "в", "во", "с", "со", "от", "по", "к"}  # prepositions left without a word
KEY_WORDS = 4  # complement words that tell two events with one head apart


@lru_cache(maxsize=1 << 14)
def inflect_head(text: str, word: str, morph: MorphAnalyzer) -> tuple[str, str]:
    """The head (`text`, read as the lemma `word`) in the nominative, and the
    grammemes its modifiers agree with. Cached, like `inflect_modifier`:
    pymorphy3 builds the word's whole lexeme for each inflection."""
    parses = [p for p in analyses(text, morph) if p.normal_form == word] or analyses(text, morph)
    parse = parses[0]
    plural = "Pltm" in parse.tag
    number = "plur" if plural else "sing"
    form = parse.inflect({"nomn", number}) or parse.inflect({"nomn"})
    agreement = "plur" if plural else str(parse.tag.gender or "masc")
    return restore_case(text, form.word if form else text), agreement


@lru_cache(maxsize=1 << 14)
def inflect_modifier(text: str, agreement: str, morph: MorphAnalyzer) -> str:
    digits = DIGITS.match(text)
    if digits and ORDINAL.match(text):
        return digits.group(1) + ORDINAL_ENDINGS[agreement] if "-" in text else text
    parse = analyses(text, morph)[0]
    grammemes = {"nomn", agreement} if agreement == "plur" else {"nomn", "sing", agreement}
    form = parse.inflect(grammemes)
    return restore_case(text, form.word) if form else text


def event_name(tokens: list[Token], trigger: Trigger, text: str, morph: MorphAnalyzer) -> str:
    """The words that name the event, head and modifiers in the nominative."""
    end = tokens[trigger.end - 1].end
    if trigger.verb:  # `вошла в состав ШОС` -> `вхождение в состав ШОС`
        last = trigger.end
        while last - 1 > trigger.head and tokens[last - 1].text.lower() in DANGLING:
            last -= 1  # `назначен на` with nothing after it
        rest = (
            text[tokens[trigger.head].end : tokens[last - 1].end] if last > trigger.head + 1 else ""
        )
        return (trigger.also or VERB_NOUNS.get(trigger.lemma, trigger.lemma)) + rest
    if trigger.end == trigger.head + 2 and lemma(tokens[trigger.head + 1], morph) == "который":
        end = tokens[trigger.head].end  # `о создании которой`: the body is named elsewhere
    first = trigger.head if trigger.also else trigger.start
    head, agreement = inflect_head(tokens[trigger.head].text, trigger.lemma, morph)
    words = [inflect_modifier(t.text, agreement, morph) for t in tokens[first : trigger.head]]
    rest = text[tokens[trigger.head].end : end]
    return " ".join([*words, head]) + rest


def name_key(tokens: list[Token], trigger: Trigger, morph: MorphAnalyzer) -> tuple[str, ...]:
    """The ordinal, the head and the first complement words, as lemmas."""
    ordinals = tuple(
        DIGITS.match(t.text).group(1) if DIGITS.match(t.text) else lemma(t, morph)
        for t in tokens[trigger.start : trigger.head]
        if is_ordinal(t, morph)
    )
    words = [
        lemma(t, morph) for t in tokens[trigger.head + 1 : trigger.end] if t.text[:1].isalnum()
    ]
    return (*ordinals, trigger.lemma, *words[:KEY_WORDS])
