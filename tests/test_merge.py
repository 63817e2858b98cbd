import multiprocessing
import os
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import extract.batch
from extract import run
from extract.merge import live_batches, merge_tables, with_names
from extract.models import load_morph
from extract.parts import PartStore
from extract.pipeline import Scored, Tagged
from extract.records import Document, Mention, Result
from extract.segment import segment
from extract.tables import to_frame

RELEASE = "Совещание № {n}\n\n" + "{n} марта в Минске Иван Петров провёл совещание. " * 8


def mention_rows(doc_ids: list[str], note: str) -> list[dict]:
    return [
        {
            "doc_id": doc_id,
            "mention_id": f"{doc_id}#m{n}",
            "entity_id": "PER-1",
            "entity_key": "PER:Петров|И",
            "type": "PER",
            "text": note,
        }
        for doc_id in doc_ids
        for n in (1, 2)
    ]


def store_parts(out: Path, parts: list[list[str]], note: str = "", text: str = "") -> PartStore:
    """A store whose part `n` holds the documents `parts[n]`, two mentions each, as a
    run stores them."""
    store = PartStore(out)
    for number, doc_ids in enumerate(parts):
        documents = [{"doc_id": d, "status": "ok", "text": text} for d in doc_ids]
        frames = {
            "documents": to_frame("documents", documents),
            "mentions": with_names(to_frame("mentions", mention_rows(doc_ids, f"{note}{number}"))),
        }
        store.write(frames)
    return store


def test_merge_interleaved_parts_come_out_in_doc_order(tmp_path: Path) -> None:
    # part 2 processed `c` again (its file changed), so part 0's `c` is dead
    store = store_parts(tmp_path, [["a", "c", "e"], ["b", "d"], ["c"]], note="part ")
    rows = pd.concat(live_batches(store, "mentions", store.live_parts()))
    assert list(zip(rows.doc_id, rows.mention_id, rows.text, strict=True)) == [
        ("a", "a#m1", "part 0"),
        ("a", "a#m2", "part 0"),
        ("b", "b#m1", "part 1"),
        ("b", "b#m2", "part 1"),
        ("c", "c#m1", "part 2"),
        ("c", "c#m2", "part 2"),
        ("d", "d#m1", "part 1"),
        ("d", "d#m2", "part 1"),
        ("e", "e#m1", "part 0"),
        ("e", "e#m2", "part 0"),
    ]


def test_merge_sorts_a_part_written_out_of_doc_order(tmp_path: Path) -> None:
    """A part is sorted by `doc_id` only when it is not already: one written
    out of order comes out in order all the same."""
    store = store_parts(tmp_path, [["e", "b"], ["a", "c"]])
    rows = pd.concat(live_batches(store, "mentions", store.live_parts()))
    assert list(rows.mention_id) == ["a#m1", "a#m2", "b#m1", "b#m2", "c#m1", "c#m2", "e#m1", "e#m2"]


def test_merge_writes_every_table_with_its_header_even_when_empty(tmp_path: Path) -> None:
    store = store_parts(tmp_path, [["a"]])
    merge_tables(store, tmp_path)
    assert (
        tmp_path / "positions.csv"
    ).read_text() == "doc_id,person_id,position,org_id,start,end\n"
    assert pd.read_parquet(tmp_path / "positions.parquet").empty
    assert pd.read_csv(tmp_path / "mentions.csv").doc_id.tolist() == ["a", "a"]


def releases(count: int) -> list[list[str]]:
    """`count` documents' ids, in parts of 50 as a run stores them."""
    doc_ids = [f"release-{n:05d}" for n in range(count)]
    return [doc_ids[n : n + 50] for n in range(0, count, 50)]


def merge_peak(out: Path, count: int) -> int:
    """The most memory merging `count` stored documents held at once (tracemalloc)."""
    store = store_parts(
        out, releases(count), note="Петров", text="Совещание прошло в Минске. " * 40
    )
    tracemalloc.start()
    try:
        merge_tables(store, out)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_merge_memory_stays_flat_as_the_run_grows(tmp_path: Path) -> None:
    load_morph()
    merge_peak(tmp_path / "warm", 100)  # caches of pandas, pyarrow and pymorphy3
    small, large = merge_peak(tmp_path / "small", 500), merge_peak(tmp_path / "large", 2500)
    assert pd.read_csv(tmp_path / "large" / "mentions.csv").shape[0] == 5000
    # five times the documents: tables held whole would take about five times the memory
    assert large < 1.5 * small, (small, large)


