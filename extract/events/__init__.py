"""Events: what happened, when, where, who took part and in what role.

Types (`events.type`), and the words that name them (`words.py`):

- `meeting`: совещание, заседание, встреча, консультации, видеоконференция,
  круглый стол, саммит; `встретился`; a guest received (`принял посла`);
- `conference`: конференция, форум, конгресс, семинар, симпозиум;
- `exhibition`: выставка, ярмарка;
- `visit`: визит, поездка; `посетил`;
- `negotiations`: переговоры;
- `signing`: подписание; `подписали`;
- `appointment`: назначение на должность; `назначен`;
- `dismissal`: отставка, увольнение; `освобождён от должности`, `уволен`;
- `founding`: создание, учреждение, основание of an organisation; `создан`;
- `membership`: вступление, вхождение в состав; `вошла в состав`;
- `award`: награждение; `награждён`, `вручил`;
- `other`: another ceremony.

Roles (`event_participants.role`): `participant` (took part), `speaker`
(gave a report, talk or presentation), `chair`, `organizer` (organised or
initiated it; for a founding, the body it was set up at), `host` (received
the visit; for membership, the body joined), `signatory`, and `subject`
(what the event is about: the organisation founded, the person appointed,
dismissed or awarded, the member that joins). How a role is read is in
`roles.py`.

How a release becomes records:

1. Triggers (`triggers.py`) are found per sentence: nouns with their
   complements, which make the event's `name` (in the nominative), and
   verbs. `Пленарное заседание Форума ...` and `Церемония открытия выставки`
   are the forum and the exhibition. Not events: a count (`более 80 встреч`),
   a series (`проводится ежегодно`), an intention (`намерены посетить`), a
   mode (`в режиме видеоконференции`). A model learned from NEREL and the
   team's releases (`relations`: the `is_event` decision) then keeps those
   that report an event, weighing the trigger's word, its tense, the words
   around it, negations and hedges in its sentence, and the dates there.
2. Triggers are resolved to events, the headline last (it sums up the body):
   a trigger with complements is a new event unless an earlier one has the
   same name (`4-ом Совещании руководителей ...` and `4-го Совещания
   руководителей ...`); a bare trigger (`В ходе конференции`, `В заседании`)
   refers back to the latest event named by the same word, or a word ending in
   it (`видеоконференции`), or, for `визит` and `мероприятие`, of its type;
   a verb and a noun of one type in one sentence are one event; a later verb
   or bare noun of a type a release rarely reports twice (`ONCE`: signing,
   award, appointment, ...) is the same event unless its date or subject
   differs; the headline's trigger is the first body event of its type.
3. Arguments: each date group of a sentence goes to the trigger nearest it,
   and triggers joined by `и` share theirs (`в Совещании ... и Форуме ...,
   которые прошли 17 – 18 июня`); an event with none takes an unclaimed date
   of the sentence that opens its paragraph, and an event stated by a verb
   beside a dated one (`По итогам заседания ... подписали протокол`) takes
   that one's date and place. The place is the one named with `в` nearest the
   trigger (`в г.Карамай`); `online` is set by `ВКС`, `видеоконференция`,
   `онлайн` for the trigger nearest them.
4. An event stated for an enumeration of days (`17 и 24 июня ... заседание
   экспертов`) is one record per day, each with the same participants.
5. Participants come from every sentence that names the event, where a
   model learned from NEREL and the team's releases (`relations`: the
   `takes_part` decision) weighs each actor of the sentence, the roles of
   `roles.py` among its features and the roles kept for those it takes; and, for
   sentences naming none (`П.Н.Ткач выступил с докладом`), from the latest
   event of the paragraph (or of the body before it; not into a background
   paragraph, `Справочно: ...`, or a biography), where only what the verb
   states outright counts (speaker, chair, organizer, host, taking part).
   `китайская сторона` is the place of the release whose name starts like the
   adjective (`Китай`, `Китайская Народная Республика`).

`start, end` of a record are those of the words that first name it in the
body; `sentence` is that sentence's text.
"""

