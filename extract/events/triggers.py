"""Event triggers: the words in a sentence that name or state an event, and the
event's name grown from them.

A noun trigger (`совещание`, `форум`, `визит`) takes the modifiers before it
(`4-ом`, `Пленарное`) and its complements after it: names, quoted titles,
genitives, `по ...`, `с ...`, `в области ...`, and a participle clause after
a comma (`..., ответственных за ИКТ`, not `..., прошедшего в июне`). It stops
at a verb, at other punctuation, at another event noun, at a subject (`стороны
договорились`) and at the prepositions that bring arguments rather than name
parts (`в г. Карамай`, `под председательством`). A trigger with no complement
is `bare`: a reference back to an event named before (`В ходе конференции`),
unless a modifier makes it new (`очередную встречу`). A verb trigger
(`подписали`, `назначена на должность`, `вошла в состав`, `заключило
договор`) takes the words it needs and its object the same way; an infinitive
states an intention, not an event.

No trigger: a count (`более 80 встреч`), an undated plural (`проведены
консультации`), a proposal (`предложила провести семинар`), what a document
is about (`Договор о создании ...`), a mode (`в режиме видеоконференции`), a
plan with no date (`Следующее совещание пройдёт ...`), a rumour or a forecast
(`По слухам`, `аналитики ожидают отставки`), any event of a kind (`при
подписании любого договора`), a court's session, a status (`полковник в
отставке`), a date set (`назначено на 20 мая`). `делегация` is a visit
only where the sentence says it came or stayed, else a reference back.
"""

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from pymorphy3 import MorphAnalyzer
from pymorphy3.analyzer import Parse

from ..const import PER, QUOTE_PAIRS
from ..morphology import WORD_FORMS, analyses, can_be, is_singular, part_of_speech
from ..posts import ACTING, is_post_word
from ..records import Mention, Token
from .words import (
    ANY_OF_KIND,
    ASPECTS,
    COUNTS,
    COURTS,
    DOCUMENTS,
    EVENT_NOUNS,
    EVENT_PAIRS,
    EVENT_VERBS,
    FRAMES,
    GUESTS,
    HAPPENINGS,
    HYPOTHESES,
    LINKS,
    MODES,
    NEEDS_AHEAD,
    NEEDS_OBJECT,
    NEW_MARKERS,
    NEXT,
    PARTS,
    RECEPTIONS,
    REFERENCES,
    SPECULATION,
    STAYS,
    VERB_NEEDS,
    VERB_OBJECTS,
)

WORDS = re.compile(r"[А-ЯЁа-яё-]{2,}")
ORDINAL = re.compile(r"^(\d+-?[а-яё]{1,3}|[IVXLC]+)$")
CARDINAL = re.compile(r"^\d+$")
VERB_TAGS = {"VERB", "INFN", "PRTS", "GRND"}
PHRASE_TAGS = {"NOUN", "ADJF", "PRTF", "NUMR", "NPRO"}
NAME_PREPOSITIONS = {"по", "для", "о", "об", "с", "со", "между", "на"}
# `в области цифровых технологий`, `в сфере ИКТ` name a field, part of the name.
FIELDS = {"область", "сфера"}
OBJECT_REACH = 6  # words between a verb and the object it needs
GUEST_REACH = 9  # and the guest it receives, past a place (`в Белом доме своего коллегу`)
POST_REACH = 4  # words between a verb of appointing and the post it gives after it
POST_BEFORE = 10  # and before it, within its clause
TO_POSTS = {"назначить", "избрать"}  # verbs that state an appointment by the post alone
HYPOTHESIS_REACH = 10  # words between a proposal and the event it proposes
CLAUSE_MARKS = set(",;:!?()«»")
MAX_NAME = 25  # tokens after the trigger word that may belong to its name
# the lemmas a trigger can start at, besides an event noun's compounds (`event_word`)
TRIGGER_LEMMAS = {first for first, _ in EVENT_PAIRS} | set(REFERENCES) | set(EVENT_VERBS)


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
    # the part noun it came with (`заседание` of `заседание Форума`), or the noun a
    # verb's other reading names (`принял посла`: `встреча`)
    also: str = ""
    refers: bool = False  # only refers back to an event (`делегация`), never starts one
    within: int | None = None  # the trigger of the sentence it is held at, by position