def light_scoring(document: Document, models: object) -> Scored:
    """Sentences and no scores: see `light_finish`."""
    return Scored(document, segment(document), np.empty((0, 0)))


def light_tagging(scored: list[Scored], models: object) -> list[Tagged]:
    """No tags: see `light_finish`."""
    return [Tagged(item.document, item.sentences, []) for item in scored]


def light_finish(tagged: Tagged, models: object) -> Result:
    """A person in each sentence, without the models: what is measured is
    what the batch keeps, not what the stages find."""
    document, sentences = tagged.document, tagged.sentences
    mentions = [
        Mention(
            document.doc_id,
            f"{document.doc_id}#m{n}",
            "PER",
            s.start,
            s.start + 1,
            document.text[s.start],
            "",
            "PER-1",
            "PER:Петров|И",
        )
        for n, s in enumerate(sentences, start=1)
    ]
    return Result(document, sentences, mentions)


def run_peak(releases: Path, out: Path) -> int:
    """The most memory a whole run held at once (tracemalloc)."""
    tracemalloc.start()
    try:
        run(releases, out, workers=1, quiet=True)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_merge_a_run_keeps_no_table_and_no_release_whole(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(extract.batch, "score", light_scoring)
    monkeypatch.setattr(extract.batch, "tag_scored", light_tagging)
    monkeypatch.setattr(extract.batch, "finish", light_finish)
    for count in (500, 2000):
        (tmp_path / f"in-{count}").mkdir()
        for n in range(count):
            release = tmp_path / f"in-{count}" / f"release-{n:05d}.txt"
            release.write_text(RELEASE.format(n=n), encoding="utf-8")
    run(tmp_path / "in-2000", tmp_path / "warm", workers=1, quiet=True)  # caches
    small = run_peak(tmp_path / "in-500", tmp_path / "out-500")
    large = run_peak(tmp_path / "in-2000", tmp_path / "out-2000")
    sentences = pd.read_csv(tmp_path / "out-2000" / "sentences.csv")
    assert len(sentences) == 2000 * 9  # a title and eight sentences each
    size = (tmp_path / "in-2000" / "release-00001.txt").stat().st_size
    # what a run keeps per release (its ids, sha256 and date) is under twice
    # the release's size; tables held whole until the end took about five times
    assert (large - small) / 1500 < 2 * size, (small, large, size)


HELPED = [
    "Визит в Гродно\n20 апреля 2025 года\n\n"
    "Первый заместитель министра здравоохранения Иван Петров посетил Гродно. "
    "Петров встретился с врачами областной больницы.",
    "Совещание в Минздраве\n12 марта 2025 года\n\n"
    "Министр здравоохранения Иван Петров провёл в Минске совещание "
    "с руководителями областных больниц.",
]


def die() -> None:
    os._exit(1)


def test_merge_helped_by_workers_writes_the_same_tables(tmp_path: Path) -> None:
    """Tables written in the run's worker processes, or left to this one when
    those died, are the tables this process writes alone. The person's post is
    the one of the later release, which is the first by `doc_id`: the release
    dates written in a worker reach the entities."""
    (tmp_path / "in").mkdir()
    for n, text in enumerate(HELPED):
        (tmp_path / "in" / f"{n}.txt").write_text(text, encoding="utf-8")
    run(tmp_path / "in", tmp_path / "alone", quiet=True)
    store = PartStore(tmp_path / "alone")
    (tmp_path / "helped").mkdir()
    (tmp_path / "broken").mkdir()
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(2, mp_context=spawn) as pool:
        merge_tables(store, tmp_path / "helped", executor=pool)
    with ProcessPoolExecutor(1, mp_context=spawn) as pool:
        with pytest.raises(BrokenProcessPool):
            pool.submit(die).result()
        merge_tables(store, tmp_path / "broken", executor=pool)
    tables = sorted(path.name for path in (tmp_path / "alone").glob("*.csv"))
    assert "positions.csv" in tables and len(tables) == 8
    people = pd.read_csv(tmp_path / "alone" / "entities.csv").query("type == 'PER'")
    assert people[["name", "position"]].values.tolist() == [
        ["Петров Иван", "первый заместитель министра"]
    ]
    for name in tables:
        alone = (tmp_path / "alone" / name).read_bytes()
        assert (tmp_path / "helped" / name).read_bytes() == alone, name
        assert (tmp_path / "broken" / name).read_bytes() == alone, name
