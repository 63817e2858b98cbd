"""Entities across releases: namesakes apart, one person whole, a reason for each join.

The releases in `tests/entities/` were written for these tests: two deputy
ministers' namesakes (`Павел Николаевич Ткач`, `Пётр Иванович Ткач`), one
person as `И.О. Фамилия`, `Фамилия Имя Отчество` and `Имя Отчество`, and
`П.Н. Ткач` in two releases, one sharing a post with Павел Николаевич, one
a director of a company no other release names; and a forum's release with
names of many origins (`Т.Назарзода`, `Азамат Жумабек уулу`, `Абдулла бин
Саид аль-Нахайян`, `Чэнь Жуйлинь`), a dateline, an introduced abbreviation
and UN bodies.
"""

from pathlib import Path

import pandas as pd
import pytest

from extract import load, run

RELEASES = Path(__file__).parent / "entities"


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> dict[str, pd.DataFrame]:
    out = tmp_path_factory.mktemp("entities")
    run(RELEASES, out, quiet=True)
    return load(out)


def test_entities_people_and_why_they_are_joined(tables) -> None:
    people = tables["entities"].query("type == 'PER'")
    rows = people[["name", "n_docs", "link_reason"]].fillna("")
    assert sorted(map(tuple, rows.to_numpy().tolist())) == [
        ("Азамат Жумабек уулу", 1, ""),
        ("Алиев Мамед Гасан оглы", 1, ""),
        ("Жумабеков Ерлан Серикович", 2, "full name"),
        ("Капур Р.", 1, ""),
        ("Лисовский Виктор Андреевич", 1, ""),
        ("Ма Сяоцзюнь", 1, ""),
        ("Назарзода Т.", 1, ""),
        ("Омурбекова Асель Канатовна", 1, ""),
        ("Петров Иван", 1, ""),
        ("Садыкова Айгерим", 1, ""),
        ("Ткач П. Н.", 1, ""),  # a director in Grodno: nothing shared with the others
        ("Ткач Павел Николаевич", 3, "full name; initials + post"),
        ("Ткач Пётр Иванович", 1, ""),
        ("Усенов Б. К.", 1, ""),
        ("Чэнь Жуйлинь", 1, ""),
        ("Шпаковская Ирина Владимировна", 1, ""),
        ("аль-Нахайян Абдулла бин Саид", 1, ""),
    ]


@pytest.mark.parametrize(
    ("doc_id", "text", "name"),
    [
        ("transport-most-pripyat", "Павел Николаевич Ткач", "Ткач Павел Николаевич"),
        ("transport-most-pripyat", "П.Н. Ткач", "Ткач Павел Николаевич"),
        ("transport-soveshchanie-dorogi", "П.Н. Ткача", "Ткач Павел Николаевич"),
        ("transport-soveshchanie-dorogi", "Ткач Павел Николаевич", "Ткач Павел Николаевич"),
        ("transport-soveshchanie-dorogi", "Павел Николаевич", "Ткач Павел Николаевич"),
        ("transport-nagrady-dorozhnikam", "П.Н. Ткач", "Ткач Павел Николаевич"),
        ("grodno-festival-remesel", "П.Ткач", "Ткач Пётр Иванович"),
        ("grodno-bytovoe-obsluzhivanie", "П.Н. Ткач", "Ткач П. Н."),
        ("transport-most-pripyat", "Асель Канатовны", "Омурбекова Асель Канатовна"),
        ("transport-most-pripyat", "А.К. Омурбекова", "Омурбекова Асель Канатовна"),
        (
            "transport-soveshchanie-dorogi",
            "Жумабеков Ерлан Серикович",
            "Жумабеков Ерлан Серикович",
        ),
    ],
)
def test_entities_mention_belongs_to(tables, doc_id: str, text: str, name: str) -> None:
    mentions = tables["mentions"].query("doc_id == @doc_id and text == @text")
    names = tables["entities"].set_index("entity_id").loc[mentions["entity_id"], "name"]
    assert set(names) == {name}


def test_entities_a_plural_common_noun_is_no_person(tables) -> None:
    mentions = tables["mentions"].query("doc_id == 'transport-nagrady-dorozhnikam'")
    assert "Дорожникам" not in set(mentions["text"])


ASTANA = "astana-forum-universitetov"


