"""Official abbreviations and short names, mapped to full names.

Cross-release linking needs to know that `Минсвязи` in one release and
`Министерство связи и информатизации Республики Беларусь` in another are one
body, which no release need say. The built-in table (`data/aliases.csv`) holds
the common abbreviations of Belarusian and Russian ministries, of the
international bodies releases mention most (ШОС, СНГ, ЕАЭС, ООН and its agencies and
commissions: ЮНКТАД, ЭСКЗА, ...), and the
short and official names of the states of the CIS, the SCO and the EAEU,
written from the bodies' own official names. Users add or override rows with
a CSV file of the same columns (`alias,type,name`), given as `--aliases FILE`:
UTF-8 with or without a byte-order mark, or Windows-1251, separated by `,` or
`;` (as Excel saves it). A row of type `same` or `different` names two people
as the entities table does (`Ткач П. Н.,same,Ткач Павел Николаевич`): the
run then joins them, or keeps them apart, whatever else it would have done
(see `link.resolve_people`). A country-dependent abbreviation (`МИД`) is
listed only with its country.
"""

import csv
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from .const import ENTITY_TYPES
from .errors import UsageError
from .names import fold

COLUMNS = ["alias", "type", "name"]
SEPARATORS = (",", ";")
OTHER_SEPARATORS = ("\t", "|")  # what a file written with another separator may hold
SAME, DIFFERENT = "same", "different"
TYPES = (*ENTITY_TYPES, SAME, DIFFERENT)


@dataclass(frozen=True, slots=True)
class Aliases:
    """`(type, folded alias)` -> full name; and the pairs of people's folded names
    a user says are one person (`same`) or two (`different`)."""

    names: dict[tuple[str, str], str]
    same: frozenset[tuple[str, str]] = frozenset()
    different: frozenset[frozenset[str]] = frozenset()

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
    for separator in OTHER_SEPARATORS:
        if len(found) == 1 and found[0].split(separator) == COLUMNS:
            return f"columns separated by {separator!r}, expected ',' or ';' ({expected})"
    missing = [column for column in COLUMNS if column not in found]
    also = f" (missing {','.join(missing)})" if missing else ""
    return f"expected the columns {expected}, found {','.join(found)}{also}"


def row_problem(row: dict) -> str:
    """What is wrong with a row ('' for nothing): the table takes a name only with
    a type the linker knows, and never an empty alias or name, which would map
    every nameless mention or name none."""
    if None in row.values():
        return f"{sum(value is not None for value in row.values())} fields, expected 3"
    if row["type"] not in TYPES:
        return f"unknown type {row['type']!r}, expected {', '.join(TYPES)}"
    for column in ("alias", "name"):
        if not row[column].strip():
            return f"empty {column}"
    return ""


def separator_of(text: str) -> str:
    """`;` when the header is written with it (Excel in a Russian locale), else `,`."""
    header = text.split("\n", 1)[0].strip().lstrip("\ufeff")
    return ";" if header.split(";") == COLUMNS else ","


def read_rows(text: str, origin: str) -> Aliases:
    """The rows of an alias table; a bad header or row is a `UsageError` naming
    the file and the line."""
    separator = separator_of(text)
    reader = csv.DictReader(text.splitlines(), delimiter=separator)
    if reader.fieldnames != COLUMNS:
        raise UsageError(f"{origin}: {columns_problem(list(reader.fieldnames or []))}")
    names = {}
    same, different = set(), set()
    for row in reader:
        if problem := row_problem(row):
            raise UsageError(f"{origin}, line {reader.line_num}: {problem}")
        if None in row:  # a name holding separators, unquoted: alias and type hold none
            row["name"] = separator.join([row["name"], *row.pop(None)])
        if row["type"] == SAME:
            same.add((fold(row["alias"]), fold(row["name"])))
        elif row["type"] == DIFFERENT:
            different.add(frozenset((fold(row["alias"]), fold(row["name"]))))
        else:
            names[(row["type"], fold(row["alias"]))] = row["name"]
            names.setdefault((row["type"], fold(row["name"])), row["name"])
    return Aliases(names, frozenset(same), frozenset(different))


def read_text(path: Path) -> str:
    """A user's alias file as text: UTF-8, with or without a byte-order mark (as
    Excel saves it), else Windows-1251 (as Excel saves a CSV in a Russian locale).
    Bytes neither reads (a control character, 0x98) are a usage error, so that a
    name cannot be read garbled."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read aliases file: {path} ({error.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError as error:
        text, error_at = "", error.start
    else:
        error_at = next(
            (i for i, c in enumerate(text) if not c.isprintable() and c not in "\r\n\t"), None
        )
    if error_at is not None:
        raise UsageError(
            f"{path}: neither UTF-8 nor Windows-1251 (byte 0x{data[error_at]:02x} at offset "
            f"{error_at:,}); save it as UTF-8"
        ) from None
    return text


def load_aliases(path: Path | None = None) -> Aliases:
    """The built-in table, with the rows of `path` (if any) added over it."""
    builtin = files("extract").joinpath("data/aliases.csv").read_text(encoding="utf-8")
    table = read_rows(builtin, "built-in aliases")
    if path is None:
        return table
    user = read_rows(read_text(path), str(path))
    return Aliases(table.names | user.names, user.same, user.different)
