import pytest

from extract.records import Document, Token
from extract.repair import (
    Span,
    add_full_names,
    add_institutions,
    add_introduced_names,
    add_organisations,
    add_places,
    add_quoted_names,
    add_transcriptions,
    drop_addresses,
    drop_common_words,
    drop_vehicles,
    extend_domains,
    join_complements,
    join_scopes,
    place_facilities,
    repeat_names,
    repeat_titles,
    retype_organisations,
    retype_towns,
    split_brackets,
    split_lists,
    tag_post_places,
    take_demonyms,
    trim_posts,
    trim_verbs,
)
from extract.segment import segment


def tokens_of(text: str) -> list[Token]:
    [sentence] = segment(Document("d", "d.txt", text))
    return list(sentence.tokens)


def spans_text(tokens: list[Token], spans: list[Span]) -> list[tuple[str, str]]:
    return [(s.type, " ".join(t.text for t in tokens[s.start : s.end])) for s in spans]


def apply(rule, models, text: str, given: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Run one rule over a sentence with the given mentions, as `(type, words)`."""
    tokens = tokens_of(text)
    spans = [find(tokens, words, type) for type, words in given]
    return spans_text(tokens, rule(tokens, spans, models))


def find(tokens: list[Token], words: str, type: str) -> Span:
    wanted = words.split()
    for start in range(len(tokens)):
        if [t.text for t in tokens[start : start + len(wanted)]] == wanted:
            return Span(start, start + len(wanted), type)
    raise ValueError(words)


QUOTED = [
    ("Концерн «Фольксваген» построит завод.", [], [("ORG", "Фольксваген")]),
    ("Её обслуживает ГУП «Водоканал» с 2001 года.", [], [("ORG", "ГУП « Водоканал »")]),
    ("Телеканал «Россия К» показал фильм.", [], [("ORG", "Россия К")]),
    ("Реализуется проект «Цифровые навыки для всех».", [], []),
    ("Он прочитал роман «Война и мир» за неделю.", [], []),
    ("Компания «новые решения» растёт.", [], []),
    ("Концерн «Фольксваген» построит завод.", [("ORG", "Фольксваген")], [("ORG", "Фольксваген")]),
]


@pytest.mark.parametrize(("text", "given", "expected"), QUOTED, ids=[q[0] for q in QUOTED])
def test_repair_add_quoted_names(models, text, given, expected) -> None:
    assert apply(add_quoted_names, models, text, given) == expected


TRANSCRIPTIONS = [
    (
        "Международная амнистия (Amnesty International) обвиняет США.",
        [("ORG", "Международная амнистия")],
        [("ORG", "Международная амнистия"), ("ORG", "Amnesty International")],
    ),
    (
        "Посол Барри Лоуенкрон (Barry Lowenkron) прибыл.",
        [("PER", "Барри Лоуенкрон")],
        [("PER", "Барри Лоуенкрон"), ("PER", "Barry Lowenkron")],
    ),
    ("Соглашение подписано (см. приложение) в Минске.", [("LOC", "Минске")], [("LOC", "Минске")]),
    (
        "Делегация Беларуси (около 20 человек) прибыла.",
        [("LOC", "Беларуси")],
        [("LOC", "Беларуси")],
    ),
    (
        "Доклад опубликовал Комитет защиты журналистов (КЗЖ) (Committee to Protect Journalists).",
        [("ORG", "Комитет защиты журналистов"), ("ORG", "КЗЖ")],
        [
            ("ORG", "Комитет защиты журналистов"),
            ("ORG", "КЗЖ"),
            ("ORG", "Committee to Protect Journalists"),
        ],
    ),
    (
        "Автомобильный концерн «Шкода» (Skoda) откроет сборку в Казахстане.",
        [("ORG", "Шкода"), ("LOC", "Казахстане")],
        [("ORG", "Шкода"), ("LOC", "Казахстане"), ("ORG", "Skoda")],
    ),
]


@pytest.mark.parametrize(
    ("text", "given", "expected"), TRANSCRIPTIONS, ids=[t[0][:30] for t in TRANSCRIPTIONS]
)
def test_repair_add_transcriptions(models, text, given, expected) -> None:
    assert apply(add_transcriptions, models, text, given) == expected


JOINS = [
    (
        "В заседании приняли участие представители Секретариата ШОС.",
        [("ORG", "Секретариата"), ("ORG", "ШОС")],
        [("ORG", "Секретариата ШОС"), ("ORG", "ШОС")],
    ),
    (
        "Министерство связи Республики Беларусь провело совещание.",
        [("ORG", "Министерство связи"), ("LOC", "Республики Беларусь")],
        [("ORG", "Министерство связи Республики Беларусь"), ("LOC", "Республики Беларусь")],
    ),
    (
        "Министерство связи, Республика Беларусь и Китай подписали план.",
        [("ORG", "Министерство связи"), ("LOC", "Республика Беларусь"), ("LOC", "Китай")],
        [("ORG", "Министерство связи"), ("LOC", "Республика Беларусь"), ("LOC", "Китай")],
    ),
    (
        "Совещание провёл Минсвязи Иван Петров.",
        [("ORG", "Минсвязи"), ("PER", "Иван Петров")],
        [("ORG", "Минсвязи"), ("PER", "Иван Петров")],
    ),
    (
        "Выступил директор департамента Министерства промышленности КНР.",
        [("ORG", "департамента"), ("ORG", "Министерства промышленности"), ("LOC", "КНР")],
        [
            ("ORG", "департамента Министерства промышленности КНР"),
            ("ORG", "Министерства промышленности КНР"),
            ("LOC", "КНР"),
        ],
    ),
    (
        "Делегация посетила Минск и Брест.",
        [("LOC", "Минск"), ("LOC", "Брест")],
        [("LOC", "Минск"), ("LOC", "Брест")],
    ),
]


@pytest.mark.parametrize(("text", "given", "expected"), JOINS, ids=[j[0][:30] for j in JOINS])
def test_repair_join_complements(models, text, given, expected) -> None:
    assert apply(join_complements, models, text, given) == expected


PLACES = [
    (
        "Форум прошёл в г.Карамай (Китай).",
        [("LOC", "Китай")],
        [("LOC", "Китай"), ("LOC", "Карамай")],
    ),
    ("Делегация побывала в Карамае и Урумчи.", [], [("LOC", "Карамае"), ("LOC", "Урумчи")]),
    ("Встреча прошла в Нижнем Новгороде.", [], [("LOC", "Нижнем Новгороде")]),
    ("Выступил Павел Ткач.", [("PER", "Павел Ткач")], [("PER", "Павел Ткач")]),
    ("Минск принимает гостей.", [("LOC", "Минск")], [("LOC", "Минск")]),
    ("Рабочая группа обсудила план.", [], []),
]


@pytest.mark.parametrize(("text", "given", "expected"), PLACES, ids=[p[0][:30] for p in PLACES])
def test_repair_add_places(models, text, given, expected) -> None:
    assert apply(add_places, models, text, given) == expected


DOMAINS = [
    (
        "Центр сотрудничества в области больших данных открыт.",
        [("ORG", "Центр сотрудничества")],
        [("ORG", "Центр сотрудничества в области больших данных")],
    ),
    (
        "Комитет по делам молодёжи и спорта провёл встречу.",
        [("ORG", "Комитет")],
        [("ORG", "Комитет по делам молодёжи и спорта")],
    ),
    (
        "Министерство по чрезвычайным ситуациям сообщило.",
        [("ORG", "Министерство")],
        [("ORG", "Министерство по чрезвычайным ситуациям")],
    ),
    (
        "Совещание Министерства связи по реализации плана прошло.",
        [("ORG", "Министерства связи")],
        [("ORG", "Министерства связи")],
    ),
    (
        "Минсвязи по вопросам тарифов не высказалось.",
        [("ORG", "Минсвязи")],
        [("ORG", "Минсвязи")],
    ),
    (
        "Центр в области данных и Ташкент подписали план.",
        [("ORG", "Центр"), ("LOC", "Ташкент")],
        [("ORG", "Центр в области данных"), ("LOC", "Ташкент")],
    ),
]


DOMAINS += [
    (
        "Межправительственная комиссия по сотрудничеству в области связи образована.",
        [("ORG", "Межправительственная комиссия")],
        [("ORG", "Межправительственная комиссия по сотрудничеству в области связи")],
    ),
    (
        "Комитет Совета Федерации по экономической политике одобрил закон.",
        [("ORG", "Совета Федерации")],
        [("ORG", "Совета Федерации")],
    ),
    (
        "Центр сотрудничества по большим данным Китай-ШОС создан в 2023 году.",
        [("ORG", "Центр сотрудничества"), ("ORG", "Китай-ШОС")],
        [("ORG", "Центр сотрудничества по большим данным Китай-ШОС"), ("ORG", "Китай-ШОС")],
    ),
    (
        "Акты Российской Федерации по вопросам пенсий приняты.",
        [("ORG", "Российской Федерации")],
        [("ORG", "Российской Федерации")],
    ),
]


@pytest.mark.parametrize(("text", "given", "expected"), DOMAINS, ids=[d[0][:30] for d in DOMAINS])
def test_repair_extend_domains(models, text, given, expected) -> None:
    assert apply(extend_domains, models, text, given) == expected


BRACKETS = [
    (
        "Джошуа Вольфа (Joshua Wolf) освободили.",
        [("PER", "Джошуа Вольфа ( Joshua Wolf )")],
        [("PER", "Джошуа Вольфа"), ("PER", "Joshua Wolf")],
    ),
    (
        "Эксперты Евразийской экономической комиссии (ЕЭК) выступили.",
        [("ORG", "Евразийской экономической комиссии ( ЕЭК )")],
        [("ORG", "Евразийской экономической комиссии"), ("ORG", "ЕЭК")],
    ),
    ("Выступил РУП «ЦЦР» в Минске.", [("ORG", "РУП « ЦЦР »")], [("ORG", "РУП « ЦЦР »")]),
    ("Город (Минск) принял гостей.", [("LOC", "( Минск )")], [("LOC", "( Минск )")]),
]


@pytest.mark.parametrize(("text", "given", "expected"), BRACKETS, ids=[b[0][:30] for b in BRACKETS])
def test_repair_split_brackets(models, text, given, expected) -> None:
    assert apply(split_brackets, models, text, given) == expected


LISTS = [
    (
        "Страны: Малави • Мальта • Монако.",
        [("LOC", "Малави • Мальта")],
        [("LOC", "Малави"), ("LOC", "Мальта")],
    ),
    (
        "Участники: Минск | Брест.",
        [("LOC", "Минск | Брест")],
        [("LOC", "Минск"), ("LOC", "Брест")],
    ),
    (
        "Прибыли из Нижнего Новгорода.",
        [("LOC", "Нижнего Новгорода")],
        [("LOC", "Нижнего Новгорода")],
    ),
]


@pytest.mark.parametrize(("text", "given", "expected"), LISTS, ids=[x[0][:30] for x in LISTS])
def test_repair_split_lists(models, text, given, expected) -> None:
    assert apply(split_lists, models, text, given) == expected


ADDRESSES = [
    ("Открыта регистрация в зоне .РФ для всех.", [("LOC", "РФ")], []),
    ("Визит президента РФ завершился.", [("LOC", "РФ")], [("LOC", "РФ")]),
    ("Пишите на info@Минсвязи сегодня.", [("ORG", "Минсвязи")], []),
    ("Форум прошёл в г.Шанхае (КНР).", [("LOC", "Шанхае")], [("LOC", "Шанхае")]),
]


@pytest.mark.parametrize(
    ("text", "given", "expected"), ADDRESSES, ids=[a[0][:30] for a in ADDRESSES]
)
def test_repair_drop_addresses(models, text, given, expected) -> None:
    assert apply(drop_addresses, models, text, given) == expected


COMMON = [
    ("Представители Минсвязи участвовали в режиме ВКС.", [("ORG", "ВКС")], []),
    ("Опубликовано: 27 августа 2024 года.", [("PER", "Опубликовано")], []),
    ("Поздравляя собравшихся, министр выступил.", [("PER", "Поздравляя")], []),
    ("Благодарность Министра объявлена.", [("PER", "Министра")], []),
    ("Июнь выдался жарким.", [("LOC", "Июнь")], []),
    ("Марта Иванова выступила.", [("PER", "Марта Иванова")], [("PER", "Марта Иванова")]),
    ("Выступила Марта.", [("PER", "Марта")], [("PER", "Марта")]),
    ("Доклад Ткача одобрен.", [("PER", "Ткача")], [("PER", "Ткача")]),
    ("Туристы едут в Поднебесную.", [("LOC", "Поднебесную")], [("LOC", "Поднебесную")]),
    ("Министерство сообщило.", [("ORG", "Министерство")], [("ORG", "Министерство")]),
]


@pytest.mark.parametrize(("text", "given", "expected"), COMMON, ids=[c[0][:30] for c in COMMON])
def test_repair_drop_common_words(models, text, given, expected) -> None:
    assert apply(drop_common_words, models, text, given) == expected


POSTS = [
    (
        "Замглавы Федеральной миграционной службы России заявил об этом.",
        [("ORG", "Замглавы Федеральной миграционной службы России")],
        [("ORG", "Федеральной миграционной службы России")],
    ),
    (
        "Министр связи и информатизации выступил.",
        [("ORG", "Министр связи и информатизации")],
        [("ORG", "Министр связи и информатизации")],
    ),
    ("Глава выступил.", [("ORG", "Глава")], [("ORG", "Глава")]),
    (
        "Директор ОАО «Банк» выступил.",
        [("ORG", "Директор ОАО « Банк »")],
        [("ORG", "ОАО « Банк »")],
    ),
    (
        "Генеральная прокуратура начала проверку.",
        [("ORG", "Генеральная прокуратура")],
        [("ORG", "Генеральная прокуратура")],
    ),
]


@pytest.mark.parametrize(("text", "given", "expected"), POSTS, ids=[p[0][:30] for p in POSTS])
def test_repair_trim_posts(models, text, given, expected) -> None:
    assert apply(trim_posts, models, text, given) == expected


INTRODUCED = [
    (
        "Справочно: Шанхайская организация сотрудничества (далее – ШОС) создана в 2001 году.",
        [],
        [("ORG", "Шанхайская организация сотрудничества"), ("ORG", "ШОС")],
    ),
    (
        "Работает Евразийская экономическая комиссия (ЕЭК) в Москве.",
        [("ORG", "ЕЭК")],
        [("ORG", "ЕЭК"), ("ORG", "Евразийская экономическая комиссия")],
    ),
    ("Прибыл Новый директор (ЕЭК) в Москву.", [], []),
    ("Он сказал (далее – СМИ) многое.", [], []),
    (
        "Шанхайская организация сотрудничества (далее – ШОС) расширилась.",
        [("ORG", "Шанхайская организация сотрудничества"), ("ORG", "далее – ШОС")],
        [("ORG", "Шанхайская организация сотрудничества"), ("ORG", "ШОС")],
    ),
    (
        "Доклад выпустила Всемирная продовольственная программа (World Food Programme) вчера.",
        [],
        [
            ("ORG", "Всемирная продовольственная программа"),
            ("ORG", "World Food Programme"),
        ],
    ),
    (
        "Об этом сообщил Иван Петров (Ivan Petrov) журналистам.",
        [("PER", "Иван Петров")],
        [("PER", "Иван Петров")],
    ),
    ("Выставка прошла (see below) успешно.", [], []),
]


@pytest.mark.parametrize(
    ("text", "given", "expected"), INTRODUCED, ids=[i[0][:30] for i in INTRODUCED]
)
def test_repair_add_introduced_names(models, text, given, expected) -> None:
    assert apply(add_introduced_names, models, text, given) == expected


INSTITUTIONS = [
    (
        "Справочно: Межправительственная белорусско-казахстанская комиссия образована в 2016 году.",
        [],
        [("ORG", "Межправительственная белорусско-казахстанская комиссия")],
    ),
    (
        "Документ направлен в Комитет связи и информатизации.",
        [],
        [("ORG", "Комитет связи и информатизации")],
    ),
    ("Центр города закрыт для проезда.", [], []),
    (
        "Позицию японского министерства иностранных дел изложил посол.",
        [],
        [("ORG", "японского министерства иностранных дел")],
    ),
    ("Проект согласован в министерстве экономики.", [], [("ORG", "министерстве экономики")]),
    ("Сотрудники министерства страны провели проверку.", [], []),
    ("Сотрудники министерства провели проверку.", [], []),
    ("Комиссия рассмотрела вопрос.", [], []),
    ("Он пришёл в Комитет.", [], []),
]


@pytest.mark.parametrize(
    ("text", "given", "expected"), INSTITUTIONS, ids=[i[0][:30] for i in INSTITUTIONS]
)
def test_repair_add_institutions(models, text, given, expected) -> None:
    assert apply(add_institutions, models, text, given) == expected


FULL_NAMES = [
    (
        "Распоряжением № 34р Стасевич Игорь Владимирович назначен заместителем.",
        [],
        [("PER", "Стасевич Игорь Владимирович")],
    ),
    ("Приказом назначена Елена Сергеевна Воронцова.", [], [("PER", "Елена Сергеевна Воронцова")]),
    ("Текст передал заместитель Министра Геннадий Мартынович.", [], []),
    ("Вчера Олег Гринкевич Минск покинул.", [], []),
]


@pytest.mark.parametrize(
    ("text", "given", "expected"), FULL_NAMES, ids=[f[0][:30] for f in FULL_NAMES]
)
def test_repair_add_full_names(models, text, given, expected) -> None:
    assert apply(add_full_names, models, text, given) == expected


VERBS = [
    (
        "Ассоциация разработчиков учреждена в июле.",
        [("ORG", "Ассоциация разработчиков учреждена")],
        [("ORG", "Ассоциация разработчиков")],
    ),
    (
        "Акции Уральской стали выросли.",
        [("ORG", "Уральской стали")],
        [("ORG", "Уральской стали")],
    ),
]


@pytest.mark.parametrize(("text", "given", "expected"), VERBS, ids=[v[0][:30] for v in VERBS])
def test_repair_trim_verbs(models, text, given, expected) -> None:
    assert apply(trim_verbs, models, text, given) == expected


SCOPES = [
    (
        "Пресс-служба ГУ МЧС России по Минской области сообщила о пожаре.",
        [("ORG", "ГУ МЧС России"), ("LOC", "Минской области")],
        [
            ("ORG", "ГУ МЧС России"),
            ("ORG", "ГУ МЧС России по Минской области"),
            ("LOC", "Минской области"),
        ],
    ),
    (
        "Управление ФНС по Москве и Московской области продлило приём.",
        [("ORG", "Управление ФНС"), ("LOC", "Москве"), ("LOC", "Московской области")],
        [
            ("ORG", "Управление ФНС"),
            ("ORG", "Управление ФНС по Москве и Московской области"),
            ("LOC", "Москве"),
            ("LOC", "Московской области"),
        ],
    ),
    (
        "Представитель ОБСЕ по вопросам свободы СМИ выступил.",
        [("ORG", "ОБСЕ")],
        [("ORG", "ОБСЕ")],
    ),
    (
        "Спецпосланник ООН по Сирии прибыл в Женеву.",
        [("ORG", "ООН"), ("LOC", "Сирии"), ("LOC", "Женеву")],
        [("ORG", "ООН"), ("LOC", "Сирии"), ("LOC", "Женеву")],
    ),
    (
        "Отчёт МЧС по итогам года опубликован.",
        [("ORG", "МЧС")],
        [("ORG", "МЧС")],
    ),
]


@pytest.mark.parametrize(("text", "given", "expected"), SCOPES, ids=[s[0][:30] for s in SCOPES])
def test_repair_join_scopes(models, text, given, expected) -> None:
    assert sorted(apply(join_scopes, models, text, given)) == sorted(expected)


def repeat(
    models, text: str, given: list[list[tuple[str, str]]], rule=repeat_names
) -> list[list[tuple[str, str]]]:
    """A document rule over the sentences of `text`, each with its given mentions."""
    sentences = [list(s.tokens) for s in segment(Document("d", "d.txt", text))]
    spans = [
        [find(tokens, words, type) for type, words in mentions]
        for tokens, mentions in zip(sentences, given, strict=True)
    ]
    repeated = rule(sentences, spans, models)
    return [spans_text(tokens, found) for tokens, found in zip(sentences, repeated, strict=True)]


def test_repair_repeat_names_tags_a_name_again(models) -> None:
    text = (
        "Концерн «Фольксваген» открыл завод в Калуге. "
        "Сейчас «Фольксваген» выпускает там три модели, а Калуга получает налоги."
    )
    given = [[("ORG", "Фольксваген"), ("LOC", "Калуге")], []]
    assert repeat(models, text, given) == [
        [("ORG", "Фольксваген"), ("LOC", "Калуге")],
        [("ORG", "Фольксваген")],
    ]


def test_repair_repeat_names_skips_common_words_where_a_sentence_opens(models) -> None:
    text = (
        "Заявление сделал Адвокат. Адвокат ведет себя странно, сказал судья. "
        "Он ответил: «Адвокат прав». Но Адвокат промолчал."
    )
    given = [[("PER", "Адвокат")], [], [], []]
    assert repeat(models, text, given) == [[("PER", "Адвокат")], [], [], [("PER", "Адвокат")]]


def test_repair_repeat_names_leaves_a_form_tagged_two_ways_equally(models) -> None:
    text = "Вашингтон выступил с речью. Он прилетел в Вашингтон. Вашингтон ответил быстро."
    given = [[("PER", "Вашингтон")], [("LOC", "Вашингтон")], []]
    assert repeat(models, text, given) == [[("PER", "Вашингтон")], [("LOC", "Вашингтон")], []]


def test_repair_drop_vehicles_drops_a_craft_everywhere_in_the_release(models) -> None:
    text = (
        "Ледокол «Ямал» вышел из Мурманска. "
        "Экипаж «Ямала» и сотрудники компании «Атомфлот» провели учения."
    )
    sentences = [list(s.tokens) for s in segment(Document("d", "d.txt", text))]
    given = [
        [("ORG", "Ямал"), ("LOC", "Мурманска")],
        [("ORG", "Ямала"), ("ORG", "Атомфлот")],
    ]
    spans = [
        [find(tokens, words, type) for type, words in mentions]
        for tokens, mentions in zip(sentences, given, strict=True)
    ]
    kept = drop_vehicles(sentences, spans, models)
    assert [spans_text(t, k) for t, k in zip(sentences, kept, strict=True)] == [
        [("LOC", "Мурманска")],
        [("ORG", "Ямала"), ("ORG", "Атомфлот")],
    ]


@pytest.mark.parametrize(
    ("text", "given"),
    [
        ("Командир корабля Юрий Лончаков доложил о стыковке.", [("PER", "Юрий Лончаков")]),
        ("Пассажиры самолёта «Аэрофлота» вылетели в Сочи.", [("ORG", "Аэрофлота")]),
    ],
)
def test_repair_drop_vehicles_keeps_crews_and_owners(models, text, given) -> None:
    tokens = tokens_of(text)
    spans = [find(tokens, words, type) for type, words in given]
    assert spans_text(tokens, drop_vehicles([tokens], [spans], models)[0]) == given


FACILITIES = [
    (
        "Делегацию встретили в аэропорту «Шереметьево».",
        [("ORG", "Шереметьево")],
        [("LOC", "Шереметьево")],
    ),
    (
        "Концерт прошёл во Дворце Республики.",
        [("ORG", "Дворце Республики")],
        [("LOC", "Дворце Республики")],
    ),
    (
        "Авиакомпания «Белавиа» открыла рейс из Национального аэропорта Минск.",
        [("ORG", "Белавиа"), ("LOC", "Национального аэропорта Минск")],
        [("ORG", "Белавиа"), ("LOC", "Национального аэропорта Минск")],
    ),
    (
        "Выставку открыл Национальный музей.",
        [("ORG", "Национальный музей")],
        [("ORG", "Национальный музей")],
    ),
]


@pytest.mark.parametrize(
    ("text", "given", "expected"), FACILITIES, ids=[f[0][:30] for f in FACILITIES]
)
def test_repair_place_facilities(models, text, given, expected) -> None:
    assert apply(place_facilities, models, text, given) == expected


DEMONYMS = [
    ("Глава японского МИДа прибыл в Москву.", [("ORG", "МИДа")], [("ORG", "японского МИДа")]),
    (
        "Санкции российского Минсельхоза вступили в силу.",
        [("ORG", "Минсельхоза")],
        [("ORG", "российского Минсельхоза")],
    ),
    ("Нападающий испанской «Барселоны» забил гол.", [("ORG", "Барселоны")], [("ORG", "Барселоны")]),
    (
        "Делегация японского Министерства обороны прибыла.",
        [("ORG", "Министерства обороны")],
        [("ORG", "Министерства обороны")],
    ),
    ("Проверку провёл налоговый МНС.", [("ORG", "МНС")], [("ORG", "МНС")]),
]


@pytest.mark.parametrize(("text", "given", "expected"), DEMONYMS, ids=[d[0][:30] for d in DEMONYMS])
def test_repair_take_demonyms(models, text, given, expected) -> None:
    tokens = tokens_of(text)
    spans = [find(tokens, words, type) for type, words in given]
    assert spans_text(tokens, take_demonyms([tokens], [spans], models)[0]) == expected


POST_PLACES = [
    (  # an adjective before a post, a person after it
        "Встречу провёл британский премьер Кир Стармер.",
        [("PER", "Кир Стармер")],
        [("PER", "Кир Стармер"), ("LOC", "британский")],
    ),
    (  # capitalised where the sentence opens; an irregular adjective
        "Американский сенатор Джон Смит прибыл в Киев.",
        [("PER", "Джон Смит"), ("LOC", "Киев")],
        [("PER", "Джон Смит"), ("LOC", "Киев"), ("LOC", "Американский")],
    ),
    (  # between a post and the body it heads
        "Глава палестинской делегации Мухаммад Штайе выступил в ООН.",
        [("PER", "Мухаммад Штайе"), ("ORG", "ООН")],
        [("PER", "Мухаммад Штайе"), ("ORG", "ООН"), ("LOC", "палестинской")],
    ),
    (  # a place the release names is the post's already
        "В Португалии прошли выборы. Португальский премьер Луиш Монтенегру выступил.",
        [("LOC", "Португалии"), ("PER", "Луиш Монтенегру")],
        [("LOC", "Португалии"), ("PER", "Луиш Монтенегру")],
    ),
    (  # before a profession it is a nationality
        "Французский журналист Жан Дюпон был ранен.",
        [("PER", "Жан Дюпон")],
        [("PER", "Жан Дюпон")],
    ),
    ("Российский президент посетил Японию.", [("LOC", "Японию")], [("LOC", "Японию")]),
    (  # not a place's adjective
        "Исполнительный директор Иван Петров выступил.",
        [("PER", "Иван Петров")],
        [("PER", "Иван Петров")],
    ),
]


@pytest.mark.parametrize(
    ("text", "given", "expected"), POST_PLACES, ids=[p[0][:30] for p in POST_PLACES]
)
def test_repair_tag_post_places(models, text, given, expected) -> None:
    sentences = [list(sentence.tokens) for sentence in segment(Document("d", "d.txt", text))]
    spans = [[] for _ in sentences]
    for type, words in given:
        number = next(
            i for i, tokens in enumerate(sentences) if words in " ".join(t.text for t in tokens)
        )
        spans[number].append(find(sentences[number], words, type))
    tagged = tag_post_places(sentences, spans, models)
    assert [
        pair
        for tokens, found in zip(sentences, tagged, strict=True)
        for pair in spans_text(tokens, found)
    ] == expected


ORGANISATIONS = [
    ("Команда Феррари подала протест.", [("PER", "Феррари")], [("ORG", "Феррари")]),
    ("Отчёт прислал Интерфакс.", [("PER", "Интерфакс")], [("ORG", "Интерфакс")]),
    ("Вопрос задал Путин.", [("PER", "Путин")], [("PER", "Путин")]),
    ("Штат Вермонт принял закон.", [("LOC", "Вермонт")], [("LOC", "Вермонт")]),
]


@pytest.mark.parametrize(
    ("text", "given", "expected"), ORGANISATIONS, ids=[o[0][:30] for o in ORGANISATIONS]
)
def test_repair_retype_organisations(models, text, given, expected) -> None:
    assert apply(retype_organisations, models, text, given) == expected


def test_repair_add_organisations(models) -> None:
    text = "Запрос направлен в Интерпол, а Москва ждёт ответа от Вермонта."
    places = [("LOC", "Москва"), ("LOC", "Вермонта")]
    assert apply(add_organisations, models, text, places) == [*places, ("ORG", "Интерпол")]


def test_repair_repeat_titles_finds_a_quoted_title_again_in_another_case(models) -> None:
    text = (
        "Интервью дал корреспонденту газеты «Белорусская нива» посол. "
        "Белорусская нива: как прошли переговоры? "
        "Он ответил Белорусской ниве кратко, а белорусская нива урожайна."
    )
    given = [[("ORG", "газеты « Белорусская нива »")], [], []]
    assert repeat(models, text, given, rule=repeat_titles) == [
        [("ORG", "газеты « Белорусская нива »")],
        [("ORG", "Белорусская нива")],
        [("ORG", "Белорусской ниве")],
    ]


@pytest.mark.parametrize(
    "text, given, expected",
    [
        ("Форум прошёл в г. Нур-Султан.", [("PER", "Нур-Султан")], [("LOC", "Нур-Султан")]),
        ("Форум прошёл в г.Нур-Султан.", [("PER", "Нур-Султан")], [("LOC", "Нур-Султан")]),
        (
            "Мэр города Андрей Соколов открыл форум.",
            [("PER", "Андрей Соколов")],
            [("PER", "Андрей Соколов")],
        ),
        ("Он приехал в город Нурсултан.", [("PER", "Нурсултан")], [("LOC", "Нурсултан")]),
        ("В 2019 г. Иванов возглавил совет.", [("PER", "Иванов")], [("PER", "Иванов")]),
        ("Отчёт подписал Иванов.", [("PER", "Иванов")], [("PER", "Иванов")]),
    ],
)
def test_retype_towns(models, text, given, expected) -> None:
    assert apply(retype_towns, models, text, given) == expected
