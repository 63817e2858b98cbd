import codecs

import pytest

from extract.decode import decode_bytes
from extract.errors import BinaryInput, EmptyInput, InvalidUtf8, UnknownEncoding

UNKNOWN = "unknown encoding: not utf-8, utf-16, cp1251 or koi8-r text"
TEXT = "Министр связи провёл совещание в Минске.\r\nСоглашение подписано."

CASES = [
    ("utf-8", TEXT.encode("utf-8"), "utf-8"),
    ("utf-8 bom", codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    ("utf-16 le bom", TEXT.encode("utf-16"), "utf-16"),
    ("utf-16 be bom", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    ("cp1251", TEXT.encode("cp1251"), "cp1251"),
    ("koi8-r", TEXT.encode("koi8-r"), "koi8-r"),
    ("utf-16 le without bom", TEXT.encode("utf-16-le"), "utf-16-le"),
    ("utf-16 be without bom", TEXT.encode("utf-16-be"), "utf-16-be"),
]


@pytest.mark.parametrize(
    ("data", "encoding"), [case[1:] for case in CASES], ids=[c[0] for c in CASES]
)
def test_decode_detects_encoding(data: bytes, encoding: str) -> None:
    assert decode_bytes(data) == (TEXT, encoding)


def test_decode_prefers_declared_charset_over_detection() -> None:
    data = "Встреча".encode("cp1251")
    assert decode_bytes(data, declared="windows-1251") == ("Встреча", "cp1251")


ERRORS = [
    ("empty", b"", EmptyInput, "empty file"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInput, "binary file: png"),
    ("zip", b"PK\x03\x04\x14\x00\x00\x00", BinaryInput, "binary file: zip"),
    ("elf", b"\x7fELF\x02\x01\x01\x00", BinaryInput, "binary file: elf"),
    ("random bytes", bytes(range(256)) * 4, BinaryInput, "binary file: nul bytes"),
    ("nul in utf-8", "Министр\x00связи".encode(), BinaryInput, "binary file: nul bytes"),
    (
        "broken utf-8",
        "Министр".encode() + b"\xff" + "связи".encode(),
        InvalidUtf8,
        "invalid utf-8: byte 0xff at offset 14",
    ),
    ("latin-1", "Café, résumé, naïve, façade.".encode("latin-1"), UnknownEncoding, UNKNOWN),
]


@pytest.mark.parametrize(
    ("data", "error", "message"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS]
)
def test_decode_rejects(data: bytes, error: type, message: str) -> None:
    with pytest.raises(error) as raised:
        decode_bytes(data)
    assert str(raised.value) == message


def test_decode_unknown_encoding_message() -> None:
    assert str(UnknownEncoding()) == UNKNOWN
