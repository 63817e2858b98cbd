"""Who took part in the events of a sentence, and in what role.

Actors are the outermost person and organisation mentions of a sentence,
and places where a cue makes them a side (`между Беларусью и Китаем`), minus
those that only qualify another word: a name inside an event's name
(`Совещание ... государств-членов ШОС`), the organisation of someone's post
(`Министр связи ... Гринкевич`), a name after a common noun (`государств-членов
ШОС`, `Приказом Министерства`), and a name in a topic (`доклад о ...`). A
group named by its organisation is the organisation (`представители
Минсвязи`).

An actor's role comes from, in order:

1. what the event is about (`subject`): the organisation founded (`Центр ...
   создан`, `о создании которой`), the member that joins (`Беларусь вошла в
   состав`), the people appointed, dismissed or awarded (`назначена`,
   `награждены`, `вручён ... Ярошевичу`); and the founder an active verb names
   (`компания открыла представительство`: `organizer`);
2. the cue right before it, across the other names of its list, the post
   words of a person and the words describing a group: `под председательством`
   chair, `по инициативе`, `при поддержке`, `организатор`, `при` organizer,
   `в состав`, `посетил` host, `с`, `между` after an event word or inside an
   event's name (the sides; a signing's sign it), `представители`, `делегация`,
   `с участием` participant; a genitive right after an event noun takes part
   (`переговоры Рахматуллаева`, `заседание Комиссии`), also past the post it
   holds (`об отставке начальника управления Игоря Седова`), and an organisation the
   event is held in hosts it (`в Министерстве связи`);
3. the verb nearest it, when the actor can be its subject: `выступил`,
   `доложил`, `направил приветствие` speaker, `председательствовал`,
   `возглавил`, a singular `провёл` chair, `подписали` signatory, `принял
   участие`, `участвовал`, `представлял`, `посетил` participant, `принял`
   with anything but `участие` host, and the guest it receives after it
   (`принял посла`) participant; imperfective verbs count as their
   perfective partners (`Открывая встречу`). An intention (`предложил
   организовать`) gives no role.

A place takes a role only by a cue. Who spoke at or chaired an event also took
part in it. An actor none of these reaches is not a participant. A sentence
that names no event (`explicit`) gives the latest event only the roles its
verb states outright: speaker, chair, organizer, host, and taking part.
"""

from dataclasses import dataclass

from pymorphy3 import MorphAnalyzer

from ..const import LOC, ORG, PER
from ..morphology import analyses, can_be, is_known
from ..posts import POST_HEADS
from ..records import Mention, Position, Sentence, Token
from .triggers import VERB_TAGS, Trigger, first_parse, is_event_word, lemma, pos
from .words import (
    AS_ROLE,
    GROUPS,
    ROLE_BEFORE,
    ROLE_VERBS,
    SPEECH_VERBS,
    SPEECHES,
    SUBJECT_VERBS,
)

# Endings no nominative has, for names pymorphy3 does not know (`Сейткалиеву`).
OBLIQUE_ENDINGS = ("у", "ю", "ом", "ем", "ой", "ым", "им", "ых", "их")
BRACKETS = {"(", ")"}  # `Программы развития ООН (ПРООН) и Международного союза ...`
STATE_BODIES = {"орган", "ведомство", "министерство", "правительство", "администрация"}
LIST_WORDS = {"и", ",", "а", "также", "числе"}  # `в том числе`
TOPIC = {"о", "об", "обо", "про"}
SIDE_CUES = {"с", "со", "между"}  # a side only after an event word or a verb
CLAUSE_ENDS = {".", ";", ":", "!", "?", "(", ")"}
CUE_REACH = 6  # describing words between a cue and the actor it governs
QUOTES = {"«", "»", '"'}
LEADING = {"speaker", "chair"}
# What a sentence that names no event may say of the latest one: these roles,
# and taking part where a verb says so outright.
STATED = LEADING | {"organizer", "host"}
STATING = frozenset(ROLE_VERBS) | frozenset(SPEECH_VERBS)  # lemmas of the verbs that state roles
TAKING_PART = {"принять", "участвовать", "присутствовать", "представлять", "возглавить"}
PERSON_EVENTS = {"appointment", "dismissal", "award"}
BODY_EVENTS = {"founding", "membership"}


@dataclass(frozen=True, slots=True)
class Actor:
    mention: Mention
    first: int  # its first and last token in the sentence
    last: int


def outermost(tokens: list[Token], taken: dict[int, Mention]) -> list[Actor]:
    found: list[Actor] = []
    for index in sorted(taken):
        mention = taken[index]
        if found and found[-1].mention is mention:
            found[-1] = Actor(mention, found[-1].first, index)
        elif tokens[index].start == mention.start:
            found.append(Actor(mention, index, index))
    return found


