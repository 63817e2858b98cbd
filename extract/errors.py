"""Errors that describe bad input.

Each message is one stable, lower-case line saying what was found, because
it is stored in `documents.error`, printed to stderr and asserted by tests.
"""

import re

CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def one_line(text: str) -> str:
    """`text` with its control characters escaped as Python does (`\\n`), so a
    name taken from the input (a file name, a record id) cannot break a line."""
    return CONTROL.sub(lambda match: repr(match.group())[1:-1], text)


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
