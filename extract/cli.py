"""The command line: `extract run IN OUT` and `extract report OUT`.

It parses and validates arguments, calls `batch.run` and maps its summary to
an exit code: 0 when every document is ok, 1 when some failed (after the
summary line), 2 for a usage error, before any work, 3 when a file of the
output folder could not be written (a full disk), 130 when interrupted
(Ctrl-C). Each error is one line on stderr, never a traceback.
"""

import argparse
import importlib.util
import os
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import NoReturn

from .aliases import load_aliases
from .batch import TIMEOUT, Summary, run
from .errors import OutputError, UsageError
from .export import os_reason
from .ingest import MAX_BYTES
from .report import write_report

USAGE_ERROR = 2
WRITE_FAILED = 3  # the output folder could not be written (a full disk)
INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl-C (128 + SIGINT)
# The longest --timeout: far more than any document needs, and inside the longest
# wait of a timer on any system (`threading.TIMEOUT_MAX`: about 4.3 * 10^6 s on Windows).
MAX_TIMEOUT = 1_000_000


ENGINES = ("local", "dask")


class Parser(argparse.ArgumentParser):
    """argparse without its two surprises: an abbreviated option (`--worker 2`) is
    an error, not silently `--workers`, and an error is one `Error:` line with
    exit code 2, as `main`'s own checks give, not the usage text and a
    `SystemExit` (the subcommands' parsers are of this class too)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(allow_abbrev=False, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)")


def installed_version() -> str:
    """The version pip installed (`pyproject.toml`'s), or `unknown` for a
    source tree run without installing it."""
    try:
        return metadata.version("extract")
    except metadata.PackageNotFoundError:
        return "unknown"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = Parser(
        prog="extract",
        description="Turn a folder of Russian press releases into tidy tables.",
    )
    parser.add_argument("--version", action="version", version=f"extract {installed_version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser(
        "run",
        help="process every release in a folder",
        description="Process .txt, .html and .jsonl releases under IN into tables in OUT. "
        "Documents unchanged since the last run on OUT are not processed again.",
    )
    run_parser.add_argument("input", type=Path, metavar="IN", help="folder of releases")
    run_parser.add_argument("output", type=Path, metavar="OUT", help="folder for the tables")
    run_parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes (default: the number of CPUs)",
    )
    run_parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="local",
        help="local processes (default), or a Dask distributed cluster",
    )
    run_parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: the cluster's scheduler (tcp://host:8786); "
        "without it a local cluster of --workers processes is started",
    )
    run_parser.add_argument(
        "--max-bytes",
        type=int,
        default=MAX_BYTES,
        metavar="N",
        help=f"refuse a release over N bytes (default {MAX_BYTES:,})",
    )
    run_parser.add_argument(
        "--timeout",
        type=float,
        default=TIMEOUT,
        metavar="SECONDS",
        help=f"stop a document that takes longer (default {TIMEOUT:g}; 0: no limit)",
    )
    run_parser.add_argument("--force", action="store_true", help="process every document again")
    run_parser.add_argument("--quiet", action="store_true", help="no progress bar")
    run_parser.add_argument("--no-parquet", action="store_true", help="write CSV only")
    run_parser.add_argument(
        "--excel",
        action="store_true",
        help="also write OUT/extract.xlsx: every table on a sheet, text as text, dates as dates",
    )
    run_parser.add_argument(
        "--csv-exact",
        action="store_true",
        help="write the CSV tables for programs: a cell starting with = + - @ is not escaped "
        "with ' (open such files in a spreadsheet only with care)",
    )
    run_parser.add_argument(
        "--duckdb",
        action="store_true",
        help="also write OUT/extract.duckdb: every table, typed, and views of the usual joins",
    )
    run_parser.add_argument(
        "--networks",
        action="store_true",
        help="also write OUT/networks/: who takes part in events and is named in releases "
        "together, as GraphML and edge lists",
    )
    run_parser.add_argument(
        "--aliases",
        type=Path,
        metavar="FILE",
        help=(
            "CSV (alias,type,name) of abbreviations and full names added to the built-in"
            " ones, and of people the run must join (type same) or keep apart (different)"
        ),
    )
    report_parser = commands.add_parser(
        "report",
        help="write OUT/report.html: a run's tables as one page",
        description="Write one self-contained HTML page, OUT/report.html, from the tables "
        "of a run: its summary and errors, filters (search, event types, dates, one entity), "
        "a timeline of the events, the top entities, the network of who took part in events "
        "together, a map of the events' places, the events and the releases with their "
        "entities highlighted. It works offline.",
    )
    report_parser.add_argument("output", type=Path, metavar="OUT", help="folder of a run")
    return parser.parse_args(argv)


def report(output: Path) -> int:
    """`extract report OUT`: a folder that holds no run, or that cannot be
    written, is a usage error, said before anything is read, like `run`'s
    checks; a write that fails on the way (a full disk) is exit code 3, as in `run`."""
    try:
        if not (output / "documents.csv").is_file():
            raise UsageError(f"no run's tables in {output}: run `extract run` first")
        check_writable(output)
    except UsageError as error:
        print(f"Error: {error}", file=sys.stderr)
        return USAGE_ERROR
    try:
        print(f"wrote {write_report(output)}", file=sys.stderr)
    except OutputError as error:
        print(f"Error: {error}", file=sys.stderr)
        return WRITE_FAILED
    return 0


def check_folders(input: Path, output: Path) -> None:
    """The input must be a folder, and apart from the output: a run writing into
    the folder it reads (or into one holding it) would read its own tables and
    report as releases next time. An output inside the input is fine: the walk
    leaves it out."""
    if not input.is_dir():
        raise UsageError(f"input folder not found: {input}")
    source, target = input.resolve(), output.resolve()
    if source == target:
        raise UsageError(f"output folder is the input folder: {output}")
    if target in source.parents:
        raise UsageError(f"input folder inside the output folder: {input} is in {output}")
    check_writable(output)


def check_writable(output: Path) -> None:
    """Create `output` if need be, and a file in it (a read-only folder, or a
    file in the way, is a `UsageError`)."""
    try:
        output.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=output):
            pass
    except OSError as error:
        raise UsageError(f"output folder not writable: {output} ({error.strerror})") from None


def check_numbers(args: argparse.Namespace) -> None:
    """Numbers the run could not use: no worker, no byte, a time limit that is
    negative, not a number or too long for a timer (which would fail every
    document, one by one, rather than the command line once)."""
    if args.workers < 1:
        raise UsageError(f"--workers must be at least 1, got {args.workers}")
    if args.max_bytes < 1:
        raise UsageError(f"--max-bytes must be at least 1, got {args.max_bytes}")
    if not 0 <= args.timeout <= MAX_TIMEOUT:  # False for nan too
        raise UsageError(
            f"--timeout must be 0 (no limit) to {MAX_TIMEOUT:,} seconds, got {args.timeout:g}"
        )


def check_run(args: argparse.Namespace) -> None:
    """Every check of `run`'s command line, before any work (`UsageError`)."""
    check_numbers(args)
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if args.engine == "dask" and importlib.util.find_spec("distributed") is None:
        raise UsageError("--engine dask needs Dask: pip install 'extract[dask]'")
    if args.scheduler:
        from .cluster import check_scheduler  # Dask is an optional dependency

        check_scheduler(args.scheduler)
    check_folders(args.input, args.output)
    load_aliases(args.aliases)  # a bad file is a usage error, found before any work


def interrupted(summary: Summary) -> str:
    """The line for a run stopped by Ctrl-C: how far it got. What it finished is
    stored (`parts`), so the next run takes up from there."""
    done = summary.ok + summary.failed + summary.duplicate
    if summary.total is None:  # stopped before the files and records were counted
        return f"interrupted: {done} documents done (total not known yet); run again to resume"
    return f"interrupted: {done} of {summary.total} documents done; run again to resume"


def start_run(args: argparse.Namespace) -> int:
    """`batch.run` with the checked arguments, and its outcome as an exit code."""
    summary = Summary()
    try:
        run(
            args.input,
            args.output,
            workers=args.workers,
            force=args.force,
            quiet=args.quiet,
            parquet=not args.no_parquet,
            aliases=args.aliases,
            engine=args.engine,
            scheduler=args.scheduler,
            max_bytes=args.max_bytes,
            timeout=args.timeout,
            excel=args.excel,
            networks=args.networks,
            csv_exact=args.csv_exact,
            duckdb=args.duckdb,
            summary=summary,
        )
    except UsageError as error:  # another run holds the output folder
        print(f"Error: {error}", file=sys.stderr)
        return USAGE_ERROR
    except KeyboardInterrupt:
        print(interrupted(summary), file=sys.stderr)
        return INTERRUPTED
    except OSError as error:
        print(f"Error: {os_failure(error, args.output)}", file=sys.stderr)
        return WRITE_FAILED
    except OutputError as error:
        print(f"Error: {error}", file=sys.stderr)
        return WRITE_FAILED
    skipped = f" ({summary.skipped} unchanged, not processed again)" if summary.skipped else ""
    print(summary.line() + skipped, file=sys.stderr)
    return 1 if summary.failed else 0


def os_failure(error: OSError, output: Path) -> str:
    """A system error that stopped a run, which no writer named (a write into
    the output folder almost always): the file it names, or the output folder."""
    return f"cannot access {error.filename or output}: {os_reason(error)}"


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_args(argv)
        if args.command == "run":
            check_run(args)
    except UsageError as error:
        print(f"Error: {error}", file=sys.stderr)
        return USAGE_ERROR
    if args.command == "report":
        return report(args.output)
    return start_run(args)
