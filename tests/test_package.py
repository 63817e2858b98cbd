import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from extract.cli import installed_version

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel `pip install .` builds and installs."""
    folder = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", folder, ROOT]
    subprocess.run(command, check=True, timeout=600, capture_output=True)
    return next(folder.glob("extract-*.whl"))


def test_the_wheel_carries_every_file_of_the_package(wheel: Path) -> None:
    """The models' lists, the relation model, the report's script, style, Vega and
    map: everything the package reads at run time, not only its modules."""
    package = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "extract").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    with zipfile.ZipFile(wheel) as archive:
        shipped = set(archive.namelist())
    assert package - shipped == set()
    assert "extract/data/report/vega.min.js" in shipped


def test_installing_the_wheel_puts_extract_on_the_path(wheel: Path, tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "venv", tmp_path / "env"], check=True, timeout=300)
    scripts = tmp_path / "env" / ("Scripts" if sys.platform == "win32" else "bin")
    install = [scripts / "python", "-m", "pip", "install", "--no-deps", "--quiet", wheel]
    subprocess.run(install, check=True, timeout=300, capture_output=True)
    command = next(scripts.glob("extract*"))
    assert command.stem == "extract"
    assert "from extract.cli import main" in command.read_text(encoding="utf-8")
    with zipfile.ZipFile(wheel) as archive:
        entry_points = archive.read(f"extract-{installed_version()}.dist-info/entry_points.txt")
    assert entry_points.decode() == "[console_scripts]\nextract = extract.cli:main\n"
