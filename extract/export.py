"""Writing tables: atomically, as CSV and Parquet.

Each file is written to a temporary name in the same folder and renamed over
the old one (`os.replace` is atomic on POSIX), so an interrupted run leaves
either the previous table or the new one, never half of one.

CSV cells that a spreadsheet would run as a formula (first character `=`,
`+`, `-`, `@`, tab or CR) get a leading apostrophe. A cell that already starts
with apostrophes before such a character gets one more, so `unescape_cell`
restores every cell exactly. Only text columns are touched; numbers stay
numbers. The Parquet copy keeps the exact text.

Lines end in `\n`, and Python's CSV writer quotes a cell only for the
separator, the quote and the line end's own characters: a bare CR (old Mac
line ends, a CR in a JSON string or a file name) would go out unquoted, and
a reader would split the row there. The rows holding one are written with
every cell quoted (`csv_batches`), which RFC 4180 allows for any row.

For Excel, `run --excel` writes a workbook (`extract.workbook`), whose text
cells are never formulas.
"""

import csv
import itertools
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .errors import OutputError

FORMULA = re.compile(r"^'*[=+\-@\t\r]")
ESCAPED = re.compile(r"^'+[=+\-@\t\r]")
DATE_FORMAT = "%Y-%m-%d"
TEMPORARY = ".tmp"  # the end of a temporary file's name: `.<target>.<random>.tmp`
ANY_TEMPORARY = re.compile(rf"\..*{re.escape(TEMPORARY)}")
FILE_MODE = 0o666  # what `open` would give, before the umask; mkstemp gives 0o600


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def os_reason(error: OSError) -> str:
    """The system's words for `error` (`No space left on device`): Arrow's own
    messages wrap them in more of its own."""
    return os.strerror(error.errno) if error.errno else str(error)


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Turn a failure to write `path` into an `OutputError` naming it: the
    temporary file that failed has a name the user never asked for, and Arrow's
    errors name no file at all."""
    try:
        yield
    except OSError as error:
        raise OutputError(path, os_reason(error)) from error


def escape_cell(cell: object) -> object:
    if isinstance(cell, str) and FORMULA.match(cell):
        return "'" + cell
    return cell


def unescape_cell(cell: object) -> object:
    if isinstance(cell, str) and ESCAPED.match(cell):
        return cell[1:]
    return cell


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """`escape_cell` over every text column, matched column-wise: most columns
    have no cell to escape, and a cell-by-cell call costs more than the write."""
    safe = frame.copy()
    for column in safe.columns:
        values = safe[column]
        if pd.api.types.is_string_dtype(values):
            risky = values.str.match(FORMULA.pattern, na=False).astype(bool)
            if risky.any():
                safe[column] = values.where(~risky, values[risky].map(escape_cell))
    return safe


def csv_batches(frame: pd.DataFrame) -> Iterator[tuple[pd.DataFrame, int]]:
    """`frame` in runs of consecutive rows, each with the `csv` quoting it
    needs: every cell quoted where a text cell holds a CR, else the minimum."""
    carriage = pd.Series(False, index=frame.index)
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_string_dtype(values):
            carriage |= values.str.contains("\r", regex=False, na=False).astype(bool)
    if not carriage.any():
        yield frame, csv.QUOTE_MINIMAL
        return
    flags = carriage.to_numpy()
    starts = [0, *(flags[1:] != flags[:-1]).nonzero()[0] + 1, len(flags)]
    for start, end in itertools.pairwise(starts):
        yield frame.iloc[start:end], csv.QUOTE_ALL if flags[start] else csv.QUOTE_MINIMAL


def temporary_beside(path: Path) -> Path:
    """An empty temporary file in `path`'s folder, so a rename onto `path` is atomic."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY)
    os.close(handle)
    return Path(name)


def remove_temporaries(folder: Path, names: re.Pattern[str] = ANY_TEMPORARY) -> None:
    """Delete the temporary files a killed writer left in `folder`, those of
    them whose whole name `names` matches (only the run holding the output
    folder's lock may call it)."""
    for path in folder.glob(f".*{TEMPORARY}"):
        if names.fullmatch(path.name):
            path.unlink(missing_ok=True)


