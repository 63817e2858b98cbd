"""Positions: who holds which post in which organisation.

A post is a head word from `POST_HEADS` (`министр`, `заместитель`, `посол`,
...) with the modifiers before it (`первый`, `генеральный`, `Чрезвычайный и
Полномочный`) and the post words in the genitive after it (`заместитель
министра`, `председатель правления`). Two patterns tie a post to a person:

- before the name: `Первый заместитель Министра связи ... Павел Ткач`,
  `генеральный директор РУП «Белтелеком» Иван Петров`, `Посол Казахстана в
  Беларуси Алибек Каримов`; between the post and the name only names of
  organisations and places and lower-case words may stand, no verb and no
  punctuation;
- after the name, past a comma, a dash or a bracket: `Петров, председатель
  правления`, `Ирина Шпаковская (начальник управления)`;
- given by a copula, in the instrumental: `Гачечиладзе является депутатом
  парламента`, `капитаном стал Михаель Баллак`.

The organisation is the first organisation named after the post word in
that stretch, else the first place (`Посол Казахстана`: the state the
ambassador represents; `мэр Москвы`: the city), else the one a common noun
after the post refers back to (`глава партии`: the party named last, `мэр
города`: the place named last), else the place an adjective
before the post names (`британский премьер`, `свердловского губернатора`; see
`demonyms`), else, for a head of state or government, the state
(`data/states.txt`) named nearest in its sentence or the one before, or the
one state the release names, else none.
`position` is the post in the nominative, lower case, without the
organisation; the same
person, post and organisation in one release is one row, and a post stated
once with its organisation and once without is the row with it.
"""

import re
from dataclasses import dataclass

from pymorphy3 import MorphAnalyzer

from .const import LOC, ORG, PER
from .demonyms import place_named_by
from .link import entity_id
from .models import Models
from .morphology import analyses, can_be, is_singular
from .names import fold
from .normalize import INSTITUTIONS, normalize
from .records import Mention, Position, Sentence, Token

POST_HEADS = set(
    "министр замминистра заместитель посол директор гендиректор председатель зампред "
    "руководитель начальник глава замглавы президент вице-президент премьер премьер-министр "
    "вице-премьер губернатор вице-губернатор мэр вице-мэр секретарь генсек советник "
    "помощник ректор проректор декан спикер депутат сенатор координатор сопредседатель "
    "представитель полпред консул атташе командующий главнокомандующий судья прокурор "
    "генпрокурор лидер управляющий пресс-секретарь уполномоченный солист докладчик "
    "омбудсмен заведующий редактор главред корреспондент тренер капитан член "
    "инспектор комиссар эксперт аналитик специалист сотрудник экономист журналист "
    "фотограф оператор писатель режиссёр актёр актриса певец певица музыкант композитор "
    "художник архитектор учёный профессор преподаватель врач адвокат юрист наблюдатель "
    "парламентарий политик дипломат бизнесмен предприниматель банкир министр-председатель "
    "вице-спикер госсекретарь замгоссекретаря канцлер генерал генерал-майор "
    "генерал-лейтенант генерал-полковник адмирал полковник "
    "патриарх митрополит архиепископ епископ муфтий раввин игрок вратарь защитник "
    "нападающий полузащитник гроссмейстер астронавт космонавт пилот".split()
)
POST_MODIFIERS = set(
    "первый генеральный исполнительный главный старший временно исполняющий "
    "чрезвычайный полномочный постоянный специальный и государственный личный "
    "ответственный вице бывший нынешний обязанность".split()
)
# Participles that name a post, in every case form: `управляющего директора`.
PARTICIPLE_POSTS = ("управляющ", "заведующ", "командующ", "уполномоченн")
# Heads a compound may end in: `бундестренер`, `вице-канцлер`.
COMPOUND_HEADS = {"тренер", "министр", "президент", "секретарь", "канцлер", "директор"}
WORD = re.compile(r"[А-ЯЁа-яё-]+")
LATIN = re.compile(r"^[A-Za-z][A-Za-z.'-]*$")
# Post words that may follow a head in the genitive and belong to the post.
POST_COMPLEMENTS = POST_HEADS | set("правление совет директор департамент управление отдел".split())
STOPS = set(',.;:!?()[]«»"—–-')
QUOTES = set('«»"')
POST = "POST"  # what `normalize` is told a post is: a noun phrase, not an organisation
# `Жена президента Мишель Обама`: the post is the relative's, not the person's.
KIN = set("жена супруга муж супруг вдова вдовец сын дочь мать отец брат сестра внук внучка".split())
# Posts whose organisation is a state: with none beside the post, the one state the
# release names is theirs (`Президент Саркози` in a release about France).
HEADS_OF_STATE = set("президент премьер премьер-министр канцлер король королева".split())
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
    """A post phrase: its token range and the token index of its head word."""

    start: int
    end: int
    head: int


