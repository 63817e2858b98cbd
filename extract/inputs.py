"""The input folder as units: its files listed, named and read.

`walk` lists the files under the input folder (and the folders it could not
list), `doc_ids` names each file, uniquely by construction, and `read_units`
reads them into `Source` units one file at a time, as the batch asks for
them: a JSON Lines file gives one unit per record, and a file that cannot be
read, or is of another type, an error unit.
"""

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import InputError, escape_name
from .ingest import MAX_BYTES, TEXT_SUFFIXES, Source, check_feed, check_inside, read_sources


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
        check_feed(data)
    except (InputError, OSError):
        return 1
    return max(1, sum(1 for line in data.splitlines() if line.strip()))


def collect(in_dir: Path, exclude: Path | None, max_bytes: int = MAX_BYTES) -> Iterator[Source]:
    listing = walk(in_dir, exclude)
    yield from read_units(doc_ids(listing.files), in_dir, max_bytes)
    yield from folder_units(listing.unlisted)
