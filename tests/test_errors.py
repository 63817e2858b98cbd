import pytest

from extract.errors import escape_name, one_line

NAMES = [
    ("utf-8 name", "2025/Совещание.txt", "2025/Совещание.txt"),
    ("byte not utf-8", "\udcff\udcfe.txt", "\\xff\\xfe.txt"),
    ("cut utf-8 letter", "Минс\udcd0.txt", "Минс\\xd0.txt"),
    ("lone high surrogate", "a\ud800b", "a\\ud800b"),
    ("lone low surrogate", "a\udc00b", "a\\udc00b"),
    ("emoji kept", "😀.txt", "😀.txt"),
]


@pytest.mark.parametrize(("name", "shown"), [n[1:] for n in NAMES], ids=[n[0] for n in NAMES])
def test_errors_escape_name(name: str, shown: str) -> None:
    assert escape_name(name) == shown
    assert escape_name(name).encode("utf-8").decode("utf-8") == shown


def test_errors_one_line() -> None:
    assert one_line("перенос\nстроки\t\x1b") == "перенос\\nстроки\\t\\x1b"
