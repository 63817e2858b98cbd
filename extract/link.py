"""Mentions to entities: first inside a release, then across releases.

Every mention gets an `entity_key`, the readable key of what the release
says of it, and an `entity_id` hashed from its identity, so workers link
without talking to each other and a resumed run gives the ids a fresh one
would.

Inside a release:

- People are clustered in text order. A mention joins the latest cluster it is
  compatible with: the same surname, and first name and patronymic that agree
  where both are given (`П.` agrees with `Павел`, `Канатовны` with
  `Канатовна`); a surname alone (`Ткача`) joins the latest person with that
  surname. Two people with one surname and different first names stay apart.
  Surnames compare across their masculine and feminine forms (`Сейткалиев`,
  `Сейткалиева`), and a known first name's gender then fixes the normal form
  of every mention of the person (`А. Сейткалиева`, not `А. Сейткалиев`). A
  word that reads as a patronymic is a surname when the release uses it as one
  elsewhere (`Геннадий Мартынович` beside `Г.С.Мартынович`). The key is the
  surname and the first initial: `PER:Ткач|П`.
- An abbreviation takes the full name the release gives it, by introduction
  (`Шанхайская организация сотрудничества (далее – ШОС)`, `... комиссия (ЕЭК)`)
  or, failing that, by its letters matching one full name in the release
  (`ЕЭК` and `Евразийская экономическая комиссия`). A short form takes the one
  longer name in the release that starts with it, or whose head it is (`Центр`
  and `Центр сотрудничества ...`; `Комиссия` and `Межправительственная ...
  комиссия по ...`; `Международный союз операторов` and `Международный
  союз операторов ... государств – участников СНГ`). A name made of the same words in another order
  takes the first one's (`Центр сотрудничества по большим данным Китай-ШОС`
  and `Центр сотрудничества Китай-ШОС в области больших данных`): the words
  compare as lemmas, without function words and the `в области` of a domain.
- Names then go through the alias table (`aliases`): `Минсвязи` is
  `Министерство связи и информатизации Республики Беларусь` in every release.
  The key of a place or organisation is its type and full name.

Across releases (`resolve_people`), a false merge is worse than a split. An
organisation or place is one entity wherever its key is equal. A person
whose release gives the first name in full is identified by surname, first
name and patronymic (`Ткач Павел Николаевич` and `Ткач Пётр Иванович` are
two); one without the patronymic joins the one person of that name with it.
A person a release knows only by initials or surname (`П.Н. Ткач`, `Ткач`)
is that release's alone, unless they share an organisation, or a post held
without one, with exactly one person of compatible name elsewhere in the run.
Each entity says why its releases were joined (`link_reason`).
"""

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from pymorphy3 import MorphAnalyzer

from .aliases import Aliases
from .const import PER
from .morphology import analyses, is_known
from .names import (
    NameParts,
    compatible,
    first_name_key,
    fold,
    fuller,
    gender_of,
    is_initial,
    name_tags,
    patronymic_stem,
    split_name,
    surname_key,
)
from .normalize import normalize
from .records import Entity, Mention

INTRODUCTION = re.compile(
    r"\s*\(\s*(?:далее(?:\s+по\s+тексту)?\s*[–—-]?\s*)?[«\"]?([А-ЯЁA-Z][\wА-ЯЁа-яё-]{1,15})[»\"]?\s*\)"
)
FUNCTION_WORDS = {"и", "в", "во", "по", "на", "для", "при", "с", "со", "о", "об", "а", "к"}
DOMAIN_WORDS = {"область", "сфера"}
LEGAL_FORMS = {
    "ооо",
    "оао",
    "зао",
    "ао",
    "пао",
    "руп",
    "уп",
    "тоо",
    "гуп",
    "фгуп",
    "муп",
    "чуп",
}  # `в области больших данных` is `по большим данным`


# Compound words of official names, written out, so that a name has one spelling and
# its initials (`Томский госуниверситет` is `Томский государственный университет`,
# `ТГУ`): the stem abbreviated, the words it stands for, by the word's ending.
COMPOUNDS = {
    "госуниверситет": "государственный университет",
    "медуниверситет": "медицинский университет",
    "техуниверситет": "технический университет",
    "пединститут": "педагогический институт",
    "облисполком": "областной исполнительный комитет",
    "райисполком": "районный исполнительный комитет",
    "горисполком": "городской исполнительный комитет",
    "госкомитет": "государственный комитет",
}
COMPOUND = re.compile(rf"(?i)\b({'|'.join(COMPOUNDS)})\b")


