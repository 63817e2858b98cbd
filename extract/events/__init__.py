"""Events: what happened, when, where, who took part and in what role.

Types (`events.type`), and the words that name them (`words.py`):

- `meeting`: совещание, заседание, встреча, консультации, видеоконференция,
  круглый стол, саммит; `встретился`;
- `conference`: конференция, форум, конгресс, семинар, симпозиум;
- `exhibition`: выставка, ярмарка;
- `visit`: визит, поездка; `посетил`;
- `negotiations`: переговоры;
- `signing`: подписание; `подписали`;
- `appointment`: назначение на должность; `назначен`;
- `dismissal`: отставка; `освобождён от должности`;
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
   verbs. `Пленарное заседание Форума ...` is the forum itself.
2. Triggers are resolved to events: a trigger with complements is a new event
   unless an earlier one has the same name (`4-ом Совещании руководителей ...`
   and `4-го Совещания руководителей ...`); a bare trigger (`В ходе
   конференции`, `В заседании`) refers back to the latest event named by the
   same word, or a word ending in it (`видеоконференции`), and starts an event
   only when there is none; a verb and a noun of one type in one sentence are
   one event.
3. Arguments come from the sentences that name the event, its first naming
   with a date first: the date group nearest the trigger (else the dates of
   the sentence that opens the paragraph), the place named with `в` nearest
   the trigger (`в г.Карамай`), and `online` when a sentence says `ВКС`,
   `видеоконференция`, `онлайн`. Two different events in one sentence both
   get its date and place.
4. An event stated for an enumeration of days (`17 и 24 июня ... заседание
   экспертов`) is one record per day, each with the same participants.
5. Participants come from every sentence that names the event and, for
   sentences naming none (`П.Н.Ткач выступил с докладом`), from the latest
   event of the paragraph. `китайская сторона` is the place of the release
   whose name starts like the adjective (`Китай`, `Китайская Народная
   Республика`).

`start, end` of a record are those of the words that first name it;
`sentence` is that sentence's text.
"""

from dataclasses import dataclass, field

from pymorphy3 import MorphAnalyzer

from ..const import LOC
from ..positions import covering
from ..records import DateSpan, Event, Mention, Participant, Position, Sentence, Token
from .arguments import date_groups, is_online, nearest_dates, nearest_place
from .naming import event_name, name_key
from .roles import roles
from .triggers import Trigger, find_triggers, lemma
from .words import VERB_NOUNS


@dataclass(slots=True, eq=False)
class Draft:
    """One real event while the release is read: its triggers and what they bring."""

    type: str
    name: str
    key: tuple[str, ...]
    words: set[str]
    triggers: list[Trigger] = field(default_factory=list)
    dates: list[DateSpan] = field(default_factory=list)
    place: str = ""
    online: bool = False
    roles: dict[tuple[str, str], None] = field(default_factory=dict)
    subject: str = ""  # the normal form of what it is about, for its name


def related(word: str, words: set[str]) -> bool:
    """`конференция` refers back to a `видеоконференция`."""
    return any(word == w or w.endswith(word) or word.endswith(w) for w in words)


def resolve(trigger: Trigger, name: str, key: tuple[str, ...], drafts: list[Draft]) -> Draft:
    """The event a trigger names: an earlier one, or a new one added to `drafts`."""
    same_sentence = [d for d in drafts if d.triggers[-1].sentence == trigger.sentence]
    for draft in reversed(same_sentence):
        if draft.type == trigger.type and (trigger.verb or draft.triggers[-1].verb):
            return draft
    if trigger.bare:
        for draft in reversed(drafts):
            if related(trigger.lemma, draft.words):
                return draft
    elif not trigger.verb:
        for draft in drafts:
            if draft.key == key and draft.type == trigger.type:
                if len(name) > len(draft.name):
                    draft.name = name
                return draft
    words = {trigger.lemma, trigger.also, VERB_NOUNS.get(trigger.lemma, "")} - {""}
    draft = Draft(trigger.type, name, key, words)
    drafts.append(draft)
    return draft


def opens_paragraph(text: str, sentences: list[Sentence], number: int) -> bool:
    return number == 0 or "\n" in text[sentences[number - 1].end : sentences[number].start]