from dataclasses import dataclass, field

from pymorphy3 import MorphAnalyzer

from ..const import BACKGROUND
from ..dates.anchor import BACKGROUND as BACKGROUND_OPENER
from ..dates.anchor import BIOGRAPHY, MARKER_ONLY
from ..demonyms import place_named_by
from ..morphology import analyses
from ..positions import by_sentence, covering
from ..records import DateSpan, Event, Mention, Participant, Position, Sentence, Token
from ..relations.features import Span, View, event_features, hedges_of, participant_features
from ..relations.model import Relations, load_relations
from .arguments import assign_dates, coordinated, date_groups, nearest_place, online_triggers
from .earlier import EARLIER, WINDOW, earlier_features
from .naming import event_name, name_key
from .roles import TAKING_PART, is_topic, outermost, roles, standing, states_roles
from .triggers import Trigger, find_triggers, lemma, pos
from .words import DOCUMENTS, FRAME_NOUNS, FRAMES, GENERIC, HABITS, REFERENCES, VERB_NOUNS

# Types a release rarely reports twice without saying so: a later verb or bare
# noun of the type is the same event, unless its date differs, or, for those
# about one person or body, its subject (an award ceremony has many).
ONCE = {"signing", "award", "appointment", "dismissal", "founding", "membership"}
ONE_SUBJECT = {"appointment", "dismissal", "founding", "membership"}
OWN_ROLES = {"signatory", "host", "organizer", "subject"}  # roles that say more than taking part


@dataclass(slots=True)
class Naming:
    """One trigger with what its sentence says about the event it names."""

    trigger: Trigger
    name: str
    key: tuple[str, ...]
    dates: list[DateSpan]
    place: str
    online: bool
    roles: list[tuple[Mention, str]]
    framed: bool = False  # a bare trigger that frames its sentence: `На полях форума`
    mentioned: bool = False  # spoken of, not reported: `итоги шестого заседания`
    objects: frozenset[str] = frozenset()  # the documents it names: `договор`
    title: bool = False

    @property
    def subjects(self) -> set[str]:
        return {mention.entity_id for mention, role in self.roles if role == "subject"}


@dataclass(slots=True, eq=False)
class Draft:
    """One real event while the release is read: its namings and what they bring."""

    type: str
    name: str
    key: tuple[str, ...]
    words: set[str]
    namings: list[Naming] = field(default_factory=list)
    dates: list[DateSpan] = field(default_factory=list)
    place: str = ""
    online: bool = False
    roles: dict[tuple[str, str], None] = field(default_factory=dict)
    subjects: set[str] = field(default_factory=set)
    objects: set[str] = field(default_factory=set)
    inherited: bool = False  # its dates are those of the event framing it
    subject: str = ""  # the entity it is about, first named
    subject_name: str = ""  # that entity's fullest name here, for the event's name

    def add(self, naming: Naming) -> None:
        self.namings.append(naming)
        trigger = naming.trigger
        self.words |= {trigger.lemma, trigger.also, VERB_NOUNS.get(trigger.lemma, "")} - {""}
        if not trigger.verb and not trigger.bare and len(naming.name) > len(self.name):
            self.name, self.key = naming.name, naming.key
        if not trigger.bare or len(self.namings) == 1:  # a reference back says little
            if naming.dates and (not self.dates or self.inherited):
                self.dates, self.inherited = naming.dates, False
            self.place = self.place or naming.place
        self.online = self.online or naming.online
        self.objects |= naming.objects
        self.take(naming.roles)

    def final_roles(self) -> list[tuple[str, str]]:
        """The roles, without `participant` for an entity that has a role of its own
        there (a signatory, a host, an organizer, what the event is about); a
        speaker or a chair took part, and keeps both."""
        own = {entity for entity, role in self.roles if role in OWN_ROLES}
        return [(e, role) for e, role in self.roles if role != "participant" or e not in own]

    def take(self, found: list[tuple[Mention, str]]) -> None:
        for mention, role in found:
            self.roles.setdefault((mention.entity_id, role), None)
            if role == "subject":
                self.subjects.add(mention.entity_id)
                self.subject = self.subject or mention.entity_id
                if mention.entity_id == self.subject:
                    name = mention.normal or mention.text
                    self.subject_name = max(self.subject_name, name, key=len)


