"""Writing tables: atomically, as CSV and Parquet.

Each file is written to a temporary name in the same folder and renamed over
the old one (`os.replace` is atomic on POSIX), so an interrupted run leaves
either the previous table or the new one, never half of one.

CSV cells that a spreadsheet would run as a formula (first character `=`,
`+`, `-`, `@`, tab or CR) get a leading apostrophe. A cell that already starts
with apostrophes before such a character gets one more, so `unescape_cell`
restores every cell exactly. Only text columns are touched; numbers stay
numbers. The Parquet copy keeps the exact text.

The Excel profile (`run --excel`, into `OUT/excel/`) is the same CSV with a
byte-order mark, without which Excel reads UTF-8 as the ANSI code page, and
`;` between cells, the list separator Excel expects where the decimal
separator is a comma (the ru, be and kk locales): such a file opens with a
double click, Cyrillic and columns intact. The escaping is the same.
"""

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

FORMULA = re.compile(r"^'*[=+\-@\t\r]")
ESCAPED = re.compile(r"^'+[=+\-@\t\r]")
DATE_FORMAT = "%Y-%m-%d"
EXCEL_FOLDER = "excel"
FILE_MODE = 0o666  # what `open` would give, before the umask; mkstemp gives 0o600


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def escape_cell(cell: object) -> object:
    if isinstance(cell, str) and FORMULA.match(cell):
        return "'" + cell
    return cell


def unescape_cell(cell: object) -> object:
    if isinstance(cell, str) and ESCAPED.match(cell):
        return cell[1:]
    return cell


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    safe = frame.copy()
    for column in safe.columns:
        if pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(escape_cell, na_action="ignore")
    return safe


def replace_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call `write` on a temporary file beside `path`, then rename it into place."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        os.chmod(temporary, FILE_MODE & ~current_umask())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def dump_csv(frame: pd.DataFrame, path: Path, excel: bool = False) -> None:
    """The contract's CSV, or with `excel` the Excel profile (BOM and `;`)."""
    replace_atomically(
        path,
        lambda target: csv_safe(frame).to_csv(
            target,
            index=False,
            sep=";" if excel else ",",
            encoding="utf-8-sig" if excel else "utf-8",
            lineterminator="\n",
            date_format=DATE_FORMAT,
        ),
    )


def dump_parquet(frame: pd.DataFrame, path: Path) -> None:
    replace_atomically(path, lambda target: frame.to_parquet(target, index=False))


def dump_table(
    frame: pd.DataFrame, out_dir: Path, name: str, parquet: bool = True, excel: bool = False
) -> None:
    """Write one table as `<name>.csv`, unless turned off `<name>.parquet`, and when
    asked `excel/<name>.csv` in the Excel profile."""
    dump_csv(frame, out_dir / f"{name}.csv")
    if parquet:
        dump_parquet(frame, out_dir / f"{name}.parquet")
    if excel:
        (out_dir / EXCEL_FOLDER).mkdir(exist_ok=True)
        dump_csv(frame, out_dir / EXCEL_FOLDER / f"{name}.csv", excel=True)
