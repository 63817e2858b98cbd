from dataclasses import replace

import pytest

from extract.aliases import load_aliases
from extract.link import (
    build_entities,
    entity_id,
    link_entities,
    mention_name,
    release_names,
    resolve_people,
    tally_mentions,
)
from extract.names import NameParts
from extract.records import Entity, Mention


def mentions_of(text: str, *spans: tuple[str, str, str]) -> list[Mention]:
    """Mentions for `(type, surface, normal)`, found in `text` left to right."""
    result, offset = [], 0
    for number, (type, surface, normal) in enumerate(spans, start=1):
        start = text.index(surface, offset)
        offset = start + len(surface)
        result.append(Mention("d", f"d#m{number}", type, start, offset, surface, normal))
    return result


def keys(models, text: str, *spans: tuple[str, str, str]) -> list[str]:
    linked = link_entities(text, mentions_of(text, *spans), models.morph, load_aliases())
    people = {m.entity_key: m.entity_id for m in linked if m.type == "PER"}
    assert len(set(people.values())) == len(people)  # one id for each person of the release
    return [m.entity_key for m in linked]


PEOPLE = [
    (
        "a Latin transcription in brackets is the person's",
        "Журналист Джошуа Вольф (Joshua Wolf) вышел на свободу.",
        [("PER", "Джошуа Вольф", "Джошуа Вольф"), ("PER", "Joshua Wolf", "Joshua Wolf")],
        ["PER:Вольф|Д", "PER:Вольф|Д"],
    ),
    (
        "a surname alone, read as a first name or left inflected",
        "Командир Джеффри Уильямс и Джаред Лофнер. Уильямс доложил. Лофнеру ответили.",
        [
            ("PER", "Джеффри Уильямс", "Джеффри Уильямс"),
            ("PER", "Джаред Лофнер", "Джаред Лофнер"),
            ("PER", "Уильямс", "Уильямс"),
            ("PER", "Лофнеру", "Лофнеру"),
        ],
        ["PER:Уильямс|Д", "PER:Лофнер|Д", "PER:Уильямс|Д", "PER:Лофнер|Д"],
    ),
    (
        "a surname that reads as a patronymic, used as a surname elsewhere",
        "Встреча Геннадия Мартыновича с послом прошла в Минске. Г.С.Мартынович отметил итоги.",
        [
            ("PER", "Геннадия Мартыновича", "Геннадий Мартынович"),
            ("PER", "Г.С.Мартынович", "Г.С.Мартынович"),
        ],
        ["PER:Мартынович|Г", "PER:Мартынович|Г"],
    ),
    (
        "a first name and patronymic alone stay that",
        "Елена Сергеевна Воронцова назначена директором. Елена Сергеевна родилась в Минске.",
        [
            ("PER", "Елена Сергеевна Воронцова", "Елена Сергеевна Воронцова"),
            ("PER", "Елена Сергеевна", "Елена Сергеевна"),
        ],
        ["PER:Воронцов|Е", "PER:Воронцов|Е"],  # keys take the masculine form
    ),
    (
        "one person, full name, initials and surname",
        "Павел Ткач открыл форум. П.Н.Ткач выступил с докладом. Доклад Ткача одобрен.",
        [
            ("PER", "Павел Ткач", "Павел Ткач"),
            ("PER", "П.Н.Ткач", "П.Н.Ткач"),
            ("PER", "Ткача", "Ткач"),
        ],
        ["PER:Ткач|П", "PER:Ткач|П", "PER:Ткач|П"],
    ),
    (
        "one surname, two people",
        "Павел Ткач и Анна Ткач подписали протокол. Затем Ткач ответила на вопросы.",
        [
            ("PER", "Павел Ткач", "Павел Ткач"),
            ("PER", "Анна Ткач", "Анна Ткач"),
            ("PER", "Ткач", "Ткач"),
        ],
        ["PER:Ткач|П", "PER:Ткач|А", "PER:Ткач|А"],
    ),
    (
        "initials that disagree stay apart",
        "О.Н.Гринкевич и А.В.Гринкевич провели встречу.",
        [("PER", "О.Н.Гринкевич", "О.Н.Гринкевич"), ("PER", "А.В.Гринкевич", "А.В.Гринкевич")],
        ["PER:Гринкевич|О", "PER:Гринкевич|А"],
    ),
    (
        "surname first, name later",
        "Гринкевич прибыл в Минск. Олег Гринкевич провёл встречу.",
        [("PER", "Гринкевич", "Гринкевич"), ("PER", "Олег Гринкевич", "Олег Гринкевич")],
        ["PER:Гринкевич|О", "PER:Гринкевич|О"],
    ),
]


