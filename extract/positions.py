"""Positions: who holds which post in which organisation.

A post is a head word from `posts.POST_HEADS` (`министр`, `заместитель`,
`посол`, ...) with the modifiers before it (`первый`, `генеральный`,
`Чрезвычайный и Полномочный`) and the post words in the genitive after it
(`заместитель министра`, `председатель правления`). These patterns tie a post
to a person:

- before the name: `Первый заместитель Министра связи ... Павел Ткач`,
  `генеральный директор РУП «Белтелеком» Иван Петров`, `Посол Казахстана в
  Беларуси Алибек Каримов`; between the post and the name only names of
  organisations and places, a short name in brackets and lower-case words may
  stand, no verb and no other punctuation;
- before a list of names, in the plural, given to each in the singular:
  `заместители министра Иван Петров и Анна Смирнова`; a singular post before
  a list is the first name's only;
- after the name, past a comma, a dash or a bracket: `Петров, председатель
  правления`, `Ирина Шпаковская (начальник управления)`;
- given by a copula, in the instrumental: `Гачечиладзе является депутатом
  парламента`, `капитаном стал Михаель Баллак`;
- opening a sentence that names no one, as its subject, referring back
  (`Министр отметил ...`): to the one person of the release who already holds
  a post with that head, else, if no one does, to the one person the sentence
  before names as a subject; with two candidates, to no one.

The organisation is the first organisation named after the post word in
that stretch, else the first place (`Посол Казахстана`: the state the
ambassador represents; `мэр Москвы`: the city), else the one a common noun
after the post refers back to (`глава партии`: the party named last, `мэр
города`: the place named last), else the place an adjective beside the post
names (`британский премьер`, `свердловского губернатора`, `глава российского
государства`; see `demonyms` and `repair.tag_post_places`), else, for a head
of state or government (`президент`, `глава государства`), the state
(`data/states.txt`) named nearest in its sentence or the one before, or the
one state the release names, unless another leading post holds it already,
else an organisation in brackets right after the name (`Лонгин Клинский (РПЦ
МП)`), else none. A profession (`posts.PROFESSIONS`: `писатель`, `врач`,
`гроссмейстер`) is a row only with an organisation: with none, or with a
place, it describes the person (`тбилисский врач`), not a post held.

`position` is the post in the nominative, lower case, without the
organisation; the same person, post and organisation in one release is one
row, and a post stated once with its organisation and once without is the
row with it.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import TypeVar

from pymorphy3 import MorphAnalyzer
from pymorphy3.analyzer import Parse

from .const import LOC, ORG, PER
from .demonyms import place_named_by
from .link import entity_id
from .models import Models
from .morphology import analyses, can_be, is_singular, name_can_be
from .names import fold
from .normalize import INSTITUTIONS, normalize
from .posts import (
    ACTING,
    POST_HEADS,
    POST_MODIFIERS,
    PROFESSIONS,
    UNITS,
    is_post_word,
    lemma,
    post_over_first,
    post_reading,
)
from .records import DateSpan, Mention, Position, Sentence, Token

Spanned = TypeVar("Spanned", Mention, DateSpan)

WORD = re.compile(r"[А-ЯЁа-яё-]+")
LATIN = re.compile(r"^[A-Za-z][A-Za-z.'-]*$")
# Post words that may follow a head in the genitive and belong to the post.
POST_COMPLEMENTS = POST_HEADS | set("правление совет директор департамент управление отдел".split())
STOPS = set(',.;:!?()[]«»"—–-')
LIST_SEPARATORS = {",", "и"}
LIST_OPENERS = {"—", "–", ":"}  # `Члены комиссии: Иван Петров, Анна Сидорова`
QUOTES = set('«»"')
POST = "POST"  # what `normalize` is told a post is: a noun phrase, not an organisation
# `Жена президента Мишель Обама`: the post is the relative's, not the person's.
KIN = set("жена супруга муж супруг вдова вдовец сын дочь мать отец брат сестра внук внучка".split())
# Posts whose organisation is a state: with none beside the post, the one state the
# release names is theirs (`Президент Саркози` in a release about France).
HEADS_OF_STATE = set(
    "президент премьер премьер-министр канцлер король королева сенатор госсекретарь".split()
)
# `глава государства`, `председатель правительства`: a head whose complement is the state.
STATE_WORDS = {"государство", "правительство"}
# Posts that lead their organisation: a state one of them holds is not another's.
LEADERS = HEADS_OF_STATE | {"председатель", "глава", "лидер"}
MAX_STRETCH = 12  # tokens between a post word and the name it belongs to
# Common nouns after a post that refer back to a place or organisation named before.
PLACE_DESCRIPTORS = {"город", "столица", "область", "регион", "край"}
ORG_DESCRIPTORS = set(
    "партия центр компания министерство ведомство команда сборная клуб организация фонд "
    "банк ассоциация союз агентство комитет комиссия движение корпорация".split()
)
# Verbs that give their subject a post in the instrumental: `является депутатом`.
COPULAS = {"являться", "стать", "становиться", "работать", "избрать", "назначить", "служить"}
PREDICATE_REACH = 6  # words between a name and the copula after it


@dataclass(frozen=True, slots=True)
class Post:
    """A post phrase: its token range, the token index of its head word, and whether
    it is a plural that a list of people shares (`министры ... Петров и Сидоров`)."""

    start: int
    end: int
    head: int
    shared: bool = False


def is_verb(token: Token, morph: MorphAnalyzer) -> bool:
    return analyses(token.text, morph)[0].tag.POS in {"VERB", "INFN", "GRND", "PRTS"}


def read_post(
    tokens: list[Token], found: int, morph: MorphAnalyzer, heads: frozenset[str] = frozenset()
) -> Post:
    """Grow a post around a post word: modifiers and post words before it (`и. о.`,
    `временно исполняющий обязанности`), post words and units in the genitive
    after it (`начальник цеха`); its head is the first post word (`заместитель`
    in `первый заместитель министра`). `heads` are more post words (a learned
    lexicon)."""
    start = grow_left(tokens, found, morph)
    head = next(
        i
        for i in range(start, found + 1)
        if is_post_word(tokens[i], morph) or lemma(tokens[i], morph) in heads or i == found
    )
    end = found + 1
    while end < len(tokens) and is_complement(tokens[end], morph):
        end += 1
    return Post(start, end, head)


def grow_left(tokens: list[Token], found: int, morph: MorphAnalyzer) -> int:
    """Where the words before a post word that belong to its post start."""
    start = found
    while start > 0:
        before = tokens[start - 1]
        word = lemma(before, morph)
        acting = before.text.lower().startswith(ACTING)
        if word in POST_MODIFIERS or acting or is_post_word(before, morph):
            start -= 1
        elif start >= 4 and [t.text.lower() for t in tokens[start - 4 : start]] == list("и.о."):
            start -= 4  # `И. о. ректора`, cut into four tokens
        else:
            break
    while start < found and tokens[start].text.lower() == "и" and tokens[start + 1].text != ".":
        start += 1
    return start


def is_complement(token: Token, morph: MorphAnalyzer) -> bool:
    """A post word after the head (`министра`, `правления`); a capitalised one starts a
    name (`Совета Безопасности`) unless it is the `Министра` of official style."""
    word = lemma(token, morph)
    complement = word in POST_COMPLEMENTS or (word in UNITS and can_be(token.text, "gent", morph))
    return complement and (token.text.islower() or word in INSTITUTIONS)


def cases(token: Token, morph: MorphAnalyzer) -> set[str]:
    return {parse.tag.case for parse in analyses(token.text, morph) if parse.tag.case}


def agrees(head: Token, name: Token, morph: MorphAnalyzer) -> bool:
    """A post and the name it stands beside share a case (`Президента ... Барака`);
    a name pymorphy3 cannot decline agrees with anything."""
    name_cases = cases(name, morph)
    return not name_cases or bool(cases(head, morph) & name_cases)


def post_before(
    tokens: list[Token], start: int, taken: dict[int, Mention], morph: MorphAnalyzer, heads: bool
) -> Post | None:
    """The nearest post to the left of a name at token `start`, if the stretch allows;
    a short name in brackets is part of the stretch (`лидер ... Национального фронта
    (FN) Марин Ле Пен`), and so are the names listed before this one, when the post
    is a plural they share (`заместители министра Иван Петров и Пётр Сидоров`), and
    one dash or colon between the post and its name or list (`Председатель комиссии —
    Иван Петров`, `музыканты группы «СВ» — Вадим Голутвин, Евгений Казанцев`);
    `heads` says the name itself heads such a list."""
    index = start
    listed = False  # names listed before this one were passed
    opened = False  # a dash or colon was passed
    while index > max(0, start - MAX_STRETCH):
        index = skip_brackets(tokens, index - 1, taken)
        token = tokens[index]
        mention = taken.get(index)
        named = taken.get(index - 1) if index > 0 else None
        if mention is None and token.text in LIST_SEPARATORS and named and named.type == PER:
            index = min(i for i, m in taken.items() if m is named)  # the name listed before
            listed = True
            continue
        if mention is None and token.text in LIST_OPENERS and not opened:
            opened = True
            continue
        if mention is None and (token.text in STOPS - QUOTES or is_verb(token, morph)):
            return None
        if mention is not None and mention.type == PER:
            return None
        if is_post_word(token, morph):
            post = read_post(tokens, index, morph)
            head = tokens[post.head]
            kin = post.start > 0 and lemma(tokens[post.start - 1], morph) in KIN
            shared = not is_singular(head.text, morph)
            fits = shared == listed or (shared and heads)
            if fits and agrees(head, tokens[start], morph) and not kin:
                return replace(post, shared=shared)
            return None
    return None


def skip_brackets(tokens: list[Token], index: int, taken: dict[int, Mention]) -> int:
    """The token before the brackets that close at `index`, when they hold only a name
    or a Latin or capitalised short form; else `index`."""
    if tokens[index].text != ")":
        return index
    for opener in range(index - 1, max(-1, index - 6), -1):
        if tokens[opener].text == "(":
            inside = range(opener + 1, index)
            short = all(
                i in taken or tokens[i].text.isupper() or LATIN.match(tokens[i].text)
                for i in inside
            )
            return opener - 1 if short and opener > 0 and len(inside) else index
    return index


def post_after(
    tokens: list[Token], end: int, taken: dict[int, Mention], morph: MorphAnalyzer
) -> Post | None:
    """A post right after a name, past a comma, a dash or an opening bracket, and
    past the name's transcription (`Скотт Хоровитц (Scott Horowitz), бывший астронавт`)."""
    if end < len(tokens) and tokens[end].text == "(":
        close = next(
            (i for i in range(end, min(len(tokens), end + 6)) if tokens[i].text == ")"), None
        )
        if close is not None and all(LATIN.match(t.text) for t in tokens[end + 1 : close]):
            end = close + 1
    if end + 1 >= len(tokens) or tokens[end].text not in {",", "–", "—", "-", "("}:
        return None
    for index in range(end + 1, min(len(tokens), end + 4)):
        if index in taken:
            return None
        if is_post_word(tokens[index], morph):  # `..., депутаты собрания` are others
            return (
                read_post(tokens, index, morph) if is_singular(tokens[index].text, morph) else None
            )
        if lemma(tokens[index], morph) not in POST_MODIFIERS:
            return None
    return None