def written_out(name: str) -> str:
    """An organisation's name in the nominative with its compound words written out."""
    return COMPOUND.sub(lambda match: COMPOUNDS[match.group(1).lower()], name)


def entity_id(key: str) -> str:
    type = key.split(":", 1)[0]
    return f"{type}-{hashlib.sha1(fold(key).encode('utf-8')).hexdigest()[:12]}"


@dataclass(slots=True)
class Person:
    """One person of a release, as far as its mentions tell."""

    parts: NameParts

    def accepts(self, other: NameParts) -> bool:
        if not other.last:  # `Елена Сергеевна` needs a person whose first name is known
            return (
                bool(self.parts.first and other.first)
                and compatible(self.parts.first, other.first)
                and compatible(self.parts.middle, other.middle)
            )
        return (
            surname_key(self.parts.last) == surname_key(other.last)
            and compatible(self.parts.first, other.first)
            and compatible(self.parts.middle, other.middle)
        )

    def add(self, other: NameParts) -> None:
        self.parts = NameParts(
            last=self.parts.last or other.last,
            first=fuller(self.parts.first, other.first),
            middle=fuller(self.parts.middle, other.middle),
        )

    @property
    def key(self) -> str:
        if not self.parts.last:
            return f"PER:|{self.parts.full}"
        return f"PER:{surname_key(self.parts.last).title()}|{self.parts.first[:1].upper()}"

    def identity(self, doc_id: str, morph: MorphAnalyzer) -> str:
        """What the person's `entity_id` is hashed from: the key with the full first
        name and patronymic stem, which other releases share; or, for a person known
        by initials or surname only, the key with the release's id (`resolve_people`
        may join them later)."""
        first, middle = self.parts.first, self.parts.middle
        if self.parts.last and first and not is_initial(first):
            stem = middle[:1].lower() if is_initial(middle) else patronymic_stem(middle)
            return f"{self.key}|{first_name_key(first, morph)}|{stem or fold(middle)}"
        return f"{self.key}|{middle[:1].upper()}@{doc_id}"


def surname_read(parts: NameParts, surnames: set[str]) -> NameParts:
    """`Геннадий Мартынович`: a first name and a word that reads as a patronymic is a
    first name and surname when the release uses that word as a surname elsewhere
    (`Г.С.Мартынович`); `Елена Сергеевна` stays a first name and patronymic."""
    if parts.last or not parts.middle or surname_key(parts.middle) not in surnames:
        return parts
    return NameParts(last=parts.middle, first=parts.first, middle="")


TRANSCRIPTION = re.compile(r"([»\"“”]?)\s*[(\[]\s*$")
LATIN = re.compile(r"^[A-Za-zÀ-ÿ0-9&' .-]+$")


def transcriptions(text: str, mentions: list[Mention]) -> dict[str, str]:
    """`Джошуа Вольфа (Joshua Wolf)`, `концерн «Фольксваген» (Volkswagen)`: a Latin
    name in brackets right after a name of its type names the same one: the id of
    the mention it follows, by the Latin one's id."""
    ends: dict[tuple[str, int], str] = {}
    found: dict[str, str] = {}
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        opening = TRANSCRIPTION.search(text, max(0, mention.start - 8), mention.start)
        if LATIN.match(mention.text) and opening:  # the name may end at its quote or before
            starts = (opening.start(), opening.end(1))
            before = next(
                (ends[(mention.type, i)] for i in starts if (mention.type, i) in ends), None
            )
            if before is not None:
                found[mention.mention_id] = before
        ends[(mention.type, mention.end)] = mention.mention_id
    return found


@dataclass(frozen=True, slots=True)
class Surnames:
    """A release's surnames of people named with a first name or patronymic,
    by `surname_key` and by their first three folded letters (what `one_name`
    needs two spellings to share), in the order the release gives them."""

    by_key: dict[str, list[str]]
    by_prefix: dict[str, list[str]]

    @classmethod
    def of(cls, surnames: list[str]) -> "Surnames":
        by_key: dict[str, list[str]] = {}
        by_prefix: dict[str, list[str]] = {}
        for surname in surnames:
            by_key.setdefault(surname_key(surname), []).append(surname)
            by_prefix.setdefault(fold(surname)[:3], []).append(surname)
        return cls(by_key, by_prefix)


