"""The yargy grammar of date and period expressions.

The grammar only says where an expression is and what its parts are: every
part that carries meaning is a named rule (`DAY`, `MONTH`, `YEAR`, `SEP`, ...)
and every expression's top rule is named after its shape (`RANGE`, `ENUM`,
`POINT`, ...). `extract.dates` reads the parts off the parse tree, with their
offsets, and does the arithmetic; no value is computed here.

Word forms come from pymorphy3 (`month_forms`), so the grammar runs on yargy's
plain tokenizer and needs no morphology at parse time. A run of more digits
than a date or a count has is one `OTHER` token (`tokenizer`): yargy turns
every `INT` token a number predicate meets into an `int`, which Python
refuses past 4,300 digits.
"""

from dataclasses import dataclass

from pymorphy3 import MorphAnalyzer
from yargy import and_, or_, rule
from yargy.predicates import eq, gte, in_, in_caseless, is_capitalized, is_lower, length_eq, lte
from yargy.predicates import type as token_type
from yargy.tokenizer import OTHER, RULES, Tokenizer, TokenRule

from .lookahead import LookaheadParser

MONTH_LEMMAS = (
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь".split()
)
MONTH_ABBREVIATIONS = dict(
    zip(
        "янв фев февр апр авг сен сент окт нояб дек".split(),
        (1, 2, 2, 4, 8, 9, 9, 10, 11, 12),
        strict=True,
    )
)
WEEKDAY_LEMMAS = "понедельник вторник среда четверг пятница суббота воскресенье".split()
ORDINAL_LEMMAS = "первый второй третий четвёртый".split()
ROMAN = {
    numeral: number
    for number, numeral in enumerate(
        "i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx xxi".split(),
        start=1,
    )
}
NUMBER_FORMS = {
    "один одна одно одну одного одной одному одним": 1,
    "два две двух двум двумя": 2,
    "три трёх трех трём трем тремя": 3,
    "четыре четырёх четырех четырьмя": 4,
    "пять пяти": 5,
    "шесть шести": 6,
    "семь семи": 7,
    "восемь восьми": 8,
    "девять девяти": 9,
    "десять десяти": 10,
    "одиннадцать": 11,
    "двенадцать": 12,
    "пятнадцать": 15,
    "двадцать двадцати": 20,
    "тридцать тридцати": 30,
    "сорок": 40,
    "пятьдесят": 50,
    "сто": 100,
    "полтора полторы полутора": 1.5,
}
NUMBER_WORDS = {form: value for forms, value in NUMBER_FORMS.items() for form in forms.split()}
VAGUE_NUMBERS = set("несколько нескольких нескольким много многих многие ряд".split())
# Units of time and the days each spans; `год` forms include `лет`.
UNIT_LEMMAS = {
    "день": "day",
    "сутки": "day",
    "неделя": "week",
    "месяц": "month",
    "год": "year",
    "десятилетие": "decade",
    "век": "century",
}
# Adjectives of a span of time (`пятилетний срок`, `трёхдневный визит`): a number's
# stem before one of these, whose forms are read off the `двух-` word.
SPAN_ADJECTIVES = "двухлетний двухдневный двухмесячный двухнедельный двухсуточный".split()
SPAN_NUMBERS = (
    "одно дву двух трёх трех четырёх четырех пяти шести семи восьми девяти десяти "
    "двенадцати пятнадцати двадцати тридцати сорока пятидесяти"
).split()
MONTH_ADJECTIVES = (
    "январский февральский мартовский апрельский майский июньский июльский августовский "
    "сентябрьский октябрьский ноябрьский декабрьский субботний воскресный"
).split()
HOLIDAYS = ("рождество", "сочельник")
DECADE_LEMMAS = dict(
    zip(
        "двадцатый тридцатый сороковой пятидесятый шестидесятый семидесятый восьмидесятый "
        "девяностый".split(),
        range(20, 100, 10),
        strict=True,
    )
)
CENTURY_LEMMAS = {"семнадцатый": 17, "восемнадцатый": 18, "девятнадцатый": 19, "двадцатый": 20}
# Words that place a time by the text's own day (`в прошлом мае`, `в текущем сезоне`).
DEICTIC = (
    "этом текущем прошлом минувшем следующем будущем позапрошлом нынешнем новом предыдущем "
    "этого текущего прошлого минувшего следующего будущего нынешнего нового предыдущего "
    "этот текущий прошлый минувший следующий новый нынешний"
)
PREPOSITIONS = set("в во на с со к ко за до по от около после перед начиная".split())