@pytest.mark.parametrize(
    ("text", "spans", "expected"), [p[1:] for p in PEOPLE], ids=[p[0] for p in PEOPLE]
)
def test_link_people_in_a_release(models, text, spans, expected) -> None:
    assert keys(models, text, *spans) == expected


ORGANISATIONS = [
    (
        "introduced abbreviation",
        "Шанхайская организация сотрудничества (далее – ШОС) создана в 2001 г. В ШОС 10 членов.",
        [
            (
                "ORG",
                "Шанхайская организация сотрудничества",
                "Шанхайская организация сотрудничества",
            ),
            ("ORG", "ШОС", "ШОС"),
        ],
        ["ORG:Шанхайская организация сотрудничества"] * 2,
    ),
    (
        "abbreviation in brackets after the name",
        "Эксперты Евразийской экономической комиссии (ЕЭК) выступили. ЕЭК одобрила план.",
        [
            ("ORG", "Евразийской экономической комиссии", "Евразийская экономическая комиссия"),
            ("ORG", "ЕЭК", "ЕЭК"),
            ("ORG", "ЕЭК", "ЕЭК"),
        ],
        ["ORG:Евразийская экономическая комиссия"] * 3,
    ),
    (
        "abbreviation whose letters match a name in the release",
        "Ассоциация цифровых операторов провела съезд. АЦО объединяет 40 компаний.",
        [
            ("ORG", "Ассоциация цифровых операторов", "Ассоциация цифровых операторов"),
            ("ORG", "АЦО", "АЦО"),
        ],
        ["ORG:Ассоциация цифровых операторов"] * 2,
    ),
    (
        "short form with one long name",
        "Центром сотрудничества в области данных подписан план. Центр начнёт работу.",
        [
            (
                "ORG",
                "Центром сотрудничества в области данных",
                "Центр сотрудничества в области данных",
            ),
            ("ORG", "Центр", "Центр"),
        ],
        ["ORG:Центр сотрудничества в области данных"] * 2,
    ),
    (
        "short form with two long names stays apart",
        "Центр цифровых решений и Центр обработки данных подписали договор. Центр начнёт работу.",
        [
            ("ORG", "Центр цифровых решений", "Центр цифровых решений"),
            ("ORG", "Центр обработки данных", "Центр обработки данных"),
            ("ORG", "Центр", "Центр"),
        ],
        ["ORG:Центр цифровых решений", "ORG:Центр обработки данных", "ORG:Центр"],
    ),
    (
        "the same words in another order",
        "Центр сотрудничества Китай-ШОС в области больших данных провёл семинар. "
        "Центр сотрудничества по большим данным Китай-ШОС создан в 2023 году.",
        [
            (
                "ORG",
                "Центр сотрудничества Китай-ШОС в области больших данных",
                "Центр сотрудничества Китай-ШОС в области больших данных",
            ),
            (
                "ORG",
                "Центр сотрудничества по большим данным Китай-ШОС",
                "Центр сотрудничества по большим данным Китай-ШОС",
            ),
        ],
        ["ORG:Центр сотрудничества Китай-ШОС в области больших данных"] * 2,
    ),
    (
        "other words stay apart",
        "Центр сотрудничества по большим данным открыт. "
        "Центр сотрудничества по цифровым данным закрыт.",
        [
            (
                "ORG",
                "Центр сотрудничества по большим данным",
                "Центр сотрудничества по большим данным",
            ),
            (
                "ORG",
                "Центр сотрудничества по цифровым данным",
                "Центр сотрудничества по цифровым данным",
            ),
        ],
        [
            "ORG:Центр сотрудничества по большим данным",
            "ORG:Центр сотрудничества по цифровым данным",
        ],
    ),
    (
        "a legal form or not",
        "Делегация ООО «Хуаюнь Текнолоджи» прибыла. Хуаюнь Текнолоджи откроет офис.",
        [
            ("ORG", "ООО «Хуаюнь Текнолоджи»", "ООО «Хуаюнь Текнолоджи»"),
            ("ORG", "Хуаюнь Текнолоджи", "Хуаюнь Текнолоджи"),
        ],
        ["ORG:ООО «Хуаюнь Текнолоджи»"] * 2,
    ),
    (
        "a short form of several words",
        "Союз операторов связи стран СНГ принял ассоциацию. Союз операторов связи растёт.",
        [
            ("ORG", "Союз операторов связи стран СНГ", "Союз операторов связи стран СНГ"),
            ("ORG", "Союз операторов связи", "Союз операторов связи"),
        ],
        ["ORG:Союз операторов связи стран СНГ"] * 2,
    ),
    (
        "a short form of two longer names stays apart",
        "Министерство образования и науки и Министерство образования и спорта подписали план. "
        "Министерство образования его одобрило.",
        [
            ("ORG", "Министерство образования и науки", "Министерство образования и науки"),
            ("ORG", "Министерство образования и спорта", "Министерство образования и спорта"),
            ("ORG", "Министерство образования", "Министерство образования"),
        ],
        [
            "ORG:Министерство образования и науки",
            "ORG:Министерство образования и спорта",
            "ORG:Министерство образования",
        ],
    ),
    (
        "built-in alias",
        "Представители Минсвязи приняли участие в форуме.",
        [("ORG", "Минсвязи", "Минсвязи")],
        ["ORG:Министерство связи и информатизации Республики Беларусь"],
    ),
    (
        "a release's own reading beats the built-in one",
        "Медико-социальная экспертиза (далее – МСЭ) работает. МСЭ приняла решение.",
        [
            ("ORG", "Медико-социальная экспертиза", "Медико-социальная экспертиза"),
            ("ORG", "МСЭ", "МСЭ"),
        ],
        ["ORG:Медико-социальная экспертиза"] * 2,
    ),
    (
        "the built-in reading of the same abbreviation elsewhere",
        "МСЭ опубликовал доклад о связи.",
        [("ORG", "МСЭ", "МСЭ")],
        ["ORG:Международный союз электросвязи"],
    ),
    (
        "country names",
        "Делегация Беларуси прибыла в Китай. КНР и Республика Беларусь подписали план.",
        [
            ("LOC", "Беларуси", "Беларусь"),
            ("LOC", "Китай", "Китай"),
            ("LOC", "КНР", "КНР"),
            ("LOC", "Республика Беларусь", "Республика Беларусь"),
        ],
        [
            "LOC:Республика Беларусь",
            "LOC:Китайская Народная Республика",
            "LOC:Китайская Народная Республика",
            "LOC:Республика Беларусь",
        ],
    ),
]