def related(word: str, words: set[str]) -> bool:
    """`конференция` refers back to a `видеоконференция`."""
    return any(word == w or w.endswith(word) or word.endswith(w) for w in words)


def compatible(draft: Draft, naming: Naming) -> bool:
    """Nothing tells the naming's event from the draft's: no other date, document
    (`меморандум`, `договор`) or subject."""
    dates = not naming.dates or not draft.dates or naming.dates[0] == draft.dates[0]
    dates = dates or naming.dates[0].date_start == draft.dates[0].date_start
    subjects = not naming.subjects or not draft.subjects or bool(naming.subjects & draft.subjects)
    objects = not naming.objects or not draft.objects or bool(naming.objects & draft.objects)
    return dates and objects and (subjects or draft.type not in ONE_SUBJECT)


def resolve(naming: Naming, drafts: list[Draft]) -> Draft | None:
    """The earlier event a naming refers to, if any (rules in the module docstring)."""
    trigger = naming.trigger
    for draft in reversed(drafts):
        last = draft.namings[-1].trigger
        same = last.sentence == trigger.sentence and draft.type == trigger.type
        if same and trigger.verb != last.verb and not last.bare:
            return draft  # `подписали Меморандум`: the verb and the noun state one event
        if same and REFERENCES.keys() & {trigger.lemma, last.lemma}:
            return draft  # `делегация находилась с визитом`
    if trigger.bare:
        for draft in reversed(drafts):
            if related(trigger.lemma, draft.words):
                return draft
        generic = GENERIC.get(trigger.lemma)
        for draft in reversed(drafts):
            if generic in (draft.type, "any"):
                return draft
    elif not trigger.verb and trigger.lemma not in REFERENCES:
        for draft in drafts:
            if draft.key == naming.key and draft.type == trigger.type:
                return draft
    if naming.title:  # the headline names the main event: the first of its type
        same = [d for d in drafts if d.type == trigger.type and compatible(d, naming)]
        return next((d for d in same if related(trigger.lemma, d.words)), same[0] if same else None)
    if trigger.type in ONCE and (trigger.verb or trigger.bare):
        for draft in reversed(drafts):
            if draft.type == trigger.type and compatible(draft, naming):
                return draft
    return None


def share_setting(found: list[tuple[Draft, Naming]]) -> None:
    """A new event in a sentence that frames it by another (`На полях форума прошла
    встреча`, `По итогам заседания ... подписали протокол`, `В первый день визита
    ... посетили центр`) happened at that one: it takes its date and place until
    it is given its own, and, within a visit, the visit's participants."""
    frames = [d for d, naming in found if naming.framed]
    for draft, _ in found:
        if not frames or len(draft.namings) > 1 or draft is frames[0]:
            continue
        if not draft.dates and frames[0].dates:
            draft.dates, draft.inherited = frames[0].dates, True
            draft.place = draft.place or frames[0].place
        takes_part = any(role == "participant" for _, role in draft.roles)
        if frames[0].type == "visit" and not takes_part:  # the delegation, if no one else
            draft.roles |= {(e, r): None for e, r in frames[0].roles if r == "participant"}


def opens_paragraph(text: str, sentences: list[Sentence], number: int) -> bool:
    return number == 0 or "\n" in text[sentences[number - 1].end : sentences[number].start]


def paragraph_opener(text: str, sentences: list[Sentence], number: int) -> int:
    while not opens_paragraph(text, sentences, number):
        number -= 1
    return number


def paragraph_back(text: str, sentences: list[Sentence], number: int) -> int:
    """How many sentences back sentence `number`'s paragraph starts, counted up to
    one past `WINDOW` (a long paragraph is not walked through for each sentence)."""
    for back in range(min(number, WINDOW) + 1):
        if opens_paragraph(text, sentences, number - back):
            return back
    return WINDOW + 1


