"""Bytes to text, with the encoding detected and named.

Releases arrive from old ministry sites in UTF-8 (with or without a BOM),
UTF-16, cp1251 or koi8-r. The order of checks matters: a byte-order mark is
certain; NUL bytes mean UTF-16 without a mark (every space and newline of
UTF-16 text has one) or else binary data, never text, because plain ASCII and
Cyrillic UTF-16 would otherwise pass as valid, garbled UTF-8; strict UTF-8 is
then almost certain (cp1251 and koi8-r Cyrillic is never valid UTF-8). Bytes
that are mostly UTF-8 but not all of it (a broken byte, a paragraph pasted
from a cp1251 file) are refused: no single legacy encoding reads them, and a
guessed one would store mojibake. So is the reverse, cp1251 or koi8-r text
with a UTF-8 paragraph pasted in: three UTF-8 Cyrillic letters in a row are
found in it, which neither encoding's own text holds: they read as `РњРёРЅ`
or `п°п╦п╫`, a capital `Р` or `С`, or a `п` or `я`, before a sign or a
box-drawing character, three times over. Only then is charset-normalizer
asked to choose between cp1251 and koi8-r, which it does by letter statistics.
"""

import codecs
import re

from charset_normalizer import from_bytes

from .errors import BinaryInput, EmptyInput, InvalidUtf8, MixedEncoding, UnknownEncoding

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# The charsets a page may declare that are taken at their word: the single-byte
# text encodings of the web's Encoding Standard a Russian page may use (UTF-8
# and UTF-16 are read before any declaration). Another codec's name
# (`unicode_escape`, `rot13`, `hex`) would turn the bytes into other text.
DECLARABLE = frozenset(
    codecs.lookup(name).name
    for name in (
        "cp1251",
        "koi8-r",
        "koi8-u",
        "cp866",
        "iso8859-5",
        "mac-cyrillic",
        "cp1252",
        "iso8859-1",
        "iso8859-2",
        "ascii",
    )
)
# Leading bytes of the binary formats most often dropped into a folder of texts.
MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\x7fELF", "elf"),
    (b"\x1f\x8b", "gzip"),
    (b"\xd0\xcf\x11\xe0", "ms office"),
    (b"Rar!", "rar"),
    (b"7z\xbc\xaf", "7z"),
)

LEGACY = ["cp1251", "koi8_r"]
UTF16 = ("utf-16-le", "utf-16-be")
# What UTF-16 release text holds: controls for line ends and tabs, Latin,
# Cyrillic with its supplement, and general punctuation (dashes, quotes).
TEXT_CHARS = re.compile(r"[\t\n\r\x20-\x7e\xa0-\u052f\u2000-\u206f\u20ac\u2116]")
PLAIN_SHARE = 0.95  # of the characters, for bytes with NULs to be read as UTF-16
UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
UTF8_SHARE = 0.5  # of the bytes over 0x7f inside UTF-8 sequences: meant as UTF-8
# Three Russian letters in a row in UTF-8 (А-п and Ё, р-я and ё)
UTF8_CYRILLIC = re.compile(rb"(?:\xd0[\x81\x90-\xbf]|\xd1[\x80-\x8f\x91]){3,}")


def sniff_binary(data: bytes) -> str | None:
    """The name of a known binary format the bytes start with, if any."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    return None


def read_utf16(data: bytes) -> tuple[str, str] | None:
    """Bytes with NULs as UTF-16 without a byte-order mark, in the byte order
    that gives plain release text, if either does."""
    for name in UTF16:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if len(TEXT_CHARS.findall(text)) >= PLAIN_SHARE * len(text):
            return text, name
    return None


def check_broken_utf8(data: bytes) -> None:
    """Raise `InvalidUtf8` for bytes meant as UTF-8 that are not all UTF-8: most
    of their bytes over 0x7f form UTF-8 sequences, which cp1251 and koi8-r text
    almost never does."""
    high = sum(byte > 0x7F for byte in data)
    inside = sum(len(match) for match in UTF8_SEQUENCE.findall(data))
    if high and inside >= UTF8_SHARE * high:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InvalidUtf8(data[error.start], error.start) from None


def check_mixed(data: bytes) -> None:
    """Raise `MixedEncoding` for bytes not all UTF-8 that hold UTF-8 Cyrillic
    words, naming the encoding of the rest (see the module's docstring)."""
    match = UTF8_CYRILLIC.search(data)
    if match is not None:
        other = detect_legacy(UTF8_CYRILLIC.sub(b"", data))
        raise MixedEncoding(other or "other", match.start())


def detect_legacy(data: bytes) -> str | None:
    match = from_bytes(data, cp_isolation=LEGACY).best()
    if match is None:
        return None
    return codecs.lookup(match.encoding).name


def declarable(name: str) -> str | None:
    """The codec a page's declared charset names, if one of `DECLARABLE`."""
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return codec if codec in DECLARABLE else None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return `(text, encoding)`; raise `InputError` for empty or binary input.

    `declared` is an encoding the container names (an HTML meta charset); it is
    tried after the byte-order mark and strict UTF-8, before detection.
    """
    if not data:
        raise EmptyInput()
    kind = sniff_binary(data)
    if kind:
        raise BinaryInput(kind)
    for bom, name in BOMS:
        if data.startswith(bom):
            return data.decode(name), name
    if b"\x00" in data:
        utf16 = read_utf16(data)
        if utf16 is None:
            raise BinaryInput("nul bytes")
        return utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        check_broken_utf8(data)
        check_mixed(data)
    codec = declarable(declared) if declared else None
    if codec:
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            pass
    name = detect_legacy(data)
    if name is None:
        raise UnknownEncoding()
    return data.decode(name), name