def post_predicate(
    tokens: list[Token], first: int, last: int, taken: dict[int, Mention], morph: MorphAnalyzer
) -> Post | None:
    """A post a copula gives the name, in the instrumental: `Гачечиладзе является
    депутатом парламента`, `капитаном стал Михаель Баллак`."""
    for index in range(last + 1, min(len(tokens), last + 1 + PREDICATE_REACH)):
        token = tokens[index]
        if token.text in STOPS or index in taken:
            break
        if lemma(token, morph) in COPULAS:  # the name must be its subject
            if not name_can_be(tokens[last].text, "nomn", morph):
                break
            for after in range(index + 1, min(len(tokens), index + 4)):
                word = tokens[after]
                if (
                    is_post_word(word, morph)
                    and can_be(word.text, "ablt", morph)
                    and is_singular(word.text, morph)
                ):
                    return read_post(tokens, after, morph)
            break
    if first >= 2 and lemma(tokens[first - 1], morph) in COPULAS:
        for before in range(first - 2, max(-1, first - 5), -1):
            if tokens[before].text in STOPS:
                return None
            if is_post_word(tokens[before], morph) and can_be(tokens[before].text, "ablt", morph):
                return read_post(tokens, before, morph)
    return None


def stretch_end(
    tokens: list[Token], post: Post, stop: int, taken: dict[int, Mention], morph: MorphAnalyzer
) -> int:
    """Where the words that may name the post's organisation end."""
    index = post.head + 1
    while index < min(stop, len(tokens)):
        token = tokens[index]
        if index not in taken and (token.text in STOPS - QUOTES or is_verb(token, morph)):
            break
        index += 1
    return index


