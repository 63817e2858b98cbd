"""The batch run: walk a folder, skip what is done, process the rest, write tables.

`run` is what the CLI calls and what a notebook user can call too. It

1. walks the input folder in sorted order, skipping dotfiles, names its files
   and reads them into `Source` units only as the chunks that hold them are
   due, so a run holds a few chunks of releases, never the corpus (see
   `inputs`);
2. decides which units need processing: an error or a duplicate is known
   at once, and a unit whose `doc_id` already has a row with the same
   `sha256` from an earlier run keeps it, unless `force` or the pipeline
   changed since that run (see `plan` and `parts.fingerprint`); stored
   documents whose inputs are gone leave the tables;
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
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

import pandas as pd
from threadpoolctl import threadpool_limits
from tqdm import tqdm

from .aliases import load_aliases
from .const import DUPLICATE, ERROR, OK
from .deadline import time_limit
from .errors import one_line
from .export import Formats
from .geo import gazetteer
from .ingest import (
    MAX_BYTES,
    Source,
    parse_source,
)
from .inputs import doc_ids, folder_units, read_units, unit_count, walk
from .merge import merge_tables
from .models import Models, load_models
from .outcomes import Outcome, crashed, failure, language_warning, outcome_frames
from .parts import PartStore, fingerprint, locked, write_part
from .pipeline import Scored, Tagged, finish, score, tag_scored
from .plan import Decision, Planner

# Documents per task: at least 8, and about 8 tasks per worker, so a large run
# does not pay for hundreds of tiny parts while a small one keeps a smooth bar.
CHUNK, TASKS_PER_WORKER, LARGEST_CHUNK = 8, 8, 64
TIMEOUT = 60.0  # seconds a document may take
JOINT_WORDS = 20_000  # words of the longest document decoded with its chunk's others
POSIX_SIGNALS = hasattr(signal, "pthread_sigmask")  # not on Windows, whose workers are spawned
THREAD_VARIABLES = (
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
)


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
    if threading.current_thread() is not threading.main_thread() or not POSIX_SIGNALS:
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
    if POSIX_SIGNALS:
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


def chunk_size(units: int, workers: int) -> int:
    """Documents per task for a run of `units` files over `workers` (see `CHUNK`)."""
    return min(LARGEST_CHUNK, max(CHUNK, units // (workers * TASKS_PER_WORKER)))


def chop(items: Iterable[Source], size: int, units: int, workers: int) -> Iterator[list[Source]]:
    """Chunks of at most `size` units, taken from `items` only as each chunk is
    asked for. The last ones shrink to a share of what is left of the run's
    `units` (down to `CHUNK`), so that the workers finish together rather than
    one idling while another does a whole last chunk (guided scheduling)."""
    items = iter(items)
    left = units
    while chunk := list(islice(items, max(CHUNK, min(size, left // (2 * workers))))):
        left -= len(chunk)
        yield chunk


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
    networks: bool = False,
    csv_exact: bool = False,
    duckdb: bool = False,
    summary: Summary | None = None,
) -> Summary:
    """Process every release under `in_dir` into the tables in `out_dir`.

    `aliases` is a CSV of abbreviations and full names added to the built-in
    table (see `extract.aliases`). `engine="dask"` runs the chunks on a Dask
    cluster, the one at `scheduler` or a local one (see `extract.cluster`). A
    release over `max_bytes` gets an error row instead of being read, and one
    that takes longer than `timeout` seconds (0: no limit) an error row too.
    `excel` also writes the tables as a workbook, `out_dir/extract.xlsx` (see `extract.workbook`),
    `networks` the graphs of who is named and takes part together into
    `out_dir/networks/` (see `extract.networks`). `csv_exact` writes the CSV
    tables without escaping the cells a spreadsheet would run (see `export.Formats`),
    `duckdb` the tables and their joins into `out_dir/extract.duckdb` (see
    `extract.database`).
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
        if workers <= 1 and engine == "local":
            # the chunks are processed here: the places' gazetteer is read before
            # the caches fill, or its passing 40 MB would add to the run's peak
            gazetteer()
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

            chunks = chop(todo(), chunk_size(len(ids), workers), summary.total, workers)
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
            formats = Formats(parquet, csv_exact)
            merge_tables(store, out_dir, formats, pool.executor, load_aliases(aliases))
            # imported only when asked: XlsxWriter, networkx and DuckDB would add
            # their megabytes to every worker of every run
            if excel:
                from .workbook import write_workbook

                write_workbook(out_dir)
            if networks:
                from .networks import write_networks

                write_networks(out_dir)
            if duckdb:
                from .database import write_database

                write_database(out_dir)
        return summary