def in_topic(tokens: list[Token], actor: Actor, morph: MorphAnalyzer) -> bool:
    """`доклад о сотрудничестве с ШОС`: a name inside what something is about."""
    return is_topic(tokens, actor.first, morph)


def is_topic(tokens: list[Token], index: int, morph: MorphAnalyzer) -> bool:
    """Whether the word at `index` stands in what something is about (`рассказал о
    ходе выполнения меморандума, подписанного ...`); a participle reaches back past
    its comma to the noun it belongs to."""
    before = tokens[:index]
    if before and before[-1].text == "," and pos(tokens[index], morph) == "PRTF":
        before = before[:-1]
    for token in reversed(before):
        if token.text in CLAUSE_ENDS or token.text == ",":
            return False
        if token.text.lower() in TOPIC:
            return True
        if lemma(token, morph) == "между":  # `Соглашение о ... между X и Y`
            return False
        if pos(token, morph) in VERB_TAGS:
            return False
    return False


def after_noun(tokens: list[Token], actor: Actor, morph: MorphAnalyzer) -> bool:
    """A name right after a common noun qualifies it: `государств-членов ШОС`."""
    if actor.first == 0 or actor.mention.type == PER:
        return False
    before = tokens[actor.first - 1]
    word = lemma(before, morph)
    cue = lemma(tokens[actor.first - 2], morph) if actor.first > 1 else ""
    if (cue, word) in ROLE_BEFORE:  # `в состав ШОС`
        return False
    is_noun = pos(before, morph) == "NOUN" and before.text.replace("-", "").isalpha()
    listed = before.text.lower() in LIST_WORDS
    if actor.mention.type == LOC and word in STATE_BODIES:
        return False  # `представители органов Республики Армения`: the state takes part
    return is_noun and not listed and word not in GROUPS and (word,) not in ROLE_BEFORE


def cue_role(
    tokens: list[Token], actor: Actor, named: set[int], names: set[int], morph: MorphAnalyzer
) -> str:
    """The role a cue before the actor gives, reached across the other names of
    its list, post words, and the words of a group's description (`представители
    уполномоченных органов ... и Секретариата ШОС`)."""
    index = actor.first - 1
    reach = CUE_REACH
    group = ""
    while index >= 0 and reach > 0:
        token = tokens[index]
        word = lemma(token, morph)
        before = lemma(tokens[index - 1], morph) if index > 0 else ""
        if (before, word) in ROLE_BEFORE:
            return ROLE_BEFORE[(before, word)]
        if word in SIDE_CUES:
            governor = tokens[index - 1] if index > 0 else None
            side = (
                word == "между"
                or index in names
                or (
                    governor is not None
                    and (is_event_word(governor, morph) or pos(governor, morph) in VERB_TAGS)
                )
            )
            return "side" if side else group
        if (word,) in ROLE_BEFORE and word not in GROUPS:
            return ROLE_BEFORE[(word,)]
        if word in GROUPS:
            group = group or ROLE_BEFORE.get((word,), "")
        elif not (
            index in named or token.text.lower() in LIST_WORDS | BRACKETS or word in POST_HEADS
        ):
            if not (is_modifier(token, morph) or token.text in QUOTES):
                return group
            reach -= 1
        index -= 1
    return group


def is_modifier(token: Token, morph: MorphAnalyzer) -> bool:
    """An adjective, or a noun in the genitive: words describing a group."""
    parse = analyses(token.text, morph)[0]
    return parse.tag.POS in {"ADJF", "PRTF"} or (
        parse.tag.POS == "NOUN" and parse.tag.case == "gent"
    )


def has_subject(tokens: list[Token], verb: int, morph: MorphAnalyzer) -> bool:
    """A noun that can be nominative stands before the verb in its clause
    (`Министр принял посла`), so a name after the verb is its object, not its
    subject (`Делегацию принял министр`)."""
    for token in reversed(tokens[:verb]):
        if token.text in ",;:()":
            return False
        if pos(token, morph) == "NOUN" and can_be(token.text, "nomn", morph):
            return True
    return False