def first_parse(word: str, morph: MorphAnalyzer) -> Parse:
    """pymorphy3's likeliest reading."""
    return analyses(word, morph)[0]


def lemma(token: Token, morph: MorphAnalyzer) -> str:
    """The dictionary form, an imperfective verb's as its perfective's (`ASPECTS`)."""
    return word_lemma(token.text, morph)


@lru_cache(maxsize=WORD_FORMS)
def word_lemma(text: str, morph: MorphAnalyzer) -> str:
    """`lemma` by the word alone: the rules ask for each token's many times."""
    word = first_parse(text.lower(), morph).normal_form
    return ASPECTS.get(word, word)


def pos(token: Token, morph: MorphAnalyzer) -> str | None:
    return part_of_speech(token.text, morph)


def genitive(token: Token, morph: MorphAnalyzer) -> bool:
    """A complement of an event noun without a preposition stands in the genitive
    (`Совещание руководителей`); a word that does not decline may be one too."""
    parses = analyses(token.text, morph)
    return any(p.tag.case in ("gent", "gen2") or "Fixd" in p.tag for p in parses)


def starts_clause(tokens: list[Token], index: int, mention: Mention, morph) -> bool:
    """A name after an event word that is the subject of what follows (`На заседании
    П.Н.Ткач выступил`), not its complement (`переговоры Ш.А.Рахматуллаева с ...`):
    a verb follows it, or it reads only as a nominative."""
    end = next((i for i in range(index, len(tokens)) if tokens[i].start >= mention.end), None)
    if end is not None and pos(tokens[end], morph) in VERB_TAGS:
        return True
    words = WORDS.findall(mention.text)
    parses = [p for word in words for p in analyses(word, morph)]
    return bool(parses) and all(p.tag.case in (None, "nomn") for p in parses)


def is_oblique_participle(token: Token, morph: MorphAnalyzer) -> bool:
    """`..., ответственных за ИКТ` qualifies a complement; a nominative participle
    (`..., приуроченная к празднику`) qualifies the event, and one of happening
    (`..., прошедшего в июне в г. Шанхае`) tells its date and place: neither is
    part of its name."""
    parses = analyses(token.text.lower(), morph)
    attributive = any(p.tag.POS in ("PRTF", "ADJF") for p in parses)
    happening = any(p.normal_form in HAPPENINGS for p in parses)  # `, прошедшего в июне`
    return attributive and not happening and not any(p.tag.case == "nomn" for p in parses)


def is_ordinal(token: Token, morph: MorphAnalyzer) -> bool:
    if ORDINAL.match(token.text):
        return True
    parse = analyses(token.text, morph)[0]
    return "Anum" in parse.tag or parse.tag.POS == "NUMR"


def closing_quote(tokens: list[Token], index: int) -> int | None:
    want = QUOTE_PAIRS.get(tokens[index].text)
    if want is None:
        return None
    return next((i for i in range(index + 1, len(tokens)) if tokens[i].text == want), None)


def event_word(token: Token, morph: MorphAnalyzer) -> str:
    """The event noun a word is, as a key of `EVENT_NOUNS`, or empty: a compound
    counts by its last part (`ИТ-форум`, `бизнес-форум`)."""
    return event_noun(lemma(token, morph))


def event_noun(word: str) -> str:
    """`event_word` by the lemma."""
    tail = word.rsplit("-", 1)[-1]
    return word if word in EVENT_NOUNS else tail if tail in EVENT_NOUNS else ""


@lru_cache(maxsize=WORD_FORMS)
def may_trigger(text: str, morph: MorphAnalyzer) -> bool:
    """Whether a rule of `find_triggers` can start at a word: its lemma starts a
    pair, a reference or an event verb, or it is an event noun. Asked of every
    word of every sentence, so kept per word."""
    word = word_lemma(text, morph)
    return word in TRIGGER_LEMMAS or bool(event_noun(word))


def is_event_word(token: Token, morph: MorphAnalyzer) -> bool:
    return bool(event_word(token, morph))


