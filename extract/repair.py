"""Mention repairs over a whole sentence, after slovnet: `SENTENCE_RULES`.

Each rule takes a sentence's tokens and its mentions as token ranges, and
returns the mentions it leaves, adds or joins. The rules are small and named
so tests can say which one fired:

- `drop_common_words`: a one-word mention that names no one: an abbreviation
  of a common noun (`ВКС` is a videoconference), a legal form alone (`ПАО`),
  a month, a post (`Министр`), a person that the dictionary knows only as a
  plural of people (`Дорожникам вручили ...`), or a word it knows only as a
  verb, participle or adverb (`Опубликовано`, `Поздравляя`).
- `drop_addresses`: a word glued to a dot, slash or `@` before it is part of a
  web or e-mail address (`в зоне .РФ`, `кремль.рф`), not a name.
- `trim_posts`: a post word opening an organisation's name belongs to a
  person (`Замглавы Федеральной миграционной службы`: the service is
  `Федеральной миграционной службы`); `Министр связи ...` is left whole,
  since it names the ministry (see `normalize.institution`).
- `trim_verbs`: a name never ends with a verb or short participle:
  `Ассоциация разработчиков ... учреждена` is the association.
- `split_lists`: a list separator (`•`, `;`) never stands inside a name:
  slovnet runs `Малави • Мальта` together.
- `split_brackets`: a name with another in brackets at its end is two names
  (`Евразийская экономическая комиссия (ЕЭК)`, `Джошуа Вольф (Joshua Wolf)`);
  the brackets belong to neither.
- `retype_organisations`: a one-word person that the dictionary knows only as
  an organisation's name (`команда Феррари`) is an organisation (places are
  left alone: the dictionary files some places so, `Вермонт`);
  `add_organisations`: so is such a capitalised word slovnet left untagged
  (`запрос в Интерпол`).
- `retype_datelines`: a city in capitals, as a dateline writes it (`АСТАНА,
  4 мая`), is a place, not an organisation.
- `retype_towns`: a person named right after a town's word (`г. Нур-Султан`,
  `в город Нурсултан`) is the town; `г.` after a number is a year's (`2019 г.
  Иванов`).
- `place_facilities`: an airport, station, stadium or palace is a place where
  things happen, not a body: an organisation named by such a word
  (`Дворце молодёжи`, `Вашингтонском аэропорту`) or quoted after one
  (`аэропорту «Домодедово»`) is a place, so events can be located there.
- `add_quoted_names`: a quoted name after a word that introduces an
  organisation (`концерн «Фольксваген»`, `ГУП «Водоканал»`) is one, if slovnet
  missed it; after a legal form the form and quotes belong to the name.
- `add_transcriptions`: a Latin transcription in brackets right after a
  mention, its closing quote or bracket (`Международная амнистия (Amnesty
  International)`, `концерн «Фольксваген» (Volkswagen)`, `Комитет защиты
  журналистов (КЗЖ) (Committee to Protect Journalists)`) names the same
  thing, so it is a mention of the same type.
- `add_introduced_names`: a noun phrase opened by a capitalised word and
  followed by its short name in brackets (`Шанхайская организация
  сотрудничества (далее – ШОС)`, `Евразийская экономическая комиссия (ЕЭК)`:
  the initials must match where `далее` does not say so) is a name slovnet
  missed, of the short name's type (an organisation when the short name is
  untagged); `далее –` itself is no part of a name. So is such a phrase
  followed by its Latin original (`Международная амнистия (Amnesty
  International)`): an organisation, as slovnet tags people it misses less.
- `add_full_names`: three capitalised words that are a surname, a first name
  and a patronymic, in either order (`№ 34р Стасевич Игорь Владимирович
  назначен`), are a person slovnet missed.
- `take_name_particles`: a Turkic patronymic's particle after a person
  (`Азамат Жумабек уулу`, `Лейла Гасан кызы`) belongs to the name.
- `join_name_parts`: a first name (with its patronymic) and then a surname
  that slovnet tagged as two people side by side (`Геннадием Сергеевичем` +
  `Мартыновичем`) are one person. A surname before them is left alone: it
  may be another's (`вдова Ельцина` + `Наина Иосифовна`).
- `add_places`: a capitalised word (or two) that is, in some case form, a
  place of the gazetteer (`data/places.txt`) is a place (`в г.Карамай`).
- `add_institutions`: an institution word (`data` of `INSTITUTIONS`) opening a
  name slovnet missed: capitalised inside a sentence with its genitive
  complements (`... Центр сотрудничества ...`), after capitalised adjectives
  (`Межправительственная белорусско-казахстанская комиссия`), after
  adjectives and before its domain (`рабочей группы по формированию ...`),
  or, at a sentence's start, with a domain and a name after it (`Центр
  сотрудничества по большим данным Китай-ШОС`).
- `extend_domains`: an institution's name takes the domain after it
  (`Центр сотрудничества ... в области больших данных`, `Комитет по делам
  молодёжи`), and a `по` domain with the name that follows it (`Центр
  сотрудничества по большим данным Китай-ШОС`).
- `finish_lists`: an organisation's name that lists its domains ends with the
  list's last one (`Института экономики, права` + `и управления`).
- `join_complements`: an organisation followed at once by an organisation or
  place in the genitive is one organisation (`Секретариата` + `ШОС`,
  `Министерство связи` + `Республики Беларусь`); the inner mention stays, so
  `ШОС` is still counted.
- `join_scopes`: an organisation followed by `по` and places in the dative
  is a territorial body (`ГУ МЧС России по Санкт-Петербургу и Ленинградской
  области`); the organisation and places inside stay as well. Not after a
  post or envoy, whose domain it is (`спецпосланник ООН по Сирии`).

Six rules look at the whole document, after the sentence rules:

- `adjective_alone`: an adjective tagged alone (`Харбинского`) is the
  organisation of the release whose name opens with it (`Харбинский
  политехнический университет`); else, if tagged as a person, it is no one
  (a place stays: `Поднебесная`, `Козьмино`).
- `take_demonyms`: a one-word name of a national body is ambiguous
  (`МИД`, `Минсельхоз`), and a place's adjective right before it says whose it
  is, so it belongs to the name (`японского МИДа`), when it agrees with it and
  names a place of the release or of the gazetteers. Longer and quoted names
  stand alone (`испанской «Барселоны»` is `Барселона`).
- `tag_post_places`: a place's adjective before a post (`британский
  премьер`, `подмосковного губернатора`) or between a post and its body
  (`глава палестинской делегации`), with a person's name after, is a mention
  of that place: it says whose the post is (before a profession it says the
  person's nationality: `французский журналист`), and the place needs a mention to
  be an entity. It must name a place of the gazetteers (`demonyms`) that the
  release does not name: a named one is the post's already (`positions`).
- `drop_vehicles`: a quoted name right after a craft's word (`шаттл
  «Дискавери»`, `ледокол «Ямал»`), in a case it can share with it, names a
  craft, not a person, body or place; so does the same name anywhere else in
  the release (`после «Дискавери»`). An owner in the genitive stays
  (`самолёта «Аэрофлота»`).
- `repeat_titles`: a quoted title of several words inside an organisation's
  name (`Русской службе «Голоса Америки»`) is the name of a body too, found
  again unquoted and in another case (`Голос Америки: ...`), by its lemmas.
- `repeat_names`: a name tagged somewhere in a release is a name wherever
  else the release writes it in the same form (`концерн «Фольксваген»` ...
  `«Фольксваген» имеет`): slovnet decides each place from its context alone.
  The occurrence must be capitalised and free of other mentions; a name that
  is also a common word (`Адвокат`) is not taken where a sentence or a quoted
  sentence opens, since its capital says nothing there; a form tagged with two
  types takes the commoner one, and none on a tie.
"""

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from pymorphy3 import MorphAnalyzer