@pytest.mark.parametrize(
    ("text", "spans", "expected"), [o[1:] for o in ORGANISATIONS], ids=[o[0] for o in ORGANISATIONS]
)
def test_link_organisations_in_a_release(models, text, spans, expected) -> None:
    assert keys(models, text, *spans) == expected


def test_link_release_names_need_a_long_name(models) -> None:
    text = "ШОС и СНГ провели встречу."
    mentions = mentions_of(text, ("ORG", "ШОС", "ШОС"), ("ORG", "СНГ", "СНГ"))
    assert release_names(text, mentions, models.morph) == {}


def ids(models, text: str, doc_id: str, *spans: tuple[str, str, str]) -> dict[str, str]:
    """Each person's entity id, by the normal form of the first mention of them."""
    mentions = [replace(m, doc_id=doc_id) for m in mentions_of(text, *spans)]
    linked = link_entities(text, mentions, models.morph, load_aliases())
    found: dict[str, str] = {}
    for mention in linked:
        found.setdefault(mention.normal, mention.entity_id)
    return found


def test_link_namesakes_in_two_releases_have_two_ids(models) -> None:
    first = ids(
        models,
        "Совещание провёл Павел Николаевич Ткач.",
        "a",
        ("PER", "Павел Николаевич Ткач", "Павел Николаевич Ткач"),
    )
    second = ids(
        models,
        "Гостей приветствовал Пётр Иванович Ткач.",
        "b",
        ("PER", "Пётр Иванович Ткач", "Пётр Иванович Ткач"),
    )
    again = ids(
        models,
        "Доклад сделал Павел Николаевич Ткач.",
        "c",
        ("PER", "Павел Николаевич Ткач", "Павел Николаевич Ткач"),
    )
    assert first["Павел Николаевич Ткач"] != second["Пётр Иванович Ткач"]
    assert first["Павел Николаевич Ткач"] == again["Павел Николаевич Ткач"]  # fmt: skip