def phrase_end(
    tokens: list[Token], index: int, taken: dict[int, Mention], morph, governed: bool = False
) -> int:
    """Where the complements of the word at `index` end (exclusive)."""
    end = index + 1
    limit = min(len(tokens), index + 1 + MAX_NAME)
    clause = False  # inside `, ответственных за ИКТ`
    # after a preposition (or the words a verb needs), the words take its case
    j = index + 1
    while j < limit:
        token = tokens[j]
        word = token.text.lower()
        if j in taken:
            mention = taken[j]
            after_preposition = tokens[j - 1].text.lower() in NAME_PREPOSITIONS
            if (
                mention.type == PER
                and not after_preposition
                and starts_clause(tokens, j, mention, morph)
            ):
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
            if after is not None and is_oblique_participle(after, morph) and not clause:
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
            governed = True
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
            governed = True
            j += 1
            continue
        if not governed and not genitive(token, morph):
            break  # `работы выставки белорусскими участниками`: not a complement
        tag = pos(token, morph)
        parse = analyses(token.text, morph)[0]
        if tag not in PHRASE_TAGS or (tag == "NPRO" or parse.tag.case == "nomn"):
            break
        if tag in {"ADJF", "PRTF"} and modifies_event(tokens, j, morph):
            break  # `выставки белорусско-казахстанский ИТ-форум`: the next event's words
        following = tokens[j + 1] if j + 1 < len(tokens) else None
        if (
            following is not None
            and pos(following, morph) in VERB_TAGS
            and can_be(token.text, "nomn", morph)
        ):
            break  # `По итогам переговоров стороны договорились`: the subject
        j = end = j + 1
    return end


def modifies_event(tokens: list[Token], index: int, morph: MorphAnalyzer) -> bool:
    """An adjective that stands before an event word of its own."""
    while index < len(tokens) and pos(tokens[index], morph) in {"ADJF", "PRTF"}:
        index += 1
    return index < len(tokens) and is_event_word(tokens[index], morph)


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
    """The end of a verb trigger's required words (`вошла в состав`), or `None`;
    `от должности` may also stand before the verb (`От должности ... освобождён`)."""
    if word in VERB_OBJECTS:  # `заключило договор`, `Награды вручил`
        after = range(index + 1, min(len(tokens), index + OBJECT_REACH))
        found = next((i for i in after if lemma(tokens[i], morph) in VERB_OBJECTS[word]), None)
        before = tokens[max(0, index - OBJECT_REACH) : index]
        if found is None and not any(lemma(t, morph) in VERB_OBJECTS[word] for t in before):
            return None
        return index + 1 if found is None else found + 1
    if word in TO_POSTS:  # `назначен губернатором`, `Новым главкомом ... назначен`
        after = range(index + 1, min(len(tokens), index + POST_REACH))
        found = next((i for i in after if names_post(tokens[i], morph)), None)
        if found is not None:
            return found + 1
        for token in reversed(tokens[max(0, index - POST_BEFORE) : index]):
            if token.text in CLAUSE_MARKS:
                break
            if names_post(token, morph):  # `Начальником ... управления ... назначен`
                return index + 1
    needed = VERB_NEEDS.get(word, ())
    position = index + 1
    for want in needed:
        window = range(position, min(len(tokens), position + 3))
        found = next((i for i in window if lemma(tokens[i], morph) == want), None)
        if found is None:
            break
        position = found + 1
    else:
        return position
    words = [lemma(token, morph) for token in tokens[:index]]
    ahead = any(words[i : i + len(needed)] == list(needed) for i in range(len(words)))
    return index + 1 if word in NEEDS_AHEAD and ahead else None


def receives_guest(tokens: list[Token], index: int, taken: dict[int, Mention], morph) -> bool:
    """`принял посла Италии`, `принимает в Белом доме своего коллегу`: the verb's
    object, past a place or a time before it, is a guest (a person or a post), so
    the verb receives them. `принял отставку министра` receives no one: the first
    noun after the verb is its object."""
    in_phrase = False
    for i in range(index + 1, min(len(tokens), index + GUEST_REACH)):
        token, mention = tokens[i], taken.get(i)
        if token.text in CLAUSE_MARKS:
            return False
        if mention is not None and i > index + 1 and taken.get(i - 1) is mention:
            continue  # the rest of a name already read
        tag = pos(token, morph)
        if tag == "PREP":
            in_phrase = True
        elif tag == "NOUN" or mention is not None:
            if in_phrase:
                in_phrase = False  # the preposition's noun: `в Белом доме`
                continue
            accusative = can_be(token.text, "accs", morph)
            if mention is not None:
                return mention.type == PER and accusative
            return accusative and lemma(token, morph) in GUESTS
    return False


