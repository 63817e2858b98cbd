"""Input files to `Document`s: encodings, HTML pages, JSON Lines, header lines.

Reading is split in two so the batch can hash before it parses: `read_sources`
turns one file into raw `Source` units (a JSON Lines file gives one per line)
in the main process, and `parse_source` turns a unit into a `Document` in a
worker. Both raise `InputError` with a one-line message for bad input.

A plain-text release keeps its text exactly as decoded, so offsets index the
file; its metadata comes from its own lines: the title is the first non-empty
line, a line holding only a date near the top is the publication date, and a
`Source URL: <...>` line is the source URL.
"""

import codecs
import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .const import MONTH_STEMS
from .decode import decode_bytes, sniff_binary
from .errors import (
    SURROGATE,
    BadRecord,
    BinaryInput,
    EmptyInput,
    OutsideLink,
    TooLarge,
    Unreadable,
    UnsupportedType,
    escape_name,
    one_line,
)
from .htmltext import declared_charset, parse_page
from .lang import detect_language
from .records import Document

# A release is a few KB. A worker's memory peaks at about 200 MB over its
# models per MB of text (a run of `«`, a token every two bytes; about 100 MB
# for real prose), and a release this long takes most of `--timeout`.
MAX_BYTES = 2_000_000
TEXT_SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}

MONTH = r"(?P<month>[а-яё]+)"
DATE_FORMS = (
    r"(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>\d{4})",
    r"(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})",
    rf"(?P<day>\d{{1,2}})\s+{MONTH}\s+(?P<year>\d{{4}})(?:\s*(?:г\.|года?))?",
)
DATE_LINE = re.compile(
    r"^\s*(?:(?:дата публикации|опубликовано|дата)\s*:\s*)?(?:"
    + "|".join(re.sub(r"\?P<\w+>", "?:", form) for form in DATE_FORMS)
    + r")(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$",
    re.IGNORECASE,
)
# The spaces around the line are `[^\S\n]`, not `\s`: a `\s*` there could run
# over many lines from every line start, and a long run of blank lines took
# quadratic time. The matches (and the URLs found) are the same.
SOURCE_URL = re.compile(r"^[^\S\n]*Source URL:\s*<?(?P<url>[^<>\s]+)>?[^\S\n]*$", re.MULTILINE)
HEADER_LINES = 5  # how many non-empty lines after the title may hold the date
STRING_FIELDS = ("id", "title", "text", "published", "url")  # the ones read of a record
MAX_ID = 200  # characters of a record id, which every row of the record repeats
FEED_HEAD = 8_000  # bytes of a feed searched for NULs, as git does to tell binary files


@dataclass(frozen=True, slots=True)
class Source:
    """One document's raw bytes, before decoding: the unit the batch hashes."""

    doc_id: str
    path: str
    kind: str
    data: bytes
    sha256: str
    error: str = ""  # set when the unit failed before parsing (a bad JSON line)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def month_number(word: str) -> int | None:
    word = word.lower()
    for stem, number in MONTH_STEMS.items():
        if word.startswith(stem) and (stem != "ма" or word in ("мая", "май", "мае")):
            return number
    return None


def parse_date(text: str) -> str:
    """An ISO date from a whole date string (`19.06.2025`, `19 июня 2025 г.`), else ''."""
    for form in DATE_FORMS:
        match = re.match(rf"\s*{form}", text, re.IGNORECASE)
        if match is None:
            continue
        parts = match.groupdict()
        month = int(parts["mon"]) if parts.get("mon") else month_number(parts["month"])
        try:
            return date(int(parts["year"]), month or 0, int(parts["day"])).isoformat()
        except ValueError:
            return ""
    return ""


def find_published(lines: list[str]) -> str:
    for line in lines[:HEADER_LINES]:
        if DATE_LINE.match(line):
            return parse_date(re.sub(r"^[^:\d]*:\s*", "", line.strip()))
    return ""


