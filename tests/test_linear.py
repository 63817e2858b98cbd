"""The work per release grows with its length, not faster: a release repeated
ten times asks the date grammar ten times as often, and the dictionary (and
folds names) about ten times as often: a copy is not read quite like the
first, whose first line is the title, and caches of whole names spare some
look-ups. A rule that compared every name with every other, as linking once
did, folds them a hundred times as often."""

import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from extract import morphology, names, process_text
from extract.dates import read

RELEASE = (
    Path(__file__).parents[1]
    / "data/raw/2024/08/kadrovye-resheniya-departament-mezhdunarodnogo-sotrudnichestva.txt"
)
MORPHOLOGY = ["analyses", "is_known", "cases", "part_of_speech", "adjective_readings"]
NAMES = ["fold", "surname_key"]  # what comparing two names costs


@pytest.fixture
def calls(monkeypatch) -> Counter:
    """Calls of the grammar (`parse_window`), of each morphology look-up, cached or
    not, and of the folding of names, counted wherever the pipeline's modules call
    them."""
    counted = Counter()
    targets = {name: getattr(morphology, name) for name in MORPHOLOGY}
    targets |= {name: getattr(names, name) for name in NAMES}
    targets["grammar"] = read.parse_window

    def counting(name: str, function: Callable) -> Callable:
        def count(*args, **kwargs):
            counted[name] += 1
            return function(*args, **kwargs)

        return count

    for module_name, module in list(sys.modules.items()):
        if module_name.split(".")[0] != "extract":
            continue
        for attribute, value in list(vars(module).items()):
            for name, target in targets.items():
                if value is target:
                    monkeypatch.setattr(module, attribute, counting(name, target))
    return counted


def test_linear_a_release_ten_times_is_ten_times_the_work(calls: Counter) -> None:
    text = RELEASE.read_text(encoding="utf-8")
    process_text(text)
    one = Counter(calls)
    calls.clear()
    process_text("\n\n".join([text] * 10))
    assert one["grammar"] > 0 and calls["grammar"] == 10 * one["grammar"]
    for name in MORPHOLOGY + NAMES:
        assert one[name] > 0
        assert calls[name] <= 11 * one[name], name