def names_post(token: Token, morph: MorphAnalyzer) -> bool:
    """A post in the instrumental, as a verb of appointing takes it (`главой`,
    `Исполняющим обязанности`)."""
    post = is_post_word(token, morph) or token.text.lower().startswith(ACTING)
    return token.text.isalpha() and post and can_be(token.text, "ablt", morph)


def is_hypothetical(tokens: list[Token], index: int, morph: MorphAnalyzer) -> bool:
    """`возможность проведения семинара`, `предложила провести семинар`, `пригласил к
    участию в выставке`: an event proposed, not one that is held or scheduled."""
    for token in reversed(tokens[max(0, index - HYPOTHESIS_REACH) : index]):
        if token.text in CLAUSE_MARKS:
            return False
        if lemma(token, morph) in HYPOTHESES:
            return True
    return False


def is_document_topic(tokens: list[Token], index: int, morph: MorphAnalyzer) -> bool:
    """`Договор о создании Союзного государства`: what a document is about."""
    start = modifiers_start(tokens, index, morph)
    words = [lemma(t, morph) for t in tokens[max(0, start - 2) : start]]
    return len(words) == 2 and words[1] in {"о", "об"} and words[0] in DOCUMENTS


def is_generic_plural(token: Token, word: str, dated: bool, morph: MorphAnalyzer) -> bool:
    """A plural event noun speaks of events in general unless its sentence gives days
    (`12, 19 и 26 мая прошли заседания`); `переговоры` has no singular."""
    parses = [p for p in analyses(token.text, morph) if p.normal_form == word]
    plural = bool(parses) and all(p.tag.number == "plur" for p in parses)
    return plural and "Pltm" not in parses[0].tag and not dated


def noun_trigger(
    number: int,
    tokens: list[Token],
    index: int,
    taken: dict[int, Mention],
    morph: MorphAnalyzer,
    dated: bool,
    scheduled: bool,
) -> Trigger | None:
    """The trigger an event noun makes, with its modifiers and complements."""
    word = event_word(tokens[index], morph)
    if word in NEEDS_OBJECT and not has_object(tokens, index, taken, morph):
        return None
    if index > 0 and lemma(tokens[index - 1], morph) in MODES:
        return None  # `в режиме видеоконференции`: how another event was held
    if is_hypothetical(tokens, index, morph) or is_document_topic(tokens, index, morph):
        return None
    if is_generic_plural(tokens[index], word, dated, morph):
        return None  # `проведены консультации с партнёрами` over half a year
    start = modifiers_start(tokens, index, morph)
    counted = tokens[max(0, start - 1) : index]
    if any(CARDINAL.match(t.text) or lemma(t, morph) in COUNTS for t in counted):
        return None  # `более 80 деловых встреч`, `ряд встреч`: a count, not one event
    inner = index + 1
    while word in PARTS and inner < len(tokens) and lemma(tokens[inner], morph) in LINKS:
        inner += 1
    if word in PARTS and inner < len(tokens) and is_event_word(tokens[inner], morph):
        kind = event_word(tokens[inner], morph)  # `Пленарное заседание Форума`: the forum
        end = phrase_end(tokens, inner, taken, morph)
        bare = end == inner + 1
        return Trigger(number, start, end, inner, kind, EVENT_NOUNS[kind], bare, False, word)
    end = phrase_end(tokens, index, taken, morph)
    ordinal = any(is_ordinal(tokens[i], morph) for i in range(start, index))
    new = any(lemma(tokens[i], morph) in NEW_MARKERS for i in range(start, index))
    if not scheduled and any(lemma(tokens[i], morph) in NEXT for i in range(start, index)):
        return None  # `Следующее совещание пройдёт ...` with no date: a plan, not an event
    bare = end == index + 1 and not ordinal and not new  # `очередную встречу` is new
    return Trigger(number, start, end, index, word, EVENT_NOUNS[word], bare, False)


def reference(number: int, tokens: list[Token], index: int, morph: MorphAnalyzer) -> Trigger | None:
    """`делегация`: a visit where the sentence says it came or stayed, else a word
    that refers back to one (`В состав делегации вошли ...`); `мероприятие`
    always refers back."""
    word = lemma(tokens[index], morph)
    kind = REFERENCES[word]
    stays = kind == "visit" and any(
        lemma(t, morph) in STAYS and pos(t, morph) in VERB_TAGS for t in tokens
    )
    return Trigger(number, index, index + 1, index, word, kind, not stays, False, refers=not stays)


