from pathlib import Path

import pytest

from .golden import golden_ids, golden_path, rendered


@pytest.fixture(scope="module")
def pages(raw_out: Path) -> dict[str, str]:
    return rendered(raw_out)


def test_golden_every_release_has_a_file(pages: dict[str, str]) -> None:
    assert sorted(pages) == golden_ids()


@pytest.mark.parametrize("doc_id", golden_ids())
def test_golden_release(pages: dict[str, str], doc_id: str) -> None:
    assert pages[doc_id] == golden_path(doc_id).read_text(encoding="utf-8")