def ministry(
    tokens: list[Token], post: Post, end: int, text: str, models: Models, known: set[str]
) -> str:
    """`заместитель Министра связи ... Республики Беларусь`, `Министр связи ...`: the
    ministry a post word names with its complements, as an entity id, when no
    organisation is named, and the release names that ministry elsewhere (`Минсвязи`),
    so `org_id` is an entity of the tables."""
    words = range(post.head, post.end)
    first = next((i for i in words if lemma(tokens[i], models.morph) in INSTITUTIONS), None)
    if first is None or first + 1 >= end:
        return ""
    name = normalize(text[tokens[first].start : tokens[end - 1].end], ORG, models.morph)
    found = entity_id(f"ORG:{models.aliases.full_name(ORG, name) or name}")
    return found if found in known else ""


def organisation(
    tokens: list[Token],
    post: Post,
    stop: int,
    taken: dict[int, Mention],
    text: str,
    models: Models,
    known: set[str],
) -> str:
    """The first organisation named after the post word, else the ministry its post
    words name, else the first place."""
    end = stretch_end(tokens, post, stop, taken, models.morph)
    found: dict[str, str] = {}
    for index in range(post.head + 1, end):
        mention = taken.get(index)
        if mention is not None and mention.type in (ORG, LOC):
            found.setdefault(mention.type, mention.entity_id)
    derived = ministry(tokens, post, end, text, models, known)
    return found.get(ORG) or derived or found.get(LOC, "")