def side_places(lemmas: list[str], mentions: list[Mention]) -> dict[int, Mention]:
    """`китайской стороны`: the place mention of the release the adjective names,
    by token index of the adjective (see `extract.demonyms`); `lemmas` are the
    sentence's words'."""
    found: dict[int, Mention] = {}
    for index, word in enumerate(lemmas[:-1]):
        if lemmas[index + 1] == "сторона":
            place = place_named_by(word, mentions)
            if place is not None:
                found[index] = place
    return found


def side_roles(lemmas: list[str], mentions: list[Mention]) -> list[tuple[Mention, str]]:
    """`Китайскую сторону представлял ...`: the state takes part; `под
    председательством китайской стороны`: it chairs (and so takes part)."""
    found = []
    for index, place in side_places(lemmas, mentions).items():
        found.append((place, "participant"))
        if index > 0 and lemmas[index - 1] == "председательство":
            found.append((place, "chair"))
    return found


def documents(tokens: list[Token], trigger: Trigger, morph: MorphAnalyzer) -> frozenset[str]:
    """The documents a signing names (`подписан меморандум`, `Соглашением, подписанным`)."""
    if trigger.type != "signing":
        return frozenset()
    near = tokens[max(0, trigger.start - 2) : trigger.end + 2]
    return frozenset(lemma(t, morph) for t in near) & DOCUMENTS


def owning_triggers(
    sentence: Sentence, triggers: list[Trigger], speaking: list[Trigger], mentions: list[Mention]
) -> dict[str, set[int]]:
    """Per mention, the triggers whose events it may take part in: the nearest one
    and those joined to it by `и` (`принял участие в Совещании ... и Форуме ...`),
    so that `посетила академию и провела встречу` keeps the academy to the visit;
    `speaking` are the triggers that take participants at all (not `silent`)."""
    tokens = sentence.tokens
    chains = coordinated(sentence, triggers)
    owners: dict[str, set[int]] = {}
    for mention in mentions:
        if not sentence.start <= mention.start < sentence.end:
            continue
        index = next(i for i, t in enumerate(tokens) if t.end > mention.start)

        def distance(trigger: Trigger, index: int = index) -> int:
            return (
                0
                if trigger.start <= index < trigger.end
                else min(abs(index - trigger.start), abs(index - (trigger.end - 1)))
            )

        distances = [distance(t) if t in speaking else len(tokens) for t in triggers]
        owners[mention.mention_id] = set(chains[distances.index(min(distances))])
    return owners


def in_name(mention: Mention, trigger: Trigger, tokens: list[Token]) -> bool:
    """A name inside the event's own name: `решений седьмого заседания Комиссии`."""
    return tokens[trigger.head].end <= mention.start < tokens[trigger.end - 1].end


def named_by_another(
    mention: Mention, trigger: Trigger, triggers: list[Trigger], tokens: list[Token]
) -> bool:
    """`посетила академию и провела встречу с руководством ООО «Хуаюнь»`: a name in
    another event's name takes part in that one only."""
    return any(
        other is not trigger and tokens[other.head].end <= mention.start < tokens[other.end - 1].end
        for other in triggers
    )


def is_frame(tokens: list[Token], trigger: Trigger, morph: MorphAnalyzer) -> bool:
    """`На полях форума`, `В рамках визита`, `По итогам заседания`, `В ходе встречи`,
    `В первый день визита`."""
    before = tuple(lemma(t, morph) for t in tokens[max(0, trigger.start - 2) : trigger.start])
    return before in FRAMES or before[-1:] in ((word,) for word in FRAME_NOUNS)


