"""Which units of a run need processing, and which keep the rows they have."""

import pandas as pd

from .const import DUPLICATE, ERROR, OK
from .errors import RUN_FAILURES
from .ingest import Source
from .outcomes import Outcome, language_warning

Decision = tuple[Source, Outcome | None, bool]


class Planner:
    """Decides per unit, as the units are read, whether it needs processing, so
    that no more than a chunk of releases is held at once.

    Errors found while reading are known at once; a unit with the same
    `sha256` as its stored row keeps that row. Of units with the same bytes
    the first is the original and the others its duplicates, except that an
    original of an earlier run stays one while its bytes do not change: a
    copy read before it (its name sorts first) waits for it, and is its
    duplicate, or, if the original changed or is gone, is planned again. An
    empty file is no one's duplicate: each gets its own `empty file` error.
    The `doc_id`s of the units read are `seen`; a stored document not among
    them has left the input folder.
    """

    def __init__(self, earlier: pd.DataFrame) -> None:
        self.stored = {row.doc_id: row for row in earlier.itertuples()}
        self.claims = {row.sha256: row.doc_id for row in earlier.itertuples() if row.status == OK}
        self.claimed = {doc_id: sha for sha, doc_id in self.claims.items()}
        self.waiting: dict[str, list[Source]] = {}
        self.first: dict[str, str] = {}
        self.seen: set[str] = set()

    def decide(self, source: Source) -> list[Decision]:
        """What becomes of `source`, and of the units that waited for it."""
        self.seen.add(source.doc_id)
        decisions = self.release(source)
        if not source.error and source.data and source.sha256 in self.claims:
            self.waiting.setdefault(source.sha256, []).append(source)
            return decisions
        return [self.plan(source), *decisions]

    def release(self, source: Source) -> list[Decision]:
        """The units waiting for `source`, if an earlier original: duplicates of
        it when its bytes are the same, planned again when not."""
        sha = self.claimed.pop(source.doc_id, None)
        if sha is None:
            return []
        del self.claims[sha]
        if sha == source.sha256 and not source.error:
            self.first[sha] = source.doc_id
        return [self.plan(unit) for unit in self.waiting.pop(sha, [])]

    def rest(self) -> list[Decision]:
        """The units still waiting once every unit is read: their originals are gone."""
        self.claims.clear()
        self.claimed.clear()
        waiting, self.waiting = self.waiting, {}
        return [self.plan(unit) for units in waiting.values() for unit in units]

    def plan(self, source: Source) -> Decision:
        """The unit's outcome when it is known without processing (else None), and
        whether that outcome is the one already stored."""
        if source.error:
            return source, Outcome(source, ERROR, source.error), False
        original = self.first.setdefault(source.sha256, source.doc_id) if source.data else ""
        if original and original != source.doc_id:
            return source, Outcome(source, DUPLICATE, f"duplicate of {original}"), False
        previous = self.stored.get(source.doc_id)
        if is_unchanged(source, previous):
            warning = language_warning(str(previous.lang))
            outcome = Outcome(source, str(previous.status), str(previous.error), warning=warning)
            return source, outcome, True
        return source, None, False

    def gone(self) -> list[str]:
        """Stored documents no unit of this run has: their inputs were removed."""
        return sorted(set(self.stored) - self.seen)


def is_unchanged(source: Source, previous: tuple | None) -> bool:
    """Same bytes as last time, and last time's outcome was not the run's
    failure (`errors.RUN_FAILURES`)."""
    if previous is None or previous.sha256 != source.sha256:
        return False
    return previous.status == OK or (
        previous.status == ERROR and not str(previous.error).startswith(RUN_FAILURES)
    )
