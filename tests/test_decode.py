import codecs

import pytest

from extract.decode import decode_bytes
from extract.errors import BinaryInput, EmptyInput, InvalidUtf8, MixedEncoding, UnknownEncoding

UNKNOWN = "unknown encoding: not utf-8, utf-16, cp1251 or koi8-r text"
TEXT = "Министр связи провёл совещание в Минске.\r\nСоглашение подписано."

SIGNS = "ОАО «МТС» — № 5, «СТРУ» и ЁЖ: 19\u00a0июня, 25\u00a0°C.\r\nВсё учтено."
KOI8 = "Режиссёр\u00a0п\u00a0я\u00a0с\u00a0ёлка, 25\u00a0°C.\r\nВсё учтено."
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


# Signs after a capital Р or С (cp1251), or after п or я (koi8-r), are UTF-8
# Cyrillic as bytes; a few in a row must not pass for a pasted UTF-8 paragraph.
SIGN_CASES = [
    ("utf-8 signs", (TEXT + SIGNS).encode("utf-8"), TEXT + SIGNS, "utf-8"),
    ("cp1251 signs", (TEXT + SIGNS).encode("cp1251"), TEXT + SIGNS, "cp1251"),
    ("koi8-r signs", (TEXT + KOI8).encode("koi8-r"), TEXT + KOI8, "koi8-r"),
]


@pytest.mark.parametrize(
    ("data", "text", "encoding"), [c[1:] for c in SIGN_CASES], ids=[c[0] for c in SIGN_CASES]
)
def test_decode_signs_are_not_mixed_encoding(data: bytes, text: str, encoding: str) -> None:
    assert decode_bytes(data) == (text, encoding)


def test_decode_prefers_declared_charset_over_detection() -> None:
    data = "Встреча".encode("cp1251")
    assert decode_bytes(data, declared="windows-1251") == ("Встреча", "cp1251")


@pytest.mark.parametrize("declared", ["unicode_escape", "raw_unicode_escape", "rot13", "no-such"])
def test_decode_ignores_a_declared_codec_that_is_no_text_encoding(declared: str) -> None:
    """A page declaring a codec that is not a web text encoding is decoded as
    if it declared none: `unicode_escape` would read cp1251 as Latin-1."""
    text = "Министр связи провёл совещание в Минске с руководителями организаций."
    assert decode_bytes(text.encode("cp1251"), declared=declared) == (text, "cp1251")


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
    (
        "utf-8 paragraph in cp1251",
        (TEXT + "\r\n").encode("cp1251") + "Участники обсудили планы.".encode(),
        MixedEncoding,
        "mixed encoding: utf-8 and cp1251 text (utf-8 at offset 65)",
    ),
    (
        "utf-8 paragraph in koi8-r",
        (TEXT + "\r\n").encode("koi8-r") + "Обсудили планы.".encode(),
        MixedEncoding,
        "mixed encoding: utf-8 and koi8-r text (utf-8 at offset 65)",
    ),
    (
        "utf-8 word in cp1251",
        (TEXT + " ").encode("cp1251") + "Минск".encode() + (" " + TEXT).encode("cp1251"),
        MixedEncoding,
        "mixed encoding: utf-8 and cp1251 text (utf-8 at offset 64)",
    ),
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