def is_mentioned(tokens: list[Token], trigger: Trigger, morph: MorphAnalyzer) -> bool:
    """`итоги выполнения решений шестого заседания`: an event named as the complement of
    a common noun is spoken of, not attended, unless the noun frames the sentence."""
    if trigger.verb or trigger.bare or trigger.start == 0:
        return False
    before = tokens[trigger.start - 1]
    noun = pos(before, morph) == "NOUN" and before.text.islower()
    head = analyses(tokens[trigger.head].text, morph)
    genitive = any(p.tag.case == "gent" for p in head)  # not `провели рабочие переговоры`
    return noun and genitive and not is_frame(tokens, trigger, morph)


def silent(tokens: list[Token], trigger: Trigger, triggers: list[Trigger], morph) -> bool:
    """A trigger whose sentence's actors are not its participants: one in a topic
    (`рассказал о меморандуме, подписанном ...`), a reference back beside a new
    event (`Участники заседания подвели итоги шестого заседания`), or a frame
    beside any other (`организовало в рамках выставки ИТ-форум`). What it is
    about still is (`о создании которой объявлено`)."""
    if is_topic(tokens, trigger.start, morph) or is_mentioned(tokens, trigger, morph):
        return True
    others = [t for t in triggers if t is not trigger]
    if trigger.bare and is_frame(tokens, trigger, morph) and others:
        return True
    return trigger.bare and any(not t.bare for t in others)


def is_habitual(sentence: Sentence, lemmas: list[str], dates: list[DateSpan]) -> bool:
    """`Выставка проводится ежегодно с 2012 г.`: a series, not one event, unless the
    sentence dates it to a month or a day."""
    if HABITS.isdisjoint(lemmas):
        return False
    inside = [d for d in dates if sentence.start <= d.start < sentence.end]
    return not any(d.precision in ("day", "month") for d in inside)


@dataclass(slots=True)
class Reading:
    """What one sentence says: its namings, and the roles its verbs state
    outright (`П.Н.Ткач выступил с докладом`), for when it names no event."""

    number: int
    namings: list[Naming]
    roles: list[tuple[Mention, str]]


def read_sentence(
    text: str,
    sentences: list[Sentence],
    number: int,
    mentions: list[Mention],
    own: list[Mention],
    dates: list[DateSpan],
    positions: list[Position],
    morph: MorphAnalyzer,
    relations: Relations,
    before: list[list[Mention]],
) -> Reading:
    """The events sentence `number` names. `mentions` are the release's, `own`
    and `dates` the sentence's, `before` those of the sentences before it
    (`by_sentence`: a filter here, once per sentence, took time quadratic in the
    release's length)."""
    sentence = sentences[number]
    found = sentence_triggers(number, sentence, own, dates, morph)
    tokens, taken, lemmas = found.tokens, found.taken, found.lemmas
    triggers = [
        t
        for t, seen in zip(found.triggers, found.looks, strict=True)
        if relations.is_event.says(seen)
    ]
    sides = side_roles(lemmas, mentions)
    explicit = (
        roles(sentence, taken, [], positions, "", morph, explicit=True)
        if states_roles(lemmas)
        else []
    )
    stated = not TAKING_PART.isdisjoint(lemmas)
    explicit += sides if stated else []
    if not triggers:
        return Reading(number, [], explicit)
    online = online_triggers(sentence, triggers, morph)
    namings = []
    when = assign_dates(sentence, triggers, dates)
    paragraph = paragraph_back(text, sentences, number)
    candidates = actor_candidates(
        sentence, taken, own, triggers, positions, sides, morph, before, paragraph
    )
    for number_in_sentence, trigger in enumerate(triggers):
        place = nearest_place(sentence, trigger, taken)
        namings.append(
            Naming(
                trigger=trigger,
                name=event_name(tokens, trigger, text, morph),
                key=name_key(tokens, trigger, morph),
                dates=when[number_in_sentence],
                place=place.entity_id if place else "",
                online=number_in_sentence in online,
                framed=trigger.bare and is_frame(tokens, trigger, morph),
                mentioned=is_mentioned(tokens, trigger, morph),
                objects=documents(tokens, trigger, morph),
                roles=taking_part(candidates[number_in_sentence], relations),
            )
        )
    return Reading(number, namings, explicit)


