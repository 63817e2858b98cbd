import itertools

import pytest
from razdel import tokenize

from extract.records import Document
from extract.segment import segment, split_after_year, tokenize_runs

from .conftest import SEED


def sentences(text: str) -> list[str]:
    result = segment(Document("d", "d.txt", text))
    for sentence in result:
        assert text[sentence.start : sentence.end] == sentence.text
        assert [text[t.start : t.end] for t in sentence.tokens] == [t.text for t in sentence.tokens]
    return [sentence.text for sentence in result]


CASES = [
    (
        "Соглашение подписано в 2023 г. Министерство продолжило работу.",
        ["Соглашение подписано в 2023 г.", "Министерство продолжило работу."],
    ),
    (
        "Программа действовала в 2015 – 2019 гг. Новая принята позже.",
        ["Программа действовала в 2015 – 2019 гг.", "Новая принята позже."],
    ),
    (
        "В июле 2024 г. Республика Беларусь вошла в состав ШОС.",
        ["В июле 2024 г. Республика Беларусь вошла в состав ШОС."],
    ),
    (
        "Филиал открыт в Минской обл. Министерство сообщило об этом.",
        ["Филиал открыт в Минской обл.", "Министерство сообщило об этом."],
    ),
    (
        "Адрес: Минская обл., г. Борисов.",
        ["Адрес: Минская обл., г. Борисов."],
    ),
    (
        "Встреча прошла в г. Минске. Министерство подвело итоги.",
        ["Встреча прошла в г. Минске.", "Министерство подвело итоги."],
    ),
    (
        "объявлено 15 июня 2001 г. в г.Шанхае (КНР).",
        ["объявлено 15 июня 2001 г. в г.Шанхае (КНР)."],
    ),
    (
        "Заголовок без точки\n\n19 июня 2025 г.\n\nВ июне прошла встреча.",
        ["Заголовок без точки", "19 июня 2025 г.", "В июне прошла встреча."],
    ),
    (
        "Строка, перенесённая\nвнутри предложения.\nСледующая строка.",
        ["Строка, перенесённая\nвнутри предложения.", "Следующая строка."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_segment_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_segment_year_rule_fires_only_after_a_clause() -> None:
    assert list(split_after_year("Соглашение подписано в 2023 г. Министерство")) == [30]
    assert list(split_after_year("В 2001 г. Шанхайская организация")) == []


def test_segment_ids_and_tokens() -> None:
    [first, second] = segment(Document("2025/06/x", "x.txt", "П.Н.Ткач выступил.\nВстреча прошла."))
    assert (first.sent_id, second.sent_id) == ("2025/06/x#s1", "2025/06/x#s2")
    assert [t.text for t in first.tokens] == ["П", ".", "Н", ".", "Ткач", "выступил", "."]
    assert (second.start, second.end) == (19, 34)


LONG = [
    (  # cut after the last comma within 500 tokens, so no name is cut in two
        "Участвовали " + "Иван Петров, " * 400 + "Анна Смирнова.",
        [(0, 2169, 499), (2170, 4327, 498), (4328, 5226, 207)],
    ),
    ("я " * 1_203, [(0, 999, 500), (1000, 1999, 500), (2000, 2405, 203)]),  # no comma
    ("я " * 500, [(0, 999, 500)]),
]


@pytest.mark.parametrize(("text", "expected"), LONG, ids=["names", "no comma", "500 tokens"])
def test_segment_cuts_sentences_over_500_tokens(text: str, expected: list[tuple]) -> None:
    found = segment(Document("d", "d.txt", text))
    assert [(s.start, s.end, len(s.tokens)) for s in found] == expected
    assert all(text[s.start : s.end] == s.text for s in found)


TOKENS = [  # razdel's rules read the atom past a neighbouring space
    ("а -б", ["а", "-б"]),
    ("5 .5", ["5", ".5"]),
    ("а- б", ["а-", "б"]),
    ("Минск- 2023", ["Минск-", "2023"]),
    ("1 /2 3", ["1", "/2", "3"]),
    ("т.е. 1,5-2 ,3", ["т", ".", "е", ".", "1,5-2", ",3"]),
    ("Yahoo! и yahoo !", ["Yahoo!", "и", "yahoo", "!"]),
    ("«Газпром»-Медиа из-за - то", ["«", "Газпром", "»", "-", "Медиа", "из-за", "-", "то"]),
]


@pytest.mark.parametrize(("text", "expected"), TOKENS)
def test_tokens_read_run_by_run_are_razdels(text: str, expected: list[str]) -> None:
    assert [word for _, _, word in tokenize_runs(text)] == expected
    assert all(text[start:stop] == word for start, stop, word in tokenize_runs(text))


def test_tokens_read_run_by_run_equal_razdels_on_every_short_mix() -> None:
    """Every string of up to three of the characters razdel's rules tell apart,
    spaces included, tokenized twice: a rule that reads past a space would
    tell the two apart here."""
    signs = ["а", "z", "0", "-", "_", ".", ",", "/", "\\", ")", "!", "©", " "]
    for size in (1, 2, 3):
        for letters in itertools.product(signs, repeat=size):
            text = "".join(letters)
            expected = [(t.start, t.stop, t.text) for t in tokenize(text)]
            assert list(tokenize_runs(text)) == expected, text


def test_tokens_read_run_by_run_equal_razdels_on_the_seed_release() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert list(tokenize_runs(text)) == [(t.start, t.stop, t.text) for t in tokenize(text)]
