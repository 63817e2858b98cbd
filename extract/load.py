"""Reading a run's tables back as typed pandas frames."""

from pathlib import Path

import pandas as pd

from .export import unescape_cell
from .tables import COLUMNS, to_frame


def load_table(out_dir: Path, table: str) -> pd.DataFrame:
    """One table, from Parquet when it was written, else from CSV."""
    parquet = out_dir / f"{table}.parquet"
    if parquet.exists():
        frame = pd.read_parquet(parquet)
    else:
        frame = pd.read_csv(
            out_dir / f"{table}.csv", dtype=str, keep_default_na=False, encoding="utf-8"
        )
        frame = frame.map(unescape_cell).replace("", None)
    return to_frame(table, frame)


def load(out_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Every table of a run as a typed frame: ids and text as strings, offsets as
    nullable integers, dates as `datetime64`.

    >>> tables = load("data/out")            # doctest: +SKIP
    >>> tables["mentions"].groupby("type").size()  # doctest: +SKIP
    """
    out_dir = Path(out_dir)
    return {table: load_table(out_dir, table) for table in COLUMNS}