def test_link_initials_alone_are_one_release_s(models) -> None:
    first = ids(models, "П.Н. Ткач открыл форум.", "a", ("PER", "П.Н. Ткач", "П.Н. Ткач"))
    second = ids(models, "П.Н. Ткач открыл форум.", "b", ("PER", "П.Н. Ткач", "П.Н. Ткач"))
    assert first["П.Н. Ткач"] != second["П.Н. Ткач"]


TKACH = NameParts("Ткач", "Павел", "Николаевич")
RESOLVE = [
    (
        "a full name without its patronymic joins the one with it",
        {"p1": TKACH, "p2": NameParts("Ткач", "Павел")},
        {},
        ({"p2": "p1"}, {"p1": "full name"}),
    ),
    (
        "two full names that could be it: it stays apart",
        {"p1": TKACH, "p2": NameParts("Ткач", "Павел"), "p3": NameParts("Ткач", "Павел", "Ильич")},
        {},
        ({}, {}),
    ),
    (
        "initials and a shared organisation",
        {
            "p1": TKACH,
            "p2": NameParts("Ткач", "П.", "Н."),
            "p3": NameParts("Ткач", "Пётр", "Иванович"),
        },
        {
            "p1": {("директор", "ORG-1")},
            "p2": {("директор", "ORG-1")},
            "p3": {("директор", "ORG-2")},
        },
        ({"p2": "p1"}, {"p1": "initials + organisation"}),
    ),
    (
        "initials, nothing shared: apart",
        {"p1": TKACH, "p2": NameParts("Ткач", "П.", "Н.")},
        {"p1": {("директор", "ORG-1")}, "p2": {("директор", "ORG-2")}},
        ({}, {}),
    ),
    (
        "an initial shared by two namesakes of one organisation: apart",
        {"p1": TKACH, "p2": NameParts("Ткач", "П."), "p3": NameParts("Ткач", "Пётр", "Иванович")},
        {
            "p1": {("директор", "ORG-1")},
            "p2": {("директор", "ORG-1")},
            "p3": {("директор", "ORG-1")},
        },
        ({}, {}),
    ),
    (
        "a surname alone and a post held without an organisation",
        {"p1": NameParts("Гринкевич", "Ольга"), "p2": NameParts("Гринкевич")},
        {"p1": {("мэр", "")}, "p2": {("мэр", "")}},
        ({"p2": "p1"}, {"p1": "surname + post"}),
    ),
    (
        "different initials never join",
        {"p1": TKACH, "p2": NameParts("Ткач", "А.")},
        {"p1": {("директор", "ORG-1")}, "p2": {("директор", "ORG-1")}},
        ({}, {}),
    ),
]


@pytest.mark.parametrize(
    ("people", "evidence", "expected"), [r[1:] for r in RESOLVE], ids=[r[0] for r in RESOLVE]
)
def test_link_resolve_people_across_releases(people, evidence, expected) -> None:
    assert resolve_people(people, evidence) == expected


def test_link_entity_id_is_stable_and_ignores_case_and_yo() -> None:
    assert entity_id("LOC:Минск") == "LOC-e75b3e72981f"
    assert entity_id("LOC:минск") == entity_id("LOC:Минск")
    assert entity_id("ORG:Объединённые  Нации") == entity_id("ORG:Объединенные Нации")
    assert entity_id("ORG:Минск") != entity_id("LOC:Минск")


