"""How large the report's page is and how long a browser takes to draw it: for
a run's own tables and for 5,000 releases (the run's releases repeated, each
copy a day later, as `tests/test_report.py` makes them).

The times are the page's own, in headless Chromium (medians of three
openings): milliseconds from opening the page to its first frame painted (the
counts, filters and tables) and to every chart drawn (`data-shown-ms`,
`data-drawn-ms`).
The last line is for scripts: `ratios: large-vs-run-draw …, large-mb …`.

    python benchmarks/report.py                 # the tables in data/out (`make run`)
    python benchmarks/report.py --out OUT --copies 313
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import load  # noqa: E402
from extract.report import render_report  # noqa: E402
from tests.test_report import replicated  # noqa: E402

OPENINGS = 3


def timings(page: Path) -> tuple[int, int]:
    """Milliseconds to the first frame painted and to every chart drawn, medians."""
    command = [shutil.which("chromium") or "chromium", "--headless", "--no-sandbox"]
    command += ["--disable-gpu", "--window-size=1280,2600", "--dump-dom", page.as_uri()]
    shown, drawn = [], []
    for _ in range(OPENINGS):
        dom = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        shown.append(int(re.search(r'data-shown-ms="(\d+)"', dom).group(1)))
        drawn.append(int(re.search(r'data-drawn-ms="(\d+)"', dom).group(1)))
    return int(statistics.median(shown)), int(statistics.median(drawn))


def measure(name: str, tables: dict, folder: Path) -> tuple[float, int]:
    page = folder / f"{name}.html"
    page.write_text(render_report(tables), encoding="utf-8")
    megabytes, (shown, drawn) = page.stat().st_size / 1e6, timings(page)
    releases, events = len(tables["documents"]), len(tables["events"])
    size = f"{megabytes:.2f} MB, shown in {shown} ms, charts drawn in {drawn} ms"
    print(f"{name}: {releases} releases, {events} events: {size}")
    return megabytes, drawn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "out", help="a run's folder")
    parser.add_argument("--copies", type=int, default=313, help="copies of its releases")
    args = parser.parse_args()
    tables = load(args.out)
    with tempfile.TemporaryDirectory() as folder:
        _, run_ms = measure("run", tables, Path(folder))
        large_mb, large_ms = measure("large", replicated(tables, args.copies), Path(folder))
    print(f"ratios: large-vs-run-draw {large_ms / run_ms:.2f}, large-mb {large_mb:.2f}")


if __name__ == "__main__":
    main()
