"""Builders of hostile and broken input files, made in code at test time.

Each `Case` writes its files into an input folder and names the `documents`
rows they must give: `(doc_id, status, error, lang)`. No binary file is kept
in the repository; every byte is made here.
"""

import gzip
import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Row = tuple[str, str | None, str | None, str | None]

FIRSTS = ["Иван", "Сергей", "Анна", "Мария", "Павел", "Ольга", "Дмитрий", "Елена"]
LASTS = ["Петров", "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов"]
RELEASE = "Министр связи Павел Ткач провёл совещание в Минске.\n\n19.06.2025\n\nОбсудили планы.\n"
UNKNOWN = "unknown encoding: not utf-8, utf-16, cp1251 or koi8-r text"
DEFAULT_LIMIT = 2_000_000


@dataclass(frozen=True, slots=True)
class Case:
    """One hostile input: how to make it, and the rows it must give."""

    name: str
    build: Callable[[Path], None]
    rows: tuple[Row, ...]


def write(name: str, data: bytes | str) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8", newline="")
        else:
            path.write_bytes(data)

    return build


def several(*builders: Callable[[Path], None]) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        for builder in builders:
            builder(folder)

    return build


def sparse(name: str, size: int) -> Callable[[Path], None]:
    """A file of `size` bytes made in an instant: a hole, no data written."""

    def build(folder: Path) -> None:
        with (folder / name).open("wb") as file:
            file.truncate(size)

    return build


def link(name: str, target: Callable[[Path], Path]) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        (folder / name).symlink_to(target(folder))

    return build


def fifo(name: str) -> Callable[[Path], None]:
    def build(folder: Path) -> None:
        os.mkfifo(folder / name)

    return build


def outside(folder: Path) -> Path:
    """A real file beside the input folder, that a link in it points to."""
    secret = folder.parent / "secret.txt"
    secret.write_text("Секретный документ вне папки.\n", encoding="utf-8")
    return secret


def outside_folder(folder: Path) -> Path:
    secret = folder.parent / "secret-folder"
    secret.mkdir(exist_ok=True)
    (secret / "inner.txt").write_text(RELEASE, encoding="utf-8")
    return secret