def test_link_build_entities(models) -> None:
    rows = [
        ("PER-1", "PER:Ткач|П", "PER", "a", "Павла Ткача", "Павел Ткач"),
        ("PER-1", "PER:Ткач|П", "PER", "a", "П.Н.Ткач", "П.Н.Ткач"),
        ("PER-1", "PER:Ткач|П", "PER", "b", "Павлом Ткачом", "Павел Ткач"),
        ("LOC-1", "LOC:Республика Беларусь", "LOC", "b", "Беларуси", "Беларусь"),
    ]
    names = [mention_name(row[1], row[4], row[5], models.morph) for row in rows[:3]]
    assert names == [
        NameParts("Ткач", "Павел"),
        NameParts("Ткач", "П.", "Н."),
        NameParts("Ткач", "Павел"),
    ]
    names.append(NameParts())  # a place has no name parts
    named = [(*row, n.last, n.first, n.middle) for row, n in zip(rows, names, strict=True)]
    assert build_entities(tally_mentions(named), {}) == [
        Entity("LOC-1", "LOC", "Республика Беларусь", ("Беларуси", "Беларусь"), 1, 1),
        Entity(
            "PER-1", "PER", "Ткач Павел Н.",
            ("П.Н.Ткач", "Павел Ткач", "Павла Ткача", "Павлом Ткачом"), 2, 3, "Ткач", "Павел", "Н.",
        ),
    ]  # fmt: skip


def test_link_seed_entities(tmp_path) -> None:
    from extract import load, run

    from .conftest import SEED

    run(SEED.parent, tmp_path, quiet=True)
    entities = load(tmp_path)["entities"].set_index("name")
    tkach = entities.loc["Ткач Павел Н."]
    assert (tkach.type, tkach.last_name, tkach.first_name, tkach.middle_name) == (
        "PER",
        "Ткач",
        "Павел",
        "Н.",
    )
    assert "П.Н.Ткач" in tkach.aliases.split("|")
    assert entities.loc["Шанхайская организация сотрудничества"].n_mentions == 18  # 16 ШОС, 2 full
    assert "Минсвязи" in entities.loc[
        "Министерство связи и информатизации Республики Беларусь"
    ].aliases.split("|")
    assert tuple(entities.loc["Си Цзиньпин", ["last_name", "first_name"]]) == ("Си", "Цзиньпин")
    for name in (
        "Центр сотрудничества Китай-ШОС в области больших данных",
        "Секретариат ШОС",
        "Карамай",
    ):
        assert name in entities.index
    assert not entities.index.str.contains("ВКС").any()
    assert not entities.reset_index().duplicated(["type", "name"]).any()


def test_link_feminine_surnames_stay_feminine(models) -> None:
    text = "Айгерим Сейткалиева подписала меморандум. А. Сейткалиева отметила его значение."
    linked = link_entities(
        text,
        mentions_of(
            text,
            ("PER", "Айгерим Сейткалиева", "Айгерим Сейткалиева"),
            ("PER", "А. Сейткалиева", "А. Сейткалиев"),
        ),
        models.morph,
        load_aliases(),
    )
    assert [(m.normal, m.entity_key) for m in linked] == [
        ("Айгерим Сейткалиева", "PER:Сейткалиев|А"),
        ("А. Сейткалиева", "PER:Сейткалиев|А"),
    ]


def test_link_compound_words_written_out(models) -> None:
    text = "Томский госуниверситет подписал соглашение. ТГУ примет студентов."
    assert (
        keys(
            models,
            text,
            ("ORG", "Томский госуниверситет", "Томский госуниверситет"),
            ("ORG", "ТГУ", "ТГУ"),
        )
        == ["ORG:Томский государственный университет"] * 2
    )


def test_link_introduction_needs_an_abbreviation_or_dalee(models) -> None:
    text = "Компания Хуавэй Текнолоджиз (Китай) открыла центр. Китай поддержал."
    assert keys(
        models,
        text,
        ("ORG", "Хуавэй Текнолоджиз", "Хуавэй Текнолоджиз"),
        ("ORG", "Китай", "Китай"),
    ) == ["ORG:Хуавэй Текнолоджиз", "ORG:Китай"]