def lemma(token: Token, morph: MorphAnalyzer) -> str:
    """The dictionary form, a former post's `экс-` set aside (`экс-премьера` -> `премьер`)."""
    return analyses(token.text.lower().removeprefix("экс-"), morph)[0].normal_form


def is_post_word(token: Token, morph: MorphAnalyzer) -> bool:
    """A post head (`POST_HEADS`): by its lemma, by its form for a participle that
    names a post (`управляющий`, whose lemma is `управлять`), or as the end of a
    compound (`бундестренер`)."""
    word = lemma(token, morph)
    if word in POST_HEADS or token.text.lower() in POST_HEADS:
        return True
    if any(token.text.lower().startswith(stem) for stem in PARTICIPLE_POSTS):
        return True
    return token.text.islower() and any(
        word.endswith(head) and len(word) > len(head) + 2 for head in COMPOUND_HEADS
    )


def is_verb(token: Token, morph: MorphAnalyzer) -> bool:
    return analyses(token.text, morph)[0].tag.POS in {"VERB", "INFN", "GRND", "PRTS"}


def read_post(tokens: list[Token], found: int, morph: MorphAnalyzer) -> Post:
    """Grow a post around a post word: modifiers and post words before it, post
    words in the genitive after it; its head is the first post word
    (`заместитель` in `первый заместитель министра`)."""
    start = found
    while start > 0 and (
        lemma(tokens[start - 1], morph) in POST_MODIFIERS or is_post_word(tokens[start - 1], morph)
    ):
        start -= 1
    while start < found and tokens[start].text.lower() == "и":
        start += 1
    head = next(i for i in range(start, found + 1) if is_post_word(tokens[i], morph))
    end = found + 1
    while end < len(tokens) and is_complement(tokens[end], morph):
        end += 1
    return Post(start, end, head)


def is_complement(token: Token, morph: MorphAnalyzer) -> bool:
    """A post word after the head (`министра`, `правления`); a capitalised one starts a
    name (`Совета Безопасности`) unless it is the `Министра` of official style."""
    word = lemma(token, morph)
    return word in POST_COMPLEMENTS and (token.text.islower() or word in INSTITUTIONS)


def cases(token: Token, morph: MorphAnalyzer) -> set[str]:
    return {parse.tag.case for parse in analyses(token.text, morph) if parse.tag.case}


def agrees(head: Token, name: Token, morph: MorphAnalyzer) -> bool:
    """A post and the name it stands beside share a case (`Президента ... Барака`);
    a name pymorphy3 cannot decline agrees with anything."""
    name_cases = cases(name, morph)
    return not name_cases or bool(cases(head, morph) & name_cases)