def parse_text(source: Source, text: str, encoding: str) -> Document:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    urls = SOURCE_URL.findall(text)
    return Document(
        doc_id=source.doc_id,
        path=source.path,
        text=text,
        encoding=encoding,
        title=lines[0] if lines else "",
        published=find_published(lines[1:]),
        source_url=urls[-1] if urls else "",
        sha256=source.sha256,
        lang=detect_language(text),
    )


def parse_html(source: Source) -> Document:
    html, encoding = decode_bytes(source.data, declared_charset(source.data))
    page = parse_page(html)
    if not page.text:
        raise EmptyInput("no text in html page")
    return Document(
        doc_id=source.doc_id,
        path=source.path,
        text=page.text,
        encoding=encoding,
        title=page.title,
        published=parse_date(page.published),
        source_url=page.url,
        sha256=source.sha256,
        lang=detect_language(page.text),
    )


def parse_record(source: Source) -> Document:
    record = json.loads(source.data.decode("utf-8"))
    text = record["text"]
    if not text.strip():  # `check_record` refuses these first; a unit from elsewhere may not
        raise EmptyInput("no text: only whitespace")
    return Document(
        doc_id=source.doc_id,
        path=source.path,
        text=text,
        encoding="utf-8",
        title=str(record.get("title") or "").strip() or text.strip().splitlines()[0].strip(),
        published=parse_date(str(record.get("published") or "")),
        source_url=str(record.get("url") or ""),
        sha256=source.sha256,
        lang=detect_language(text),
    )


def parse_source(source: Source) -> Document:
    """Decode one unit into a `Document`; raise `InputError` when it holds no release."""
    if source.kind == "html":
        return parse_html(source)
    if source.kind == "jsonl":
        return parse_record(source)
    text, encoding = decode_bytes(source.data)
    if not text.strip():
        raise EmptyInput("no text: only whitespace")
    return parse_text(source, text, encoding)


