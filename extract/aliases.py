"""Official abbreviations and short names, mapped to full names.

Cross-release linking needs to know that `Минсвязи` in one release and
`Министерство связи и информатизации Республики Беларусь` in another are one
body, which no release need say. The built-in table (`data/aliases.csv`) holds
the common abbreviations of Belarusian and Russian ministries, of the
international bodies releases mention most (ШОС, СНГ, ЕАЭС, ООН, ...), and the
short and official names of the states of the CIS, the SCO and the EAEU,
written from the bodies' own official names. Users add or override rows with
a CSV file of the same columns (`alias,type,name`), given as `--aliases FILE`.
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


def read_rows(text: str, origin: str) -> dict[tuple[str, str], str]:
    reader = csv.DictReader(text.splitlines())
    if reader.fieldnames != COLUMNS:
        raise UsageError(f"{origin}: expected the columns {','.join(COLUMNS)}")
    names = {}
    for row in reader:
        names[(row["type"], fold(row["alias"]))] = row["name"]
        names.setdefault((row["type"], fold(row["name"])), row["name"])
    return names


def load_aliases(path: Path | None = None) -> Aliases:
    """The built-in table, with the rows of `path` (if any) added over it."""
    builtin = files("extract").joinpath("data/aliases.csv").read_text(encoding="utf-8")
    names = read_rows(builtin, "built-in aliases")
    if path is not None:
        try:
            names |= read_rows(Path(path).read_text(encoding="utf-8"), str(path))
        except OSError as error:
            raise UsageError(f"cannot read aliases file: {path} ({error.strerror})") from None
    return Aliases(names)
