"""The batch run: walk a folder, skip what is done, process the rest, write tables.

`run` is what the CLI calls and what a notebook user can call too. It

1. walks the input folder in sorted order, skipping dotfiles, and reads the
   files into `Source` units (a JSON Lines file gives one per record) only as
   the chunks that hold them are due, so a run holds a few chunks of releases,
   never the corpus; a file that cannot be read or is of another type becomes
   an error unit;
2. marks a unit `duplicate` when an earlier unit has the same `sha256`, and
   skips a unit whose `doc_id` already has a row with the same `sha256` (and
   the same duplicate status) from an earlier run, unless `force` or the
   pipeline changed since that run (see `parts.fingerprint`);
3. feeds the rest, in chunks, to worker processes that have the models
   loaded once (forked from this process where that is safe, see
   `start_method`), or to this process when `workers` is 1; a chunk's
   documents are read and scored one by one, their tags decoded together
   (`pipeline.tag_scored`), and finished one by one, each document's whole
   work within `--timeout` (`Budget`); stores each finished chunk as a part
   (see `parts`), and reports failures as `doc_id: message` on stderr, and
   releases not in Russian as `doc_id: warning: ...` (see `extract.lang`);
4. merges the live parts into the contract's tables and writes them,
   streamed (see `merge`), with the help of the idle workers.
"""

import atexit
import itertools
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path, PurePosixPath

import pandas as pd
from threadpoolctl import threadpool_limits
from tqdm import tqdm

from .const import DUPLICATE, ERROR, OK
from .errors import CRASHED, RUN_FAILURES, InputError, TimedOut, escape_name, one_line
from .ingest import (
    MAX_BYTES,
    TEXT_SUFFIXES,
    Source,
    check_feed,
    check_inside,
    parse_source,
    read_sources,
)
from .lang import RUSSIAN
from .merge import merge_tables
from .models import Models, load_models
from .parts import PartStore, fingerprint, locked, write_part
from .pipeline import Scored, Tagged, finish, score, tag_scored
from .records import Result
from .tables import error_rows, result_rows, to_frame

