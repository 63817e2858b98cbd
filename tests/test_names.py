import pytest

from extract.names import NameParts, compatible, split_name

NAMES = [
    ("Павел Ткач", ("Ткач", "Павел", "")),
    ("П.Н.Ткач", ("Ткач", "П.", "Н.")),
    ("Ткач П.Н.", ("Ткач", "П.", "Н.")),
    ("П. Ткач", ("Ткач", "П.", "")),
    ("Ткач Павел Николаевич", ("Ткач", "Павел", "Николаевич")),
    ("Олег Николаевич Гринкевич", ("Гринкевич", "Олег", "Николаевич")),
    ("Воронцова Елена Сергеевна", ("Воронцова", "Елена", "Сергеевна")),
    ("Си Цзиньпин", ("Си", "Цзиньпин", "")),
    ("Ван Лицзюнь", ("Ван", "Лицзюнь", "")),
    ("Мартин Эклунд", ("Эклунд", "Мартин", "")),
    ("Гринкевич", ("Гринкевич", "", "")),
    ("Елена Сергеевна", ("", "Елена", "Сергеевна")),
]


@pytest.mark.parametrize(("name", "parts"), NAMES, ids=[n[0] for n in NAMES])
def test_names_split(models, name: str, parts: tuple[str, str, str]) -> None:
    assert split_name(name, models.morph) == NameParts(*parts)


def test_names_full_is_surname_first() -> None:
    assert NameParts("Ткач", "Павел", "Н.").full == "Ткач Павел Н."


COMPATIBLE = [("П.", "Павел", True), ("Павел", "Пётр", False), ("", "Павел", True),
              ("Ёлкин", "елкин", True), ("А.", "П.", False)]  # fmt: skip


@pytest.mark.parametrize(("one", "other", "agree"), COMPATIBLE)
def test_names_compatible(one: str, other: str, agree: bool) -> None:
    assert compatible(one, other) is agree


MORE = [
    ("Г.С.Мартынович", ("Мартынович", "Г.", "С.")),
    ("Мартынович", ("Мартынович", "", "")),
    ("Геннадий Сергеевич Мартынович", ("Мартынович", "Геннадий", "Сергеевич")),
    ("Нурлан Жаксыбеков", ("Жаксыбеков", "Нурлан", "")),
    ("Н.Е.Жаксыбеков", ("Жаксыбеков", "Н.", "Е.")),
    ("Сафронов", ("Сафронов", "", "")),
    ("Айгерим Болатовна Сейткалиева", ("Сейткалиева", "Айгерим", "Болатовна")),
    ("Сейткалиева Айгерим Болатовна", ("Сейткалиева", "Айгерим", "Болатовна")),
]


@pytest.mark.parametrize(("name", "parts"), MORE, ids=[n[0] for n in MORE])
def test_names_surnames_that_look_like_patronymics_or_names(models, name, parts) -> None:
    assert split_name(name, models.morph) == NameParts(*parts)