def put_in_place(temporary: Path, path: Path) -> None:
    """Give the finished temporary file the mode `open` would have, and rename it."""
    os.chmod(temporary, FILE_MODE & ~current_umask())
    os.replace(temporary, path)


def replace_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call `write` on a temporary file beside `path`, then rename it into place."""
    with writing(path):
        temporary = temporary_beside(path)
        try:
            write(temporary)
            put_in_place(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)


def dump_parquet(frame: pd.DataFrame, path: Path) -> None:
    replace_atomically(path, lambda target: frame.to_parquet(target, index=False))


@dataclass(frozen=True, slots=True)
class Formats:
    """The files each table is written as: always the contract's CSV, whose
    cells that a spreadsheet would run as formulas are escaped (`escape_cell`)
    unless `exact_csv` (for programs: the CSV then holds the exact text, as the
    Parquet copy does); with `parquet` the Parquet copy."""

    parquet: bool = True
    exact_csv: bool = False


DEFAULT_FORMATS = Formats()  # a run's: the escaped CSV and the Parquet copy


class TableWriter:
    """One table written in batches, for a run too large to hold a table whole:
    the CSV and the Parquet copy each go to a temporary file
    beside its target and are renamed into place once every batch is written,
    so an interrupted merge leaves the previous tables. `empty` is the table as
    a typed frame without rows: its columns fix the Parquet schema, and it is
    what is written when no batch comes."""

    def __init__(self, out_dir: Path, name: str, empty: pd.DataFrame, formats: Formats) -> None:
        self.empty = empty
        self.schema = pa.Schema.from_pandas(empty, preserve_index=False)
        self.exact_csv = formats.exact_csv
        targets = {"csv": out_dir / f"{name}.csv"}
        if formats.parquet:
            targets["parquet"] = out_dir / f"{name}.parquet"
        self.targets = targets
        self.temporary: dict[str, Path] = {}
        self.csv: IO[str] | None = None
        self.parquet: pq.ParquetWriter | None = None
        self.header = True

    def __enter__(self) -> "TableWriter":
        try:
            for kind, target in self.targets.items():
                with writing(target):
                    self.open(kind, temporary_beside(target))
        except BaseException as error:  # no temporary file left behind
            self.__exit__(type(error))
            raise
        return self

    def open(self, kind: str, temporary: Path) -> None:
        self.temporary[kind] = temporary
        if kind == "csv":
            self.csv = temporary.open("w", encoding="utf-8", newline="")
        else:
            self.parquet = pq.ParquetWriter(temporary, self.schema)

    def write(self, frame: pd.DataFrame) -> None:
        cells = frame if self.exact_csv else csv_safe(frame)
        batches = [(cells.iloc[:0], csv.QUOTE_MINIMAL)] if self.header else []
        batches += csv_batches(cells)
        if self.csv is not None:
            with writing(self.targets["csv"]):
                for number, (batch, quoting) in enumerate(batches):
                    batch.to_csv(
                        self.csv,
                        index=False,
                        header=self.header and number == 0,
                        lineterminator="\n",
                        quoting=quoting,
                        date_format=DATE_FORMAT,
                    )
        if self.parquet is not None:
            with writing(self.targets["parquet"]):
                self.parquet.write_table(
                    pa.Table.from_pandas(frame, schema=self.schema, preserve_index=False)
                )
        self.header = False

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        try:
            if kind is None and self.header:
                self.write(self.empty)
            if self.csv is not None:
                with writing(self.targets["csv"]):
                    self.csv.close()
            if self.parquet is not None:
                with writing(self.targets["parquet"]):
                    self.parquet.close()
            if kind is None:
                for name, temporary in self.temporary.items():
                    with writing(self.targets[name]):
                        put_in_place(temporary, self.targets[name])
        finally:
            for temporary in self.temporary.values():
                temporary.unlink(missing_ok=True)


def dump_table(
    frame: pd.DataFrame, out_dir: Path, name: str, formats: Formats = DEFAULT_FORMATS
) -> None:
    """Write one table held whole in its `formats`: a `TableWriter` given one
    batch. `frame` is typed (`tables.to_frame`), as the Parquet schema is its."""
    with TableWriter(out_dir, name, frame.iloc[:0], formats) as writer:
        writer.write(frame)