def lexeme(morph: MorphAnalyzer, lemma: str, pos: str = "NOUN") -> set[str]:
    """Every form of a word, `ё` spelt both ways."""
    parse = next(p for p in morph.parse(lemma) if pos == p.tag.POS and p.normal_form == lemma)
    forms = {form.word for form in parse.lexeme}
    return forms | {form.replace("ё", "е") for form in forms}


def adjective_forms(morph: MorphAnalyzer, lemma: str) -> set[str]:
    """The full adjective's forms of a word, without its short and comparative forms."""
    parse = next(p for p in morph.parse(lemma) if p.tag.POS == "ADJF" and p.normal_form == lemma)
    forms = {form.word for form in parse.lexeme if form.tag.POS == "ADJF"}
    return forms | {form.replace("ё", "е") for form in forms}


def span_endings(morph: MorphAnalyzer) -> set[str]:
    """`летний`, `дневных` ...: what follows a number's stem or `25-` in a span adjective."""
    return {
        form[len("двух") :] for lemma in SPAN_ADJECTIVES for form in adjective_forms(morph, lemma)
    }


def month_forms(morph: MorphAnalyzer) -> dict[str, int]:
    """`июня`, `июне`, `июнь` ... -> 6."""
    return {
        form: number
        for number, lemma in enumerate(MONTH_LEMMAS, start=1)
        for form in lexeme(morph, lemma)
    }


def words(forms: str):
    """Any of the space-separated word forms, in any case."""
    return in_caseless(set(forms.split()))


# Words at least one of which, or a number, every expression holds: the parser only
# looks near them (see `extract.dates.read.windows`).
CORE_WORDS = set(
    "сегодня вчера позавчера завтра послезавтра накануне неделе году месяце года весной летом "
    "осенью зимой весна лето осень зима полгода полвека полмесяца полдня день дня вечер вечера "
    "утро утра сегодняшний сегодняшнего".split()
)


LONGEST_NUMBER = 18  # digits: a date's, a count's or a phone number's


def tokenizer() -> Tokenizer:
    """yargy's plain tokenizer, with a longer digit run than `LONGEST_NUMBER`
    one token that no number predicate reads."""
    return Tokenizer([TokenRule(OTHER, rf"\d{{{LONGEST_NUMBER + 1},}}"), *RULES])


@dataclass(frozen=True, slots=True)
class DateGrammar:
    """The compiled parser, the word tables `extract.dates` reads values from, and
    the core words that tell where an expression may be."""

    parser: LookaheadParser
    tables: dict[str, dict[str, object]]
    cores: frozenset[str]
    morph: MorphAnalyzer  # the tense of a date's sentence (`extract.dates.tense_of`)


