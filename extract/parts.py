"""The run's working store: finished chunks as Parquet parts, and their merge.

Every chunk of processed documents is written as one part per table under
`OUT/.extract/parts/<table>/<number>.parquet`, the `documents` part last; a
document counts as done only once its `documents` row is on disk. That makes
runs resumable (a later run reads which `sha256` each document had) and safe
to kill (a chunk is either whole or ignored). A document processed again
lands in a newer part; `live_parts` keeps, per `doc_id`, the newest part
only, so old rows are replaced without rewriting old files. A document whose
input is gone is marked so in a part of its own (`REMOVED`), which takes it
out of the tables until a newer part brings it back. A file in the store
that is not named as a part (`notes.parquet`, a copy) is not the store's:
it is neither read nor deleted.

One run at a time writes a store (`locked`). Parts are only as good as the
code that wrote them: the store keeps the
fingerprint of the pipeline that wrote it (`fingerprint`), and a run with
another pipeline, or another alias table, starts the store afresh.
"""

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from .errors import Busy
from .export import dump_parquet, remove_temporaries, writing
from .tables import DOCUMENT_TABLES, to_frame

STATE = ".extract"
UNFINISHED = "export-unfinished"  # in STATE while the tables are being written
PART_DIGITS = 8
REMOVED = "removed"  # parts of the ids of documents whose inputs are gone
PART_NAME = re.compile(rf"\d{{{PART_DIGITS}}}\.parquet")
PART_TEMPORARY = re.compile(rf"\.\d{{{PART_DIGITS}}}\.parquet\..*\.tmp")  # see export
PACKAGE = Path(__file__).parent