def nearest_verb_role(tokens: list[Token], actor: Actor, morph: MorphAnalyzer) -> tuple[str, str]:
    """The role the verb nearest the actor gives it (see the module docstring),
    and that verb."""
    found: list[tuple[int, str, str]] = []
    for index, token in enumerate(tokens):
        if pos(token, morph) not in VERB_TAGS - {"INFN"}:
            continue  # `предложил организовать`: an intention gives no role
        word = lemma(token, morph)
        around = [lemma(t, morph) for t in tokens[max(0, index - 3) : index + 4]]
        if word in SPEECH_VERBS and SPEECHES & set(around):
            role = "speaker"  # `Приветствие участникам направил Министр`
        elif word not in ROLE_VERBS:
            continue
        else:
            role = ROLE_VERBS[word]
        following = [lemma(t, morph) for t in tokens[index + 1 : index + 3]]
        if word == "принять":  # `принял участие`; `принял посла`: the guest after the verb
            guest = index < actor.first and has_subject(tokens, index, morph)
            role = "participant" if "участие" in following or guest else "host"
        elif word == "провести":  # `Церемонию провёл вице-министр`; `Стороны провели`
            singular = first_parse(token.text.lower(), morph).tag.number == "sing"
            role = "chair" if singular else "participant"
        elif word == "выступить":  # `выступит принимающей стороной`, `Учредителями выступили`
            role = next((AS_ROLE[w] for w in around if w in AS_ROLE), role)
        elif word == "возглавить" and "делегация" in around:
            role = "participant"  # led a delegation to the event, not the event
        distance = actor.first - index if index < actor.first else index - actor.last
        found.append((distance, role, word))
    return min(found)[1:] if found else ("", "")


def subjects(
    tokens: list[Token], actors: list[Actor], triggers: list[Trigger], type: str, morph
) -> dict[str, str]:
    """What an event of `type` in this sentence is about (`subject`), by mention id;
    also who founded it, where an active verb says so (`компания открыла
    представительство`: the company is its `organizer`)."""
    chosen: dict[str, str] = {}
    for trigger in (t for t in triggers if t.type == type):
        if type in PERSON_EVENTS:
            passive = any(
                lemma(t, morph) in SUBJECT_VERBS | {"вручить"} and pos(t, morph) == "PRTS"
                for t in tokens
            )
            for actor in actors:
                if actor.mention.type == PER and (
                    passive or not can_be(tokens[actor.last].text, "nomn", morph)
                ):
                    chosen[actor.mention.mention_id] = "subject"
        elif type in BODY_EVENTS:
            bodies = [a for a in actors if a.mention.type != PER]
            after = [a for a in bodies if a.first == trigger.head + 1]
            antecedents = [a for a in bodies if a.last < trigger.head and a.mention.type == ORG]
            if not trigger.verb and trigger.head + 1 < len(tokens):
                if lemma(tokens[trigger.head + 1], morph) == "который" and antecedents:
                    chosen[antecedents[0].mention.mention_id] = "subject"
                elif after:
                    chosen[after[0].mention.mention_id] = "subject"
            if not trigger.verb:
                continue
            before = [
                a for a in bodies if a.last < trigger.head and is_nominative(tokens, a, morph)
            ]
            active = pos(tokens[trigger.head], morph) == "VERB"
            if before:  # `Беларусь вошла в состав`; `компания открыла представительство`
                founder = active and type == "founding"
                chosen[before[-1].mention.mention_id] = "organizer" if founder else "subject"
            elif after and is_nominative(tokens, after[0], morph):
                chosen[after[0].mention.mention_id] = "subject"  # `учреждена Ассоциация`
    return chosen


def is_premises(tokens: list[Token], actor: Actor, explicit: bool) -> bool:
    """An organisation the event is held in: `в Министерстве связи`."""
    before = tokens[actor.first - 1].text.lower() if actor.first > 0 else ""
    return not explicit and actor.mention.type == ORG and before in {"в", "во"}


def is_nominative(tokens: list[Token], actor: Actor, morph: MorphAnalyzer) -> bool:
    """Whether the name can be a subject: its deciding word (a person's surname, an
    organisation's first word) likeliest reads as a nominative, or does not decline
    (`ШОС`, `П.Н.Ткач`); `поблагодарил Сейткалиеву` is no subject."""
    words = [t.text for t in tokens[actor.first : actor.last + 1]]
    words = [w for w in words if len(w) > 1 and w.replace("-", "").isalpha()]
    if not words:
        return True
    word = words[-1] if actor.mention.type == PER else words[0]
    parses = analyses(word, morph)
    if not is_known(word, morph):  # guesses for foreign names are poor
        return not word.lower().endswith(OBLIQUE_ENDINGS)
    parse = parses[0]
    return parse.tag.case == "nomn" or "Fixd" in parse.tag or parse.tag.case is None


def of_someones_post(mention: Mention, positions: list[Position]) -> bool:
    """An organisation or place named in someone's post (`Министр связи ...
    Гринкевич`): it qualifies the post and takes no part of its own."""
    return mention.type != PER and any(
        p.start <= mention.start <= p.end + 1 and p.person_id != mention.entity_id
        for p in positions
    )


