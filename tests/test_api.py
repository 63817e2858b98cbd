"""The library entry points: one text, or a stream of them, with a publication
date given by the caller where the text has none."""

from datetime import date

import pytest

import extract

MEETING = "Вчера в Минске прошла встреча министров связи. В прошлом году они встречались в Астане."


def relative(result: extract.Result) -> list[tuple[str, str, str]]:
    return [(d.text, d.date_start, d.date_end) for d in result.dates]


@pytest.mark.parametrize("published", ["2025-06-12", "12.06.2025", date(2025, 6, 12)])
def test_api_process_text_dates_relative_expressions_by_the_given_day(published) -> None:
    result = extract.process_text(MEETING, published=published)
    assert (result.document.published, result.document.published_from) == ("2025-06-12", "meta")
    assert relative(result) == [
        ("Вчера", "2025-06-11", "2025-06-11"),
        ("В прошлом году", "2024-01-01", "2024-12-31"),
    ]
    assert [(e.type, e.date_start, e.status) for e in result.events] == [
        ("meeting", "2025-06-11", "reported")
    ]


def test_api_process_text_without_a_day_leaves_relative_dates_open() -> None:
    assert relative(extract.process_text(MEETING)) == [
        ("Вчера", "", ""),
        ("В прошлом году", "", ""),
    ]


def test_api_process_text_refuses_a_published_that_is_no_date() -> None:
    with pytest.raises(ValueError, match="published is no date: 'вчера'"):
        extract.process_text(MEETING, published="вчера")


def test_api_pipe_gives_the_results_of_process_text_in_order() -> None:
    texts = [
        "Министр связи Павел Ткач прибыл в Минск.",
        (MEETING, {"id": "b", "published": "2025-06-12", "title": "Встреча министров"}),
        "Делегация Казахстана посетила Брест.",
    ]
    results = list(extract.pipe(texts, batch_size=2))
    assert [r.document.doc_id for r in results] == ["text-1", "b", "text-3"]
    assert results[1].document.title == "Встреча министров"
    assert relative(results[1])[0] == ("Вчера", "2025-06-11", "2025-06-11")
    one = extract.process_text(texts[0], doc_id="text-1")
    assert [(m.text, m.entity_id) for m in results[0].mentions] == [
        (m.text, m.entity_id) for m in one.mentions
    ]


def test_api_text_and_folder_share_one_set_of_models(tmp_path) -> None:
    """`process_text` loads the models as `load_models()`, a folder run as
    `load_models(aliases)` with no aliases: the same models, loaded once."""
    from extract.models import load_models

    extract.process_text(MEETING, published="2025-06-12")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(MEETING, encoding="utf-8")
    extract.run(tmp_path / "in", tmp_path / "out", workers=1, quiet=True)
    assert load_models() is load_models(None)
