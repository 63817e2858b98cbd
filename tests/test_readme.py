import doctest
from pathlib import Path

from .conftest import ROOT


def test_readme_examples_run(raw_out: Path, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "out").symlink_to(raw_out)
    monkeypatch.chdir(tmp_path)
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False, verbose=False)
    assert (result.failed, result.attempted > 0) == (0, True)
