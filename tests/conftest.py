import time
from pathlib import Path

import pytest

from extract import run
from extract.models import Models, load_models

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = next((SHARED / "seeds").glob("*.txt"))
RAW = ROOT / "data" / "raw"


def busy(seconds: float) -> None:
    """Work in Python for `seconds`, as a slow stage would (a time limit stops
    Python steps; a blocking call, a `sleep`, finishes first)."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


@pytest.fixture(scope="session")
def models() -> Models:
    return load_models()


@pytest.fixture(scope="session")
def raw_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tables of one run over `data/raw/`, what `make run` writes."""
    out = tmp_path_factory.mktemp("raw-out")
    run(RAW, out, workers=1, quiet=True)
    return out