def build_grammar(morph: MorphAnalyzer) -> DateGrammar:
    """Compile the grammar; done once per worker, in `models.load_models`."""
    months = month_forms(morph)
    weekdays = {f: n for n, lemma in enumerate(WEEKDAY_LEMMAS) for f in lexeme(morph, lemma)}
    ordinals = {
        f: n
        for n, lemma in enumerate(ORDINAL_LEMMAS, start=1)
        for f in lexeme(morph, lemma, "ADJF")
    }
    units = {f: unit for lemma, unit in UNIT_LEMMAS.items() for f in lexeme(morph, lemma)}
    decades = {
        f: n
        for lemma, n in DECADE_LEMMAS.items()
        for f in adjective_forms(morph, lemma)
        if f.endswith(("ые", "ых", "ым", "ыми"))
    }
    centuries = {f: n for lemma, n in CENTURY_LEMMAS.items() for f in adjective_forms(morph, lemma)}
    units |= {"лет": "year"}
    tables = {
        "MONTH": {**months, **MONTH_ABBREVIATIONS},
        "WEEKDAY": weekdays,
        "ORDINAL": ordinals,
        "UNIT": units,
        "NUMBER": NUMBER_WORDS,
        "DECADE": decades,
        "CENTURY": centuries,
    }

    INT = token_type("INT")
    DASH = in_({"-", "–", "—"})
    DOT = rule(eq(".")).optional()

    def named(name: str, *parts):
        return rule(*parts).named(name)

    PREP = named("PREP", in_caseless(PREPOSITIONS))
    SEP = named("SEP", or_(rule(DASH), rule(words("по до на"))))
    LIST = named("LIST", or_(rule(eq(",")), rule(eq(","), eq("и")), rule(words("и"))))

    DAY = named("DAY", and_(INT, gte(1), lte(31)))
    MONTH = named(
        "MONTH",
        or_(rule(in_caseless(set(months))), rule(in_caseless(set(MONTH_ABBREVIATIONS)), DOT)),
    )
    MONTH_NUM = named("MONTH_NUM", and_(INT, gte(1), lte(12)))
    YEAR = named("YEAR", and_(INT, length_eq(4), gte(1000), lte(2100)))
    YEAR2 = named("YEAR2", and_(INT, length_eq(2)))
    YEAR_SUFFIX = rule(DASH, words("го й м"))  # `1945-го`, `в 1990-м году`
    YEAR_NOUN = or_(rule(words("г гг"), DOT), rule(in_caseless(lexeme(morph, "год"))))
    YEAR_WORD = or_(rule(YEAR_SUFFIX, YEAR_NOUN.optional()), YEAR_NOUN)
    YEAR_FULL = rule(YEAR, YEAR_WORD.optional())
    YEAR_MARKED = rule(YEAR, YEAR_WORD)
    REL_YEAR = named(
        "REL_YEAR",
        words("этого текущего прошлого следующего будущего позапрошлого минувшего нынешнего"),
        words("года"),
    )

    NUMERIC = rule(DAY, eq("."), MONTH_NUM, eq("."), or_(YEAR, YEAR2), YEAR_WORD.optional())
    ISO = rule(YEAR, eq("-"), MONTH_NUM, eq("-"), DAY)
    DAY_MONTH = rule(DAY, MONTH)
    MONTH_YEAR = rule(MONTH, or_(YEAR_FULL, REL_YEAR).optional())
    CALENDAR = or_(
        NUMERIC,
        ISO,
        rule(DAY, MONTH, or_(YEAR_FULL, REL_YEAR).optional()),
        rule(MONTH, or_(YEAR_FULL, REL_YEAR)),
    )

    ORDINAL = named(
        "ORDINAL",
        or_(
            rule(in_caseless(set(ordinals))),
            rule(and_(INT, gte(1), lte(4)), DASH, words("м й го ом")),
        ),
    )
    ROMAN_ORDINAL = named("ROMAN", in_caseless(set(ROMAN)))
    QUARTER = named("QUARTER", or_(ORDINAL, ROMAN_ORDINAL), in_caseless(lexeme(morph, "квартал")))
    HALF = named(
        "HALF",
        or_(
            rule(ORDINAL, in_caseless(lexeme(morph, "полугодие"))),
            rule(ORDINAL, in_caseless(lexeme(morph, "половина"))),
        ),
    )
    SEASON = named("SEASON", words("весной летом осенью зимой весна лето осень зима"))
    REL_CENTURY = rule(
        words("прошлого позапрошлого нынешнего текущего этого"), words("века столетия")
    )
    DECADE = named(
        "DECADE",
        and_(INT, or_(length_eq(4), length_eq(2))),
        DASH,
        words("е х ые ых ми"),
        rule(in_caseless(lexeme(morph, "год"))).optional(),
    )
    CENTURY = named(
        "CENTURY",
        or_(ROMAN_ORDINAL, rule(and_(INT, gte(1), lte(21)))),
        in_caseless(lexeme(morph, "век")),
    )
    OF_CENTURY = or_(
        REL_CENTURY,
        CENTURY,
        named("CENTURY", in_caseless(set(centuries)), words("века столетия")),
    )
    SPELLED_DECADE = rule(
        named("DECADE", in_caseless(set(decades))),
        rule(
            or_(rule(DASH), rule(words("и"))), named("DECADE", in_caseless(set(decades)))
        ).optional(),
        in_caseless(lexeme(morph, "год")),
        OF_CENTURY.optional(),
    )
    PART = named(
        "PART",
        words("начале середине конце начала середины конца начало середина конец началу концу"),
    )

    PERIOD_BASE = or_(
        rule(QUARTER, or_(YEAR_FULL, REL_YEAR).optional()),
        rule(HALF, or_(YEAR_FULL, REL_YEAR, DECADE, SPELLED_DECADE).optional()),
        rule(SEASON, or_(YEAR_FULL, REL_YEAR).optional()),
        rule(DECADE, OF_CENTURY.optional()),
        rule(CENTURY),
        SPELLED_DECADE,
    )
    PART_OF = rule(PART, or_(MONTH_YEAR, YEAR_MARKED, DECADE, REL_YEAR, CENTURY))

    WEEKDAY = named(
        "WEEKDAY",
        rule(
            words(
                "минувший минувшую прошлый прошлую этот эту следующий следующую ближайший ближайшую"
            )
        ).optional(),
        in_caseless(set(weekdays)),
    )
    REL_DAY = named("REL_DAY", words("сегодня вчера позавчера завтра послезавтра накануне"))
    REL_UNIT = named(
        "REL_UNIT",
        or_(
            rule(
                words("на в во"),
                words("этой текущей прошлой минувшей следующей будущей позапрошлой"),
                words("неделе"),
            ),
            rule(
                words("в во"),
                words("этом текущем прошлом минувшем следующем будущем позапрошлом нынешнем"),
                words("году месяце"),
            ),
        ),
    )
    SAME_YEAR = named("SAME_YEAR", words("в"), words("том этом"), words("же"), words("году"))
    TODAY = named(
        "TODAY",
        or_(
            rule(words("на"), words("сегодняшний"), words("день")),
            rule(words("с"), words("сегодняшнего"), words("дня")),
        ),
    )

    NUMBER = named(
        "NUMBER",
        or_(
            rule(and_(INT, lte(999))),
            rule(INT, eq(","), INT),
            rule(in_caseless(set(NUMBER_WORDS))).repeatable(max=3),  # `сорок один`
            rule(in_caseless(VAGUE_NUMBERS)),
        ),
    )
    UNIT = named("UNIT", in_caseless(set(units)))
    LOWER_UNIT = named("UNIT", and_(in_caseless(set(units)), is_lower()))
    WHOLE = named("UNIT", words("полгода полвека полмесяца полдня"))
    AMOUNT = or_(rule(NUMBER, UNIT, rule(NUMBER, UNIT).optional()), rule(UNIT))
    AGO = named("AGO", words("назад ранее раньше позже позднее"))
    LATER = named("LATER", words("через"))
    RELATIVE = or_(
        rule(AMOUNT, rule(words("тому")).optional(), AGO),
        rule(LATER, rule(words("почти около примерно")).optional(), AMOUNT),
    )
    DURATION = or_(rule(NUMBER, UNIT, rule(NUMBER, UNIT).optional()), rule(WHOLE))
    SET = rule(words("каждый каждую каждые каждое"), NUMBER.optional(), UNIT)
    NARRATIVE = rule(
        words("на в во с со до"),
        words("следующий следующего тот того этот этого первый второй"),
        rule(words("же")).optional(),
        words("день дня вечер вечера утро утра"),
    )

    endings = span_endings(morph)
    spans = {stem + ending for stem in SPAN_NUMBERS for ending in endings}
    spans |= adjective_forms(morph, "годичный")
    month_adjectives = {f for lemma in MONTH_ADJECTIVES for f in adjective_forms(morph, lemma)}
    holidays = {f for lemma in HOLIDAYS for f in lexeme(morph, lemma)}
    seasons = lexeme(morph, "сезон")
    weekend = {"выходные", "выходных", "выходным", "выходными"}
    PLURAL_UNIT = words("дни дней недели недель месяцы месяцев годы лет десятилетия")
    NAMED = or_(
        rule(words("ближайшие ближайших последующие предстоящие грядущие"), PLURAL_UNIT),
        rule(PART, words("недели месяца года")),
        rule(PART, words("этой текущей прошлой минувшей следующей будущей"), words("недели")),
        rule(PART, words("этого текущего прошлого минувшего следующего"), words("месяца")),
        rule(words(DEICTIC), MONTH),
        rule(words(DEICTIC), in_caseless(seasons)),
        rule(PART, words(DEICTIC), words("сезона")),
        rule(and_(in_caseless(month_adjectives), is_lower())),  # not `в Октябрьском` (a town)
        rule(in_caseless(holidays)),
        rule(PART.optional(), REL_CENTURY),
        rule(words("новый нового новому новым"), words("год года году годом")),
    )
    SPAN = or_(
        rule(in_caseless(spans)),
        rule(and_(INT, lte(999)), DASH, in_caseless(endings)),  # `25-летний срок`
        rule(words("долгие долгих многие многих"), words("годы лет")),
    )
    SEASON_YEARS = rule(YEAR, eq("/"), or_(YEAR, YEAR2))

    POINT = or_(CALENDAR, PERIOD_BASE, PART_OF, YEAR_MARKED, REL_YEAR)
    EXPRESSIONS = or_(
        named(
            "RANGE",
            or_(
                DAY,
                DAY_MONTH,
                rule(DAY, MONTH, YEAR_FULL),
                MONTH,
                rule(MONTH, YEAR_FULL),
                rule(YEAR),
            ),
            SEP,
            or_(DAY_MONTH, rule(DAY, MONTH, YEAR_FULL), MONTH_YEAR, YEAR_FULL),
        ),
        named("RANGE", MONTH, DASH, MONTH_YEAR),
        named(
            "ENUM",
            DAY,
            rule(LIST, DAY).repeatable(max=10).optional(),
            LIST,
            or_(DAY_MONTH, rule(DAY, MONTH, or_(YEAR_FULL, REL_YEAR))),
        ),
        named(
            "ENUM",
            YEAR,
            rule(LIST, YEAR).repeatable(max=10).optional(),
            LIST,
            YEAR_MARKED,
        ),
        named("WEEKDATE", WEEKDAY, rule(eq(",")).optional(), PREP.optional(), CALENDAR),
        named("WEEKDATE", CALENDAR, eq(","), PREP.optional(), WEEKDAY),
        named("RELDATE", REL_DAY, eq(","), PREP.optional(), CALENDAR),
        named("POINT", POINT),
        named("MONTH_ONLY", MONTH),
        named("PAREN_YEAR", eq("("), YEAR, eq(")")),
        named("NAME_YEAR", is_capitalized(), DASH, YEAR),
        named("YEAR_ONLY", YEAR),
        named("WEEKDAY_ONLY", WEEKDAY),
        named("REL_DAY_ONLY", REL_DAY),
        named("REL_UNIT_ONLY", REL_UNIT),
        named("SAME_YEAR_ONLY", SAME_YEAR),
        named("TODAY_ONLY", TODAY),
        named("RELATIVE", RELATIVE),
        named("DURATION", DURATION),
        named("UNIT_ONLY", LOWER_UNIT),
        named("SET", SET),
        named("SET", words("ежегодно")),
        named("SPAN", SPAN),
        named("NAMED", NAMED),
        named(
            "WEEKEND",
            rule(words("минувшие прошедшие прошлые ближайшие эти")).optional(),
            in_caseless(weekend),
        ),
        named("SEASON_YEARS", SEASON_YEARS),
        named("NARRATIVE", NARRATIVE),
    )
    cores = set(CORE_WORDS) | VAGUE_NUMBERS
    cores |= {form for table in tables.values() for form in table if not form.isdigit()}
    for lemma in ("квартал", "полугодие", "половина", "век", "столетие", "сезон"):
        cores |= lexeme(morph, lemma)
    cores |= spans | month_adjectives | holidays | weekend
    cores.add("ежегодно")
    parser = LookaheadParser(EXPRESSIONS, tokenizer=tokenizer())
    return DateGrammar(parser, tables, frozenset(cores), morph)