def paragraph_opener(text: str, sentences: list[Sentence], number: int) -> int:
    while not opens_paragraph(text, sentences, number):
        number -= 1
    return number


def shared_prefix(first: str, second: str) -> int:
    pairs = zip(first, second, strict=False)
    return next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(first), len(second)))


def side_places(
    tokens: list[Token], mentions: list[Mention], morph: MorphAnalyzer
) -> dict[int, Mention]:
    """`китайской стороны`: the place mention of the release the adjective names,
    by token index of the adjective."""
    places = [m for m in mentions if m.type == LOC]
    found: dict[int, Mention] = {}
    for index, token in enumerate(tokens[:-1]):
        if lemma(tokens[index + 1], morph) != "сторона":
            continue
        adjective = lemma(token, morph)
        for suffix in ("ский", "цкий"):
            adjective = adjective.removesuffix(suffix)
        stem = adjective.replace("о", "а")
        for place in places:
            name = (place.normal or place.text).lower().replace("о", "а")
            if shared_prefix(stem, name) >= max(4, len(stem) - 2):
                found[index] = place
                break
    return found


def find_events(
    text: str,
    sentences: list[Sentence],
    mentions: list[Mention],
    dates: list[DateSpan],
    positions: list[Position],
    morph: MorphAnalyzer,
) -> tuple[list[Event], list[Participant]]:
    """The event records of one release and their participants."""
    drafts: list[Draft] = []
    latest: Draft | None = None
    for number, sentence in enumerate(sentences):
        if opens_paragraph(text, sentences, number):
            latest = None
        tokens = list(sentence.tokens)
        inside = [m for m in mentions if sentence.start <= m.start < sentence.end]
        taken = covering(sentence, inside)
        triggers = find_triggers(number, tokens, taken, morph)
        named: list[tuple[Draft, Trigger]] = []
        for trigger in triggers:
            name = event_name(tokens, trigger, text, morph)
            draft = resolve(trigger, name, name_key(tokens, trigger, morph), drafts)
            draft.triggers.append(trigger)
            draft.words |= {trigger.lemma, trigger.also} - {""}
            named.append((draft, trigger))
        online = is_online(sentence, morph)
        for draft, trigger in named:
            if not draft.dates and not trigger.bare:
                draft.dates = nearest_dates(sentence, trigger, dates)
            place = nearest_place(sentence, trigger, taken)
            if place is not None and not draft.place:
                draft.place = place.entity_id
            draft.online = draft.online or online or trigger.lemma == "видеоконференция"
        events = list(dict.fromkeys(d for d, _ in named)) or ([latest] if latest else [])
        for draft in events:
            found = roles(sentence, taken, triggers, positions, draft.type, morph, not named)
            for mention, role in found:
                draft.roles.setdefault((mention.entity_id, role), None)
                if role == "subject" and not draft.subject:
                    draft.subject = mention.normal or mention.text
            for index, place in side_places(tokens, mentions, morph).items():
                if index > 0 and lemma(tokens[index - 1], morph) == "председательство":
                    draft.roles.setdefault((place.entity_id, "chair"), None)
        if named:
            latest = named[-1][0]
    for draft in drafts:
        if not draft.dates:
            first = draft.triggers[0].sentence
            opener = paragraph_opener(text, sentences, first)
            groups = date_groups(sentences[opener], dates) if opener != first else []
            draft.dates = groups[0] if groups else []
    return records(sentences, drafts, sentences[0].doc_id if sentences else "")


def records(
    sentences: list[Sentence], drafts: list[Draft], doc_id: str
) -> tuple[list[Event], list[Participant]]:
    """One `events` row per draft, or per day of an enumeration, numbered in order."""
    events: list[Event] = []
    participants: list[Participant] = []
    for draft in drafts:
        trigger = draft.triggers[0]
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
                    name=f"{draft.name}: {draft.subject}" if draft.subject else draft.name,
                    date_start=date.date_start if date else "",
                    date_end=date.date_end if date else "",
                    location_id=draft.place,
                    start=start,
                    end=end,
                    sentence=sentence.text,
                    online=draft.online,
                )
            )
            participants.extend(Participant(event_id, entity, role) for entity, role in draft.roles)
    return events, participants