@dataclass(frozen=True, slots=True)
class Triggered:
    """A sentence's words, what names they lie in, and its triggers with what the
    `is_event` decision sees of each."""

    tokens: list[Token]
    taken: dict[int, Mention]
    lemmas: list[str]
    triggers: list[Trigger]
    looks: list[list[str]]


def sentence_triggers(
    number: int,
    sentence: Sentence,
    own: list[Mention],
    dates: list[DateSpan],
    morph: MorphAnalyzer,
) -> Triggered:
    """The triggers of sentence `number` (none in a habit: `проводится ежегодно`);
    `own` and `dates` are its mentions and dates."""
    tokens = list(sentence.tokens)
    taken = covering(sentence, own)
    dated = any(d.precision == "day" for d in dates)
    scheduled = any(d.kind == "date" and d.date_start for d in dates)
    triggers = find_triggers(number, tokens, taken, morph, dated, scheduled)
    lemmas = [lemma(token, morph) for token in tokens]
    if is_habitual(sentence, lemmas, dates):
        triggers = []
    looks = trigger_features(tokens, taken, triggers, morph, dated, scheduled)
    return Triggered(tokens, taken, lemmas, triggers, looks)


def trigger_features(
    tokens: list[Token],
    taken: dict[int, Mention],
    triggers: list[Trigger],
    morph: MorphAnalyzer,
    dated: bool,
    scheduled: bool,
) -> list[list[str]]:
    """What the `is_event` decision sees of each trigger of a sentence."""
    view = View(tokens, taken, morph, hedges=hedges_of(tokens, morph) if triggers else None)
    found = []
    for trigger in triggers:
        facts = {
            "trigger": trigger.lemma,
            "kind": trigger.type,
            "verb": str(trigger.verb),
            "bare": str(trigger.bare),
            "refers": str(trigger.refers),
            "part": trigger.also or "none",
            "held_at": str(trigger.within is not None),
            "dated": str(dated),
            "scheduled": str(scheduled),
            "triggers": str(min(len(triggers), 3)),
            "kind_dated": f"{trigger.type}:{dated}",
        }
        found.append(event_features(view, trigger.start, trigger.end - 1, trigger.head, facts))
    return found


@dataclass(frozen=True, slots=True)
class Candidate:
    """An actor of a sentence beside one of its events: the roles the rules of
    `roles` give it there, and what the model sees of the pair."""

    mention: Mention
    given: list[str]
    features: list[str]