def record(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


BIG_RECORD = record(id="big", text="а" * (DEFAULT_LIMIT // 2 + 1))
FEED = (
    "\n".join(
        [
            record(id="a", text="Министр провёл встречу в Гродно."),
            '{"id": "b", "text": broken',
            record(id="c", text="Посол прибыл в Брест."),
            record(id="a", text="Второй текст с тем же идентификатором."),
            BIG_RECORD,
            record(id="e", text="   "),
            '{"id": "g", "text": 5}',
            "[1, 2, 3]",
        ]
    ).encode()
    + b"\n\xff\xfe{}\n"
)

SURROGATE_FEED = (
    '{"id": "\\ud800", "text": "Министр прибыл в Пинск."}\n'
    '{"id": "t", "title": "\\udc80", "text": "Министр прибыл в Лиду."}\n'
    '{"id": "x", "text": "Министр \\udfff прибыл в Мозырь."}\n'
    '{"id": "pair", "text": "Министр \\ud83d\\ude00 прибыл в Полоцк."}\n'
)

HOSTILE_PAGE = """<!doctype html><html><head>
<title>Визит</title><meta http-equiv="refresh" content="0; url=https://evil.example/">
<link rel="stylesheet" href="https://evil.example/a.css">
<script src="https://evil.example/a.js"></script>
<script>document.body.innerHTML = "ВЗЛОМАНО";</script></head>
<body onload="alert('ВЗЛОМ')"><main>
<p>Посол &laquo;Казахстана&raquo; прибыл в&nbsp;Минск &amp; Гродно &#8212;
&#x41f;&#x43e;&#x441;&#x43e;&#x43b;.</p>
<iframe src="https://evil.example/frame">Текст фрейма</iframe>
<img src="https://evil.example/pixel.gif" onerror="steal()">
<p>Переговоры прошли <a href="javascript:steal()">успешно</a>.<script>steal()</script></p>
<svg><script>steal()</script><text>Текст картинки</text></svg>
<object data="https://evil.example/x.swf"></object>
</main></body></html>"""

ENTITY_BOMB = """<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]><html><body><p>&lol3;</p>
<p>Министр прибыл в Минск.</p></body></html>"""

BELARUSIAN = "Міністр сувязі правёў нараду ў Мінску.\n\nУдзельнікі абмеркавалі супрацоўніцтва.\n"
UKRAINIAN = (
    "Міністр зв'язку провів нараду в Києві.\n\nЇї учасники обговорили співпрацю з Європою.\n"
)
KAZAKH = "Министр Астанада кеңес өткізді.\n\nҚатысушылар ынтымақтастықты талқылады.\n"
ENGLISH = "The minister held a meeting in Minsk.\n\nThe parties discussed cooperation.\n"
EMOJI = "Министр 🇧🇾 Павел Ткач 👨‍👩‍👧 прибыл в Минск 😀.\n\nВстреча прошла 19 июня 2025 г. 👍🏽\n"
COMBINING = (
    "Мини\u0301стр Па\u0301вел Ткач прибы\u0301л в Минск.\n\nВстре\u0301ча прошла́ 19 июня.\n"
)
SOFT_HYPHENS = (
    "Ми\u00adнистр Па\u00adвел Ткач при\u00adбыл в Мин\u00adск.\n\nСо\u00adве\u00adща\u00adние.\n"
)
NBSP = "Министр\u00a0Павел\u00a0Ткач прибыл в\u00a0Минск 19\u00a0июня\u00a02025\u00a0г.\u202f\n"

CASES = [
    Case("zero bytes", write("empty.txt", b""), (("empty", "error", "empty file", None),)),
    Case(
        "only whitespace",
        write("spaces.txt", " \t\r\n\n  \n"),
        (("spaces", "error", "no text: only whitespace", None),),
    ),
    Case(
        "only non-breaking spaces",
        write("nbsp-only.txt", "\u00a0\u2003\u00a0\n"),
        (("nbsp-only", "error", "no text: only whitespace", None),),
    ),
    Case(
        "only a byte-order mark",
        write("bom-only.txt", b"\xef\xbb\xbf"),
        (("bom-only", "error", "no text: only whitespace", None),),
    ),
    Case(
        "png header",
        write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
        (("image", "error", "binary file: png", None),),
    ),
    Case(
        "zip header",
        write("archive.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00"),
        (("archive", "error", "binary file: zip", None),),
    ),
    Case(
        "elf header",
        write("program.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(56)),
        (("program", "error", "binary file: elf", None),),
    ),
    Case(
        "gzip header",
        write("packed.txt", b"\x1f\x8b\x08\x00" + bytes(6)),
        (("packed", "error", "binary file: gzip", None),),
    ),
    Case(
        "png by its name",
        write("picture.png", b"\x89PNG\r\n\x1a\n"),
        (("picture", "error", "unsupported file type: .png", None),),
    ),
    Case(
        "no extension",
        write("README", "Министр прибыл в Минск.\n"),
        (("README", "error", "unsupported file type: (no extension)", None),),
    ),
    Case(
        "nul bytes inside text",
        write("nul.txt", "Министр\x00 связи прибыл в Минск.\n"),
        (("nul", "error", "binary file: nul bytes", None),),
    ),
    Case(
        "random bytes with nul",
        write("noise.txt", bytes(range(256)) * 8),
        (("noise", "error", "binary file: nul bytes", None),),
    ),
    Case(
        "random bytes without nul",
        write("noise2.txt", bytes(range(1, 256)) * 8),
        (("noise2", "error", UNKNOWN, None),),
    ),
    Case(
        "invalid utf-8 byte",
        write("broken.txt", "Министр связи ".encode() + b"\xff" + "прибыл в Минск.".encode()),
        (("broken", "error", "invalid utf-8: byte 0xff at offset 26", None),),
    ),
    Case(
        "utf-8 cut in a letter",
        write("cut.txt", "Министр прибыл в Минск".encode()[:-1]),
        (("cut", "error", "invalid utf-8: byte 0xd0 at offset 39", None),),
    ),
    Case(
        "utf-8 and cp1251 mixed",
        write("mixed.txt", "Министр связи прибыл. ".encode() + "Встреча прошла.".encode("cp1251")),
        (("mixed", "error", "invalid utf-8: byte 0xc2 at offset 40", None),),
    ),
    Case(
        "cp1251 with a utf-8 paragraph",
        write("pasted.txt", RELEASE.encode("cp1251") + "Обсудили сроки.\n".encode()),
        (
            (
                "pasted",
                "error",
                "mixed encoding: utf-8 and cp1251 text (utf-8 at offset 81)",
                None,
            ),
        ),
    ),
    Case(
        "latin-1",
        write("latin1.txt", "Café, résumé, naïve, façade.".encode("latin-1")),
        (("latin1", "error", UNKNOWN, None),),
    ),
    Case(
        "utf-16 le without bom",
        write("utf16le.txt", RELEASE.encode("utf-16-le")),
        (("utf16le", "ok", None, "ru"),),
    ),
    Case(
        "utf-16 be without bom",
        write("utf16be.txt", RELEASE.encode("utf-16-be")),
        (("utf16be", "ok", None, "ru"),),
    ),
    Case(
        "50 MB text file",
        sparse("huge.txt", 50_000_000),
        (
            (
                "huge",
                "error",
                f"too large: 50,000,000 bytes, over the --max-bytes limit of {DEFAULT_LIMIT:,}",
                None,
            ),
        ),
    ),
    Case(
        "one line of 1 MB without spaces",
        write("one-line.txt", "Минск" * 200_000),
        (("one-line", "ok", None, "ru"),),
    ),
    Case(
        "100,000 one-letter words",
        write("letters.txt", "я " * 100_000),
        (("letters", "ok", None, "ru"),),
    ),
    Case(
        "html nested 500 deep, the most parsed",
        write("deep.html", "<div>" * 500 + "Министр прибыл в Минск." + "</div>" * 500),
        (("deep", "ok", None, "ru"),),
    ),
    Case(
        "html nested 501 deep",
        write("deeper.html", "<ul><li>" * 501 + "Министр прибыл в Минск."),
        (("deeper", "error", "html nested too deep: over 500 levels", None),),
    ),
    Case(
        "html nested 200,000 deep: lexbor took 135 s",
        write("deepest.html", "<div></x>" * 200_000),
        (("deepest", "error", "html nested too deep: over 500 levels", None),),
    ),
    Case(
        "html scripts, frames, entities, external references",
        write("hostile.html", HOSTILE_PAGE),
        (("hostile", "ok", None, "ru"),),
    ),
    Case(
        "html entity definitions",
        write("bomb.html", ENTITY_BOMB),
        (("bomb", "ok", None, "ru"),),
    ),
    Case(
        "html with only a script",
        write("script-only.html", "<html><body><script>alert(1)</script></body></html>"),
        (("script-only", "error", "no text in html page", None),),
    ),
    Case(
        "json lines: bad lines among good ones",
        write("feed.jsonl", FEED),
        (
            ("feed/2", "error", "invalid json on line 2: Expecting value", None),
            (
                "feed/5",
                "error",
                f"too large: {len(BIG_RECORD.encode()):,} bytes,"
                f" over the --max-bytes limit of {DEFAULT_LIMIT:,}",
                None,
            ),
            ("feed/6", "error", "invalid record on line 6: no text", None),
            ("feed/7", "error", "invalid record on line 7: no text", None),
            ("feed/8", "error", "invalid record on line 8: not an object", None),
            ("feed/9", "error", "invalid json on line 9: not utf-8", None),
            ("feed/4", "error", "duplicate record id on line 4: a", None),
            ("feed/a", "ok", None, "ru"),
            ("feed/c", "ok", None, "ru"),
        ),
    ),
    Case(
        "json lines: only blank lines",
        write("blank.jsonl", "\n \n\t\n"),
        (("blank", "error", "empty file", None),),
    ),
    Case(
        "json lines: lone surrogates",
        write("surrogates.jsonl", SURROGATE_FEED),
        (
            ("surrogates/1", "error", "invalid record on line 1: lone surrogate in id", None),
            ("surrogates/2", "error", "invalid record on line 2: lone surrogate in title", None),
            ("surrogates/3", "error", "invalid record on line 3: lone surrogate in text", None),
            ("surrogates/pair", "ok", None, "ru"),
        ),
    ),
    Case(
        "json lines: an id of 227 KB",
        write("long-id.jsonl", record(id="x" * 227_000, text="Министр прибыл в Слоним.")),
        (("long-id/1", "error", "invalid record on line 1: id over 200 characters", None),),
    ),
    Case(
        "json lines: an integer of 5,000 digits, arrays 100,000 deep",
        write(
            "deep-json.jsonl",
            '{"id": 1'
            + "0" * 5000
            + ', "text": "Министр прибыл в Несвиж."}\n'
            + "[" * 100_000
            + "]" * 100_000
            + "\n",
        ),
        (
            ("deep-json/1", "error", "invalid json on line 1: integer too long", None),
            ("deep-json/2", "error", "invalid json on line 2: nested too deeply", None),
        ),
    ),
    Case(
        "json lines: gzip data",
        write("feed-gz.jsonl", gzip.compress(random.Random(0).randbytes(200_000), mtime=0)),
        (("feed-gz", "error", "binary file: gzip", None),),
    ),
    Case(
        "file names not in utf-8",
        several(
            write("\udcff\udcfe.txt", RELEASE.replace("планы", "тарифы")),
            write("папка\udcd0/вложенный.txt", RELEASE.replace("планы", "нормы")),
            write("доклад.\udcff", RELEASE),
        ),
        (
            ("папка\\xd0/вложенный", "ok", None, "ru"),
            ("\\xff\\xfe", "ok", None, "ru"),
            ("доклад", "error", "unsupported file type: .\\xff", None),
        ),
    ),
    Case(
        "file name with spaces",
        write("имя с пробелами.txt", RELEASE.replace("Обсудили", "Рассмотрели")),
        (("имя с пробелами", "ok", None, "ru"),),
    ),
    Case(
        "file name with quotes",
        write("""кавычки "двойные" и 'одинарные'.txt""", RELEASE.replace("планы", "итоги")),
        (("""кавычки "двойные" и 'одинарные'""", "ok", None, "ru"),),
    ),
    Case(
        "file name with a newline",
        write("перенос\nстроки.txt", RELEASE.replace("планы", "задачи")),
        (("перенос\nстроки", "ok", None, "ru"),),
    ),
    Case(
        "empty file with a newline in its name",
        write("пустой\nфайл.txt", b""),
        (("пустой\nфайл", "error", "empty file", None),),
    ),
    Case(
        "file names with leading dashes and a formula sign",
        several(
            write("-rf.txt", RELEASE.replace("планы", "сроки")),
            write("--help.txt", RELEASE.replace("планы", "бюджет")),
            write("=cmd.txt", RELEASE.replace("планы", "проекты")),
        ),
        (
            ("--help", "ok", None, "ru"),
            ("-rf", "ok", None, "ru"),
            ("=cmd", "ok", None, "ru"),
        ),
    ),
    Case(
        "upper-case extension",
        write("ЗАГЛАВНЫЕ.TXT", RELEASE.replace("планы", "вопросы")),
        (("ЗАГЛАВНЫЕ", "ok", None, "ru"),),
    ),
    Case(
        "same name, two extensions",
        several(
            write("twin.txt", RELEASE.replace("планы", "отчёт")),
            write("twin.html", "<p>Министр прибыл в Брест.</p>"),
        ),
        (("twin.html", "ok", None, "ru"), ("twin.txt", "ok", None, "ru")),
    ),
    Case("dotfile", write(".hidden.txt", RELEASE), ()),
    Case(
        "symbolic link to a file out of the folder",
        link("outside.txt", outside),
        (("outside", "error", "symbolic link out of the input folder", None),),
    ),
    Case(
        "symbolic link to a system file",
        link("passwd.txt", lambda folder: Path("/etc/passwd")),
        (("passwd", "error", "symbolic link out of the input folder", None),),
    ),
    Case(
        "symbolic link up and back into the folder",
        several(
            write("target.txt", RELEASE.replace("планы", "графики")),
            link("roundabout.txt", lambda folder: folder / ".." / folder.name / "target.txt"),
        ),
        (
            ("roundabout", "ok", None, "ru"),
            ("target", "duplicate", "duplicate of roundabout", None),
        ),
    ),
    Case(
        "symbolic link to a folder out of the folder",
        link("linked-folder", outside_folder),
        (),
    ),
    Case(
        "symbolic link loop",
        several(
            link("loop-a.txt", lambda folder: folder / "loop-b.txt"),
            link("loop-b.txt", lambda folder: folder / "loop-a.txt"),
        ),
        (
            ("loop-a", "error", "unreadable file: too many levels of symbolic links", None),
            ("loop-b", "error", "unreadable file: too many levels of symbolic links", None),
        ),
    ),
    Case(
        "symbolic link to itself",
        link("self.txt", lambda folder: folder / "self.txt"),
        (("self", "error", "unreadable file: too many levels of symbolic links", None),),
    ),
    Case(
        "dangling symbolic link",
        link("dangling.txt", lambda folder: folder / "nowhere.txt"),
        (("dangling", "error", "unreadable file: no such file or directory", None),),
    ),
    Case(
        "named pipe",
        fifo("pipe.txt"),
        (("pipe", "error", "unreadable file: not a regular file", None),),
    ),
    Case("belarusian", write("be.txt", BELARUSIAN), (("be", "ok", None, "be"),)),
    Case("ukrainian", write("uk.txt", UKRAINIAN), (("uk", "ok", None, "uk"),)),
    Case("kazakh", write("kk.txt", KAZAKH), (("kk", "ok", None, "kk"),)),
    Case("english", write("en.txt", ENGLISH), (("en", "ok", None, "en"),)),
    Case(
        "digits only",
        write("digits.txt", "2025 — 19.06 — 100 %\n"),
        (("digits", "ok", None, "und"),),
    ),
    Case("emoji", write("emoji.txt", EMOJI), (("emoji", "ok", None, "ru"),)),
    Case("combining accents", write("accents.txt", COMBINING), (("accents", "ok", None, "ru"),)),
    Case("soft hyphens", write("shy.txt", SOFT_HYPHENS), (("shy", "ok", None, "ru"),)),
    Case("non-breaking spaces", write("nbsp.txt", NBSP), (("nbsp", "ok", None, "ru"),)),
    Case(
        "letters without a unicode name",
        write("tangut.txt", "𗀀𗀁 Министр Павел Ткач прибыл в Минск 𗀂.\n"),
        (("tangut", "ok", None, "ru"),),
    ),
    Case(
        "control characters and bidi overrides",
        write("controls.txt", "Министр\x07 прибыл \x1b[31mв Минск\u202e.\u202c\x0c\n"),
        (("controls", "ok", None, "ru"),),
    ),
    Case(
        "old mac line ends",
        write("cr.txt", RELEASE.replace("\n", "\r").replace("планы", "меры")),
        (("cr", "ok", None, "ru"),),
    ),
    Case(
        "a carriage return in a feed's title",
        write(
            "titled.jsonl",
            '{"id": "t", "title": "Визит\\rв Гродно", "text": "Министр прибыл в Гродно."}\n',
        ),
        (("titled/t", "ok", None, "ru"),),
    ),
    Case(
        "a feed's records beside a folder of the feed's name",
        several(
            write("news.jsonl", '{"id": "a", "text": "Министр прибыл в Пинск."}\n'),
            write("news/a.txt", RELEASE.replace("планы", "поставки")),
        ),
        (("news.jsonl/a", "ok", None, "ru"), ("news/a", "ok", None, "ru")),
    ),
    Case(
        "one name, two extensions",
        several(
            write("twice.txt", RELEASE.replace("планы", "кадры")),
            write("twice.html", "<h1>Визит</h1><p>Посол прибыл в Лиду.</p>"),
        ),
        (("twice.html", "ok", None, "ru"), ("twice.txt", "ok", None, "ru")),
    ),
    Case(
        "a sentence of 1,000 names: 14 s when rules looked at every pair",
        write(
            "names.txt",
            "В совещании участвовали "
            + ", ".join(f"{FIRSTS[n % 8]} {LASTS[n % 7]}" for n in range(1_000))
            + ".\n",
        ),
        (("names", "ok", None, "ru"),),
    ),
    Case(
        "100,000 blank lines between two paragraphs: 110 s for the header rules",
        write("blank-lines.txt", "Министр прибыл в Брест.\n" + "\n \n" * 100_000 + "Итоги.\n"),
        (("blank-lines", "ok", None, "ru"),),
    ),
    Case(
        "4,000 years in one sentence: 63 s to cut it",
        write("years.txt", "Отчёты за " + ", ".join(["2023 г."] * 4_000) + " приняты.\n"),
        (("years", "ok", None, "ru"),),
    ),
    Case(
        "a number of 5,000 digits",
        write("number.txt", RELEASE.replace("планы", "7" * 5000)),
        (("number", "ok", None, "ru"),),
    ),
]
