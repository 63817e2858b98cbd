"""The learned relation model: its training on a slice of NEREL train, its
decisions on sentences it did not learn from, and its arithmetic."""

import json
from importlib.resources import files

import pytest

import extract.pipeline
from extract import process_text
from extract.models import load_models
from extract.relations.holders import find_positions
from extract.relations.model import WEIGHTS, Linear, from_json, load_relations
from extract.relations.train import read_corpus, train

from .conftest import SHARED

SLICE = 60  # texts of NEREL train: seconds to learn, enough to learn the common forms


@pytest.fixture(scope="module")
def sliced() -> dict:
    corpus = read_corpus(SHARED / "eval" / "data" / "nerel-train")
    return train(dict(list(corpus.items())[:SLICE]), load_models())


def rows(text: str) -> list[tuple[str, str, str]]:
    result = process_text(text)
    keys = {m.entity_id: m.entity_key for m in result.mentions}
    return [(keys[p.person_id], p.position, keys.get(p.org_id, "")) for p in result.positions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Министр иностранных дел России Сергей Лавров провёл переговоры с коллегой.",
            [("PER:Лавров|С", "министр", "LOC:Российская Федерация")],
        ),
        (
            "Об этом сообщил Иван Петров, директор компании «Вектор».",
            [("PER:Петров|И", "директор", "ORG:Вектор")],
        ),
        (
            "Иван Петров встретился с губернатором Анной Смирновой.",
            [("PER:Смирнов|А", "губернатор", "")],
        ),
        # the name after the post is whose the post is: Петров's assistant, Сидоров
        (
            "Помощник Петрова Олег Сидоров опроверг слухи.",
            [("PER:Сидоров|О", "помощник", "")],
        ),
    ],
)
def test_a_model_learned_on_a_slice_decides_unseen_sentences(
    sliced: dict, monkeypatch: pytest.MonkeyPatch, text: str, expected: list
) -> None:
    relations = from_json(sliced)
    monkeypatch.setattr(
        extract.pipeline,
        "find_positions",
        lambda *args: find_positions(*args, relations=relations),
    )
    assert rows(text) == expected


def test_training_reports_its_cross_validation(sliced: dict) -> None:
    assert sliced["texts"] == SLICE
    for name in ("holds", "employs"):
        figures = sliced[name]["cross_validation"]
        assert 0.6 < figures["f1"] <= 1.0, (name, figures)
        assert sliced[name]["weights"]["bias"] != 0.0
    assert {"министр", "директор"} <= set(sliced["lexicon"])


def test_the_shipped_model_is_the_one_loaded() -> None:
    shipped = json.loads(files("extract").joinpath("data", WEIGHTS).read_text(encoding="utf-8"))
    loaded = load_relations()
    assert loaded.holds.weights == shipped["holds"]["weights"]
    assert loaded.employs.threshold == shipped["employs"]["threshold"]
    assert shipped["texts"] == 746


def test_a_score_is_exact_in_any_order_of_its_features() -> None:
    # weights whose float sum depends on the order: fsum's does not
    weights = {"a": 1e16, "b": 1.0, "c": -1e16, "d": 1.0, "bias": 0.5}
    linear = Linear(weights, 0.0)
    forward = linear.score(["a", "b", "c", "d"])
    assert (
        forward == linear.score(["d", "c", "b", "a"]) == linear.score(["b", "a", "d", "c"]) == 2.5
    )
    assert linear.score(["unseen"]) == 0.5