def actor_candidates(
    sentence: Sentence,
    taken: dict[int, Mention],
    own: list[Mention],
    triggers: list[Trigger],
    positions: list[Position],
    sides: list[tuple[Mention, str]],
    morph: MorphAnalyzer,
    before: list[list[Mention]] | None = None,
    paragraph: int = 0,
) -> list[list[Candidate]]:
    """Per trigger, every actor of the sentence (`roles.outermost`) and every side
    (`китайская сторона`) with the roles the rules give it for that event: an
    actor's roles for the trigger's type, if the trigger takes participants at
    all (not `silent`) and is the one the actor belongs to (`owning_triggers`), not
    another event's name; and the people of the sentences `before` a pronoun or
    an unsaid subject may stand for (`earlier`; `paragraph`: how many sentences
    back the paragraph starts)."""
    tokens = list(sentence.tokens)
    by_type = {
        type: roles(sentence, taken, triggers, positions, type, morph) + sides
        for type in dict.fromkeys(t.type for t in triggers)
    }
    quiet = [silent(tokens, t, triggers, morph) for t in triggers]
    speaking = [t for t, q in zip(triggers, quiet, strict=True) if not q] or triggers
    owners = owning_triggers(sentence, triggers, speaking, own)
    view = View(tokens, taken, morph)
    actors = {a.mention.mention_id: a for a in outermost(tokens, taken)}
    standings = {key: standing(tokens, a, positions, triggers, morph) for key, a in actors.items()}
    found = []
    for index, trigger in enumerate(triggers):
        given: dict[str, list[str]] = {}
        mentions = {key: actor.mention for key, actor in actors.items()}
        words = Span(trigger.start, trigger.end - 1)
        for mention, role in by_type[trigger.type]:
            mentions.setdefault(mention.mention_id, mention)
            subject = role == "subject"
            heard = subject or not quiet[index] or in_name(mention, trigger, tokens)
            owned = subject or index in owners.get(mention.mention_id, {0})
            if heard and owned and not named_by_another(mention, trigger, triggers, tokens):
                given.setdefault(mention.mention_id, []).append(role)
        candidates = []
        for key, mention in mentions.items():
            roles_given = given.get(key, [])
            actor = actors.get(key)
            if actor is None or quiet[index]:  # a side named elsewhere, or a frame
                # (`На полях форума прошла встреча ...`): the rules decide
                if roles_given:
                    candidates.append(Candidate(mention, roles_given, []))
                continue
            main = next((r for r in reversed(roles_given) if r != "participant"), "")
            facts = {
                "rule": main or (roles_given[0] if roles_given else "none"),
                "trigger": trigger.lemma,
                "kind": trigger.type,
                "verb": str(trigger.verb),
                "in_name": str(in_name(mention, trigger, tokens)),
                "other_name": str(named_by_another(mention, trigger, triggers, tokens)),
                "owner": str(index in owners.get(key, {0})),
                "quiet": str(quiet[index]),
                "triggers": str(min(len(triggers), 3)),
                "standing": standings[key],
            }
            named = Span(actor.first, actor.last)
            features = participant_features(view, words, named, mention, facts)
            candidates.append(Candidate(mention, roles_given, features))
        if before and not quiet[index]:
            for mention, features in earlier_features(view, trigger, before, own, paragraph):
                candidates.append(Candidate(mention, [], features))
        found.append(candidates)
    return found


def taking_part(candidates: list[Candidate], relations: Relations) -> list[tuple[Mention, str]]:
    """The actors of one event of the sentence with their roles: what an event is
    about (`subject`), a side named elsewhere and the actors of a frame as the
    rules give them; any other actor as the model decides (`relations`), in the
    roles the rules give it, else `participant`; of the people named before, the
    one a pronoun or an unsaid subject stands for (`stands_for`), if any."""
    found: list[tuple[Mention, str]] = []
    standing_for = stand_in_for([c for c in candidates if EARLIER in c.features], relations)
    for candidate in candidates:
        if EARLIER in candidate.features:
            if candidate is standing_for:
                found.append((candidate.mention, "participant"))
            continue
        decided = (
            not candidate.features
            or "subject" in candidate.given
            or relations.takes_part.says(candidate.features)
        )
        if decided:
            roles_kept = candidate.given or ["participant"]
            found += [(candidate.mention, role) for role in roles_kept]
    return found


def stand_in_for(earlier: list[Candidate], relations: Relations) -> Candidate | None:
    """The person named before whom a pronoun or an unsaid subject stands for: the
    best-scoring one above the threshold, if any."""
    best, found = relations.stands_for.threshold, None
    for candidate in earlier:
        score = relations.stands_for.score(candidate.features)
        if score > best:
            best, found = score, candidate
    return found