@pytest.mark.parametrize(
    ("text", "type", "name", "parts"),
    [
        ("АСТАНА", "LOC", "Астана", ("", "", "")),  # a dateline's city, not an organisation
        ("Б.К.Усенов", "PER", "Усенов Б. К.", ("Усенов", "Б.", "К.")),
        ("Р.Капур", "PER", "Капур Р.", ("Капур", "Р.", "")),
        ("Т.Назарзода", "PER", "Назарзода Т.", ("Назарзода", "Т.", "")),
        ("Чэнь Жуйлинь", "PER", "Чэнь Жуйлинь", ("Чэнь", "Жуйлинь", "")),
        ("Ма Сяоцзюнь", "PER", "Ма Сяоцзюнь", ("Ма", "Сяоцзюнь", "")),
        ("Азаматом Жумабек уулу", "PER", "Азамат Жумабек уулу", ("", "Азамат", "Жумабек уулу")),
        (
            "Абдуллой бин Саидом аль-Нахайяном",
            "PER",
            "аль-Нахайян Абдулла бин Саид",
            ("аль-Нахайян", "Абдулла", "бин Саид"),
        ),
        (
            "Мамедом Гасан оглы Алиевым",
            "PER",
            "Алиев Мамед Гасан оглы",
            ("Алиев", "Мамед", "Гасан оглы"),
        ),
        ("Садыкова Айгерим", "PER", "Садыкова Айгерим", ("Садыкова", "Айгерим", "")),
        ("Петров Иван", "PER", "Петров Иван", ("Петров", "Иван", "")),
        ("ТГУ", "ORG", "Томский государственный университет", ("", "", "")),
        (
            "Института экономики, права и управления",
            "ORG",
            "Институт экономики, права и управления",
            ("", "", ""),
        ),
        (
            "ЮНКТАД",
            "ORG",
            "Конференция Организации Объединённых Наций по торговле и развитию",
            ("", "", ""),
        ),
        (
            "ЭСКЗА",
            "ORG",
            "Экономическая и социальная комиссия Организации Объединённых Наций для Западной Азии",
            ("", "", ""),
        ),
    ],
)
def test_entities_names_in_their_forms(tables, text: str, type: str, name: str, parts) -> None:
    mentions = tables["mentions"].query("doc_id == @ASTANA and text == @text")
    assert set(mentions["type"]) == {type}
    entities = tables["entities"].set_index("entity_id").loc[mentions["entity_id"]]
    found = entities[["name", "last_name", "first_name", "middle_name"]].fillna("")
    assert set(map(tuple, found.to_numpy().tolist())) == {(name, *parts)}


def test_entities_a_list_s_surname_first_name_joins_the_full_name(tables) -> None:
    mentions = tables["mentions"].query("doc_id == @ASTANA and text == 'Жумабеков Ерлан'")
    entity = tables["entities"].set_index("entity_id").loc[mentions["entity_id"].iloc[0]]
    assert (entity["name"], entity["n_docs"], entity["link_reason"]) == (
        "Жумабеков Ерлан Серикович",
        2,
        "full name",
    )


def test_entities_common_nouns_and_file_names_are_no_entities(tables) -> None:
    texts = set(tables["mentions"].query("doc_id == @ASTANA")["text"])
    assert not texts & {"ВУЗ", "IMG_2041", "IMG"}


def test_entities_a_user_says_same_and_different(tmp_path) -> None:
    (tmp_path / "aliases.csv").write_text(
        "alias;type;name\n"
        "Ткач П. Н.;same;Ткач Павел Николаевич\n"
        "Жумабеков Ерлан;different;Жумабеков Ерлан Серикович\n",
        encoding="cp1251",
    )
    run(RELEASES, tmp_path / "out", quiet=True, aliases=tmp_path / "aliases.csv")
    people = load(tmp_path / "out")["entities"].query("type == 'PER'").set_index("name")
    people["link_reason"] = people["link_reason"].fillna("")
    assert people.loc["Ткач Павел Николаевич", ["n_docs", "link_reason"]].tolist() == [
        4,
        "full name; initials + post; alias",
    ]
    assert "Ткач П. Н." not in people.index
    assert people.loc["Жумабеков Ерлан Серикович", ["n_docs", "link_reason"]].tolist() == [1, ""]
    assert people.loc["Жумабеков Ерлан", "n_docs"] == 1


def test_entities_a_place_adjective_alone() -> None:
    from extract import process_text

    alone = process_text("Студенты Харбинского провели семинар.")  # slovnet: a person
    assert alone.mentions == []
    body = process_text(
        "Делегация Харбинского политехнического университета прибыла в Минск. "
        "Ректор Харбинского выступил с докладом."
    )
    assert [(m.type, m.text, m.entity_key) for m in body.mentions if m.type == "ORG"] == [
        (
            "ORG",
            "Харбинского политехнического университета",
            "ORG:Харбинский политехнический университет",
        ),
        ("ORG", "Харбинского", "ORG:Харбинский политехнический университет"),
    ]


def test_entities_transcriptions_and_common_names_of_places() -> None:
    from extract import process_text

    result = process_text(
        "Международная амнистия (Amnesty International) выступила с заявлением. "
        "Снег выпал в Подмосковье и в Приморье, а в Поднебесной объявили праздники."
    )
    assert [(m.text, m.entity_key) for m in result.mentions] == [
        ("Международная амнистия", "ORG:Международная амнистия"),
        ("Amnesty International", "ORG:Международная амнистия"),
        ("Подмосковье", "LOC:Московская область"),
        ("Приморье", "LOC:Приморский край"),
        ("Поднебесной", "LOC:Китайская Народная Республика"),
    ]


def test_entities_a_country_s_ministry_is_not_another_s() -> None:
    from extract import process_text

    result = process_text(
        "МВД РК сообщило о задержании. Представители МВД России прибыли в Астану."
    )
    assert [(m.text, m.entity_key) for m in result.mentions if m.type == "ORG"] == [
        ("МВД РК", "ORG:МВД РК"),
        ("МВД России", "ORG:МВД России"),
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Министр транспорта Алексей Орлов провёл совещание. В нём приняли участие "
            "представители Министерства экономического разв",
            [("Алексей Орлов", "PER")],
        ),
        ("Губернатор встретился с делегацией. Встречу открыл глава Ал", []),
        (
            "В совещании приняли участие представители Министерства экономического развития",
            [("Министерства экономического развития", "ORG")],
        ),
    ],
)
def test_entities_a_word_cut_off_at_the_end_of_a_text(text: str, names) -> None:
    from extract import process_text

    assert [(m.text, m.type) for m in process_text(text).mentions] == names
