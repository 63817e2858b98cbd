"""What became of each unit of a run, and the table rows it gives."""

import traceback
from dataclasses import dataclass

import pandas as pd

from .const import ERROR
from .errors import CRASHED, InputError
from .ingest import Source
from .lang import RUSSIAN
from .merge import with_names
from .records import Result
from .tables import error_rows, result_rows, to_frame


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one unit: its status, and its records when it was processed."""

    source: Source
    status: str
    error: str = ""
    result: Result | None = None
    trace: str = ""
    warning: str = ""


def language_warning(lang: str) -> str:
    """The warning for a release in another language than Russian ('' for none)."""
    return "" if lang in ("", RUSSIAN) else f"warning: not Russian (lang {lang})"


def failure(source: Source, error: Exception) -> Outcome:
    """The error outcome of a unit that raised `error` (called where it is caught)."""
    if isinstance(error, InputError):
        return Outcome(source, ERROR, str(error))
    message = " ".join(f"internal error: {type(error).__name__}: {error}".split())
    return Outcome(source, ERROR, message, trace=traceback.format_exc())


def crashed(source: Source) -> tuple[list[Outcome], dict[str, pd.DataFrame]]:
    """The result of a unit that killed the worker processing it, alone."""
    outcome = Outcome(source, ERROR, CRASHED)
    return [outcome], outcome_frames([outcome])


def outcome_frames(outcomes: list[Outcome]) -> dict[str, pd.DataFrame]:
    rows: dict[str, list] = {}
    for outcome in outcomes:
        source = outcome.source
        if outcome.result is not None:
            parts = result_rows(outcome.result, outcome.status)
        else:
            parts = error_rows(
                source.doc_id, source.path, outcome.status, outcome.error, source.sha256
            )
        for table, table_rows in parts.items():
            rows.setdefault(table, []).extend(table_rows)
    frames = {table: to_frame(table, table_rows) for table, table_rows in rows.items()}
    if "mentions" in frames:  # the merge counts the people's names from the parts
        frames["mentions"] = with_names(frames["mentions"])
    return frames