def find_events(
    text: str,
    title: str,
    sentences: list[Sentence],
    mentions: list[Mention],
    dates: list[DateSpan],
    positions: list[Position],
    morph: MorphAnalyzer,
    relations: Relations | None = None,
) -> tuple[list[Event], list[Participant]]:
    """The event records of one release and their participants; `relations` is the
    model that decides who took part (the shipped one by default)."""
    relations = relations or load_relations()
    in_sentences = by_sentence(sentences, mentions)
    within = zip(in_sentences, by_sentence(sentences, dates), strict=True)
    readings = [
        read_sentence(
            text,
            sentences,
            number,
            mentions,
            own,
            dated,
            positions,
            morph,
            relations,
            in_sentences[max(0, number - WINDOW) : number],
        )
        for number, (own, dated) in enumerate(within)
    ]
    headline = bool(sentences) and bool(title) and sentences[0].text.strip() == title.strip()
    if headline:  # a headline sums up the body: read it last, against the body's events
        for naming in readings[0].namings:
            naming.title = True
        readings = readings[1:] + readings[:1]
    drafts: list[Draft] = []
    latest: Draft | None = None
    background = False
    for reading in readings:
        if opens_paragraph(text, sentences, reading.number):
            opener = sentences[reading.number].text
            background = bool(BACKGROUND_OPENER.match(opener) or BIOGRAPHY.search(opener)) or (
                background and MARKER_ONLY.match(sentences[reading.number - 1].text) is not None
            )
            latest = None if background else latest
        here: list[tuple[Draft, Naming]] = []
        for naming in reading.namings:
            draft = resolve(naming, drafts)
            if draft is None and naming.trigger.refers:
                continue
            if draft is None:
                trigger = naming.trigger
                draft = Draft(trigger.type, naming.name, naming.key, set())
                drafts.append(draft)
            draft.add(naming)
            here.append((draft, naming))
        if not here and latest is not None:
            latest.take(reading.roles)
        speaking = [d for d, naming in here if not naming.mentioned]
        named = [d for d, naming in here if not naming.mentioned and not naming.trigger.verb]
        if named or (speaking and latest is None):
            latest = (named or speaking)[-1]  # an event a noun names, over one a verb states
        share_setting(here)
    claimed = {d.dates[0].date_id for d in drafts if d.dates}
    for draft in drafts:
        if not draft.dates:
            first = min(n.trigger.sentence for n in draft.namings)
            opener = paragraph_opener(text, sentences, first)
            groups = date_groups(sentences[opener], dates) if opener != first else []
            free = [g for g in groups if g[0].date_id not in claimed]
            draft.dates = free[0] if free else []
    drafts.sort(key=lambda d: min((n.trigger.sentence, n.trigger.start) for n in d.namings))
    return records(sentences, drafts, sentences[0].doc_id if sentences else "")


def full_name(draft: Draft) -> str:
    """The name, with what it is about when only the subject tells one such event
    from another (`назначение на должность директора ...: Воронцова Елена Сергеевна`)."""
    subject = draft.subject_name
    if draft.type not in ONE_SUBJECT or not subject:
        return draft.name
    if subject.split()[0][:4].lower() in draft.name.lower():
        return draft.name  # `создание Союзного государства` names it already
    return f"{draft.name}: {subject}"


def naming_words(draft: Draft) -> Trigger:
    """The words a record points at: its first naming in the body, else in the title."""
    body = [n.trigger for n in draft.namings if not n.title] or [n.trigger for n in draft.namings]
    first = min(t.sentence for t in body)
    here = [t for t in body if t.sentence == first]
    named = [t for t in here if t.lemma not in REFERENCES] or here  # not `делегация`
    return min(named, key=lambda t: t.start)


def records(
    sentences: list[Sentence], drafts: list[Draft], doc_id: str
) -> tuple[list[Event], list[Participant]]:
    """One `events` row per draft, or per day of an enumeration, numbered in order."""
    events: list[Event] = []
    participants: list[Participant] = []
    for draft in drafts:
        trigger = naming_words(draft)
        sentence = sentences[trigger.sentence]
        start = sentence.tokens[trigger.start].start
        end = sentence.tokens[trigger.end - 1].end
        for date in draft.dates or [None]:
            event_id = f"{doc_id}#e{len(events) + 1}"
            events.append(
                Event(
                    doc_id=doc_id,
                    event_id=event_id,
                    type=draft.type,
                    name=full_name(draft),
                    date_start=date.date_start if date else "",
                    date_end=date.date_end if date else "",
                    location_id=draft.place,
                    start=start,
                    end=end,
                    sentence=sentence.text,
                    online=draft.online,
                    status=BACKGROUND if all(n.mentioned for n in draft.namings) else "",
                )
            )
            participants.extend(Participant(event_id, e, role) for e, role in draft.final_roles())
    return events, participants