def is_state(mention: Mention, models: Models) -> bool:
    return names_state(mention, models.states)


def names_state(mention: Mention, states: frozenset[str]) -> bool:
    """Whether the mention's entity is one of `states` (folded names)."""
    return fold(mention.entity_key.split(":", 1)[-1]) in states


def antecedent(
    tokens: list[Token], post: Post, text: str, mentions: list[Mention], morph: MorphAnalyzer
) -> str:
    """The organisation a common noun after the post refers back to: `главу партии`
    is the party the release named last (`партия «Яблоко»`), `мэр города` the
    city; an organisation by its descriptor before its name or its first word."""
    following = tokens[post.end] if post.end < len(tokens) else None
    if following is None or not following.text.islower():
        return ""
    word = lemma(following, morph)
    before = [m for m in mentions if m.end <= tokens[post.start].start]
    if word in PLACE_DESCRIPTORS:
        places = [m for m in before if m.type == LOC]
        return places[-1].entity_id if places else ""
    if word not in ORG_DESCRIPTORS:
        return ""
    for mention in reversed([m for m in before if m.type == ORG]):
        lead = WORD.findall(text[max(0, mention.start - 30) : mention.start])
        named = [mention.text.split()[0], *lead[-1:]]
        words = {analyses(w.strip('«»"').lower(), morph)[0].normal_form for w in named if w}
        if word in words:  # `партии «Яблоко»`, `Центр ...`
            return mention.entity_id
    return ""