def check_record(line: bytes, number: int) -> str:
    """Validate one JSON Lines record and return its id ('' when it has none).

    JSON may escape half of a surrogate pair alone (`"\\ud800"`): such a string
    is no text, and no writer (Parquet, CSV, stderr) takes it, so a record with
    one in a field it uses is an error row. An id is copied into every row of
    its record: one over `MAX_ID` characters would multiply the output. Every
    error here is a `BadRecord`, as any other would stop the whole run: this
    runs where the feed is read, not in a worker."""
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadRecord(f"invalid json on line {number}: not utf-8") from None
    except json.JSONDecodeError as error:
        raise BadRecord(f"invalid json on line {number}: {error.msg}") from None
    except ValueError:  # an integer over the digits Python converts (`sys.int_info`)
        raise BadRecord(f"invalid json on line {number}: integer too long") from None
    except RecursionError:
        raise BadRecord(f"invalid json on line {number}: nested too deeply") from None
    if not isinstance(record, dict):
        raise BadRecord(f"invalid record on line {number}: not an object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadRecord(f"invalid record on line {number}: no text")
    for name in STRING_FIELDS:
        if isinstance(record.get(name), str) and SURROGATE.search(record[name]):
            raise BadRecord(f"invalid record on line {number}: lone surrogate in {name}")
    record_id = "" if record.get("id") is None else str(record["id"])
    if len(record_id) > MAX_ID:
        raise BadRecord(f"invalid record on line {number}: id over {MAX_ID} characters")
    return record_id


def safe_id(record_id: str) -> str:
    """A record id usable as the last part of a `doc_id`: no separators, no `..`."""
    cleaned = re.sub(r"[/\\\x00-\x1f]", "_", record_id).strip()
    return "_" if cleaned in ("", ".", "..") else cleaned


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise Unreadable((error.strerror or str(error)).lower()) from None


def kind_of(path: Path) -> str:
    kind = TEXT_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise UnsupportedType(escape_name(path.suffix.lower()))
    return kind


@dataclass(frozen=True, slots=True)
class Line:
    """One non-empty line of a JSON Lines feed, checked."""

    number: int
    data: bytes
    record_id: str  # '' for a record without one, and for a bad line
    error: str = ""


def check_lines(data: bytes, max_bytes: int) -> list[Line]:
    lines = []
    for number, line in enumerate(data.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            if len(line) > max_bytes:
                raise TooLarge(len(line), max_bytes)
            lines.append(Line(number, line, check_record(line, number)))
        except (BadRecord, TooLarge) as error:
            lines.append(Line(number, line, "", str(error)))
    return lines


def name_lines(lines: list[Line]) -> list[tuple[str, str]]:
    """The last part of each line's `doc_id`, and its error.

    A line without an id (or a bad one) is named by its number, and these
    numbers are reserved first, so that such a line keeps the contract's name
    whatever ids other records carry. A record is named by its `safe_id`, unless
    an earlier record or a reserved number has it: then it is an error row
    named by its own number (with `_` added in the one case where a record id
    took that number already), so that every `doc_id` of a feed is unique.
    """
    numbers = {str(line.number) for line in lines if not line.record_id}
    taken = set(numbers)
    names = []
    for line in lines:
        name, error = (safe_id(line.record_id), "") if line.record_id else (str(line.number), "")
        if line.record_id and name in taken:
            shown = one_line(line.record_id)
            error = (
                f"record id on line {line.number} is the number of another line: {shown}"
                if name in numbers
                else f"duplicate record id on line {line.number}: {shown}"
            )
            name = str(line.number)
            while name in taken:
                name += "_"
        taken.add(name)
        names.append((name, line.error or error))
    return names


def split_records(data: bytes, doc_id: str, path: str, max_bytes: int) -> list[Source]:
    """One `Source` per non-empty line; a bad line becomes an errored unit."""
    lines = check_lines(data, max_bytes)
    return [
        Source(f"{doc_id}/{name}", path, "jsonl", line.data, sha256(line.data), error)
        for line, (name, error) in zip(lines, name_lines(lines), strict=True)
    ]


def check_inside(path: Path, root: Path) -> None:
    """Refuse a symbolic link that leads out of the (resolved) input folder: the
    folder is what the user gave, not the files its links name. A link loop
    stays inside and fails to read (`too many levels of symbolic links`)."""
    if not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root)):
        raise OutsideLink()


def file_size(path: Path) -> int:
    """The size on disk, or 0 for a file that cannot be looked at: `read_bytes`
    then says why it cannot be read. A named pipe or a device is refused, as
    reading one could wait for ever or never end."""
    try:
        info = path.stat()
    except OSError:
        return 0
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable("not a regular file")
    return info.st_size


def check_feed(data: bytes) -> None:
    """Refuse a binary file named `.jsonl` as a whole (`BinaryInput`), before it
    is split into thousands of error rows, one per "line": a known format by
    its first bytes, or NUL bytes near the start, where JSON text has none. A
    NUL further on is left to the record that holds it: a feed cut short by a
    crash often ends in them, and its other records are good."""
    kind = sniff_binary(data) or ("nul bytes" if b"\x00" in data[:FEED_HEAD] else None)
    if kind:
        raise BinaryInput(kind)


def read_sources(path: Path, rel: str, doc_id: str, max_bytes: int = MAX_BYTES) -> list[Source]:
    """The units of one input file; raise `InputError` when the file itself is bad.
    A release over `max_bytes` is refused unread (a JSON Lines feed may be larger:
    the limit is its records')."""
    kind = kind_of(path)
    size = file_size(path)
    if kind != "jsonl" and size > max_bytes:
        raise TooLarge(size, max_bytes)
    data = read_bytes(path)
    if kind == "jsonl":
        if not data.strip():
            raise EmptyInput()
        check_feed(data)
        return split_records(data.lstrip(codecs.BOM_UTF8), doc_id, rel, max_bytes)
    return [Source(doc_id, rel, kind, data, sha256(data))]
