"""Releases as users get them: pages with their site's chrome, and pastes from a
browser window (`tests/pages`, written for these tests; `expected.json` says
what a careful reader takes from each: title, publication date and where it is
read, the chrome that must be nowhere, where the release's own text starts and
ends, and the dates it must resolve)."""

import json
import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from extract.chrome import chrome_lines
from extract.ingest import Source, parse_source, read_sources, sha256
from extract.models import Models
from extract.pipeline import process
from extract.records import Document
from extract.segment import segment

PAGES = Path(__file__).parent / "pages"
EXPECTED = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))


def read(name: str) -> Document:
    """A page as the batch reads it, but for the day its file was written: a
    checkout's files carry the day they were checked out, which no page tells."""
    source = read_sources(PAGES / name, name, name.rsplit(".", 1)[0])[0]
    return parse_source(replace(source, modified=""))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_pages_title_and_publication_date(name: str) -> None:
    expected = EXPECTED[name]
    document = read(name)
    assert (document.title, document.published, document.published_from) == (
        expected["title"],
        expected["published"],
        expected["published_from"],
    )
    if expected["yearless"]:
        assert document.published_text == expected["published_text"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_pages_chrome_is_nowhere_and_the_release_whole(name: str, models: Models) -> None:
    expected = EXPECTED[name]
    result = process(read(name), models)
    sentences = " ".join(s.text for s in result.sentences)
    assert [c for c in expected["chrome"] if c in sentences or c in result.document.title] == []
    assert expected["body_first"] in sentences and expected["body_last"] in sentences
    assert result.document.chrome_chars > 0


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_pages_dates_resolve_against_the_publication_date(name: str, models: Models) -> None:
    result = process(read(name), models)
    found = {d.text: (d.date_start, d.date_end) for d in result.dates}
    expected = {d["text"]: (d["date_start"], d["date_end"]) for d in EXPECTED[name]["dates"]}
    assert {text: found.get(text) for text in expected} == expected


def test_pages_chrome_of_a_plain_text_is_masked_not_cut() -> None:
    """A plain text keeps its offsets: `text` is the file, chrome blanked in `body`."""
    name = "paste-menu-weather.txt"
    document = read(name)
    assert document.text == (PAGES / name).read_text(encoding="utf-8")
    assert len(document.body) == len(document.text)
    assert "Главная / Новости" in document.text and "Главная / Новости" not in document.body
    assert document.chrome_chars == sum(end - start for start, end in document.chrome)


def dateline_release(path: str, modified: str = "") -> Document:
    data = (
        "Обсудили промышленный туризм\n\nКАЗАНЬ, 9 марта. /Агентство/. Министр провёл "
        "встречу с туроператорами республики.\n"
    ).encode()
    return parse_source(Source("x", path, "txt", data, sha256(data), modified=modified))


def test_pages_yearless_dateline_takes_the_year_of_the_file() -> None:
    """No other date on the page: the year folder the file is filed in, else the day
    it was written, the latest 9 March on or before it; else no year at all."""
    assert dateline_release("2024/03/x.txt").published == "2024-03-09"
    assert dateline_release("x.txt", modified="2025-02-01").published == "2024-03-09"
    assert dateline_release("x.txt", modified="2025-04-01").published == "2025-03-09"
    yearless = dateline_release("x.txt")
    assert (yearless.published, yearless.published_from, yearless.published_text) == (
        "",
        "dateline",
        "КАЗАНЬ, 9 марта. /Агентство/.",
    )


def test_pages_modified_day_is_read_with_the_file(tmp_path: Path) -> None:
    page = tmp_path / "release.txt"
    page.write_text("Заголовок\n\nТекст релиза.\n", encoding="utf-8")
    stamp = date(2024, 5, 17)
    moment = (stamp - date(1970, 1, 1)).days * 86400 + 12 * 3600
    os.utime(page, (moment, moment))
    assert read_sources(page, "release.txt", "release")[0].modified == "2024-05-17"


def test_pages_chrome_is_told_by_form_not_by_words_a_release_may_use() -> None:
    paste = (
        "-5 °C Якутск\n"
        "В Якутии −50 °C: школы перешли на дистанционное обучение\n"
        "12.01.2025\n"
        "2417\n"
        "В Якутске из-за сильных морозов отменены занятия для учеников младших классов.\n"
        "Фото: пресс-служба министерства\n"
        "Источник, близкий к министерству, сообщил, что занятия возобновятся в понедельник.\n"
        "Судьи чемпионата:\n"
        "• Марк Шилд (Австралия) • Тору Камикава (Япония) • Шамсул Майдин (Сингапур)\n"
        "thumb|left|Здание министерства\n"
        "Источник: пресс-служба Министерства образования\n"
    )
    assert [paste[start:end] for start, end in chrome_lines(paste)] == [
        "-5 °C Якутск",
        "2417",
        "Фото: пресс-служба министерства",
        "Источник: пресс-служба Министерства образования",
    ]


def test_pages_no_sentence_runs_across_a_chrome_line() -> None:
    data = "0\nДЗЕН\na".encode()
    document = parse_source(Source("x", "x.txt", "txt", data, sha256(data)))
    assert [document.text[s:e] for s, e in document.chrome] == ["ДЗЕН"]
    sentences = segment(document)
    assert [(s.start, s.end, s.text) for s in sentences] == [(0, 1, "0"), (7, 8, "a")]