def state_of(
    sentences: list[Sentence], number: int, start: int, states: list[Mention], claimed: set[str]
) -> str:
    """The state a head of state or government with no organisation beside the post
    leads: the one state named before the post in its sentence or the one before
    (`... передачи Франции полномочий. Президент Саркози ...`) that no other leading post
    holds (`Председатель КНР ..., а британский премьер ...`), else the one state
    the release names; with two, none."""
    first = sentences[number - 1].start if number else sentences[number].start
    before = {m.entity_id for m in states if first <= m.start < start} - claimed
    ids = before or {m.entity_id for m in states}
    return ids.pop() if len(ids) == 1 else ""


def leads_state(tokens: list[Token], post: Post, morph: MorphAnalyzer) -> bool:
    """A head of state or government: by its head word (`президент`, `премьер`) or by
    its complement (`глава государства`, `председатель правительства`), past one
    adjective (`Глава российского государства`)."""
    if lemma(tokens[post.head], morph) in HEADS_OF_STATE:
        return True
    following = [t for t in tokens[post.end : post.end + 2] if t.text.islower()]
    return any(lemma(t, morph) in STATE_WORDS for t in following)


def by_sentence(sentences: list[Sentence], items: list[Spanned]) -> list[list[Spanned]]:
    """The items (mentions, dates) that start in each sentence, in their order:
    one pass over them, where a filter per sentence took sentences x items."""
    starts = [sentence.start for sentence in sentences]
    found: list[list[Spanned]] = [[] for _ in sentences]
    for item in items:
        number = bisect_right(starts, item.start) - 1
        if number >= 0 and item.start < sentences[number].end:
            found[number].append(item)
    return found


def covering(sentence: Sentence, mentions: list[Mention]) -> dict[int, Mention]:
    """The mention each token of a sentence lies in, the outermost where they nest."""
    taken: dict[int, Mention] = {}
    for mention in sorted(mentions, key=lambda m: m.start - m.end):
        for index, token in enumerate(sentence.tokens):
            if mention.start <= token.start and token.end <= mention.end:
                taken.setdefault(index, mention)
    return taken


def post_text(tokens: list[Token], post: Post, text: str, morph: MorphAnalyzer) -> str:
    """The post in the nominative, its head agreeing as a noun phrase's does; a
    shared plural in the singular each of its holders has (`заместители министра` ->
    `заместитель министра`)."""
    if post.shared:
        words = [singular(token.text, morph) for token in tokens[post.start : post.head + 1]]
        rest = text[tokens[post.head].end : tokens[post.end - 1].end]
        return ("".join(f"{word} " for word in words).rstrip() + rest).lower()
    head = tokens[post.head]
    reading = post_reading(head.text, morph)
    if post_over_first(head.text, morph) and can_be(head.text, "nomn", morph):
        # `премьера` reads first as a premiere's nominative: `normalize` keeps it
        words = [agreeing(token.text, reading, morph) for token in tokens[post.start : post.head]]
        rest = text[head.end : tokens[post.end - 1].end]
        return " ".join([*words, reading.normal_form]).lower() + rest.lower()
    phrase = text[tokens[post.start].start : tokens[post.end - 1].end]
    return normalize(phrase, POST, morph).lower()


def agreeing(word: str, head: Parse, morph: MorphAnalyzer) -> str:
    """A modifier of a post in the nominative singular of the post's gender."""
    grammemes = {"nomn", "sing"} | ({head.tag.gender} if head.tag.gender else set())
    form = analyses(word, morph)[0].inflect(grammemes)
    return form.word if form else word