def fingerprint(aliases: Path | None = None) -> str:
    """A hash of everything that decides a document's rows: the package's code
    and data files, and the user's alias table."""
    digest = hashlib.sha256()
    files = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix != ".pyc")
    for path in [*files, *([aliases] if aliases else [])]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold `OUT/.extract/lock` for the run: a second run on the same folder stops
    with `Busy` instead of mixing its rows in. The lock dies with the process, so
    a killed run leaves none behind."""
    path = out_dir / STATE / "lock"
    lock = FileLock(path, timeout=0)  # an OS lock on any system: flock, or msvcrt's
    with writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            lock.acquire()
        except Timeout:
            raise Busy(out_dir) from None
    try:
        yield
    finally:
        lock.release()


def write_part(root: Path, number: int, frames: dict[str, pd.DataFrame]) -> None:
    """Store one chunk as part `number`; its `documents` part goes last, making the
    chunk count. Workers call it too: writing the same part again is harmless."""
    name = f"{number:0{PART_DIGITS}d}.parquet"
    for table in [*DOCUMENT_TABLES[1:], DOCUMENT_TABLES[0]]:
        frame = frames.get(table)
        if frame is not None and not frame.empty:
            with writing(root / table):
                (root / table).mkdir(exist_ok=True)
            dump_parquet(frame, root / table / name)


class PartStore:
    def __init__(self, out_dir: Path) -> None:
        self.root = out_dir / STATE / "parts"
        with writing(self.root):
            self.root.mkdir(parents=True, exist_ok=True)
        numbers = [number for number, _ in self.all_parts()]
        self.next_number = max(numbers, default=0) + 1

    @property
    def log(self) -> Path:
        return self.root.parent / "errors.log"

    @property
    def stamp(self) -> Path:
        return self.root.parent / "fingerprint"

    @property
    def unfinished(self) -> Path:
        """There while the tables are being written: the tables in the output
        folder may then be of two runs, until a run writes them all again."""
        return self.root.parent / UNFINISHED

    @contextmanager
    def exporting(self) -> Iterator[None]:
        with writing(self.unfinished):
            self.unfinished.write_text("the tables are being written\n")
        yield
        self.unfinished.unlink()

    def tidy(self) -> None:
        """Delete the temporary files of killed writers: tables and parts."""
        remove_temporaries(self.root.parent.parent)
        self.remove_temporaries()

    def is_stale(self, current: str) -> bool:
        """Parts exist that another pipeline wrote (or whose writer is unknown)."""
        written = self.stamp.read_text().strip() if self.stamp.exists() else ""
        return written != current and any(self.all_parts())

    def sign(self, current: str) -> None:
        with writing(self.stamp):
            self.stamp.write_text(current + "\n")

    def clear(self) -> None:
        """Delete every part, and the temporary files of parts a killed run left."""
        for _, path in self.all_parts():
            path.unlink()
        self.remove_temporaries()
        self.next_number = 1

    def remove_temporaries(self) -> None:
        for table in [*DOCUMENT_TABLES, REMOVED]:
            remove_temporaries(self.root / table, PART_TEMPORARY)

    def reserve(self) -> int:
        """The number of the next part, for whoever writes it (a worker, or `write`)."""
        number = self.next_number
        self.next_number += 1
        return number

    def write(self, frames: dict[str, pd.DataFrame]) -> None:
        write_part(self.root, self.reserve(), frames)

    def parts(self, table: str) -> Iterator[tuple[int, Path]]:
        """The parts of one table, by number: the files named as `write_part` names
        them. Any other file is not the store's, and is neither read nor deleted."""
        for path in sorted((self.root / table).glob("*.parquet")):
            if PART_NAME.fullmatch(path.name):
                yield int(path.stem), path

    def all_parts(self) -> Iterator[tuple[int, Path]]:
        """Every part, the removals' too: the numbers they take are not given again."""
        for table in [*DOCUMENT_TABLES, REMOVED]:
            yield from self.parts(table)

    def remove(self, doc_ids: list[str]) -> None:
        """Take documents out of the tables: their inputs are gone."""
        (self.root / REMOVED).mkdir(exist_ok=True)
        frame = pd.DataFrame({"doc_id": pd.array(doc_ids, dtype="string")})
        dump_parquet(frame, self.root / REMOVED / f"{self.reserve():0{PART_DIGITS}d}.parquet")

    def live_parts(self) -> dict[str, int]:
        """The newest part holding each `doc_id`, unless a newer one removed it."""
        live: dict[str, int] = {}
        for number, path in self.parts("documents"):
            for doc_id in pd.read_parquet(path, columns=["doc_id"])["doc_id"]:
                live[doc_id] = number
        for number, path in self.parts(REMOVED):
            for doc_id in pd.read_parquet(path, columns=["doc_id"])["doc_id"]:
                if live.get(doc_id, number) < number:
                    del live[doc_id]
        return live

    def read(self, table: str, live: dict[str, int], columns: list[str]) -> pd.DataFrame:
        """Some columns of one table's live rows, ordered by `doc_id`, then as
        written (the whole tables are streamed by `merge`)."""
        frames = []
        for number, path in self.parts(table):
            frame = pd.read_parquet(path, columns=list(dict.fromkeys(["doc_id", *columns])))
            frames.append(live_rows(frame, live, number))
        if not frames:
            return to_frame(table, [])[columns]
        frame = pd.concat(frames, ignore_index=True)
        return to_frame(table, frame.sort_values("doc_id", kind="stable"))[columns]

    def prune(self, live: dict[str, int]) -> None:
        """Delete parts that no longer hold any live row. The removals stay: an
        older part kept for its other documents may hold a removed one."""
        needed = set(live.values())
        for number, path in self.all_parts():
            if path.parent.name != REMOVED and number not in needed:
                path.unlink()


def live_rows(frame: pd.DataFrame, live: dict[str, int], number: int) -> pd.DataFrame:
    """The rows of part `number` that are live: their document's newest part is
    this one. Looked up per distinct `doc_id` (a part holds a few dozen), not
    by turning `live`, which holds the whole run, into a Series for every
    part; a part whose documents are all live, as in a run not resumed, is
    returned as it is, uncopied."""
    ids = frame["doc_id"]
    distinct = ids.unique()
    kept = [doc_id for doc_id in distinct if live.get(doc_id) == number]
    if len(kept) == len(distinct):
        return frame
    return frame[ids.isin(kept)]
