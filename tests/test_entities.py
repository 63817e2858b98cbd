"""Entities across releases: namesakes apart, one person whole, a reason for each join.

The releases in `tests/entities/` were written for these tests: two deputy
ministers' namesakes (`Павел Николаевич Ткач`, `Пётр Иванович Ткач`), one
person as `И.О. Фамилия`, `Фамилия Имя Отчество` and `Имя Отчество`, and
`П.Н. Ткач` in two releases, one sharing a post with Павел Николаевич, one
a director of a company no other release names.
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
        ("Жумабеков Ерлан Серикович", 1, ""),
        ("Лисовский Виктор Андреевич", 1, ""),
        ("Омурбекова Асель Канатовна", 1, ""),
        ("Ткач П. Н.", 1, ""),  # a director in Grodno: nothing shared with the others
        ("Ткач Павел Николаевич", 3, "full name; initials + post"),
        ("Ткач Пётр Иванович", 1, ""),
        ("Шпаковская Ирина Владимировна", 1, ""),
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
