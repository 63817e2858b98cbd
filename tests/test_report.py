import errno
import shutil
import subprocess
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from extract import load
from extract.cli import main
from extract.load import with_categories
from extract.report import Span, highlight, render_report
from extract.tables import COLUMNS, to_frame

HOSTILE = "<script>document.title = 'взломан'</script><img src=x onerror=alert(1)>"


def render(page: Path, fragment: str = "") -> tuple[HTMLParser, list[str]]:
    """The page as headless Chromium leaves it once its script has run, and the
    console messages it logged (Chromium logs every one, errors included, as
    `INFO:CONSOLE` lines on stderr)."""
    chromium = shutil.which("chromium")
    assert chromium, "chromium is missing: `make test` installs it"
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu"]
    command += ["--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri() + fragment]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120)
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return HTMLParser(done.stdout), console


def cells(dom: HTMLParser | Node, selector: str) -> list[str]:
    return [node.text() for node in dom.css(selector)]


@pytest.fixture(scope="module")
def report_out(raw_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "out"
    shutil.copytree(raw_out, out)
    assert main(["report", str(out)]) == 0
    return out


def test_report_summary_counts(report_out: Path) -> None:
    documents = load(report_out)["documents"]
    dom, console = render(report_out / "report.html")
    assert console == []
    counts = [int(dom.css_first(f"#n-{name}").text()) for name in ("documents", "ok", "error")]
    assert counts == [len(documents), (documents.status == "ok").sum(), 0] == [16, 16, 0]
    assert int(dom.css_first("#n-duplicate").text()) == 0
    assert cells(dom, "#errors li") == []


def test_report_top_entities(report_out: Path) -> None:
    dom, _ = render(report_out / "report.html")
    assert [len(dom.css(f"#top-{kind} tr")) for kind in ("PER", "ORG", "LOC")] == [11, 11, 11]
    assert cells(dom, "#top-PER tr:nth-child(2) td") == ["Гринкевич Олег Николаевич", "6", "13"]
    assert cells(dom, "#top-LOC tr:nth-child(2) td") == ["Республика Беларусь", "15", "35"]


def test_report_events_sorted_by_date_both_ways(report_out: Path) -> None:
    events = load(report_out)["events"]
    dates = events.date_start.dropna().dt.strftime("%Y-%m-%d").tolist()
    undated = [""] * int(events.date_start.isna().sum())
    for fragment, newest_first in (("", False), ("#events-newest-first", True)):
        dom, console = render(report_out / "report.html", fragment)
        assert console == []
        rows = dom.css("#events tbody tr")
        assert len(rows) == len(events) == 66
        assert [row.attributes["data-date"] for row in rows] == (
            sorted(dates, reverse=newest_first) + undated
        )
        order = "newest-first" if newest_first else "oldest-first"
        assert dom.css_first("#events").attributes["data-order"] == order


def test_report_events_as_precise_as_their_dates_and_reported_only(report_out: Path) -> None:
    """A month shows as a month, a range both ends; `#events-reported` (or the box)
    hides the planned and background events."""
    events = load(report_out)["events"]
    dom, console = render(report_out / "report.html", "#events-reported")
    assert console == []
    rows = {row.attributes["data-index"]: row for row in dom.css("#events tbody tr")}
    shown = [row for row in rows.values() if "hidden" not in row.attributes]
    assert len(shown) == (events.status == "reported").sum() == 40
    assert {row.attributes["data-status"] for row in shown} == {"reported"}
    dated = {cells(row, "td")[3]: cells(row, "td")[:2] for row in rows.values()}
    assert dated["Первое заседание совместной рабочей группы"] == ["2020-11", "background"]
    forum = "Международный форум «Цифровой Шелковый путь – 2025»"
    assert dated[forum] == ["2025-06-17 – 2025-06-18", "reported"]


def test_report_releases_highlight_every_mention_and_event(report_out: Path) -> None:
    """A span's edge may cut another span in pieces: each mention's and event's
    pieces, joined in page order, give its words."""
    tables = load(report_out)
    dom, _ = render(report_out / "report.html")
    assert len(dom.css("#releases article")) == 16
    for tag, table, column in (("mark", "mentions", "mention_id"), ("u", "events", None)):
        pieces: dict[str, str] = {}
        for node in dom.css(f"#releases {tag}"):
            ident = node.attributes["data-id"]
            pieces[ident] = pieces.get(ident, "") + node.text()
        frame = tables[table]
        texts = dict(zip(frame[column or "event_id"], span_texts(frame, tables), strict=True))
        assert pieces == texts
    first = dom.css_first("#releases u.event")
    assert first.attributes["title"] == "award: награждение работников связи и информатизации"


def span_texts(frame: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> list[str]:
    texts = dict(zip(tables["documents"].doc_id, tables["documents"].text, strict=True))
    return [texts[d][s:e] for d, s, e in zip(frame.doc_id, frame.start, frame.end, strict=True)]


def test_report_is_self_contained(report_out: Path) -> None:
    dom, _ = render(report_out / "report.html")
    assert dom.css("link, img, iframe, [src]") == []
    assert len(dom.css("script")) == 1


def hand_tables(rows: dict[str, list[dict]]) -> dict[str, pd.DataFrame]:
    return {name: with_categories(name, to_frame(name, rows.get(name, []))) for name in COLUMNS}


def test_report_escapes_hostile_text(tmp_path: Path) -> None:
    text = f"{HOSTILE}\nВ Минске прошло совещание."
    start = text.index("Минске")
    tables = hand_tables(
        {
            "documents": [
                {
                    "doc_id": "a",
                    "status": "ok",
                    "title": HOSTILE,
                    "source_url": "javascript:alert(1)",
                    "text": text,
                },
                {"doc_id": "b", "status": "error", "error": HOSTILE},
                {"doc_id": "c", "status": "duplicate", "error": "duplicate of a"},
            ],
            "mentions": [
                {
                    "doc_id": "a",
                    "mention_id": "a#m1",
                    "entity_id": "LOC-1",
                    "type": "LOC",
                    "start": start - 2,
                    "end": start + 6,
                    "text": "в Минске",
                }
            ],
            "entities": [
                {"entity_id": "LOC-1", "type": "LOC", "name": HOSTILE, "n_docs": 1, "n_mentions": 1}
            ],
        }
    )
    page = tmp_path / "report.html"
    page.write_text(render_report(tables), encoding="utf-8")
    dom, console = render(page)
    assert console == []
    assert dom.css_first("title").text() == "extract: report"
    assert len(dom.css("script")) == 1 and dom.css("img") == []
    assert dom.css_first("#releases h3").text() == HOSTILE
    assert dom.css_first("#releases mark.LOC").attributes["title"] == HOSTILE
    assert dom.css("a[href^=javascript]") == []
    assert cells(dom, "#errors li") == [f"b: {HOSTILE}", "c: duplicate of a"]
    assert [dom.css_first(f"#n-{name}").text() for name in ("ok", "error", "duplicate")] == [
        "1",
        "1",
        "1",
    ]


HIGHLIGHTS = [
    ("<a>", [], "&lt;a&gt;"),
    (
        "в Минске",
        [Span(2, 8, "LOC", "Минск", "d#m1")],
        'в <mark class="LOC" title="Минск" data-id="d#m1">Минске</mark>',
    ),
    (
        "Посольство Казахстана",
        [Span(0, 21, "ORG", "Посольство", "d#m1"), Span(11, 21, "LOC", "Казахстан", "d#m2")],
        '<mark class="ORG" title="Посольство" data-id="d#m1">Посольство </mark>'
        '<mark class="ORG" title="Посольство" data-id="d#m1">'
        '<mark class="LOC" title="Казахстан" data-id="d#m2">Казахстана</mark></mark>',
    ),
    (
        "визит в Минск",
        [Span(0, 13, "event", "visit: визит", "d#e1"), Span(8, 13, "LOC", "Минск", "d#m1")],
        '<u class="event" title="visit: визит" data-id="d#e1">визит в </u>'
        '<u class="event" title="visit: визит" data-id="d#e1">'
        '<mark class="LOC" title="Минск" data-id="d#m1">Минск</mark></u>',
    ),
]


@pytest.mark.parametrize(
    ("body", "spans", "html"),
    HIGHLIGHTS,
    ids=["escape", "one", "place in organisation", "in event"],
)
def test_report_highlight(body: str, spans: list[Span], html: str) -> None:
    assert highlight(body, spans) == html


def test_report_says_where_it_wrote(report_out: Path, capsys) -> None:
    assert main(["report", str(report_out)]) == 0
    assert capsys.readouterr().err == f"wrote {report_out / 'report.html'}\n"


def test_report_without_a_run_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert main(["report", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"Error: no run's tables in {tmp_path}: run `extract run` first\n"
    )
    assert not (tmp_path / "report.html").exists()


def test_report_in_a_folder_not_writable_is_a_usage_error(
    report_out: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    out = shutil.copytree(report_out, tmp_path / "out")
    (out / "report.html").unlink()

    def read_only(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "TemporaryFile", read_only)
    assert main(["report", str(out)]) == 2
    assert (
        capsys.readouterr().err == f"Error: output folder not writable: {out} (Permission denied)\n"
    )
    assert not (out / "report.html").exists()


def test_report_on_a_full_disk_is_exit_code_3(
    report_out: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    out = shutil.copytree(report_out, tmp_path / "out")
    (out / "report.html").unlink()

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    assert main(["report", str(out)]) == 3
    assert capsys.readouterr().err == (
        f"Error: cannot write {out / 'report.html'}: No space left on device\n"
    )
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".report")) == []
