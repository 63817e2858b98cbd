"""`OUT/extract.xlsx` (`run --excel`): every table on a sheet of its own.

A CSV file is a guess for Excel: it reads `19.06.2025` and `12` in a text
column as a date and a number, and `True` as text. The workbook says what
each cell is, as the tables' types do (`tables.to_frame`): text is written as
text (XlsxWriter's `write_string`), so no cell is a formula whatever it
starts with; dates as dates shown `yyyy-mm-dd`, booleans as booleans, counts,
offsets and coordinates as numbers, and a missing value as an empty cell.
Each sheet has its header frozen and an autofilter over its columns.

A cell holds at most 32,767 characters: a longer text (a release's
`documents.text`) is cut and ends with `CUT_MARK`; the CSV and Parquet files
keep it whole. A sheet holds 1,048,576 rows: a longer table goes on over
sheets `mentions (2)`, `mentions (3)`, ...
"""

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from .export import replace_atomically
from .load import load_table
from .tables import BOOLEANS, COLUMNS, DATES, FLOATS, INTEGERS

NAME = "extract.xlsx"
CELL_CHARACTERS = 32_767
CUT_MARK = " […: cut here, the whole text is in the CSV and Parquet files]"
SHEET_ROWS = 1_048_576 - 1  # under the header
WIDTH = 18  # characters, each column's


def write_workbook(out_dir: Path) -> None:
    """Write `OUT/extract.xlsx` from the run's tables, replacing it whole."""
    replace_atomically(out_dir / NAME, lambda path: fill(path, out_dir))


def fill(path: Path, out_dir: Path) -> None:
    # constant memory: each row goes to disk as it is written
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    header = workbook.add_format({"bold": True})
    for table, columns in COLUMNS.items():
        frame = load_table(out_dir, table)
        writers = [cell_writer(column, date_format) for column in columns]
        for part, start in enumerate(range(0, max(len(frame), 1), SHEET_ROWS), start=1):
            rows = frame.iloc[start : start + SHEET_ROWS]
            sheet = workbook.add_worksheet(table if part == 1 else f"{table} ({part})")
            sheet.freeze_panes(1, 0)
            sheet.set_column(0, len(columns) - 1, WIDTH)
            sheet.write_row(0, 0, columns, header)
            sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
            values = rows.astype(object).where(rows.notna(), None)
            for number, row in enumerate(values.itertuples(index=False), start=1):
                for column, (value, write) in enumerate(zip(row, writers, strict=True)):
                    if value is not None:
                        write(sheet, number, column, value)
    workbook.close()


Writer = Callable[[Worksheet, int, int, object], object]


def cell_writer(column: str, date_format: object) -> Writer:
    """How a column's cells are written, by the type `tables.typed` gives it."""
    if column in DATES:
        return lambda sheet, row, col, value: sheet.write_datetime(
            row, col, as_datetime(value), date_format
        )
    if column in BOOLEANS:
        return lambda sheet, row, col, value: sheet.write_boolean(row, col, bool(value))
    if column in INTEGERS or column in FLOATS:
        return lambda sheet, row, col, value: sheet.write_number(row, col, value)
    return lambda sheet, row, col, value: sheet.write_string(row, col, cut(str(value)))


def as_datetime(value: object) -> datetime:
    return pd.Timestamp(value).to_pydatetime()


def cut(text: str) -> str:
    """A text as a cell holds it: whole, or cut with `CUT_MARK` at its end."""
    if len(text) <= CELL_CHARACTERS:
        return text
    return text[: CELL_CHARACTERS - len(CUT_MARK)] + CUT_MARK