def one_word(parts: NameParts, surnames: Surnames, morph: MorphAnalyzer) -> NameParts:
    """A one-word name is the surname of the release it agrees with, read as a first
    name (`Уильямс` of `Джеффри Уильямс`) or in a case form the normal form left
    (`Лофнеру` of `Джаред Лофнер`, unless it is a first name the dictionary knows:
    `Марк` is not `Марков`); else it stays as read."""
    words = [part for part in (parts.last, parts.first) if part]
    if len(words) != 1 or parts.middle or is_initial(words[0]):
        return parts
    word = words[0]
    exact = surnames.by_key.get(surname_key(word), [])
    loose = not exact and "Name" not in name_tags(word, morph)
    nearby = surnames.by_prefix.get(fold(word)[:3], []) if loose else []
    close = exact or [s for s in nearby if one_name(s, word)]
    return NameParts(last=close[0]) if len(set(close)) == 1 else parts


def cluster_people(text: str, mentions: list[Mention], morph: MorphAnalyzer) -> dict[str, Person]:
    """The person of each PER mention, by `mention_id`."""
    people: list[Person] = []
    found: dict[str, Person] = {}
    split = {m.mention_id: split_name(m.normal or m.text, morph) for m in mentions}
    surnames = {surname_key(parts.last) for parts in split.values() if parts.last}
    named = Surnames.of(
        [parts.last for parts in split.values() if parts.last and (parts.first or parts.middle)]
    )
    by_surname: dict[str, list[Person]] = {}  # a person's surname, once known, stays
    latin = transcriptions(text, mentions)
    for mention in mentions:
        if mention.mention_id in latin and latin[mention.mention_id] in found:
            found[mention.mention_id] = found[latin[mention.mention_id]]
            continue
        parts = one_word(surname_read(split[mention.mention_id], surnames), named, morph)
        # the latest person who accepts the name: one of its surname, if it has one
        candidates = by_surname.get(surname_key(parts.last), []) if parts.last else people
        person = next((p for p in reversed(candidates) if p.accepts(parts)), None)
        if person is None:
            person = Person(parts)
            people.append(person)
            if parts.last:
                by_surname.setdefault(surname_key(parts.last), []).append(person)
        else:
            person.add(parts)
        found[mention.mention_id] = person
    return found


def initials(name: str) -> str:
    words = re.findall(r"[А-ЯЁа-яёA-Za-z]+", name)
    return "".join(word[0].upper() for word in words if word.casefold() not in FUNCTION_WORDS)


def is_abbreviation(name: str) -> bool:
    return 2 <= len(name) <= 10 and name.isupper()


def word_set(name: str, morph: MorphAnalyzer) -> frozenset[str]:
    """The words a name is made of, as lemmas, without function words, the `в
    области` of a domain and a legal form (`ООО «Хуаюнь Текнолоджи»` is
    `Хуаюнь Текнолоджи`)."""
    words = re.findall(r"[\wЁё-]+", name.lower())
    lemmas = {analyses(word, morph)[0].normal_form for word in words}
    return frozenset(lemmas - FUNCTION_WORDS - DOMAIN_WORDS - LEGAL_FORMS)


def head_of(name: str, morph: MorphAnalyzer) -> str:
    """A name's first noun past its adjectives, folded (`комиссия` of
    `Межправительственная белорусско-казахстанская комиссия по ...`)."""
    for word in name.split():
        parse = analyses(word, morph)[0]
        if parse.tag.POS not in {"ADJF", "PRTF"}:
            return fold(parse.word) if parse.tag.POS == "NOUN" else ""
    return ""


