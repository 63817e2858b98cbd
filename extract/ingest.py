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
from datetime import UTC, date, datetime
from pathlib import Path

from .chrome import BODY_WORDS, SITE_DATE, chrome_lines, lines, without_chrome
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
from .published import HEAD_LINES, date_line, glued_date, publication, unglued
from .records import Document

# A release is a few KB. A worker's memory peaks at about 200 MB over its
# models per MB of text (a run of `«`, a token every two bytes; about 100 MB
# for real prose), and a release this long takes most of `--timeout`.
MAX_BYTES = 2_000_000
TEXT_SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}

# The spaces around the line are `[^\S\n]`, not `\s`: a `\s*` there could run
# over many lines from every line start, and a long run of blank lines took
# quadratic time. The matches (and the URLs found) are the same.
SOURCE_URL = re.compile(r"^[^\S\n]*Source URL:\s*<?(?P<url>[^<>\s]+)>?[^\S\n]*$", re.MULTILINE)
YEAR_FOLDER = re.compile(r"(?:^|/)((?:19|20)\d\d)/")  # `2025/06/node-10619`: filed by year
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
    modified: str = ""  # the ISO day the file was last written, when known


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def own_dates(source: Source) -> list[date]:
    """The file's own dates, best first: the year folder it is filed in (as its last
    day: a date it names is on or before it), then the day it was last written."""
    found = []
    folder = YEAR_FOLDER.search(source.path)
    if folder:
        found.append(date(int(folder.group(1)), 12, 31))
    if source.modified:
        found.append(date.fromisoformat(source.modified))
    return found


@dataclass(frozen=True, slots=True)
class Layout:
    """A release's lines as a reader sees them: chrome above the title, the title,
    the head (its date lines) and the body's paragraphs."""

    above: list[str]
    title: str
    head: list[str]
    body: list[str]
    chrome: list[tuple[int, int]]


def layout(text: str) -> Layout:
    """The lines of a text as a reader sees them; the title is the first line that
    is neither chrome nor a date (a date line above it belongs to the head)."""
    chrome = chrome_lines(text)
    dropped = set(chrome)
    found = list(lines(text))
    kept = [line for start, end, line in found if (start, end) not in dropped]
    first = next((i for i, (s, e, _) in enumerate(found) if (s, e) not in dropped), len(found))
    above = [line for _, _, line in found[:first]]
    at = next((i for i, line in enumerate(kept) if date_line(line) is None), len(kept))
    title, rest = (kept[at], kept[:at] + kept[at + 1 :]) if at < len(kept) else ("", kept)
    return Layout(above, title, *split_head(rest), chrome)


def split_head(rest: list[str]) -> tuple[list[str], list[str]]:
    """The lines under the title: the head (its date lines), then the body from its
    first sentence-long line."""
    opens = next((i for i, line in enumerate(rest) if len(line.split()) >= BODY_WORDS), len(rest))
    opens = min(opens, HEAD_LINES)
    return rest[:opens], rest[opens:]


def parse_text(source: Source, text: str, encoding: str) -> Document:
    """A plain-text release: its text as decoded, its chrome masked (see
    `extract.chrome`), its title the first line that is not chrome."""
    page = layout(text)
    published = publication(page.title, page.head, page.above, page.body, own=own_dates(source))
    urls = SOURCE_URL.findall(text)
    return Document(
        doc_id=source.doc_id,
        path=source.path,
        text=text,
        encoding=encoding,
        title=glued_date(page.title)[0],
        published=published.date,
        source_url=urls[-1] if urls else "",
        sha256=source.sha256,
        lang=detect_language(text),
        published_from=published.source,
        published_text=published.text,
        chrome_chars=sum(end - start for start, end in page.chrome),
        chrome=tuple(page.chrome),
    )


def around_title(visible: str, title: str) -> Layout:
    """The page's visible text laid out around its title (the `<h1>`): the lines
    above it, and the head and body under it; `layout` when no line holds it."""
    found = [line for _, _, line in lines(visible)]
    at = next((i for i, line in enumerate(found) if title and line.startswith(title)), None)
    if at is None:
        return layout(visible)
    head, body = split_head(found[at + 1 :])
    above = found[max(0, at - 1) : at]  # a date line right above the title is its own
    if above and date_line(above[0]) is not None and not SITE_DATE.match(above[0]):
        head = above + head
    return Layout(found[:at], found[at], head, body, [])


def parse_html(source: Source) -> Document:
    """A page: its article's text without chrome, its title, and its date from the
    metadata, else as a reader tells it from the page (see `extract.published`)."""
    html, encoding = decode_bytes(source.data, declared_charset(source.data))
    page = parse_page(html)
    text = without_chrome(unglued(page.text))
    if not text:
        raise EmptyInput("no text in html page")
    seen = around_title(page.visible, page.title)
    title = glued_date(page.title or seen.title)[0]
    published = publication(
        seen.title, seen.head, seen.above, seen.body, page.published, own_dates(source), page.marked
    )
    return Document(
        doc_id=source.doc_id,
        path=source.path,
        text=text,
        encoding=encoding,
        title=title,
        published=published.date,
        source_url=page.url,
        sha256=source.sha256,
        lang=detect_language(text),
        published_from=published.source,
        published_text=published.text,
        chrome_chars=max(0, len(page.visible) - len(text)),
    )


def parse_record(source: Source) -> Document:
    """A JSON Lines record: its own title and date, else read from its text as a
    plain-text release's are, whose chrome it masks the same way."""
    record = json.loads(source.data.decode("utf-8"))
    text = record["text"]
    if not text.strip():  # `check_record` refuses these first; a unit from elsewhere may not
        raise EmptyInput("no text: only whitespace")
    page = layout(text)
    meta = str(record.get("published") or "")
    published = publication(page.title, page.head, page.above, page.body, meta)
    return Document(
        doc_id=source.doc_id,
        path=source.path,
        text=text,
        encoding="utf-8",
        title=str(record.get("title") or "").strip() or glued_date(page.title)[0],
        published=published.date,
        source_url=str(record.get("url") or ""),
        sha256=source.sha256,
        lang=detect_language(text),
        published_from=published.source,
        published_text=published.text,
        chrome_chars=sum(end - start for start, end in page.chrome),
        chrome=tuple(page.chrome),
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
    modified = written_on(path)
    if kind == "jsonl":
        if not data.strip():
            raise EmptyInput()
        check_feed(data)
        return split_records(data.lstrip(codecs.BOM_UTF8), doc_id, rel, max_bytes)
    return [Source(doc_id, rel, kind, data, sha256(data), modified=modified)]


def written_on(path: Path) -> str:
    """The day (UTC) the file was last written, '' when it cannot be told."""
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC).date().isoformat()
    except (OSError, OverflowError, ValueError):
        return ""
