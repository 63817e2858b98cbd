"""The vocabulary of posts, shared by the stages that read them.

`positions` ties posts to people; `repair` tags the place an adjective before a
post names (`британский премьер`); `events.roles` knows a post word is not a
participant. A post head is a word of `POST_HEADS` by its lemma, a participle
that names a post, or a compound that ends in one (`бундестренер`).
"""

from functools import lru_cache

from pymorphy3 import MorphAnalyzer
from pymorphy3.analyzer import Parse

from .morphology import WORD_FORMS, analyses
from .records import Token

# Professions, ranks and callings: a post only in an organisation (`оператор
# Аль-Джазиры`, `астронавт НАСА`); alone (`писатель Виктор Шендерович`,
# `генерал-лейтенант Аксара Кердпол`) they describe the person, not a post held.
PROFESSIONS = set(
    "эксперт аналитик специалист сотрудник экономист журналист фотограф оператор писатель "
    "режиссёр актёр актриса певец певица музыкант композитор художник архитектор учёный "
    "профессор преподаватель врач адвокат юрист наблюдатель политик дипломат "
    "бизнесмен предприниматель банкир генерал генерал-майор генерал-лейтенант "
    "генерал-полковник адмирал полковник игрок вратарь защитник нападающий полузащитник "
    "гроссмейстер астронавт космонавт пилот инженер технолог".split()
)
POST_HEADS = PROFESSIONS | set(
    "министр замминистра заместитель посол директор гендиректор председатель зампред "
    "руководитель начальник глава замглавы президент вице-президент премьер премьер-министр "
    "вице-премьер губернатор вице-губернатор мэр вице-мэр секретарь генсек советник "
    "помощник ректор проректор декан спикер депутат сенатор координатор сопредседатель "
    "представитель полпред консул атташе командующий главнокомандующий судья прокурор "
    "генпрокурор лидер управляющий пресс-секретарь уполномоченный солист докладчик "
    "омбудсмен заведующий редактор главред корреспондент тренер капитан член "
    "инспектор комиссар министр-председатель вице-спикер госсекретарь замгоссекретаря "
    "канцлер патриарх митрополит архиепископ епископ муфтий раввин парламентарий".split()
)
POST_MODIFIERS = set(
    "первый генеральный исполнительный главный старший временно исполняющий "
    "чрезвычайный полномочный постоянный специальный и государственный личный "
    "ответственный вице бывший нынешний обязанность врио".split()
)
# The participle of `временно исполняющий обязанности`, in every case form.
ACTING = "исполняющ"
# Honorary titles, by their first word's beginning: `Заслуженный артист России`
# names no post and no employer.
HONOURS = ("заслуж", "народн", "почётн", "почетн")
# Units a worker's or a manager's post is of: `начальник цеха`, `оператор линии`.
UNITS = set(
    "цех линия участок смена служба лаборатория кафедра бригада сектор отделение "
    "филиал факультет штаб".split()
)
# Participles that name a post, in every case form: `управляющего директора`.
PARTICIPLE_POSTS = ("управляющ", "заведующ", "командующ", "уполномоченн")
# Heads a compound may end in: `бундестренер`, `вице-канцлер`.
COMPOUND_HEADS = {"тренер", "министр", "президент", "секретарь", "канцлер", "директор"}


def lemma(token: Token, morph: MorphAnalyzer) -> str:
    """The dictionary form, a former post's `экс-` set aside (`экс-премьера` -> `премьер`)."""
    return word_lemma(token.text, morph)


@lru_cache(maxsize=WORD_FORMS)
def word_lemma(text: str, morph: MorphAnalyzer) -> str:
    """`lemma` by the word's text, looked up once per word."""
    return post_reading(text, morph).normal_form


def post_over_first(text: str, morph: MorphAnalyzer) -> bool:
    """The word's post reading is not its first one (`премьера`)."""
    first = analyses(text.lower().removeprefix("экс-"), morph)[0]
    return post_reading(text, morph).normal_form != first.normal_form


@lru_cache(maxsize=WORD_FORMS)
def post_reading(text: str, morph: MorphAnalyzer) -> Parse:
    """The word's first reading, unless another one is a post (`премьера`: the
    premier's, more often than a premiere, in news)."""
    parses = analyses(text.lower().removeprefix("экс-"), morph)
    return next((p for p in parses if p.normal_form in POST_HEADS), parses[0])


def is_post_word(token: Token, morph: MorphAnalyzer) -> bool:
    """A post head (`POST_HEADS`): by its lemma, by its form for a participle that
    names a post (`управляющий`, whose lemma is `управлять`), or as the end of a
    compound (`бундестренер`)."""
    return is_post_text(token.text, morph)


@lru_cache(maxsize=WORD_FORMS)
def is_post_text(text: str, morph: MorphAnalyzer) -> bool:
    """`is_post_word` by the word's text, looked up once per word: every word of
    every sentence is asked."""
    lower = text.lower()
    word = word_lemma(text, morph)
    if word in POST_HEADS or lower in POST_HEADS:
        return True
    if any(lower.startswith(stem) for stem in PARTICIPLE_POSTS):
        return True
    return text.islower() and any(
        word.endswith(head) and len(word) > len(head) + 2 for head in COMPOUND_HEADS
    )