def release_names(
    text: str, mentions: list[Mention], morph: MorphAnalyzer
) -> dict[tuple[str, str], str]:
    """`(type, folded short name)` -> the full name this release gives it."""
    names: dict[tuple[str, str], str] = {}
    mentions = [replace(m, normal=written_out(m.normal or m.text)) for m in mentions]
    full = [m for m in mentions if " " in (m.normal or m.text)]
    groups: dict[tuple[str, frozenset[str]], list[str]] = {}
    for mention in mentions:
        name = mention.normal or mention.text
        groups.setdefault((mention.type, word_set(name, morph)), []).append(name)
    for (type, _), group in groups.items():
        longest = max(group, key=len)  # the fullest: `ООО «Хуаюнь Текнолоджи»`
        for name in group:
            if name != longest and " " in longest:
                names.setdefault((type, fold(name)), longest)
    for mention in full:
        introduced = INTRODUCTION.match(text, mention.end)
        # `(далее – Университет)`, `(ТГУ)`; not `(Россия)`, which says where, not what
        if introduced and ("далее" in introduced.group() or is_abbreviation(introduced.group(1))):
            names.setdefault(
                (mention.type, fold(introduced.group(1))), mention.normal or mention.text
            )
    bases = Bases.of({(m.type, m.normal or m.text) for m in full}, morph)
    for mention in mentions:
        short = mention.normal or mention.text
        key = (mention.type, fold(short))
        if key in names:
            continue
        if " " in short:
            words = fold(short).split()
            matches = {
                base
                for base in bases.by_first.get((mention.type, words[0]), set())
                if fold(base).split()[: len(words)] == words and len(base.split()) > len(words)
            }
        elif is_abbreviation(short):
            matches = bases.by_initials.get((mention.type, short), set())
        else:  # `Центр` of `Центр сотрудничества ...`, `Комиссии` of `... комиссии по ...`
            matches = bases.by_first.get(key, set()) | bases.by_head.get(key, set())
        if len(matches) == 1:
            names[key] = next(iter(matches))
    return names


@dataclass(frozen=True, slots=True)
class Bases:
    """A release's names of more than one word, by `(type, key)`: their first
    word folded, their initials (`initials`) and their head noun (`head_of`),
    so that a short name finds its full ones without reading them all."""

    by_first: dict[tuple[str, str], set[str]]
    by_initials: dict[tuple[str, str], set[str]]
    by_head: dict[tuple[str, str], set[str]]

    @classmethod
    def of(cls, bases: set[tuple[str, str]], morph: MorphAnalyzer) -> "Bases":
        index = cls({}, {}, {})
        for type, base in bases:
            index.by_first.setdefault((type, fold(base.split()[0])), set()).add(base)
            index.by_initials.setdefault((type, initials(base)), set()).add(base)
            index.by_head.setdefault((type, head_of(base, morph)), set()).add(base)
        return index


def place_key(mention: Mention, names: dict[tuple[str, str], str], aliases: Aliases) -> str:
    name = written_out(mention.normal or mention.text)
    name = names.get((mention.type, fold(name)), name)
    name = aliases.full_name(mention.type, name) or name
    return f"{mention.type}:{name}"


def one_name(one: str, other: str) -> bool:
    """Two spellings of a first name that differ in a case ending the normal form
    left (`Раймон`, `Раймонда`), not two names (`Владислав`, `Владимир`)."""
    one, other = fold(one), fold(other)
    pairs = zip(one, other, strict=False)
    common = next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(one), len(other)))
    return common >= 3 and common >= max(len(one), len(other)) - 2


def same_people(people: Iterable[Person], morph: MorphAnalyzer) -> dict[int, Person]:
    """A release's clusters that are one person, by `id` of each, to the one that
    names them: the same key, and first names that are one name (`one_name`) with
    patronymics that agree. The named one is the cluster whose first name the
    dictionary knows, else the shortest: the likeliest nominative."""
    chosen: dict[int, Person] = {}
    groups: list[list[Person]] = []
    by_key: dict[str, list[list[Person]]] = {}
    for person in people:
        group = next(
            (
                g
                for g in by_key.get(person.key, [])
                if all(
                    one_name(other.parts.first, person.parts.first)
                    and compatible(other.parts.middle, person.parts.middle)
                    for other in g
                )
            ),
            None,
        )
        if group is None:
            groups.append([person])
            by_key.setdefault(person.key, []).append(groups[-1])
        else:
            group.append(person)
    for group in groups:
        best = min(group, key=lambda p: (not is_known(p.parts.first, morph), len(p.parts.first)))
        chosen.update({id(person): best for person in group})
    return chosen