def singular(word: str, morph: MorphAnalyzer) -> str:
    form = analyses(word, morph)[0].inflect({"sing", "nomn"})
    return form.word if form else word


def bracketed(tokens: list[Token], end: int, taken: dict[int, Mention]) -> str:
    """The organisation in brackets right after a name (`архиепископ Лонгин Клинский
    (РПЦ МП)`), when the brackets hold it alone."""
    if end >= len(tokens) or tokens[end].text != "(":
        return ""
    close = next(
        (i for i in range(end + 1, min(len(tokens), end + 8)) if tokens[i].text == ")"), None
    )
    inside = {taken.get(i) for i in range(end + 1, close)} if close is not None else {None}
    mention = inside.pop() if len(inside) == 1 else None
    return mention.entity_id if mention is not None and mention.type == ORG else ""


def opening_post(
    tokens: list[Token], taken: dict[int, Mention], morph: MorphAnalyzer
) -> Post | None:
    """A post that opens a sentence as its subject (`Министр отметил ...`,
    `Председатель влиятельного Комитета ... стал ...`): capitalised, singular,
    in the nominative, past its modifiers."""
    for index, token in enumerate(tokens[:3]):
        if index in taken:
            return None
        if is_post_word(token, morph):
            post = read_post(tokens, index, morph)
            head = tokens[post.head]
            opens = post.start == 0 and tokens[0].text[:1].isupper()
            nominative = can_be(head.text, "nomn", morph) and is_singular(head.text, morph)
            return post if opens and nominative else None
        if lemma(token, morph) not in POST_MODIFIERS:
            return None
    return None


def referent(release: "Release", number: int, tokens: list[Token], post: Post) -> Mention | None:
    """The person a post with no name refers back to: the one person of the release
    already holding a post with that head (`Министр Олег Гринкевич ...`, then
    `Министр отметил`), else the one person of the sentence before, named as a
    subject (`Сенатор Джон Керри прибыл ...`, then `Председатель ... Комитета ...
    стал ...`)."""
    morph = release.models.morph
    holders = release.holders.get(lemma(tokens[post.head], morph), set())
    people = {m.entity_id: m for m in release.mentions if m.type == PER}
    if len(holders) == 1:
        return people.get(next(iter(holders)))
    if holders or number == 0:
        return None
    before = release.sentences[number - 1]
    named = [m for m in release.mentions if m.type == PER and before.start <= m.start < before.end]
    if len({m.entity_id for m in named}) != 1:
        return None
    last = named[0].text.split()[-1]
    return named[0] if name_can_be(last, "nomn", morph) else None


