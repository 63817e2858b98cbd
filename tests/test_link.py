import pytest

from extract.link import build_entities, entity_id, name_parts, tally_mentions
from extract.records import Entity

PARTS = [
    ("Павел Ткач", ("Ткач", "Павел", "")),
    ("П.Н.Ткач", ("Ткач", "П.", "Н.")),
    ("Ткач Павел Николаевич", ("Ткач", "Павел", "Николаевич")),
    ("Олег Николаевич Гринкевич", ("Гринкевич", "Олег", "Николаевич")),
    ("О. Гринкевич", ("Гринкевич", "О.", "")),
    ("Гринкевич", ("Гринкевич", "", "")),
]


@pytest.mark.parametrize(("name", "parts"), PARTS, ids=[p[0] for p in PARTS])
def test_link_name_parts(models, name: str, parts: tuple[str, str, str]) -> None:
    assert name_parts(name, models.morph) == parts


def test_link_entity_id_is_stable_and_ignores_case_and_yo() -> None:
    assert entity_id("LOC", "Минск") == "LOC-224e549a72fb"
    assert entity_id("LOC", "минск") == entity_id("LOC", "Минск")
    assert entity_id("ORG", "Объединённые  Нации") == entity_id("ORG", "Объединенные Нации")
    assert entity_id("ORG", "Минск") != entity_id("LOC", "Минск")


def test_link_build_entities(models) -> None:
    rows = [
        ("PER-1", "PER", "a", "Павла Ткача", "Павел Ткач"),
        ("PER-1", "PER", "a", "Павел Ткач", "Павел Ткач"),
        ("PER-1", "PER", "b", "Павлом Ткачом", "Павел Ткач"),
        ("LOC-1", "LOC", "b", "Минске", "Минск"),
    ]
    assert build_entities(tally_mentions(rows), models.morph) == [
        Entity("LOC-1", "LOC", "Минск", ("Минске",), 1, 1),
        Entity(
            "PER-1", "PER", "Павел Ткач", ("Павла Ткача", "Павлом Ткачом"), 2, 3, "Ткач", "Павел"
        ),
    ]