# Documents per task: at least 8, and about 8 tasks per worker, so a large run
# does not pay for hundreds of tiny parts while a small one keeps a smooth bar.
CHUNK, TASKS_PER_WORKER, LARGEST_CHUNK = 8, 8, 64
TIMEOUT = 60.0  # seconds a document may take
JOINT_WORDS = 20_000  # words of the longest document decoded with its chunk's others
THREAD_VARIABLES = (
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one unit: its status, and its records when it was processed."""

    source: Source
    status: str
    error: str = ""
    result: Result | None = None
    trace: str = ""
    warning: str = ""


@dataclass(slots=True)
class Summary:
    ok: int = 0
    failed: int = 0
    duplicate: int = 0
    skipped: int = 0
    removed: int = 0  # stored documents whose input is gone: their rows left the tables
    total: int | None = None  # the units of the run, once known
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, status: str) -> None:
        if status == OK:
            self.ok += 1
        elif status == DUPLICATE:
            self.duplicate += 1
        else:
            self.failed += 1

    def line(self) -> str:
        line = f"{self.ok} ok, {self.failed} failed, {self.duplicate} duplicate"
        return line + (f", {self.removed} removed" if self.removed else "")


@dataclass(frozen=True, slots=True)
class Listing:
    """What walking the input folder found: files, and folders it could not list."""

    files: list[str]  # relative paths with `/`, sorted
    unlisted: dict[str, str]  # folder's relative path and `/` -> why it could not be listed


def walk(in_dir: Path, exclude: Path | None = None) -> Listing:
    """Every file under `in_dir` as its relative path with `/`, sorted, without
    dotfiles or the output folder. Strings, not `Path`s: a run over hundreds of
    thousands of files keeps this list, and a `Path` costs five times more. A
    folder that cannot be listed (its permissions, an I/O error, a path too
    long for the system) is an error unit of its own (`folder_units`)."""
    files = []
    unlisted: dict[str, str] = {}

    def refused(error: OSError) -> None:
        folder = Path(error.filename or in_dir).relative_to(in_dir).as_posix()
        unlisted[folder + "/"] = (error.strerror or str(error)).lower()

    for folder, dirs, names in os.walk(in_dir, onerror=refused):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and Path(folder, d) != exclude)
        prefix = Path(folder).relative_to(in_dir).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        files.extend(prefix + name for name in names if not name.startswith("."))
    return Listing(sorted(files), dict(sorted(unlisted.items())))


def folder_units(unlisted: dict[str, str]) -> Iterator[Source]:
    """An error unit per folder that could not be listed, named by its path and
    `/`, which no file's `doc_id` ends with."""
    for folder, reason in unlisted.items():
        name = escape_name(folder)
        yield Source(name, name, "", b"", "", f"unreadable folder: {reason}")


def doc_ids(rels: list[str]) -> dict[str, str]:
    """`doc_id` per file, unique by construction: its relative path without
    the extension, unless that could name two things, when it keeps it. It
    does when another file has the same path without extension (`x.txt` and
    `x.html`), when another file's whole path is that (`x.txt.html` beside
    `x.txt`), and for a JSON Lines feed whose records (`feed/a`) could meet
    the files of a folder of its name (`feed/a.txt`): `feed.jsonl/a`. A path
    kept whole is no other file's path, and no file lies under a feed's. A
    byte of a name that is not UTF-8 is written `\\xff` (see `escape_name`)."""
    stems = [PurePosixPath(rel).with_suffix("").as_posix() for rel in rels]
    counts = Counter(stems)
    paths = set(rels)
    folders = {parent.as_posix() for rel in rels for parent in PurePosixPath(rel).parents}
    ids = {}
    for rel, stem in zip(rels, stems, strict=True):
        feed = TEXT_SUFFIXES.get(PurePosixPath(rel).suffix.lower()) == "jsonl"
        clash = counts[stem] > 1 or (stem in paths and stem != rel) or (feed and stem in folders)
        ids[rel] = escape_name(rel if clash else stem)
    return ids


def read_units(ids: dict[str, str], in_dir: Path, max_bytes: int = MAX_BYTES) -> Iterator[Source]:
    """The units of the files, read one file at a time as they are asked for."""
    for rel, doc_id in ids.items():
        path, shown = in_dir / rel, escape_name(rel)
        try:
            check_inside(path, in_dir)
            yield from read_sources(path, shown, doc_id, max_bytes)
        except InputError as error:
            yield Source(doc_id, shown, "", b"", "", str(error))


def unit_count(in_dir: Path, rel: str) -> int:
    """How many units a file gives, for the progress bar: a JSON Lines feed's
    non-blank lines, counted without parsing them; 1 for any other file, and
    for a feed that is binary or cannot be read."""
    path = in_dir / rel
    if TEXT_SUFFIXES.get(path.suffix.lower()) != "jsonl":
        return 1
    try:
        check_inside(path, in_dir)
        data = path.read_bytes()
    except (InputError, OSError):
        return 1
    try:
        check_feed(data)
    except InputError:
        return 1
    return max(1, sum(1 for line in data.splitlines() if line.strip()))


def collect(in_dir: Path, exclude: Path | None, max_bytes: int = MAX_BYTES) -> Iterator[Source]:
    listing = walk(in_dir, exclude)
    yield from read_units(doc_ids(listing.files), in_dir, max_bytes)
    yield from folder_units(listing.unlisted)


@contextmanager
def time_limit(seconds: float, budget: float | None = None) -> Iterator[None]:
    """Stop the work after `seconds` (`TimedOut`, naming `budget`, the document's
    whole limit, when given), so a pathological text cannot hang its worker. An
    alarm signal does it, so only in a process's main thread (local workers,
    not Dask's task threads), and between Python steps: a numpy call in
    progress finishes first."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimedOut(budget or seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(slots=True)
class Budget:
    """What is left of one document's `--timeout` (0: none) across the steps of
    its work, which run apart: reading and scoring it, then decoding (with its
    chunk) and finishing it."""

    seconds: float
    spent: float = 0.0

    @contextmanager
    def spend(self) -> Iterator[None]:
        started = time.perf_counter()
        try:
            with time_limit(self.left(), self.seconds):
                yield
        finally:
            self.spent += time.perf_counter() - started

    def left(self) -> float:
        """Seconds left, at least a millisecond (0 stands for no limit)."""
        return max(self.seconds - self.spent, 0.001) if self.seconds else 0


def language_warning(lang: str) -> str:
    """The warning for a release in another language than Russian ('' for none)."""
    return "" if lang in ("", RUSSIAN) else f"warning: not Russian (lang {lang})"


def failure(source: Source, error: Exception) -> Outcome:
    """The error outcome of a unit that raised `error` (called where it is caught)."""
    if isinstance(error, InputError):
        return Outcome(source, ERROR, str(error))
    message = " ".join(f"internal error: {type(error).__name__}: {error}".split())
    return Outcome(source, ERROR, message, trace=traceback.format_exc())


def read_and_score(source: Source, budget: Budget, models: Models) -> Scored | Outcome:
    """A unit's document read, segmented and scored (`pipeline.score`) within
    its budget, or its error outcome."""
    try:
        with budget.spend():
            return score(parse_source(source), models)
    except Exception as error:
        return failure(source, error)


def tag_together(scored: list[Scored], models: Models) -> list[Tagged] | None:
    """The tags of a chunk's scored documents of at most `JOINT_WORDS` words,
    decoded in one pass (`pipeline.tag_scored`), which pads every sequence to
    the longest: bounded so, it takes a few milliseconds and no document's
    budget. `None` if it fails: each document is then decoded alone."""
    try:
        return tag_scored(scored, models)
    except Exception:
        return None


def process_document(
    source: Source, scored: Scored, tagged: Tagged | None, budget: Budget, models: Models
) -> Outcome:
    """Finish one scored document (decoding it first if it is not), within what
    is left of its budget; any failure becomes an error outcome."""
    try:
        with budget.spend():
            if tagged is None:
                tagged = tag_scored([scored], models)[0]
            result = finish(tagged, models)
        return Outcome(source, OK, result=result, warning=language_warning(scored.document.lang))
    except Exception as error:
        return failure(source, error)


def process_sources(sources: list[Source], aliases: Path | None, timeout: float) -> list[Outcome]:
    """Process a chunk's units, in order, each failure its unit's own and each
    unit's whole work (reading, scoring, decoding alone, finishing) within
    `timeout` seconds."""
    models = load_models(aliases)
    budgets = [Budget(timeout) for _ in sources]
    steps = [
        read_and_score(source, budget, models)
        for source, budget in zip(sources, budgets, strict=True)
    ]
    joint = [
        index
        for index, step in enumerate(steps)
        if isinstance(step, Scored) and len(step.scores) <= JOINT_WORDS
    ]
    tagged = tag_together([steps[index] for index in joint], models)
    tags = {} if tagged is None else dict(zip(joint, tagged, strict=True))
    outcomes = []
    for index, (source, budget, step) in enumerate(zip(sources, budgets, steps, strict=True)):
        if isinstance(step, Scored):
            step = process_document(source, step, tags.get(index), budget, models)
        outcomes.append(step)
    return outcomes


def process_chunk(
    sources: list[Source],
    aliases: Path | None = None,
    part: tuple[Path, int] | None = None,
    timeout: float = TIMEOUT,
) -> tuple[list[Outcome], dict[str, pd.DataFrame]]:
    """Process a chunk and turn it into table frames where it ran, in the worker;
    with `part` (the store's folder and a part number) the worker stores them
    too, and returns none. The outcomes come back without their records."""
    outcomes = process_sources(sources, aliases, timeout)
    frames = outcome_frames(outcomes)
    if part is not None:
        write_part(*part, frames)
        frames = {}
    return [replace(outcome, result=None) for outcome in outcomes], frames


class Progress(tqdm):
    """tqdm's bar without its monitor thread. The bar moves with every chunk,
    so the monitor has nothing to wake, and a run with no thread of its own
    can fork its workers (see `start_method`)."""

    monitor_interval = 0


def cap_threads() -> None:
    """One BLAS thread per worker, or the workers fight over the cores.

    Spawned workers (and Dask's) read this environment before they import
    numpy; a forked worker has numpy already, and `start_worker` caps it.
    """
    for variable in THREAD_VARIABLES:
        os.environ.setdefault(variable, "1")


class WorkerPool:
    """A run's local worker processes, started with its first chunk and kept
    until its end, so that they can help with the merge. A pool that broke
    (one of its workers died) is dropped; the next chunk starts a new one."""

    def __init__(self, workers: int, aliases: Path | None) -> None:
        self.workers = workers
        self.aliases = aliases
        self.executor: ProcessPoolExecutor | None = None

    def get(self) -> ProcessPoolExecutor:
        if self.executor is None:
            self.executor = new_pool(self.workers, self.aliases)
        return self.executor

    def drop(self) -> None:
        if self.executor is not None:
            self.executor.shutdown()
            self.executor = None

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exception: object) -> None:
        self.drop()


def map_chunks(
    chunks: Iterable[list[Source]],
    workers: int,
    aliases: Path | None,
    store: PartStore,
    engine: str = "local",
    scheduler: str | None = None,
    task: Callable = process_chunk,
    timeout: float = TIMEOUT,
    pool: WorkerPool | None = None,
) -> Iterator[tuple[list[Outcome], dict[str, pd.DataFrame]]]:
    """Outcomes chunk by chunk, as they finish; at most two chunks queued per
    worker. Local workers write their parts into `store` themselves; the `dask`
    engine sends the chunks to a Dask cluster (`extract.cluster`), whose workers
    may not see the output folder, and returns their frames. A worker that dies
    (killed, out of memory) does not end the run: see `survive`. Local workers
    come from `pool`, which outlives the chunks, or from a pool of their own."""
    if engine == "dask":
        cap_threads()
        from . import cluster  # Dask is an optional dependency

        yield from cluster.map_chunks(chunks, task, workers, scheduler, aliases, timeout, crashed)
        return
    if workers <= 1:
        for chunk in chunks:
            yield task(chunk, aliases, (store.root, store.reserve()), timeout)
        return
    cap_threads()
    with ExitStack() as stack:
        if pool is None:
            pool = stack.enter_context(WorkerPool(workers, aliases))
        chunks = iter(chunks)
        while True:
            lost: list[list[Source]] = []
            pending: dict = {}
            for chunk in chunks:  # no pool is started for a run with nothing to process
                part = (store.root, store.reserve())
                with interrupts_held():
                    pending[pool.get().submit(task, chunk, aliases, part, timeout)] = chunk
                if len(pending) >= 2 * workers:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    yield from finished(done, pending, lost)
                    if lost:
                        break
            if not lost:
                yield from finished(list(pending), pending, lost)
            if not lost:
                return
            pool.drop()
            for chunk in [*lost, *pending.values()]:
                yield from survive(chunk, aliases, store, task, timeout)


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Ctrl-C held back while worker processes may be forked (a pool forks them
    as chunks are submitted): raised inside CPython's fork handlers, logging's
    among them, the `KeyboardInterrupt` would be swallowed and the run would
    go on. It comes as soon as the block ends; workers take it again at once
    (`start_worker`), as a child inherits the signals its parent blocks."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def new_pool(workers: int, aliases: Path | None) -> ProcessPoolExecutor:
    """Worker processes, forked where that is safe (see `start_method`): a
    forked worker starts with this process's modules and models, loaded here
    first, and is ready at once; a spawned one imports and loads them anew,
    which takes it most of a second."""
    method = start_method()
    if method == "fork":
        load_models(aliases)
    context = multiprocessing.get_context(method)
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=start_worker, initargs=(aliases,)
    )


def start_worker(aliases: Path | None) -> None:
    """Load the models once (a forked worker has them already), cap BLAS at
    one thread, and end the worker as soon as the run's process dies: a worker
    left behind by a killed run would go on with its queued chunks and write
    parts into a store that the next run already uses.

    When the pool of spawned workers shuts, each leaves at once (`leave`; a
    forked one always does): freeing its models and caches object by object
    would keep the run waiting for a quarter of a second before it can merge."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=exit_with, args=(parent,), daemon=True).start()
    threadpool_limits(1, user_api="blas")
    load_models(aliases)
    atexit.register(leave)


def start_method() -> str:
    """`fork` on Linux from a process with no other thread, else `spawn`.

    A thread may hold a lock at the moment of the fork, and the child would
    wait for it forever: so a run that shares its process with threads (a
    notebook's kernel, a Dask client) spawns its workers, as does macOS,
    where forking is unsafe whatever the threads."""
    if sys.platform == "linux" and threading.active_count() == 1:
        return "fork"
    return "spawn"


def leave() -> None:
    """End the process without tearing down its interpreter. Registered last, it
    runs first of the exit handlers; a worker's parts are on disk and its
    results sent by then, and only its output streams need flushing."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def exit_with(parent: multiprocessing.process.BaseProcess) -> None:
    parent.join()
    os._exit(1)


def finished(done: Iterable, pending: dict, lost: list[list[Source]]) -> Iterator[tuple]:
    """The results of finished futures; the chunks of those a broken pool lost go
    to `lost`, and every future seen leaves `pending`."""
    for future in done:
        chunk = pending.pop(future)
        try:
            yield future.result()
        except BrokenProcessPool:
            lost.append(chunk)


def survive(
    chunk: list[Source], aliases: Path | None, store: PartStore, task: Callable, timeout: float
) -> Iterator[tuple[list[Outcome], dict[str, pd.DataFrame]]]:
    """A chunk that was in a pool when a worker died: each of its documents again,
    alone in a fresh process, so the one that kills its worker is found and
    reported, and the others are processed."""
    for source in chunk:
        with new_pool(1, aliases) as pool:
            part = (store.root, store.reserve())
            with interrupts_held():
                future = pool.submit(task, [source], aliases, part, timeout)
            try:
                yield future.result()
                continue
            except BrokenProcessPool:
                pass
        yield crashed(source)


def crashed(source: Source) -> tuple[list[Outcome], dict[str, pd.DataFrame]]:
    """The result of a unit that killed the worker processing it, alone."""
    outcome = Outcome(source, ERROR, CRASHED)
    return [outcome], outcome_frames([outcome])


def chunk_size(units: int, workers: int) -> int:
    """Documents per task for a run of `units` files over `workers` (see `CHUNK`)."""
    return min(LARGEST_CHUNK, max(CHUNK, units // (workers * TASKS_PER_WORKER)))


def chop(items: Iterable[Source], size: int) -> Iterator[list[Source]]:
    """Chunks of `size` units, taken from `items` only as each chunk is asked for."""
    items = iter(items)
    while chunk := list(islice(items, size)):
        yield chunk


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
    return {table: to_frame(table, table_rows) for table, table_rows in rows.items()}


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


def lazily(make: Callable[[], list[Decision]]) -> Iterator[Decision]:
    """`make()`'s decisions, made only when the first is asked for."""
    yield from make()


def report(outcome: Outcome, summary: Summary, log: Path) -> None:
    """Count the outcome; print an error or a warning as one line, the `doc_id`
    with its control characters escaped (a file name may hold a newline)."""
    summary.count(outcome.status)
    doc_id = one_line(outcome.source.doc_id)
    if outcome.status == ERROR:
        message = f"{doc_id}: {outcome.error}"
        summary.errors.append(message)
        tqdm.write(message, file=sys.stderr)
    if outcome.warning:
        message = f"{doc_id}: {outcome.warning}"
        summary.warnings.append(message)
        tqdm.write(message, file=sys.stderr)
    if outcome.trace:
        with log.open("a", encoding="utf-8") as file:
            file.write(f"{outcome.source.doc_id}\n{outcome.trace}\n")


def stored_documents(store: PartStore) -> pd.DataFrame:
    columns = ["doc_id", "status", "error", "sha256", "lang"]
    return store.read("documents", store.live_parts(), columns).fillna("")


def run(
    in_dir: Path,
    out_dir: Path,
    workers: int = 1,
    force: bool = False,
    quiet: bool = False,
    parquet: bool = True,
    aliases: Path | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    max_bytes: int = MAX_BYTES,
    timeout: float = TIMEOUT,
    excel: bool = False,
    summary: Summary | None = None,
) -> Summary:
    """Process every release under `in_dir` into the tables in `out_dir`.

    `aliases` is a CSV of abbreviations and full names added to the built-in
    table (see `extract.aliases`). `engine="dask"` runs the chunks on a Dask
    cluster, the one at `scheduler` or a local one (see `extract.cluster`). A
    release over `max_bytes` gets an error row instead of being read, and one
    that takes longer than `timeout` seconds (0: no limit) an error row too.
    `excel` also writes the tables for Excel into `out_dir/excel/` (see `extract.export`).
    `summary`, when given, is counted into as the run goes, so that a caller
    interrupted knows how far it got.
    """
    summary = Summary() if summary is None else summary
    in_dir, out_dir = Path(in_dir).resolve(), Path(out_dir).resolve()
    with locked(out_dir), WorkerPool(workers, aliases) as pool:
        store = PartStore(out_dir)
        store.tidy()
        if store.unfinished.exists():
            print(
                "extract: the last run stopped while writing the tables: writing them all again",
                file=sys.stderr,
            )
        current = fingerprint(aliases)
        if store.is_stale(current) and not force:
            print(
                "extract: the pipeline changed since the last run: processing every document again",
                file=sys.stderr,
            )
            force = True
        if force:
            store.clear()
        store.sign(current)
        listing = walk(in_dir, out_dir)
        ids = doc_ids(listing.files)
        planner = Planner(stored_documents(store))
        summary.total = sum(unit_count(in_dir, rel) for rel in ids) + len(listing.unlisted)
        bar = Progress(
            total=summary.total,
            unit="doc",
            file=sys.stderr,
            disable=quiet or not sys.stderr.isatty(),
        )
        with bar:
            known: list[Outcome] = []

            def todo() -> Iterator[Source]:
                """The units to process; the others are counted and stored on the way."""
                units = itertools.chain(
                    read_units(ids, in_dir, max_bytes), folder_units(listing.unlisted)
                )
                decided = (decision for unit in units for decision in planner.decide(unit))
                for source, outcome, kept in itertools.chain(decided, lazily(planner.rest)):
                    if outcome is None:
                        yield source
                        continue
                    report(outcome, summary, store.log)
                    bar.update(1)
                    summary.skipped += kept
                    if not kept:
                        known.append(outcome)
                    if len(known) >= LARGEST_CHUNK:
                        store.write(outcome_frames(known))
                        known.clear()

            chunks = chop(todo(), chunk_size(len(ids), workers))
            mapped = map_chunks(
                chunks, workers, aliases, store, engine, scheduler, timeout=timeout, pool=pool
            )
            for outcomes, frames in mapped:
                for outcome in outcomes:
                    report(outcome, summary, store.log)
                if frames:
                    store.write(frames)
                bar.update(len(outcomes))
            if known:
                store.write(outcome_frames(known))
        gone = planner.gone()
        if gone:
            store.remove(gone)
            summary.removed = len(gone)
        with store.exporting():
            merge_tables(store, out_dir, parquet, excel, pool.executor)
        return summary
