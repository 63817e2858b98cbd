"""Official abbreviations and short names, mapped to full names.

Cross-release linking needs to know that `Минсвязи` in one release and
`Министерство связи и информатизации Республики Беларусь` in another are one
body, which no release need say. The built-in table (`data/aliases.csv`) holds
the common abbreviations of Belarusian and Russian ministries, of the
international bodies releases mention most (ШОС, СНГ, ЕАЭС, ООН, ...), and the
short and official names of the states of the CIS, the SCO and the EAEU,
written from the bodies' own official names. Users add or override rows with
a CSV file of the same columns (`alias,type,name`) in UTF-8, given as `--aliases FILE`.
A country-dependent abbreviation (`МИД`) is listed only with its country.
"""

import csv
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from .const import ENTITY_TYPES
from .errors import UsageError
from .names import fold

COLUMNS = ["alias", "type", "name"]
SEPARATORS = (";", "\t", "|")  # what a file written with another separator may hold


@dataclass(frozen=True, slots=True)
class Aliases:
    """`(type, folded alias)` -> full name."""

    names: dict[tuple[str, str], str]

    def full_name(self, type: str, name: str) -> str | None:
        return self.names.get((type, fold(name)))

    def known_type(self, type: str, name: str) -> str:
        """The type the table gives a name: slovnet reads `ЕС`, `Евросоюз` as places,
        the table knows them as organisations. A name the table lists under the
        mention's own type, or not at all, keeps it."""
        if (type, fold(name)) in self.names:
            return type
        listed = [other for other in ENTITY_TYPES if (other, fold(name)) in self.names]
        return listed[0] if len(listed) == 1 else type


def columns_problem(found: list[str]) -> str:
    """What is wrong with a header that is not `alias,type,name`."""
    expected = ",".join(COLUMNS)
    if not found:
        return f"expected the columns {expected}, found an empty file"
    for separator in SEPARATORS:
        if len(found) == 1 and found[0].split(separator) == COLUMNS:
            return f"columns separated by {separator!r}, expected ',' ({expected})"
    missing = [column for column in COLUMNS if column not in found]
    also = f" (missing {','.join(missing)})" if missing else ""
    return f"expected the columns {expected}, found {','.join(found)}{also}"


def row_problem(row: dict) -> str:
    """What is wrong with a row ('' for nothing): the table takes a name only with
    a type the linker knows, and never an empty alias or name, which would map
    every nameless mention or name none."""
    if None in row.values():
        return f"{sum(value is not None for value in row.values())} fields, expected 3"
    if row["type"] not in ENTITY_TYPES:
        return f"unknown type {row['type']!r}, expected {', '.join(ENTITY_TYPES)}"
    for column in ("alias", "name"):
        if not row[column].strip():
            return f"empty {column}"
    return ""


def read_rows(text: str, origin: str) -> dict[tuple[str, str], str]:
    """The rows of an alias table; a bad header or row is a `UsageError` naming
    the file and the line."""
    reader = csv.DictReader(text.splitlines())
    if reader.fieldnames != COLUMNS:
        raise UsageError(f"{origin}: {columns_problem(list(reader.fieldnames or []))}")
    names = {}
    for row in reader:
        if problem := row_problem(row):
            raise UsageError(f"{origin}, line {reader.line_num}: {problem}")
        if None in row:  # a name holding commas, unquoted: alias and type hold none
            row["name"] = ",".join([row["name"], *row.pop(None)])
        names[(row["type"], fold(row["alias"]))] = row["name"]
        names.setdefault((row["type"], fold(row["name"])), row["name"])
    return names


def read_text(path: Path) -> str:
    """A user's alias file as text: UTF-8, with or without a byte-order mark (as
    Excel saves it). Other bytes are not guessed at, so a name cannot be read
    garbled."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read aliases file: {path} ({error.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise UsageError(
            f"{path}: not UTF-8 (byte 0x{byte:02x} at offset {error.start:,}); save it as UTF-8"
        ) from None


def load_aliases(path: Path | None = None) -> Aliases:
    """The built-in table, with the rows of `path` (if any) added over it."""
    builtin = files("extract").joinpath("data/aliases.csv").read_text(encoding="utf-8")
    names = read_rows(builtin, "built-in aliases")
    if path is not None:
        names |= read_rows(read_text(path), str(path))
    return Aliases(names)