def link_entities(
    text: str, mentions: list[Mention], morph: MorphAnalyzer, aliases: Aliases
) -> list[Mention]:
    """Give every mention of one release its `entity_key` and `entity_id`."""
    people = cluster_people(text, [m for m in mentions if m.type == PER], morph)
    named = same_people({id(p): p for p in people.values()}.values(), morph)
    names = release_names(text, [m for m in mentions if m.type != PER], morph)
    others = [m for m in mentions if m.type != PER]
    latin = transcriptions(text, others)
    keys: dict[str, str] = {}
    linked = []
    for mention in mentions:
        if mention.type == PER:
            person = people[mention.mention_id]
            gender = gender_of(person.parts.first, morph)
            if gender:  # without one, the normal form already made stands
                mention = replace(mention, normal=normalize(mention.text, PER, morph, gender))
            key, identity = person.key, named[id(person)].identity(mention.doc_id, morph)
        elif latin.get(mention.mention_id) in keys:  # `(Amnesty International)`
            key = identity = keys[latin[mention.mention_id]]
        else:
            key = identity = place_key(mention, names, aliases)
        keys[mention.mention_id] = key
        linked.append(replace(mention, entity_key=key, entity_id=entity_id(identity)))
    return linked


FULL_NAME = "full name"
ALIAS = "alias"


def is_named(parts: NameParts) -> bool:
    """Whether a person's first name is known in full, beside the surname."""
    return bool(parts.last and parts.first) and not is_initial(parts.first)


def with_reason(known: str, reason: str) -> str:
    """`full name; initials + post`: the reasons an entity's releases were joined by."""
    parts = [part for part in f"{known}; {reason}".split("; ") if part]
    return "; ".join(dict.fromkeys(parts))


def shared_ground(one: set[tuple[str, str]], other: set[tuple[str, str]]) -> str:
    """What two people's positions share: `organisation` (the same org), `post` (the
    same post where one names no organisation), or ''."""
    if {org for _, org in one if org} & {org for _, org in other if org}:
        return "organisation"
    for post, org in one:
        if any(post == p and not (org and o) for p, o in other):
            return "post"
    return ""


def resolve_people(
    people: dict[str, NameParts],
    evidence: dict[str, set[tuple[str, str]]],
    aliases: Aliases | None = None,
) -> tuple[dict[str, str], dict[str, str]]:
    """Which of the run's person ids are one person: `renamed` maps an id to the id it
    joins, `reasons` says why, by the id joined. `people` are each id's fullest name
    parts; `evidence`, the `(post, org_id)` of each id's positions (`org_id` empty
    where the release names none).

    A full name without a patronymic joins the one full name with one that agrees
    (`full name`); initials or a surname alone join the one person of compatible
    name they share an organisation, or a post, with (`initials + organisation`,
    `surname + post`, ...). Anything more or less stays apart. Last, the user's
    `aliases` rule: two names said `different` are never joined, two said `same`
    always are (`alias`)."""
    same = aliases.same if aliases else frozenset()
    different = aliases.different if aliases else frozenset()
    names = {person: fold(parts.full) for person, parts in people.items()}
    groups: dict[str, list[str]] = {}
    for person, parts in sorted(people.items()):
        if parts.last:
            groups.setdefault(surname_key(parts.last), []).append(person)
    renamed: dict[str, str] = {}
    reasons: dict[str, str] = {}

    def root(person: str) -> str:
        while person in renamed:
            person = renamed[person]
        return person

    def join(person: str, target: str, reason: str) -> None:
        if frozenset((names[person], names[target])) in different:
            return
        renamed[person] = target
        reasons[target] = with_reason(reasons.get(target, ""), reason)

    for ids in groups.values():
        named = [i for i in ids if is_named(people[i])]
        for person in named:
            parts = people[person]
            if parts.middle and not is_initial(parts.middle):
                continue
            targets = [
                other
                for other in named
                if fold(people[other].first) == fold(parts.first)
                and people[other].middle
                and not is_initial(people[other].middle)
                and compatible(parts.middle, people[other].middle)
            ]
            if len(targets) == 1:
                join(person, targets[0], FULL_NAME)
        for person in ids:
            parts = people[person]
            if is_named(parts):
                continue
            grounds: dict[str, str] = {}
            for other in ids:
                target = root(other)
                ground = shared_ground(evidence.get(person, set()), evidence.get(other, set()))
                if (
                    target != person
                    and ground
                    and compatible(parts.first, people[other].first)
                    and compatible(parts.middle, people[other].middle)
                ):
                    grounds[target] = min(grounds.get(target, ground), ground)  # org first
            if len(grounds) == 1:
                target, ground = grounds.popitem()
                join(person, target, f"{'initials' if parts.first else 'surname'} + {ground}")
    for pair in sorted(same):  # both names must be in the run
        members = [person for person in sorted(people) if names[person] in pair]
        if {names[person] for person in members} != set(pair):
            continue
        target = root(members[0])
        for person in map(root, members[1:]):
            if person != target:
                renamed[person] = target
                known = with_reason(reasons.get(target, ""), reasons.pop(person, ""))
                reasons[target] = with_reason(known, ALIAS)
    return {person: root(person) for person in renamed}, reasons


