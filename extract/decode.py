"""Bytes to text, with the encoding detected and named.

Releases arrive from old ministry sites in UTF-8 (with or without a BOM),
UTF-16, cp1251 or koi8-r. The order of checks matters: a byte-order mark is
certain, strict UTF-8 almost certain (cp1251 and koi8-r Cyrillic is never
valid UTF-8), and only then is charset-normalizer asked to choose among the
legacy encodings, which it does by letter statistics.
"""

import codecs

from charset_normalizer import from_bytes

from .errors import BinaryInput, EmptyInput, UnknownEncoding

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
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

LEGACY = ["cp1251", "koi8_r", "utf_16_le", "utf_16_be"]


def sniff_binary(data: bytes) -> str | None:
    """The name of a known binary format the bytes start with, if any."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    return None


def detect_legacy(data: bytes) -> str | None:
    match = from_bytes(data, cp_isolation=LEGACY).best()
    if match is None:
        return None
    return codecs.lookup(match.encoding).name


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
    for name in ("utf-8", declared):
        if name:
            try:
                return data.decode(name), codecs.lookup(name).name
            except (UnicodeDecodeError, LookupError):
                pass
    name = detect_legacy(data)
    if name is None:
        if b"\x00" in data:
            raise BinaryInput("not text")
        raise UnknownEncoding()
    return data.decode(name), name