from .const import LOC, ORG, PER, QUOTE_PAIRS
from .demonyms import names_any, place_in
from .link import initials
from .models import Models
from .morphology import (
    WORD_FORMS,
    adjective_readings,
    analyses,
    can_be,
    cases,
    is_capital_place,
    is_known,
    is_singular,
    part_of_speech,
)
from .names import PATRONYMIC, TURKIC_PARTICLES, can_be_surname, fold, name_tags
from .posts import PROFESSIONS, is_post_word
from .posts import lemma as post_lemma
from .records import Token

# Capitalised words slovnet takes for names but which name no one: abbreviations of
# common nouns (`СМИ` is "the media", `ВКС` a videoconference) and legal forms standing
# without the name they belong to (`ПАО`).
NOT_NAMES = frozenset(
    "СМИ ВКС ИКТ ИТ ИИ ВВП НДС ЖКХ МСП ПО НИОКР ПАО ОАО ЗАО ООО АО РУП УП ТОО ГУП ФГУП НКО ВУЗ "
    "ВУЗы ВУЗов ССУЗ ОВЗ ЧС ДТП ЕГЭ ОГЭ ЦТ".split()
)
PREDICATES = {"VERB", "PRTS", "INFN", "GRND"}
INTRODUCERS_WORDS = {"далее", "по", "тексту", "–", "—", "-"}  # `(далее по тексту – ШОС)`
NAME_TAGS = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"}
MONTHS = set(
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь".split()
)
POSTS = set(
    "министр замминистра президент председатель глава замглавы директор посол заместитель "
    "премьер губернатор мэр спикер руководитель начальник секретарь советник ректор".split()
)
# Posts whose `по` domain is the post's, not the body's (`спецпосланник ООН по Сирии`).
ENVOYS = set("посланник спецпосланник представитель спецпредставитель координатор".split())
# Not adjectives: adjectival names are common (`Поднебесная`, `Рыбацкое`).
NOT_NOUNS = {"VERB", "INFN", "GRND", "PRTF", "PRTS", "ADVB", "PRED", "CONJ",
             "PRCL", "PREP", "NPRO", "COMP", "INTJ"}  # fmt: skip
TRIMMED_POSTS = POSTS - {"министр"}
ADDRESS_MARKS = {".", "/", "@"}
ABBREVIATIONS = set("г гг ул пр просп пос им ст обл р-н д с п пл".split())
SEPARATORS = {"•", "·", ";", "|"}
LEGAL_FORMS = set("ООО ОАО ЗАО АО ПАО РУП УП ТОО ГУП ФГУП МУП НКО ЧУП ОДО СООО ИООО".split())
INTRODUCERS = set(
    "компания концерн корпорация группа газета журнал агентство банк партия движение фонд "
    "холдинг завод фабрика издательство телеканал радиостанция клуб общество ассоциация союз "
    "объединение предприятие организация центр институт университет театр музей фирма "
    "оператор служба академия комбинат кооператив товарищество лаборатория консорциум "
    "команда".split()
)
CLOSING_QUOTES = set(QUOTE_PAIRS.values())
WORDLIKE = re.compile(r"\w")
LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9&.'-]*$")
MAX_NAME = 8  # tokens inside quotes or brackets
POST_REACH = 8  # tokens between a post word and the name of the person holding it
MAX_DOMAIN = 5  # words of a domain after `в области`, `по`
INSTITUTIONS = set(
    "центр комитет совет агентство институт комиссия ассоциация союз академия фонд "
    "организация министерство управление департамент служба группа федерация палата "
    "инспекция администрация".split()
)


@dataclass(frozen=True, slots=True)
class Span:
    """A mention as a range of token indices in its sentence."""

    start: int
    end: int
    type: str


def free(spans: list[Span], start: int, end: int) -> bool:
    return not any(s.start < end and start < s.end for s in spans)


def closing(tokens: list[Token], opener: int) -> int | None:
    want = QUOTE_PAIRS[tokens[opener].text]
    for index in range(opener + 1, min(len(tokens), opener + MAX_NAME + 2)):
        if tokens[index].text == want:
            return index
    return None