@dataclass(slots=True)
class Tally:
    """What is known of one entity while its mentions stream past."""

    key: str
    type: str
    firsts: Counter = field(default_factory=Counter)
    middles: Counter = field(default_factory=Counter)
    lasts: Counter = field(default_factory=Counter)
    texts: set[str] = field(default_factory=set)
    n_docs: int = 0
    last_doc: str = ""
    n_mentions: int = 0


def mention_name(key: str, text: str, normal: str, morph: MorphAnalyzer) -> NameParts:
    """A person mention's name parts as its entity's tally counts them, the
    surname of its `entity_key` (`PER:Ткач|П`) read as the release reads it."""
    surname = key.split(":", 1)[1].split("|")[0]
    return surname_read(split_name(normal or text, morph), {surname_key(surname)})


def tally_mentions(
    rows: Iterable[tuple[str, str, str, str, str, str, str, str, str]],
    tallies: dict[str, Tally] | None = None,
) -> dict[str, Tally]:
    """Fold `(entity_id, entity_key, type, doc_id, text, normal, last, first,
    middle)` rows, a person mention with its `mention_name`, into tallies, new ones
    or those given (a run's mentions come in batches). The rows come in `doc_id`
    order, a document's all together, so documents are counted, not kept."""
    tallies = {} if tallies is None else tallies
    for entity, key, type, doc_id, text, normal, last, first, middle in rows:
        tally = tallies.get(entity)
        if tally is None:  # not `setdefault`, which would make a tally for every row
            tally = tallies[entity] = Tally(key, type)
        if type == PER:
            tally.lasts[last] += 1
            tally.firsts[first] += 1
            tally.middles[middle] += 1
        tally.texts.update({text, normal or text})
        if doc_id != tally.last_doc:  # rows come a document at a time
            tally.n_docs += 1
            tally.last_doc = doc_id
        tally.n_mentions += 1
    return tallies


def best_part(counter: Counter) -> str:
    """A name part as most mentions spell it: a full name over an initial, then the
    most frequent, then the shortest (the nominative `Вэймин` over `Вэймином`)."""
    spellings = [value for value in counter if value]
    return min(
        spellings,
        key=lambda value: (is_initial(value), -counter[value], len(value), value),
        default="",
    )


def person_parts(tally: Tally) -> NameParts:
    return NameParts(best_part(tally.lasts), best_part(tally.firsts), best_part(tally.middles))


def entity_name(tally: Tally) -> str:
    if tally.type == PER:
        return person_parts(tally).full
    return tally.key.split(":", 1)[1]


def link_reason(tally: Tally, reasons: dict[str, str], entity: str) -> str:
    """Why an entity's releases are one: what `resolve_people` joined them by, and an
    equal full name where one id spans releases (see `merge.joined_people`); for an
    organisation or place in several releases, its `name`; empty for one release."""
    if entity in reasons or tally.type == PER or tally.n_docs < 2:
        return reasons.get(entity, "")
    return "name"


def build_entities(tallies: dict[str, Tally], reasons: dict[str, str]) -> list[Entity]:
    entities = []
    for entity, tally in sorted(tallies.items()):
        name = entity_name(tally)
        parts = person_parts(tally) if tally.type == PER else NameParts()
        aliases = tuple(sorted(tally.texts - {name}))
        entities.append(
            Entity(
                entity,
                tally.type,
                name,
                aliases,
                tally.n_docs,
                tally.n_mentions,
                parts.last,
                parts.first,
                parts.middle,
                link_reason(tally, reasons, entity),
            )
        )
    return entities