def standing(
    tokens: list[Token],
    actor: Actor,
    positions: list[Position],
    triggers: list[Trigger],
    morph: MorphAnalyzer,
) -> str:
    """How a name stands in its sentence, as the rules above read it: the
    organisation of someone's post (`post`), in what something is about
    (`topic`), after a common noun it qualifies (`qualifies`), inside an event's
    name (`named`), a place (`place`), else `free`."""
    mention = actor.mention
    if of_someones_post(mention, positions):
        return "post"
    if in_topic(tokens, actor, morph):
        return "topic"
    if after_noun(tokens, actor, morph):
        return "qualifies"
    spans = [(tokens[t.start].start, tokens[t.end - 1].end) for t in triggers]
    if any(start <= mention.start < end for start, end in spans):
        return "named"
    return "place" if mention.type == LOC else "free"


def posted_after(
    tokens: list[Token], triggers: list[Trigger], positions: list[Position]
) -> set[str]:
    """The people whose post opens right after an event noun (`об отставке начальника
    управления Игоря Седова`), and those listed after them the same way (`... и
    начальника отдела Олега Лаптева`): as a name right after it, they take part."""
    after = {tokens[t.head + 1].start for t in triggers if not t.verb and t.head + 1 < len(tokens)}
    if not after:
        return set()
    ends = {token.end: index for index, token in enumerate(tokens)}
    here = [p for p in positions if tokens[0].start <= p.start < tokens[-1].end]
    found = set()
    for position in sorted(here, key=lambda p: p.start):
        if position.start not in after:
            continue
        found.add(position.person_id)
        joint = ends.get(position.end, len(tokens)) + 1
        if joint + 1 < len(tokens) and tokens[joint].text in {"и", ","}:
            after.add(tokens[joint + 1].start)
    return found


def states_roles(lemmas: list[str]) -> bool:
    """Whether a sentence with these lemmas has a word that can state a role
    (`ROLE_VERBS`, `SPEECH_VERBS`): one that names no event tells roles only
    through such a verb (`roles` with `explicit`)."""
    return not STATING.isdisjoint(lemmas)


def roles(
    sentence: Sentence,
    taken: dict[int, Mention],
    triggers: list[Trigger],
    positions: list[Position],
    type: str,
    morph: MorphAnalyzer,
    explicit: bool = False,
) -> list[tuple[Mention, str]]:
    """Each actor of the sentence with its role in an event of `type`. With
    `explicit`, for a sentence that does not name the event, only the roles its
    verb states outright (see the module docstring)."""
    tokens = list(sentence.tokens)
    actors = outermost(tokens, taken)
    named = set(taken)
    about = {} if explicit else subjects(tokens, actors, triggers, type, morph)
    spans = [(tokens[t.start].start, tokens[t.end - 1].end) for t in triggers]
    names = {i for t in triggers for i in range(t.head + 1, t.end)}
    heads = {t.head + 1 for t in triggers if not t.verb}
    posted = posted_after(tokens, triggers, positions)
    result: list[tuple[Mention, str]] = []
    for actor in actors:
        mention = actor.mention
        if mention.mention_id in about:
            result.append((mention, about[mention.mention_id]))
            continue
        if of_someones_post(mention, positions):
            continue
        cue = cue_role(tokens, actor, named, names, morph)
        if (actor.first in heads or mention.entity_id in posted) and not cue:
            cue = "participant"  # `переговоры Рахматуллаева`, `заседание Комиссии`
        elif is_premises(tokens, actor, explicit):
            cue = "host"  # `переговоры прошли в Министерстве связи`
        elif in_topic(tokens, actor, morph) or after_noun(tokens, actor, morph):
            continue
        inside = any(start <= mention.start < end for start, end in spans)
        if inside and not cue:
            continue
        if mention.type == LOC and cue in ("", "host"):
            continue  # a place: `посетил Минск`
        if cue == "side":  # the sides of a signing sign it; a side's role is its own
            cue, fixed = ("signatory" if type == "signing" else "participant"), True
        else:
            fixed = False
        role, verb = cue, ""
        if not fixed and (
            role == "participant" or (not role and is_nominative(tokens, actor, morph))
        ):
            stated, verb = nearest_verb_role(tokens, actor, morph)
            role = stated or role
        if explicit and not (
            verb and (role in STATED or (role == "participant" and verb in TAKING_PART))
        ):
            continue  # a sentence naming no event tells only what its verb states
        if role in LEADING:  # who spoke at or chaired an event took part in it
            result.append((mention, "participant"))
        if role:
            result.append((mention, role))
    return result