def names_no_one(token: Token, type: str, morph: MorphAnalyzer) -> bool:
    word = token.text
    if word in NOT_NAMES:
        return True
    parses = analyses(word, morph)
    if any(NAME_TAGS & parse.tag.grammemes for parse in parses):
        return False
    if not is_known(word, morph):
        return False
    lemmas = {parse.normal_form for parse in parses}
    if lemmas & MONTHS or (type == PER and lemmas & POSTS):
        return True
    if type == PER and all(is_group(parse.tag) for parse in parses):
        return True  # `Дорожникам вручили ...`: a plural common noun names a group
    return parses[0].tag.POS in NOT_NOUNS


def is_group(tag) -> bool:
    """A plural of people not in the genitive (`дорожникам`, `ветераны`); a genitive
    plural may be a surname the dictionary lacks (`Шумов`, `Куниц`)."""
    return tag.POS == "NOUN" and "anim" in tag and tag.number == "plur" and tag.case != "gent"


def drop_common_words(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    return [
        span
        for span in spans
        if span.end - span.start > 1
        or not names_no_one(tokens[span.start], span.type, models.morph)
    ]


def drop_addresses(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    def in_address(span: Span) -> bool:
        if span.start == 0:
            return False
        mark, first = tokens[span.start - 1], tokens[span.start]
        if mark.text not in ADDRESS_MARKS or mark.end != first.start:
            return False
        abbreviation = span.start > 1 and tokens[span.start - 2].text.lower() in ABBREVIATIONS
        return mark.text != "." or not abbreviation  # `г.Шанхае` is a town

    return [span for span in spans if not in_address(span)]


def trim_posts(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    trimmed = []
    for span in spans:
        start = span.start
        while (
            span.type == ORG
            and start < span.end - 1
            and analyses(tokens[start].text, models.morph)[0].normal_form in TRIMMED_POSTS
        ):
            start += 1
        trimmed.append(Span(start, span.end, span.type))
    return trimmed


def trim_verbs(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    trimmed = []
    for span in spans:
        end = span.end
        while end - 1 > span.start and is_predicate(tokens[end - 1], models.morph):
            end -= 1
        trimmed.append(Span(span.start, end, span.type))
    return trimmed


def is_predicate(token: Token, morph: MorphAnalyzer) -> bool:
    """A lower-case word that is only a verb or short participle: `учреждена` ends a
    clause, not a name (`Уральской стали` may be steel)."""
    parses = analyses(token.text, morph)
    return token.text.islower() and all(p.tag.POS in PREDICATES for p in parses)


def split_lists(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    result = []
    for span in spans:
        start = span.start
        for index in range(span.start, span.end + 1):
            if index == span.end or tokens[index].text in SEPARATORS:
                if start < index:
                    result.append(Span(start, index, span.type))
                start = index + 1
    return result


def split_brackets(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    result = []
    for span in spans:
        words = [token.text for token in tokens[span.start : span.end]]
        if words[-1] == ")" and "(" in words[1:-1]:
            opener = span.start + len(words) - 1 - words[::-1].index("(")
            if span.start < opener and opener + 1 < span.end - 1:
                result += [
                    Span(span.start, opener, span.type),
                    Span(opener + 1, span.end - 1, span.type),
                ]
                continue
        result.append(span)
    return result


@lru_cache(maxsize=WORD_FORMS)
def only_organisation(word: str, morph: MorphAnalyzer) -> bool:
    """A word the dictionary knows as an organisation's name only; kept per word,
    as every capitalised word is asked."""
    parses = analyses(word, morph)
    return is_known(word, morph) and all(
        "Orgn" in p.tag and not NAME_TAGS - {"Orgn"} & p.tag.grammemes for p in parses
    )


def add_organisations(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    added = [
        Span(index, index + 1, ORG)
        for index, token in enumerate(tokens)
        if token.text[:1].isupper()
        and free(spans, index, index + 1)
        and only_organisation(token.text, models.morph)
    ]
    return spans + added


def retype_organisations(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    return [
        Span(s.start, s.end, ORG)
        if s.type == PER
        and s.end - s.start == 1
        and only_organisation(tokens[s.start].text, models.morph)
        else s
        for s in spans
    ]


def retype_datelines(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    return [
        Span(span.start, span.end, LOC)
        if span.type == ORG
        and span.end - span.start == 1
        and is_capital_place(tokens[span.start].text, models.morph)
        else span
        for span in spans
    ]


def retype_towns(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    def after_town_word(start: int) -> bool:
        words = [token.text.lower() for token in tokens[max(0, start - 3) : start]]
        if words[-1:] == ["город"]:  # not `мэр города Андрей Соколов`
            return True
        return words[-2:] == ["г", "."] and not (len(words) == 3 and words[0].isdigit())

    return [
        Span(span.start, span.end, LOC)
        if span.type == PER and after_town_word(span.start)
        else span
        for span in spans
    ]


def is_facility(token: Token, morph: MorphAnalyzer) -> bool:
    return analyses(token.text, morph)[0].normal_form in FACILITIES


def place_facilities(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    morph = models.morph
    placed = []
    for span in spans:
        before = span.start - 1
        if before > 0 and tokens[before].text in QUOTE_PAIRS:
            before -= 1
        named = any(is_facility(t, morph) for t in tokens[span.start : span.end][:3])
        after = before >= 0 and is_facility(tokens[before], morph)
        facility = span.type == ORG and (named or after)
        placed.append(Span(span.start, span.end, LOC) if facility else span)
    return placed


def add_quoted_names(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    morph = models.morph
    added = []
    for index, token in enumerate(tokens[1:], start=1):
        if token.text not in QUOTE_PAIRS:
            continue
        close = closing(tokens, index)
        if close is None or close == index + 1 or not tokens[index + 1].text[:1].isupper():
            continue
        before = tokens[index - 1].text
        if before in LEGAL_FORMS:
            span = Span(index - 1, close + 1, ORG)
        elif analyses(before, morph)[0].normal_form in INTRODUCERS:
            span = Span(index + 1, close, ORG)
        else:
            continue
        if free(spans + added, span.start, span.end):
            added.append(span)
    return spans + added


def add_transcriptions(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    added = []
    for span in spans:
        opener = span.end
        if opener < len(tokens) and tokens[opener].text in CLOSING_QUOTES | {")"}:
            opener += 1  # `концерн «Фольксваген» (Volkswagen)`, `... (КЗЖ) (Committee ...)`
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


@lru_cache(maxsize=WORD_FORMS)
def lemmas(word: str, morph: MorphAnalyzer) -> frozenset[str]:
    """The word and its lemmas, folded; kept per word, as every capitalised word is asked."""
    return frozenset({fold(word)} | {fold(parse.normal_form) for parse in analyses(word, morph)})


def is_name_like(token: Token) -> bool:
    return len(token.text) > 2 and token.text[:1].isupper() and not token.text.isupper()


def surname_like(word: str, morph: MorphAnalyzer) -> bool:
    """A surname the dictionary knows, or a word it does not know at all (`Лавринович`)."""
    return can_be_surname(word, morph) or not is_known(word, morph)


def is_patronymic(word: str, morph: MorphAnalyzer) -> bool:
    return "Patr" in name_tags(word, morph) or bool(PATRONYMIC.search(word))


def is_titled(word: str) -> bool:
    """A word of letters with a capital first and lower case after (`Геннадий`)."""
    return word[:1].isupper() and word[1:].islower() and word.isalpha()


def add_full_names(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    morph = models.morph
    added: list[Span] = []
    titled = [is_titled(token.text) for token in tokens]
    for index in range(len(tokens) - 2):
        if not (titled[index] and titled[index + 1] and titled[index + 2]):
            continue
        words = [t.text for t in tokens[index : index + 3]]
        surname_first = (
            surname_like(words[0], morph)  # not `Министра Геннадий Мартынович`
            and "Name" in name_tags(words[1], morph)
            and is_patronymic(words[2], morph)
        )
        # `Геннадий Мартынович Минск` is no name: here the patronymic must be a known one
        name_first = "Name" in name_tags(words[0], morph) and "Patr" in name_tags(words[1], morph)
        if (surname_first or name_first) and free(spans + added, index, index + 3):
            added.append(Span(index, index + 3, PER))
    return spans + added


def given_names(words: list[str], morph: MorphAnalyzer) -> bool:
    """A first name, with a patronymic or not (`Геннадием Сергеевичем`)."""
    return (
        0 < len(words) <= 2
        and "Name" in name_tags(words[0], morph)
        and all(is_patronymic(word, morph) for word in words[1:])
    )


def take_name_particles(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    return [
        Span(span.start, span.end + 1, PER)
        if span.type == PER
        and span.end < len(tokens)
        and tokens[span.end].text.lower() in TURKIC_PARTICLES
        and free(spans, span.end, span.end + 1)
        else span
        for span in spans
    ]


def join_name_parts(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    morph = models.morph
    people = sorted((s for s in spans if s.type == PER), key=lambda s: s.start)
    joined: dict[Span, Span] = {}
    for first, second in pairwise(people):
        if first.end != second.start or first in joined:
            continue
        one = [t.text for t in tokens[first.start : first.end]]
        two = [t.text for t in tokens[second.start : second.end]]
        after = len(two) == 1 and (surname_like(two[0], morph) or is_patronymic(two[0], morph))
        if given_names(one, morph) and after:
            joined[first] = joined[second] = Span(first.start, second.end, PER)
    return [joined.get(span, span) for span in spans]


def add_places(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    added: list[Span] = []
    for index, token in enumerate(tokens):
        if not is_name_like(token) or not free(spans + added, index, index + 1):
            continue
        pair = tokens[index : index + 2]
        if len(pair) == 2 and is_name_like(pair[1]) and free(spans + added, index, index + 2):
            names = {
                f"{a} {b}"
                for a in lemmas(pair[0].text, models.morph)
                for b in lemmas(pair[1].text, models.morph)
            }
            if names & models.places:
                added.append(Span(index, index + 2, LOC))
                continue
        if lemmas(token.text, models.morph) & models.places:
            added.append(Span(index, index + 1, LOC))
    return spans + added


def domain_end(
    tokens: list[Token], start: int, morph: MorphAnalyzer, bare: bool, chain: bool = True
) -> int:
    """Where the domain phrase starting at `start` ends (`start` when there is none).

    With `chain`, genitives may follow the dative (`по формированию экосистемы
    коридоров`). `по` with a dative (`по чрезвычайным ситуациям`) is taken only after a bare
    institution word (`Министерство`) or a commission-like one (`DOMAIN_HEADS`):
    after a fuller name it is more often what the sentence is about
    (`совещание Министерства ... по реализации плана`).
    """
    words = [token.text.lower() for token in tokens[start : start + 2]]
    if words[:2] in (["в", "области"], ["в", "сфере"], ["по", "вопросам"], ["по", "делам"]):
        case, end = "gent", start + 2
    elif words[:1] == ["по"] and bare:
        case, end = "datv", start + 1
    else:
        return start
    last = end
    while last < len(tokens) and last - end < MAX_DOMAIN and tokens[last].text.islower():
        every = analyses(tokens[last].text, morph)
        parses = [p for p in every if p.tag.case == case]
        if not parses and chain and case == "datv" and last > end:
            # `по формированию экосистемы`, `по управлению зоной отчуждения`
            parses = [p for p in every if p.tag.case in ("gent", "ablt")]
        if every[0].tag.POS in ("PREP", "NPRO") or (not parses and tokens[last].text != "и"):
            break  # `по его реализации` names no domain
        last += 1
    while last > end and tokens[last - 1].text == "и":
        last -= 1
    return last if last > end else start


# Buildings and grounds where things happen, named as places.
FACILITIES = set(
    "аэропорт вокзал стадион дворец космодром арена аэровокзал автовокзал ипподром".split()
)
# Words for craft, whose names in apposition name no person, body or place.
CRAFTS = set(
    "шаттл корабль звездолёт самолёт лайнер вертолёт ракета спутник зонд марсоход "
    "луноход судно ледокол теплоход пароход паром крейсер авианосец фрегат эсминец корвет "
    "подлодка субмарина яхта танкер сухогруз".split()
)
# Genitives that say whose a ministry is, not which one (`министерства страны`).
SCOPES = set("страна государство республика область край регион город район".split())
# Institutions whose names go on with `по` and a dative (`комиссия по
# сотрудничеству`) after their adjectives too (`Межправительственная ... комиссия`),
# but not past a complement (`Совета Федерации по ...` is a committee's).
DOMAIN_HEADS = set("комиссия комитет совет агентство служба группа центр ассоциация союз".split())


def extend_domains(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    morph = models.morph
    extended = []
    for span in spans:
        noun = head_noun(tokens, span, morph)
        if span.type != ORG or noun not in INSTITUTIONS:
            extended.append(span)
            continue
        ends_with_head = analyses(tokens[span.end - 1].text, morph)[0].normal_form == noun
        bare = span.end - span.start == 1 or (noun in DOMAIN_HEADS and ends_with_head)
        end = span.end
        while (following := domain_end(tokens, end, morph, bare)) > end:
            if not free(spans, end, following):
                break
            end, bare = following, False  # `по сотрудничеству` + `в области связи`
        if end == span.end:
            named = named_after(tokens, spans, span, morph)
            end = named.end if named and free(spans, span.end, named.start) else end
        else:  # a name right after the domain: `Центр ... по большим данным Китай-ШОС`
            end = max(
                (s.end for s in spans if s.start == end and s.type in (ORG, LOC)), default=end
            )
        extended.append(Span(span.start, end, ORG))
    return extended


def head_noun(tokens: list[Token], span: Span, morph: MorphAnalyzer) -> str:
    """The first noun of a name: its first word, or, past its adjectives, a common
    noun (`комиссия` of `Межправительственная ... комиссия`; `Российской Федерации`
    is a state's name, not an institution's)."""
    for index, token in enumerate(tokens[span.start : span.end]):
        parse = analyses(token.text, morph)[0]
        if parse.tag.POS not in {"ADJF", "PRTF"}:
            return parse.normal_form if index == 0 or token.text.islower() else ""
    return ""


def named_after(tokens: list[Token], spans: list[Span], span: Span, morph) -> Span | None:
    """`Центр сотрудничества` + `по большим данным` + `Китай-ШОС`: a name right after
    a `по` domain can only belong to the institution, and takes the domain with it."""
    if span.type != ORG:
        return None
    end = domain_end(tokens, span.end, morph, bare=True, chain=False)
    after = [s for s in spans if s.start == end and s.type in (ORG, LOC)]
    return max(after, key=lambda s: s.end) if end > span.end and after else None


def is_genitive(token: Token, morph: MorphAnalyzer) -> bool:
    word = token.text
    if word.isupper() or not word[:1].isupper():
        return word.isupper()
    return any(parse.tag.case == "gent" for parse in analyses(word, morph))


def finish_lists(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    def lower_genitive(index: int) -> bool:
        word = tokens[index].text
        return word.islower() and any(
            p.tag.POS == "NOUN" and p.tag.case == "gent" for p in analyses(word, models.morph)
        )

    finished = []
    for span in spans:
        end = span.end
        if (
            span.type == ORG
            and end + 2 <= len(tokens)
            and end - span.start >= 4
            and tokens[end - 2].text == ","
            and lower_genitive(end - 1)
            and tokens[end].text == "и"
            and lower_genitive(end + 1)
            and free(spans, end, end + 2)
        ):
            span = Span(span.start, end + 2, ORG)
        finished.append(span)
    return finished


def joins(first: Span, second: Span, tokens: list[Token], morph: MorphAnalyzer) -> bool:
    return (
        first.type == ORG
        and second.type in (ORG, LOC)
        and second.start == first.end
        and is_genitive(tokens[second.start], morph)
    )


def introduction(tokens: list[Token], opener: int) -> tuple[int, bool] | None:
    """`(далее – ШОС)` or `(ЕЭК)` at `opener`: the index of the short name, and
    whether `далее` introduces it."""
    index = opener + 1
    said = index < len(tokens) and tokens[index].text.lower() == "далее"
    while index < len(tokens) and tokens[index].text.lower() in INTRODUCERS_WORDS:
        index += 1
    closer = index + 1
    if closer >= len(tokens) or tokens[closer].text != ")":
        return None
    short = tokens[index].text
    return (index, said) if short[:1].isupper() and len(short) <= 15 else None


def phrase_before(tokens: list[Token], opener: int, morph: MorphAnalyzer) -> int | None:
    """The start of the name a bracket follows: back over lower-case words of a noun
    phrase to the capitalised word that opens it (`Шанхайская организация
    сотрудничества`)."""
    index = opener - 1
    while index >= 0 and opener - index <= MAX_NAME:
        token = tokens[index]
        if not token.text.replace("-", "").isalpha():
            return None
        if analyses(token.text, morph)[0].tag.POS not in {"NOUN", "ADJF", "PRTF"}:
            return None
        if token.text[:1].isupper():
            return index if index < opener - 1 else None
        index -= 1
    return None


def transcription(tokens: list[Token], opener: int) -> int | None:
    """`(Amnesty International)` at `opener`: the index of its closing bracket, for
    two or more Latin words opened by a capital."""
    window = range(opener + 1, min(len(tokens), opener + MAX_NAME + 2))
    close = next((i for i in window if tokens[i].text == ")"), None)
    inner = tokens[opener + 1 : close] if close else []
    latin = len(inner) > 1 and all(LATIN.match(t.text) for t in inner)
    return close if latin and inner[0].text[:1].isupper() else None


def add_introduced_names(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    added: list[Span] = []
    for opener, token in enumerate(tokens):
        close = transcription(tokens, opener) if token.text == "(" else None
        start = phrase_before(tokens, opener, models.morph) if close else None
        if close and start is not None and free(spans + added, start, close):
            added += [Span(start, opener, ORG), Span(opener + 1, close, ORG)]
            continue
        found = introduction(tokens, opener) if token.text == "(" else None
        start = phrase_before(tokens, opener, models.morph) if found else None
        if found is None or start is None or not free(spans + added, start, opener):
            continue
        short, said = found
        name = " ".join(t.text for t in tokens[start:opener])
        if said or initials(name) == tokens[short].text:
            inner = [s for s in spans if s.start <= short < s.end]
            type = inner[0].type if inner else ORG
            added.append(Span(start, opener, type))
            if not inner:
                added.append(Span(short, short + 1, type))
    return trim_introductions(tokens, spans + added)


def trim_introductions(tokens: list[Token], spans: list[Span]) -> list[Span]:
    """`далее – ШОС` is the short name `ШОС`."""
    trimmed = []
    for span in spans:
        start = span.start
        while start < span.end - 1 and tokens[start].text.lower() in INTRODUCERS_WORDS:
            start += 1
        trimmed.append(Span(start, span.end, span.type))
    return trimmed


def institution_end(tokens: list[Token], head: int, morph: MorphAnalyzer) -> int:
    """The end of an institution word's genitive complements (`Комиссии по ...` is
    left to `extend_domains`): lower-case nouns and adjectives, joined by `и`."""
    end = head + 1
    while end < len(tokens) and end - head <= MAX_NAME:
        word = tokens[end].text
        if word == "и" and end + 1 < len(tokens) and tokens[end + 1].text.islower():
            end += 1
            continue
        parses = analyses(word, morph)
        likely = parses[0].tag.POS in {"NOUN", "ADJF", "PRTF"}
        genitive = any(p.tag.case == "gent" and p.tag.POS in {"NOUN", "ADJF"} for p in parses)
        if not word.islower() or not likely or not genitive:
            break
        end += 1
    while end > head + 1 and tokens[end - 1].text == "и":
        end -= 1
    return end


def add_institutions(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    morph = models.morph
    added: list[Span] = []
    for head, token in enumerate(tokens):
        if analyses(token.text, morph)[0].normal_form not in INSTITUTIONS:
            continue
        start = head
        while start > 0 and tokens[start - 1].text.replace("-", "").isalpha():
            if analyses(tokens[start - 1].text, morph)[0].tag.POS not in {"ADJF", "PRTF"}:
                break
            start -= 1
        end = institution_end(tokens, head, morph)
        complemented = end > head + 1
        named = start == head > 0 and token.text[:1].isupper() and complemented
        adjectives = 0 < start < head and tokens[start].text[:1].isupper()
        domain = complemented and named_after(tokens, spans, Span(head, end, ORG), morph)
        # `рабочей группы по формированию ...`: a body described, then its domain
        word = analyses(token.text, morph)[0].normal_form
        described = start < head and word in DOMAIN_HEADS and not complemented
        described = described and domain_end(tokens, end, morph, bare=True) > end
        # `министерства иностранных дел`: a ministry's complement is its name
        ministry = word == "министерство" and complemented and is_singular(token.text, morph)
        ministry = ministry and analyses(tokens[head + 1].text, morph)[0].normal_form not in SCOPES
        if (named or adjectives or domain or described or ministry) and free(
            spans + added, start, end
        ):
            added.append(Span(start, end, ORG))
    return spans + added


def join_complements(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    """Join from the right, so a chain nests: `Департамента ...` + `Министерства ...` +
    `КНР` gives the whole, `Министерства ... КНР` inside it, and `КНР` inside that."""
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    joined = list(ordered)
    for index in range(len(ordered) - 2, -1, -1):
        first, second = ordered[index], joined[index + 1]
        if joins(first, second, tokens, models.morph):
            joined[index] = Span(first.start, second.end, ORG)
    return sorted(set(joined), key=lambda s: (s.start, -s.end))


def scope_end(tokens: list[Token], spans: list[Span], end: int, morph: MorphAnalyzer) -> int:
    """The end of `по Санкт-Петербургу и Ленинградской области` after a name at
    `end`: places in the dative, joined by `и` (`end` when there are none)."""
    if end >= len(tokens) or tokens[end].text != "по":
        return end
    reached, index = end, end + 1
    while True:
        place = max(
            (s for s in spans if s.start == index and s.type == LOC),
            key=lambda s: s.end,
            default=None,
        )
        datives = place and any(
            p.tag.case == "datv" for p in analyses(tokens[place.end - 1].text, morph)
        )
        if not datives:
            return reached
        reached = place.end
        if reached + 1 < len(tokens) and tokens[reached].text == "и":
            index = reached + 1
        else:
            return reached


def join_scopes(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    morph = models.morph
    joined = []
    for span in spans:
        before = analyses(tokens[span.start - 1].text, morph)[0].normal_form if span.start else ""
        scoped = span.type == ORG and before not in POSTS | ENVOYS
        end = scope_end(tokens, spans, span.end, morph) if scoped else span.end
        joined.append(Span(span.start, end, ORG) if end > span.end else span)
    return spans + [span for span in joined if span not in spans]


SENTENCE_RULES: list[Callable[[list[Token], list[Span], Models], list[Span]]] = [
    drop_common_words,
    drop_addresses,
    trim_posts,
    trim_verbs,
    split_lists,
    split_brackets,
    retype_organisations,
    add_organisations,
    retype_datelines,
    retype_towns,
    place_facilities,
    add_quoted_names,
    add_transcriptions,
    add_introduced_names,
    add_full_names,
    take_name_particles,
    join_name_parts,
    add_places,
    add_institutions,
    finish_lists,
    join_complements,
    join_scopes,
    extend_domains,
]


def repair_sentence(tokens: list[Token], spans: list[Span], models: Models) -> list[Span]:
    for rule in SENTENCE_RULES:
        spans = rule(tokens, spans, models)
    return sorted(set(spans), key=lambda s: (s.start, -s.end))


def opens_sentence(tokens: list[Token], index: int, length: int) -> bool:
    """Whether the words at `index` stand where any word is capitalised: first in
    the sentence, or first in a quotation that goes on past them."""
    before = [token.text for token in tokens[:index] if WORDLIKE.search(token.text)]
    if not before:
        return True
    previous = tokens[index - 1].text
    after = index + length
    quoted = after < len(tokens) and tokens[after].text == QUOTE_PAIRS.get(previous)
    return previous in {":", "—", "–"} or (previous in QUOTE_PAIRS and not quoted)


def is_common_word(words: tuple[str, ...], morph: MorphAnalyzer) -> bool:
    """A one-word name the dictionary knows as an ordinary word (`Адвокат`)."""
    if len(words) > 1:
        return False
    parses = analyses(words[0], morph)
    return is_known(words[0], morph) and not any(NAME_TAGS & p.tag.grammemes for p in parses)


def name_types(sentences: list[list[Token]], spans: list[list[Span]]) -> dict[tuple, str]:
    """Each tagged form (its words) with the type it is tagged with most often."""
    votes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for tokens, sentence_spans in zip(sentences, spans, strict=True):
        for span in sentence_spans:
            votes[tuple(t.text for t in tokens[span.start : span.end])][span.type] += 1
    types = {}
    for words, counts in votes.items():
        (best, most), *rest = counts.most_common()
        named = words[0][:1].isupper() and len("".join(words)) > 1
        if named and not (rest and rest[0][1] == most):
            types[words] = best
    return types


def craft_names(tokens: list[Token], morph: MorphAnalyzer) -> set[tuple]:
    """The quoted words right after each craft's word, when they can stand in the
    nominative, as a name in apposition does. Unquoted, the words after a craft are
    as often its crew (`командир корабля Юрий ...`)."""
    names = set()
    for index, token in enumerate(tokens[:-1]):
        after = index + 1
        if tokens[after].text not in QUOTE_PAIRS:
            continue
        if analyses(token.text, morph)[0].normal_form not in CRAFTS:
            continue
        close = closing(tokens, after)
        words = tuple(t.text for t in tokens[after + 1 : close]) if close else ()
        if words and words[0][:1].isupper() and can_be(words[0], "nomn", morph):
            names.add(words)
    return names


def release_places(sentences: list[list[Token]], spans: list[list[Span]]) -> list[str]:
    """The words of every place mention of a release, as written."""
    return [
        " ".join(t.text for t in tokens[s.start : s.end])
        for tokens, found in zip(sentences, spans, strict=True)
        for s in found
        if s.type == LOC
    ]


def take_demonyms(
    sentences: list[list[Token]], spans: list[list[Span]], models: Models
) -> list[list[Span]]:
    morph = models.morph
    places = release_places(sentences, spans)

    def demonym(tokens: list[Token], span: Span) -> bool:
        if span.type != ORG or span.end - span.start > 1 or span.start == 0:
            return False
        word, name = tokens[span.start - 1].text, tokens[span.start].text
        if not (word.isalpha() and word.islower()):
            return False
        agreeing = cases(name, morph)
        readings = adjective_readings(word, morph)
        adjective = next((a for a, case in readings if name.isupper() or case in agreeing), "")
        return any(names_any(adjective, known) for known in (places, models.places, models.states))

    return [
        [Span(s.start - 1, s.end, ORG) if demonym(tokens, s) else s for s in found]
        for tokens, found in zip(sentences, spans, strict=True)
    ]


def post_before_person(tokens: list[Token], spans: list[Span], post: int) -> bool:
    """Whether a person's name follows the post word at `post` within its stretch:
    past names and lower-case words, but no punctuation save quotes."""
    starts = {s.start: s for s in spans}
    for index in range(post + 1, min(len(tokens), post + 1 + POST_REACH)):
        span = starts.get(index)
        if span is not None and span.type == PER:
            return True
        text = tokens[index].text
        if span is None and not WORDLIKE.search(text) and text not in QUOTE_PAIRS.values():
            return False
    return False


def tag_post_places(
    sentences: list[list[Token]], spans: list[list[Span]], models: Models
) -> list[list[Span]]:
    morph = models.morph
    places = release_places(sentences, spans)

    def names_post_place(tokens: list[Token], found: list[Span], index: int) -> bool:
        word = tokens[index].text
        cased = word.islower() or (index == 0 and word[1:].islower())  # `Британский премьер`
        if not (word.isalpha() and cased) or index + 1 >= len(tokens):
            return False
        after = tokens[index + 1]
        readings = adjective_readings(word, morph)
        agreeing = cases(after.text, morph) if readings else frozenset()
        adjective = next((a for a, case in readings if case in agreeing), "")
        if not adjective or not models.adjectives.own_place(adjective):
            return False
        if place_in(adjective, places):
            return False  # a place of the release is the post's already (`positions`)
        if is_post_word(after, morph) and post_lemma(after, morph) not in PROFESSIONS:
            # `британский премьер Гордон Браун`, but `французский журналист` is a nationality
            return post_before_person(tokens, found, index + 1)
        return (  # `глава палестинской делегации Саеб Эрекат`
            index > 0
            and is_post_word(tokens[index - 1], morph)
            and after.text.islower()
            and part_of_speech(after.text, morph) == "NOUN"
            and post_before_person(tokens, found, index + 1)
        )

    def added(tokens: list[Token], found: list[Span]) -> list[Span]:
        taken = {i for span in found for i in range(span.start, span.end)}
        return [
            Span(i, i + 1, LOC)
            for i in range(len(tokens))
            if i not in taken and names_post_place(tokens, found, i)
        ]

    return [found + added(tokens, found) for tokens, found in zip(sentences, spans, strict=True)]


def drop_vehicles(
    sentences: list[list[Token]], spans: list[list[Span]], models: Models
) -> list[list[Span]]:
    crafts = set().union(*(craft_names(tokens, models.morph) for tokens in sentences))
    return [
        [s for s in found if tuple(t.text for t in tokens[s.start : s.end]) not in crafts]
        for tokens, found in zip(sentences, spans, strict=True)
    ]


def repeat_names(
    sentences: list[list[Token]], spans: list[list[Span]], models: Models
) -> list[list[Span]]:
    types = name_types(sentences, spans)
    longest = max((len(words) for words in types), default=0)
    firsts = {words[0] for words in types}
    repeated = []
    for tokens, sentence_spans in zip(sentences, spans, strict=True):
        added: list[Span] = []
        for start in range(len(tokens)):
            if tokens[start].text not in firsts:
                continue
            for length in range(min(longest, len(tokens) - start), 0, -1):
                words = tuple(t.text for t in tokens[start : start + length])
                type = types.get(words)
                if (
                    type is None
                    or not free(sentence_spans + added, start, start + length)
                    or (
                        opens_sentence(tokens, start, length)
                        and is_common_word(words, models.morph)
                    )
                ):
                    continue
                added.append(Span(start, start + length, type))
                break
        repeated.append(sorted(sentence_spans + added, key=lambda s: (s.start, -s.end)))
    return repeated


def lemma_words(tokens: list[Token], morph: MorphAnalyzer) -> tuple[str, ...]:
    return tuple(analyses(t.text, morph)[0].normal_form for t in tokens)


def quoted_parts(tokens: list[Token], start: int, end: int) -> Iterator[tuple[int, int]]:
    """The ranges inside quotes within `start:end`."""
    index = start
    while index < end:
        if tokens[index].text in QUOTE_PAIRS:
            close = closing(tokens, index)
            if close is not None and close < end:
                yield index + 1, close
                index = close
        index += 1


def repeat_titles(
    sentences: list[list[Token]], spans: list[list[Span]], models: Models
) -> list[list[Span]]:
    morph = models.morph
    titles = {
        lemma_words(tokens[start:end], morph)
        for tokens, found in zip(sentences, spans, strict=True)
        for s in found
        if s.type == ORG
        for start, end in quoted_parts(tokens, max(s.start - 1, 0), min(s.end + 1, len(tokens)))
        if end - start > 1
    }
    lengths = {len(title) for title in titles}
    repeated = []
    for tokens, found in zip(sentences, spans, strict=True):
        added: list[Span] = []
        for start, token in enumerate(tokens):
            if not token.text[:1].isupper():
                continue
            for length in sorted(lengths, reverse=True):
                end = start + length
                if end > len(tokens) or crosses(found + added, start, end):
                    continue
                if any(s.start == start and s.end == end for s in found):
                    continue
                if lemma_words(tokens[start:end], morph) in titles:
                    added.append(Span(start, end, ORG))
                    break
        repeated.append(sorted(found + added, key=lambda s: (s.start, -s.end)))
    return repeated


def crosses(spans: list[Span], start: int, end: int) -> bool:
    """Whether a mention overlaps `start:end` other than by lying inside it."""
    return any(
        s.start < end and start < s.end and not start <= s.start <= s.end <= end for s in spans
    )


def adjective_alone(
    sentences: list[list[Token]], spans: list[list[Span]], models: Models
) -> list[list[Span]]:
    morph = models.morph

    def lemma(word: str) -> str:
        return analyses(word, morph)[0].normal_form

    def is_adjective(word: str) -> bool:
        return all(parse.tag.POS == "ADJF" for parse in analyses(word, morph))

    bodies = {
        lemma(tokens[s.start].text)
        for tokens, found in zip(sentences, spans, strict=True)
        for s in found
        if s.type == ORG and s.end - s.start > 1
    }
    kept = []
    for tokens, found in zip(sentences, spans, strict=True):
        sentence = []
        for span in found:
            word = tokens[span.start].text
            if span.end - span.start == 1 and word.isalpha() and is_adjective(word):
                if lemma(word) in bodies:
                    span = Span(span.start, span.end, ORG)
                elif span.type == PER:
                    continue  # `Студенты Харбинского ...`: no one, and no body of the release
            sentence.append(span)
        kept.append(sentence)
    return kept


def cut_off(token: Token, morph: MorphAnalyzer) -> bool:
    """Whether a text's last word, with no stop after it, is a word cut short (a
    feed's length limit): a lower-case word no dictionary knows (`разв`), or a
    capital and one letter (`Ал`)."""
    word = token.text
    if not word.isalpha():
        return False
    if word.islower():
        return not is_known(word, morph)
    return len(word) <= 2 and word[:1].isupper()


def drop_cut_off(
    sentences: list[list[Token]], spans: list[list[Span]], models: Models
) -> list[list[Span]]:
    """A mention that ends with a word cut short at the end of the text is no
    name: `Министерства экономического разв` could be any ministry."""
    if not sentences or not sentences[-1] or not cut_off(sentences[-1][-1], models.morph):
        return spans
    last = len(sentences[-1])
    return [*spans[:-1], [s for s in spans[-1] if s.end != last]]


DOCUMENT_RULES: list[Callable[[list[list[Token]], list[list[Span]], Models], list[list[Span]]]] = [
    adjective_alone,
    take_demonyms,
    tag_post_places,
    drop_vehicles,
    repeat_names,
    repeat_titles,
    drop_cut_off,
]


def document_rules(
    sentences: list[list[Token]], spans: list[list[Span]], models: Models
) -> list[list[Span]]:
    for rule in DOCUMENT_RULES:
        spans = rule(sentences, spans, models)
    return spans