def find_triggers(
    number: int,
    tokens: list[Token],
    taken: dict[int, Mention],
    morph: MorphAnalyzer,
    dated: bool = False,
    scheduled: bool = False,
) -> list[Trigger]:
    """Every event trigger of one sentence, in order; a noun's complements are
    not searched for triggers again. `dated`: the sentence gives a day;
    `scheduled`: it gives any date."""
    found: list[Trigger] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if not may_trigger(token.text, morph):
            index += 1  # most words: no rule below can start at them
            continue
        word = lemma(token, morph)
        tag = pos(token, morph)
        following = lemma(tokens[index + 1], morph) if index + 1 < len(tokens) else ""
        trigger = None
        if index in taken or not token.text[:1].isalpha():
            pass
        elif (word, following) in EVENT_PAIRS:
            end = phrase_end(tokens, index + 1, taken, morph)
            kind = EVENT_PAIRS[(word, following)]
            trigger = Trigger(
                number, index, end, index + 1, following, kind, end == index + 2, False
            )
        elif event_word(token, morph) and tag == "NOUN":
            trigger = noun_trigger(number, tokens, index, taken, morph, dated, scheduled)
        elif word in REFERENCES and tag == "NOUN" and is_singular(token.text.lower(), morph):
            trigger = reference(number, tokens, index, morph)
        elif word in EVENT_VERBS and tag in VERB_TAGS - {"INFN"} | {"PRTF"}:
            needed = needs_met(tokens, index, word, morph)
            if needed is not None:
                end = (
                    phrase_end(tokens, needed - 1, taken, morph, governed=True)
                    if needed > index + 1
                    else index + 1
                )
                trigger = Trigger(number, index, end, index, word, EVENT_VERBS[word], False, True)
            elif word in RECEPTIONS and receives_guest(tokens, index, taken, morph):
                trigger = Trigger(
                    number, index, index + 1, index, word, "meeting", False, True, also="встреча"
                )
        if trigger is None:
            index += 1
            continue
        found.append(trigger)
        index = max(index + 1, trigger.end if not trigger.verb else index + 1)
    words = [lemma(token, morph) for token in tokens] if found else []
    return [t for t in unframe(found, tokens, morph) if not unreported(tokens, words, t, morph)]


def unreported(
    tokens: list[Token], words: list[str], trigger: Trigger, morph: MorphAnalyzer
) -> bool:
    """Words that name no event reported as held: a rumour or a forecast in the
    sentence (`По слухам ...`, `Аналитики ожидают отставки`), any event of a kind
    (`при подписании любого договора`), a court's session (`Заседание суда`), a
    status (`генерал в отставке`, retired, not dismissed), a date set (`назначено
    на 20 мая`). `words` are the sentence's lemmas."""
    if SPECULATION & set(words):
        return True
    if any(
        word == "ожидать" and not token.text.lower().endswith(("ся", "сь"))
        for word, token in zip(words[: trigger.start], tokens, strict=False)
    ):
        return True  # `ожидают отставки`, not `ожидается визит`
    if ANY_OF_KIND & set(words[trigger.start : trigger.end + 2]):
        return True
    if trigger.lemma == "заседание" and COURTS & set(words[trigger.start : trigger.end]):
        return True
    if trigger.lemma == "отставка" and words[trigger.head - 1 : trigger.head] == ["в"]:
        return can_be(tokens[trigger.head].text, "loct", morph)  # `полковник в отставке`
    if trigger.type != "appointment" or not trigger.verb:
        return False
    reach = range(trigger.start, min(trigger.end + 1, len(tokens) - 1))
    return any(words[i] == "на" and tokens[i + 1].text[:1].isdigit() for i in reach)


def unframe(triggers: list[Trigger], tokens: list[Token], morph: MorphAnalyzer) -> list[Trigger]:
    """`встреча на полях Международного форума`: the frame is no part of the meeting's
    name; the meeting is held `within` the forum."""
    result = list(triggers)
    for index, (trigger, following) in enumerate(pairwise(triggers)):
        tail = tuple(lemma(t, morph) for t in tokens[trigger.end - 2 : trigger.end])
        if trigger.end == following.start and tail in FRAMES and trigger.end - 2 > trigger.head:
            result[index] = replace(trigger, end=trigger.end - 2, within=index + 1)
    return result
