"""The library entry points: one text, or a stream of them, with a publication
date given by the caller where the text has none."""

import doctest
from datetime import date

import pandas as pd
import pytest

import extract
import extract.api
from extract.decode import decode_bytes

from .conftest import RAW

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


def test_api_pipe_dates_texts_by_the_published_given() -> None:
    texts = [MEETING, (MEETING, {"id": "own", "published": "2024-03-05"})]
    results = list(extract.pipe(texts, published="2025-06-12"))
    assert [relative(r)[0] for r in results] == [
        ("Вчера", "2025-06-11", "2025-06-11"),
        ("Вчера", "2024-03-04", "2024-03-04"),
    ]


def sample_releases() -> list[tuple[str, dict[str, str]]]:
    """The `.txt` releases of `data/raw/`, each with the `doc_id` a run gives it."""
    return [
        (decode_bytes(path.read_bytes())[0], {"id": str(path.relative_to(RAW).with_suffix(""))})
        for path in sorted(RAW.rglob("*.txt"))
    ]


def test_api_frames_are_a_folder_runs_tables(tmp_path) -> None:
    (tmp_path / "in").mkdir()
    for path in sorted(RAW.rglob("*.txt")):
        copy = tmp_path / "in" / path.relative_to(RAW)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(path.read_bytes())
    extract.run(tmp_path / "in", tmp_path / "out", workers=1, quiet=True)
    folder = extract.load(tmp_path / "out")
    tables = extract.frames(extract.pipe(sample_releases()))
    assert list(tables) == list(folder)
    assert len(tables["documents"]) == 12 and len(tables["mentions"]) == 292
    for name, frame in folder.items():
        if name == "documents":  # a text has no file: no path, encoding or hash
            file_columns = ["path", "encoding", "sha256"]
            assert tables[name][file_columns].isna().all().all()
            frame = frame.drop(columns=file_columns)
            pd.testing.assert_frame_equal(tables[name].drop(columns=file_columns), frame)
        else:
            pd.testing.assert_frame_equal(tables[name], frame)


def test_api_pipe_with_workers_gives_the_same_results_in_order() -> None:
    releases = sample_releases()
    alone = list(extract.pipe(releases, batch_size=3))
    together = list(extract.pipe(releases, batch_size=3, workers=2))
    assert [r.document.doc_id for r in together] == [text[1]["id"] for text in releases]
    assert together == alone


def test_api_frames_refuse_two_results_of_one_doc_id() -> None:
    results = list(extract.pipe([("Минск.", {"id": "a"}), ("Брест.", {"id": "a"})]))
    with pytest.raises(ValueError, match="two results have the doc_id 'a'"):
        extract.frames(results)


def test_api_docstring_examples() -> None:
    assert doctest.testmod(extract.api).failed == 0