def post_before(
    tokens: list[Token], start: int, taken: dict[int, Mention], morph: MorphAnalyzer
) -> Post | None:
    """The nearest post to the left of a name at token `start`, if the stretch allows."""
    for index in range(start - 1, max(-1, start - 1 - MAX_STRETCH), -1):
        token = tokens[index]
        mention = taken.get(index)
        if mention is None and (token.text in STOPS - QUOTES or is_verb(token, morph)):
            return None
        if mention is not None and mention.type == PER:
            return None
        if is_post_word(token, morph):
            post = read_post(tokens, index, morph)
            head = tokens[post.head]
            kin = post.start > 0 and lemma(tokens[post.start - 1], morph) in KIN
            if is_singular(head.text, morph) and agrees(head, tokens[start], morph) and not kin:
                return post
            return None
    return None


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
            if not can_be(tokens[last].text, "nomn", morph):
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
    return fold(mention.entity_key.split(":", 1)[-1]) in models.states


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
    (`... передачи Франции полномочий. Президент Саркози ...`) that no other post
    holds (`Председатель КНР ..., а британский премьер ...`), else the one state
    the release names; with two, none."""
    first = sentences[number - 1].start if number else sentences[number].start
    before = {m.entity_id for m in states if first <= m.start < start} - claimed
    ids = before or {m.entity_id for m in states}
    return ids.pop() if len(ids) == 1 else ""


def covering(sentence: Sentence, mentions: list[Mention]) -> dict[int, Mention]:
    """The mention each token of a sentence lies in, the outermost where they nest."""
    taken: dict[int, Mention] = {}
    for mention in sorted(mentions, key=lambda m: m.start - m.end):
        for index, token in enumerate(sentence.tokens):
            if mention.start <= token.start and token.end <= mention.end:
                taken.setdefault(index, mention)
    return taken


def post_text(tokens: list[Token], post: Post, text: str, morph: MorphAnalyzer) -> str:
    """The post in the nominative, its head agreeing as a noun phrase's does."""
    phrase = text[tokens[post.start].start : tokens[post.end - 1].end]
    return normalize(phrase, POST, morph).lower()


def find_positions(
    text: str, sentences: list[Sentence], mentions: list[Mention], models: Models
) -> list[Position]:
    """Every person-post-organisation triple a release states, once each."""
    morph = models.morph
    known = {mention.entity_id for mention in mentions}
    states = [m for m in mentions if m.type == LOC and is_state(m, models)]
    rows: dict[tuple[str, str, str], Position] = {}
    for number, sentence in enumerate(sentences):
        inside = [m for m in mentions if sentence.start <= m.start < sentence.end]
        tokens = list(sentence.tokens)
        taken = covering(sentence, inside)
        index = {token.start: i for i, token in enumerate(tokens)}
        for person in (m for m in inside if m.type == PER and m.start in index):
            first = index[person.start]
            last = max(i for i, t in enumerate(tokens) if t.end <= person.end)
            post = post_before(tokens, first, taken, morph)
            stop = first
            if post is None:
                post = post_after(tokens, last + 1, taken, morph)
                stop = len(tokens)
            if post is None:
                post = post_predicate(tokens, first, last, taken, morph)
                stop = len(tokens)
            if post is None:
                continue
            org = organisation(tokens, post, stop, taken, text, models, known)
            if not org:  # `глава партии`, `мэр города`: the one named before
                org = antecedent(tokens, post, text, mentions, models.morph)
            if not org and post.start > 0:  # `британский премьер`, `свердловского губернатора`
                place = place_named_by(lemma(tokens[post.start - 1], morph), mentions)
                org = place.entity_id if place is not None else ""
            if not org and lemma(tokens[post.head], morph) in HEADS_OF_STATE:
                claimed = {key[2] for key in rows if key[2]}
                org = state_of(sentences, number, tokens[post.start].start, states, claimed)
            position = post_text(tokens, post, text, morph)
            span = sorted(
                [tokens[post.start].start, person.start, tokens[post.end - 1].end, person.end]
            )
            key = (person.entity_id, position, org)
            rows.setdefault(
                key, Position(person.doc_id, person.entity_id, position, org, span[0], span[-1])
            )
    placed = {(person, post) for person, post, org in rows if org}
    return [row for (person, post, org), row in rows.items() if org or (person, post) not in placed]
