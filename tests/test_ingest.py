import gzip
from pathlib import Path

import pytest

from extract.errors import EmptyInput, InputError
from extract.ingest import Source, parse_source, read_sources, sha256

RELEASE = (
    "\ufeffМинистр связи провёл совещание\n"
    "\n"
    "{date}\n"
    "\n"
    "17 июня в Минске прошло совещание.\n"
    "\n"
    "Source URL: <https://mincom.gov.example/news/1>\n"
)


def text_source(text: str, kind: str = "txt") -> Source:
    data = text.encode("utf-8")
    return Source("2025/06/x", "2025/06/x.txt", kind, data, sha256(data))


DATE_LINES = [
    ("19 июня 2025 г.", "2025-06-19"),
    ("19.06.2025", "2025-06-19"),
    ("19.06.2025 14:30", "2025-06-19"),
    ("Дата публикации: 19.06.2025", "2025-06-19"),
    ("Опубликовано: 3 марта 2025 года", "2025-03-03"),
    ("2 мая 2024", "2024-05-02"),
    ("2025-06-19", "2025-06-19"),
    ("31.02.2025", ""),
    ("В июне прошло совещание", ""),
]


@pytest.mark.parametrize(("line", "published"), DATE_LINES, ids=[d[0] for d in DATE_LINES])
def test_ingest_text_header_lines(line: str, published: str) -> None:
    text = RELEASE.format(date=line)
    document = parse_source(text_source(text))
    assert document.text == text[1:]  # the byte-order mark, and nothing else, is dropped
    assert document.encoding == "utf-8-sig"
    assert document.title == "Министр связи провёл совещание"
    assert document.published == published
    assert document.source_url == "https://mincom.gov.example/news/1"


def test_ingest_text_keeps_newlines_exactly() -> None:
    text = "Заголовок\r\n\r\nТекст  с  пробелами.\r\n"
    assert parse_source(text_source(text)).text == text


def test_ingest_whitespace_only_text() -> None:
    with pytest.raises(EmptyInput) as raised:
        parse_source(text_source(" \n\t\n"))
    assert str(raised.value) == "no text: only whitespace"


PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Новости | Министерство связи</title>
<meta property="article:published_time" content="2025-05-14T10:00:00+03:00">
<link rel="canonical" href="https://mincom.gov.example/news/10476">
<script>document.write("реклама")</script><style>p {color: red}</style></head>
<body><header><a href="/">Главная</a></header>
<nav><ul><li><a href="/news">Новости</a></li><li>Контакты</li></ul></nav>
<main><article><h1>Совещание по цифровым навыкам</h1>
<p>13 мая 2025 г. в Минске прошло <b>совещание</b>
   с&nbsp;участием ПРООН.</p>
