"""Errors that describe bad input.

Each message is one stable, lower-case line saying what was found, because
it is stored in `documents.error`, printed to stderr and asserted by tests.
"""

import re

CONTROL = re.compile(r"[\x00-\x1f\x7f]")
CRASHED = "the worker processing it died (killed, or out of memory)"
# Failures that say more about the run than about the document's bytes (a
# worker killed, a machine too slow or too busy, a defect since mended): a
# later run tries such a document again, whatever its `sha256`.
RUN_FAILURES = ("internal error: ", "timeout after ", CRASHED)
SURROGATE = re.compile(r"[\ud800-\udfff]")


def one_line(text: str) -> str:
    """`text` with its control characters escaped as Python does (`\\n`), so a
    name taken from the input (a file name, a record id) cannot break a line."""
    return CONTROL.sub(lambda match: repr(match.group())[1:-1], text)


def escape_name(name: str) -> str:
    """A file name as text that every writer takes: a byte that is not UTF-8
    (which `os.walk` hands over as a lone surrogate, `\\udcff`) becomes
    `\\xff`, any other lone surrogate `\\ud800`. Without it the name could not
    be written to Parquet, CSV or a log, and the whole run would stop."""
    return SURROGATE.sub(lambda match: escape_surrogate(match.group()), name)


def escape_surrogate(char: str) -> str:
    code = ord(char)
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


class InputError(Exception):
    """A document that cannot be processed; the batch records it and goes on."""


class UnsupportedType(InputError):
    def __init__(self, suffix: str) -> None:
        super().__init__(f"unsupported file type: {suffix or '(no extension)'}")


class OutsideLink(InputError):
    def __init__(self) -> None:
        super().__init__("symbolic link out of the input folder")


class Unreadable(InputError):
    def __init__(self, reason: str) -> None:
        super().__init__(f"unreadable file: {reason}")


class EmptyInput(InputError):
    def __init__(self, what: str = "empty file") -> None:
        super().__init__(what)


class BinaryInput(InputError):
    def __init__(self, kind: str) -> None:
        super().__init__(f"binary file: {kind}")


class UnknownEncoding(InputError):
    def __init__(self) -> None:
        super().__init__("unknown encoding: not utf-8, utf-16, cp1251 or koi8-r text")


class InvalidUtf8(InputError):
    """Mostly UTF-8, but not all: a broken byte, or text in two encodings."""

    def __init__(self, byte: int, offset: int) -> None:
        super().__init__(f"invalid utf-8: byte 0x{byte:02x} at offset {offset:,}")


class MixedEncoding(InputError):
    """Mostly cp1251 or koi8-r, with UTF-8 text pasted in: one encoding garbles the other."""

    def __init__(self, other: str, offset: int) -> None:
        super().__init__(f"mixed encoding: utf-8 and {other} text (utf-8 at offset {offset:,})")


class TooLarge(InputError):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"too large: {size:,} bytes, over the --max-bytes limit of {limit:,}")


class NestedTooDeep(InputError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"html nested too deep: over {limit:,} levels")


class TimedOut(InputError):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"timeout after {seconds:g} s")


class BadRecord(InputError):
    """A JSON Lines record that is not a release."""


class UsageError(Exception):
    """A command line that cannot start: exit code 2, before any work."""


class Busy(UsageError):
    """Another run holds the output folder: the second refuses, never interleaves."""

    def __init__(self, out_dir: object) -> None:
        super().__init__(f"output folder in use by another run: {out_dir}")


class OutputError(Exception):
    """A file of the output folder that could not be written (a full disk, a
    folder gone read-only): the run stops, with exit code 3. Its arguments are
    its fields, so it crosses from a worker process intact."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"cannot write {self.path}: {self.reason}"