@dataclass(slots=True)
class Release:
    """What every post of a release is resolved against, and the rows found so far."""

    text: str
    sentences: list[Sentence]
    mentions: list[Mention]
    models: Models
    known: set[str] = field(default_factory=set)
    states: list[Mention] = field(default_factory=list)
    rows: dict[tuple[str, str, str], Position] = field(default_factory=dict)
    led: set[str] = field(default_factory=set)  # organisations a leading post holds
    holders: dict[str, set[str]] = field(default_factory=dict)  # post head -> people
    heads: dict[tuple[str, str, str], str] = field(default_factory=dict)  # row -> post head

    @classmethod
    def of(
        cls, text: str, sentences: list[Sentence], mentions: list[Mention], models: Models
    ) -> "Release":
        """A release with nothing resolved yet: the entities it names, its states."""
        known = {mention.entity_id for mention in mentions}
        states = [m for m in mentions if m.type == LOC and is_state(m, models)]
        return cls(text, sentences, mentions, models, known=known, states=states)

    def organisation_of(
        self, number: int, tokens: list[Token], taken: dict[int, Mention], post: Post, stop: int
    ) -> str:
        """The post's organisation, by the first of the rules of the module docstring
        that gives one."""
        morph = self.models.morph
        org = organisation(tokens, post, stop, taken, self.text, self.models, self.known)
        if not org:  # `глава партии`, `мэр города`: the one named before
            org = antecedent(tokens, post, self.text, self.mentions, morph)
        adjective = taken.get(post.start - 1) if post.start > 0 else None
        if not org and adjective is not None and adjective.type == LOC:  # `британский премьер`
            org = adjective.entity_id
        for beside in (post.start - 1, post.end):  # `свердловского губернатора`
            if not org and 0 <= beside < len(tokens):  # `глава российского государства`
                place = place_named_by(lemma(tokens[beside], morph), self.mentions)
                org = place.entity_id if place is not None else ""
        if not org and leads_state(tokens, post, morph):
            org = state_of(self.sentences, number, tokens[post.start].start, self.states, self.led)
        return org

    def add(
        self, person: Mention, tokens: list[Token], post: Post, org: str, professions: bool = False
    ) -> None:
        """A row for the person's post, unless it is a profession outside an
        organisation: a place (`тбилисский врач`, `гроссмейстер из Хорватии`) says
        where the person is from, not whom they work for. The learned model
        decides that itself (`professions`)."""
        morph = self.models.morph
        head = lemma(tokens[post.head], morph)
        if not professions and head in PROFESSIONS and not org.startswith(f"{ORG}-"):
            return
        position = post_text(tokens, post, self.text, morph)
        ends = [tokens[post.start].start, tokens[post.end - 1].end]
        if person.start >= tokens[0].start:  # stated beside the name: the span covers both
            ends += [person.start, person.end]
        if org and head in LEADERS:
            self.led.add(org)
        self.holders.setdefault(head, set()).add(person.entity_id)
        self.heads.setdefault((person.entity_id, position, org), head)
        self.rows.setdefault(
            (person.entity_id, position, org),
            Position(person.doc_id, person.entity_id, position, org, min(ends), max(ends)),
        )

    def positions(self) -> list[Position]:
        """The rows; a post stated once with its organisation and once without is the
        row with it, and one stated without in several wordings (`спикер`, `бывший
        спикер`) is its first: the same head word is the same post."""
        placed = {(key[0], self.heads[key]) for key in self.rows if key[2]}
        kept, bare = [], set()
        for key, row in self.rows.items():
            post = (key[0], self.heads[key])
            if key[2] or (post not in placed and post not in bare):
                kept.append(row)
                bare.add(post)
        return kept


def find_positions(
    text: str, sentences: list[Sentence], mentions: list[Mention], models: Models
) -> list[Position]:
    """Every person-post-organisation triple a release states, once each, by the
    rules alone (`relations.holders` weighs them with a learned model)."""
    morph = models.morph
    release = Release.of(text, sentences, mentions, models)
    for number, (sentence, inside) in enumerate(
        zip(sentences, by_sentence(sentences, mentions), strict=True)
    ):
        tokens = list(sentence.tokens)
        taken = covering(sentence, inside)
        index = {token.start: i for i, token in enumerate(tokens)}
        people = [m for m in inside if m.type == PER and m.start in index]
        for person in people:
            first = index[person.start]
            last = max(i for i, t in enumerate(tokens) if t.end <= person.end)
            named = taken.get(last + 2)
            heads = tokens[last + 1 : last + 2] != [] and tokens[last + 1].text in LIST_SEPARATORS
            post = post_before(tokens, first, taken, morph, heads and named in people)
            stop = first
            if post is None:
                post = post_after(tokens, last + 1, taken, morph)
                stop = len(tokens)
            if post is None:
                post = post_predicate(tokens, first, last, taken, morph)
                stop = len(tokens)
            if post is None:
                continue
            org = release.organisation_of(number, tokens, taken, post, stop)
            release.add(person, tokens, post, org or bracketed(tokens, last + 1, taken))
        if not any(m.type == PER for m in inside):
            post = opening_post(tokens, taken, morph)
            person = referent(release, number, tokens, post) if post is not None else None
            if post is not None and person is not None:
                org = release.organisation_of(number, tokens, taken, post, len(tokens))
                release.add(person, tokens, post, org)
    return release.positions()