<p>Министр &laquo;отметил&raquo; важность работы.</p>
<script>track()</script></article></main>
<footer>г. Минск, пр. Независимости, 10</footer></body></html>"""


def test_ingest_html_main_text_and_meta() -> None:
    document = parse_source(text_source(PAGE, "html"))
    assert document.text == (
        "Совещание по цифровым навыкам\n\n"
        "13 мая 2025 г. в Минске прошло совещание с участием ПРООН.\n\n"
        "Министр «отметил» важность работы."
    )
    assert document.title == "Совещание по цифровым навыкам"
    assert document.published == "2025-05-14"
    assert document.source_url == "https://mincom.gov.example/news/10476"
    assert document.encoding == "utf-8"


def test_ingest_broken_html_keeps_its_text() -> None:
    page = "<html><body><p>Министр провёл встречу<div>в Минске<p>с послом</body"
    document = parse_source(text_source(page, "html"))
    assert document.text == "Министр провёл встречу\n\nв Минске\n\nс послом"
    assert document.title == "Министр провёл встречу"  # no `<h1>`, no `<title>`: its first line


def test_ingest_html_in_cp1251_declared() -> None:
    page = (
        '<html><head><meta charset="windows-1251"><title>Встреча</title></head><body><p>Текст</p>'
    )
    data = page.encode("cp1251")
    document = parse_source(Source("p", "p.html", "html", data, sha256(data)))
    assert (document.text, document.title, document.encoding) == ("Текст", "Встреча", "cp1251")


def test_ingest_html_without_text() -> None:
    with pytest.raises(EmptyInput) as raised:
        parse_source(
            text_source("<html><head><script>x()</script></head><body> </body></html>", "html")
        )
    assert str(raised.value) == "no text in html page"


FEED = (
    '{"id": "a-101", "title": "Встреча", "published": "2025-04-02", "url": "https://x.example/1", '
    '"text": "Встреча в Москве.\\n\\nПодробности."}\n'
    "\n"
    '{"text": "Без идентификатора."}\n'
    '{"id": "a-101", "text": "Повтор идентификатора."}\n'
    "{broken json\n"
    '{"id": "../../etc", "text": "Опасный идентификатор."}\n'
    '{"id": 7, "text": ""}\n'
    "[1, 2]\n"
)


def test_ingest_jsonl_units(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(FEED, encoding="utf-8")
    units = [
        (s.doc_id, s.kind, s.error) for s in read_sources(path, "feeds/feed.jsonl", "feeds/feed")
    ]
    assert units == [
        ("feeds/feed/a-101", "jsonl", ""),
        ("feeds/feed/3", "jsonl", ""),
        ("feeds/feed/4", "jsonl", "duplicate record id on line 4: a-101"),
        (
            "feeds/feed/5",
            "jsonl",
            "invalid json on line 5: Expecting property name enclosed in double quotes",
        ),
        ("feeds/feed/.._.._etc", "jsonl", ""),
        ("feeds/feed/7", "jsonl", "invalid record on line 7: no text"),
        ("feeds/feed/8", "jsonl", "invalid record on line 8: not an object"),
    ]


def test_ingest_jsonl_record_fields(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(FEED, encoding="utf-8")
    first, second = (parse_source(unit) for unit in read_sources(path, "feed.jsonl", "feed")[:2])
    assert (first.doc_id, first.path, first.text) == (
        "feed/a-101",
        "feed.jsonl",
        "Встреча в Москве.\n\nПодробности.",
    )
    assert (first.title, first.published, first.source_url) == (
        "Встреча",
        "2025-04-02",
        "https://x.example/1",
    )
    assert (second.title, second.published, second.source_url) == ("Без идентификатора.", "", "")


SURROGATES = (
    '{"id": "\\ud800", "text": "Встреча в Москве."}\n'
    '{"id": "b", "title": "Встреча \\udc80", "text": "Встреча в Минске."}\n'
    '{"id": "c", "text": "Встреча \\udfff в Гродно."}\n'
    '{"id": "d", "published": "\\ud83d", "text": "Встреча в Бресте."}\n'
    '{"id": "e", "url": "https://x.example/\\ude00", "text": "Встреча в Гомеле."}\n'
    '{"id": "\\ud83d\\ude00", "title": ["\\ud800"], "text": "Встреча \\ud83d\\ude00 в Орше."}\n'
)


def test_ingest_jsonl_lone_surrogates(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(SURROGATES, encoding="utf-8")
    units = read_sources(path, "feed.jsonl", "feed")
    assert [(s.doc_id, s.error) for s in units] == [
        ("feed/1", "invalid record on line 1: lone surrogate in id"),
        ("feed/2", "invalid record on line 2: lone surrogate in title"),
        ("feed/3", "invalid record on line 3: lone surrogate in text"),
        ("feed/4", "invalid record on line 4: lone surrogate in published"),
        ("feed/5", "invalid record on line 5: lone surrogate in url"),
        ("feed/😀", ""),
    ]
    document = parse_source(units[-1])
    assert (document.text, document.title) == ("Встреча 😀 в Орше.", "['\\ud800']")


LONG_IDS = (
    '{"id": "' + "я" * 200 + '", "text": "Встреча в Москве."}\n'
    '{"id": "' + "я" * 201 + '", "text": "Встреча в Минске."}\n'
    '{"id": ' + "9" * 201 + ', "text": "Встреча в Гродно."}\n'
)


def test_ingest_jsonl_id_over_200_characters(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(LONG_IDS, encoding="utf-8")
    assert [(s.doc_id, s.error) for s in read_sources(path, "feed.jsonl", "feed")] == [
        ("feed/" + "я" * 200, ""),
        ("feed/2", "invalid record on line 2: id over 200 characters"),
        ("feed/3", "invalid record on line 3: id over 200 characters"),
    ]


JSON_ERRORS = [
    ("integer too long", '{"id": 1' + "0" * 5000 + ', "text": "x"}', "integer too long"),
    ("nested too deeply", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
]


@pytest.mark.parametrize(
    ("line", "message"), [e[1:] for e in JSON_ERRORS], ids=[e[0] for e in JSON_ERRORS]
)
def test_ingest_jsonl_what_json_cannot_read(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(line + '\n{"text": "Встреча в Москве."}\n', encoding="utf-8")
    assert [(s.doc_id, s.error) for s in read_sources(path, "feed.jsonl", "feed")] == [
        ("feed/1", f"invalid json on line 1: {message}"),
        ("feed/2", ""),
    ]


def test_ingest_jsonl_nul_bytes_late_are_the_records_own(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(('{"text": "Встреча в Москве."}\n' * 300).encode() + bytes(100))
    units = read_sources(path, "feed.jsonl", "feed")
    assert (len(units), units[-1].doc_id, units[-1].error) == (
        301,
        "feed/301",
        "invalid json on line 301: Expecting value",
    )


FILE_ERRORS = [
    ("gzip.jsonl", gzip.compress(b'{"text": "x"}\n' * 1000, mtime=0), "binary file: gzip"),
    ("png.jsonl", b"\x89PNG\r\n\x1a\n\n\n", "binary file: png"),
    ("nul.jsonl", b'{"text": "x"}\n\x00\n{"text": "y"}\n', "binary file: nul bytes"),
    ("utf16.jsonl", '{"text": "x"}\n'.encode("utf-16"), "binary file: nul bytes"),
    ("report.docx", b"PK\x03\x04", "unsupported file type: .docx"),
    ("report.\udcff", b"text", "unsupported file type: .\\xff"),
    ("notes", b"text", "unsupported file type: (no extension)"),
    ("empty.jsonl", b"", "empty file"),
]


@pytest.mark.parametrize(("name", "data", "message"), FILE_ERRORS, ids=[e[0] for e in FILE_ERRORS])
def test_ingest_file_errors(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as raised:
        read_sources(path, name, "x")
    assert str(raised.value) == message


def test_ingest_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    path.symlink_to(tmp_path / "missing.txt")
    with pytest.raises(InputError) as raised:
        read_sources(path, "gone.txt", "gone")
    assert str(raised.value) == "unreadable file: no such file or directory"
