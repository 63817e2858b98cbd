import errno
import re
import shutil
import subprocess
import tempfile
from itertools import combinations
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from extract import load
from extract.cli import main
from extract.load import with_categories
from extract.report import PAGE_LIMIT, render_report
from extract.tables import COLUMNS, to_frame

HOSTILE = "<script>document.title = 'взломан'</script><img src=x onerror=alert(1)>"
WINDOW = (1280, 2600)  # wide and tall enough to hold every chart
COPIES = 313  # the sample's 16 releases, 313 times: 5,008 releases


def chromium(page: Path, fragment: str, *options: str) -> subprocess.CompletedProcess:
    binary = shutil.which("chromium")
    assert binary, "chromium is missing: `make test` installs it"
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    command += [f"--window-size={WINDOW[0]},{WINDOW[1]}", "--virtual-time-budget=30000"]
    command += [*options, page.as_uri() + fragment]
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=180)


def render(page: Path, fragment: str = "") -> tuple[HTMLParser, list[str]]:
    """The page as headless Chromium leaves it once its charts are drawn, and the
    console messages it logged (Chromium logs every one, errors included, as
    `INFO:CONSOLE` lines on stderr)."""
    done = chromium(page, fragment, "--enable-logging=stderr", "--v=0", "--dump-dom")
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    dom = HTMLParser(done.stdout)
    assert dom.css_first("body").attributes.get("data-ready") == "true"
    return dom, console


def cells(dom: HTMLParser | Node, selector: str) -> list[str]:
    return [node.text() for node in dom.css(selector)]


def labels(dom: HTMLParser, selector: str) -> list[str]:
    return [node.attributes["aria-label"] for node in dom.css(selector)]


def shown(dom: HTMLParser) -> int:
    return int(dom.css_first("#shown").text())


@pytest.fixture(scope="module")
def report_out(raw_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "out"
    shutil.copytree(raw_out, out)
    assert main(["report", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def tables(report_out: Path) -> dict[str, pd.DataFrame]:
    return load(report_out)


def test_report_summary_counts(report_out: Path, tables: dict[str, pd.DataFrame]) -> None:
    documents = tables["documents"]
    dom, console = render(report_out / "report.html")
    assert console == []
    counts = [int(dom.css_first(f"#n-{name}").text()) for name in ("documents", "ok", "error")]
    assert counts == [len(documents), (documents.status == "ok").sum(), 0] == [16, 16, 0]
    assert int(dom.css_first("#n-duplicate").text()) == 0
    assert cells(dom, "#errors li") == []
    assert [shown(dom), int(dom.css_first("#total").text())] == [66, 66]


def test_report_top_entities_as_bar_charts(report_out: Path) -> None:
    dom, _ = render(report_out / "report.html")
    assert [len(dom.css(f"#top-{kind} .bars path")) for kind in ("PER", "ORG", "LOC")] == [10] * 3
    assert labels(dom, "#top-PER .bars path")[:2] == [
        "Гринкевич Олег Николаевич: 6 releases, 13 mentions",
        "Мартынович Геннадий Сергеевич: 4 releases, 11 mentions",
    ]
    assert cells(dom, "#top-LOC .labels text")[:2] == ["Республика Беларусь (15)", "Минск (10)"]


def test_report_events_paged_and_sorted_by_date_both_ways(
    report_out: Path, tables: dict[str, pd.DataFrame]
) -> None:
    events = tables["events"]
    dates = events.date_start.dropna().dt.strftime("%Y-%m-%d").tolist()
    undated = [""] * int(events.date_start.isna().sum())
    for fragment, newest_first in (("", False), ("#order=newest", True)):
        dom, console = render(report_out / "report.html", fragment)
        assert console == []
        rows = dom.css("#events tbody tr")
        assert [row.attributes["data-date"] for row in rows] == (
            sorted(dates, reverse=newest_first) + undated
        )[:50]
        assert dom.css_first("#events-pager .where").text() == "1–50 of 66"
        order = "newest-first" if newest_first else "oldest-first"
        assert dom.css_first("#events").attributes["data-order"] == order


def test_report_events_as_precise_as_their_dates(report_out: Path) -> None:
    """A month shows as a month, a range both ends; in the timeline a year's bar
    is as much longer than a month's as the year is."""
    dom, _ = render(report_out / "report.html", "#q=заседание%20совместной")
    rows = [cells(row, "td")[:4] for row in dom.css("#events tbody tr")]
    assert rows == [
        ["2014-03-05", "background", "meeting", "Первое заседание совместной рабочей группы"],
        ["2020-11", "background", "meeting", "Первое заседание совместной рабочей группы"],
    ]
    dom, _ = render(report_out / "report.html", "#q=шелковый&type=conference&status=reported")
    forum = "Международный форум «Цифровой Шелковый путь – 2025»"
    assert [cells(row, "td")[:4] for row in dom.css("#events tbody tr")] == [
        ["2025-06-17 – 2025-06-18", "reported", "conference", forum],
    ]
    dom, console = render(report_out / "report.html", "#from=2020-01-01")
    assert console == []
    widths = {}
    for bar in dom.css("#timeline .bars path"):
        width = float(re.match(r"M[\d.]+,[\d.]+h([\d.]+)", bar.attributes["d"]).group(1))
        widths[bar.attributes["aria-label"]] = width
    month = widths["meeting, 2020-11: Первое заседание совместной рабочей группы"]
    year = widths[
        "founding, 2021: создание: Рабочая группа по формированию экосистемы цифровых "
        "транспортных коридоров"
    ]
    assert year / month == pytest.approx(365 / 30, rel=0.001)
    assert widths["award, 2024-05-03: награждение работников связи и информатизации"] == 2


def searched(tables: dict[str, pd.DataFrame], word: str) -> int:
    """The events whose name, place, participants or release's title hold `word`."""
    names = tables["entities"].set_index("entity_id")["name"]
    titles = tables["documents"].set_index("doc_id")["title"]
    who = tables["event_participants"].assign(name=lambda f: f.entity_id.map(names))
    words = who.groupby("event_id")["name"].agg(" ".join)
    events = tables["events"]
    text = (
        events.name + " " + events.location_id.map(names).fillna("") + " "
        + events.doc_id.map(titles).fillna("") + " " + events.event_id.map(words).fillna("")
    )  # fmt: skip
    return int(text.str.lower().str.contains(word).sum())


def test_report_filters(report_out: Path, tables: dict[str, pd.DataFrame]) -> None:
    """Type, status, a date range (the events whose dates overlap it), one entity
    (the events it takes part in or takes place in) and a search, as the page's
    address gives them."""
    events, participants = tables["events"], tables["event_participants"]
    entities = tables["entities"].set_index("entity_id")
    person = entities.index[entities.name == "Гринкевич Олег Николаевич"][0]
    his = set(participants.event_id[participants.entity_id == person])
    june = (events.date_end >= "2025-06-01") & (events.date_start <= "2025-06-30")
    cases = {
        "#type=meeting&type=visit": events.type.isin(["meeting", "visit"]).sum(),
        "#status=reported": (events.status == "reported").sum(),
        "#from=2025-06-01&to=2025-06-30": june.sum(),
        f"#entity={person}": len(his),
        "#q=ВИЗИТ": searched(tables, "визит"),
    }
    assert list(cases.values()) == [29, 40, 7, 5, 9]
    for fragment, expected in cases.items():
        dom, console = render(report_out / "report.html", fragment)
        assert console == []
        assert shown(dom) == expected, fragment
        assert len(dom.css("#events tbody tr")) == expected, fragment
    dom, _ = render(report_out / "report.html", "#status=reported")
    assert {row.attributes["data-status"] for row in dom.css("#events tbody tr")} == {"reported"}
    dom, _ = render(report_out / "report.html", f"#entity={person}")
    assert dom.css_first("#entity-name").text() == "Гринкевич Олег Николаевич"
    assert dom.css_first("#permalink").attributes["href"] == f"#entity={person}"


def test_report_network_links_who_took_part_together(
    report_out: Path, tables: dict[str, pd.DataFrame]
) -> None:
    entities = tables["entities"].set_index("entity_id")
    events = tables["events"]
    signings = set(events.event_id[events.type == "signing"])
    taking_part = tables["event_participants"].join(entities[["type", "name"]], on="entity_id")
    taking_part = taking_part[taking_part.event_id.isin(signings) & (taking_part.type != "LOC")]
    pairs = {
        pair
        for _, group in taking_part.groupby("event_id")
        for pair in combinations(sorted(set(group.entity_id)), 2)
    }
    dom, console = render(report_out / "report.html", "#type=signing")
    assert console == []
    nodes = labels(dom, "#network .nodes path")
    expected = taking_part.drop_duplicates("entity_id")
    assert len(nodes) == len(expected) == 12
    assert len(dom.css("#network .links path")) == len(pairs) == 17
    assert {label.split(":")[0] for label in nodes} == set(expected.name)
    assert "Мартынович Г. С." in cells(dom, "#network .names text")  # a person by initials
    dom, _ = render(report_out / "report.html")
    assert len(dom.css("#network .nodes path")) == 40  # the most active of the 60


def test_report_map_shows_the_events_places(
    report_out: Path, tables: dict[str, pd.DataFrame]
) -> None:
    events = tables["events"]
    entities = tables["entities"].set_index("entity_id")
    places = entities[["name", "lat"]].rename(columns={"name": "place"})
    located = events.join(places, on="location_id").dropna(subset=["lat"])
    counts = located.groupby("place").size().sort_values(ascending=False)
    dom, console = render(report_out / "report.html")
    assert console == []
    assert len(dom.css("#map .countries path")) == 177
    points = labels(dom, "#map .points path")
    assert sorted(points) == sorted(f"{name}: {n} events" for name, n in counts.items())
    assert len(points) == 9
    assert "Минск: 9 events" in points
    assert sorted(cells(dom, "#map .place-names text")) == sorted(counts.index)


def blended(colour: str, opacity: float) -> tuple[int, int, int]:
    """`#rrggbb` drawn at `opacity` over white, as the screen shows it."""
    rgb = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return tuple(round(opacity * part + (1 - opacity) * 255) for part in rgb)


def colour_share(shot: Image.Image, colours: list[tuple[int, int, int]]) -> int:
    """Pixels of any of `colours` in the screenshot, give or take 2 a channel
    (a blend rounds either way)."""
    return sum(
        count
        for count, rgb in shot.getcolors(shot.width * shot.height)
        if any(all(abs(a - b) <= 2 for a, b in zip(rgb, colour, strict=True)) for colour in colours)
    )


def assert_charts_painted(page: Path, tmp_path: Path) -> None:
    """Every chart leaves its colours on the screen: the timeline's bars of
    the first type (Vega's first colour, as dark as the bar's events are
    many), the top people's, organisations' and places' bars (35% over
    white), the network's people and organisations, the map's land and
    places."""
    shot_path = tmp_path / f"{page.stem}.png"
    chromium(page, "", f"--screenshot={shot_path}")
    shot = Image.open(shot_path).convert("RGB")
    assert shot.size == WINDOW
    charts = {
        "timeline": [blended("#4c78a8", opacity) for opacity in (0.6, 0.75, 0.9, 0.95)],
        **{f"top {c}": [blended(c, 0.35)] for c in ("#3b78c2", "#3a9b45", "#e08a1e")},
        **{f"network {c}": [blended(c, 1)] for c in ("#3b78c2", "#3a9b45")},
        **{f"map {c}": [blended(c, 1)] for c in ("#e3e6ea", "#c0392b")},
    }
    painted = {chart: colour_share(shot, colours) for chart, colours in charts.items()}
    assert all(count > 400 for count in painted.values()), painted


def test_report_charts_drawn_on_screen(report_out: Path, tmp_path: Path) -> None:
    assert_charts_painted(report_out / "report.html", tmp_path)


def replicated(tables: dict[str, pd.DataFrame], copies: int) -> dict[str, pd.DataFrame]:
    """A run of `copies` times the releases, each copy a day later than the last:
    the tables of a large run, as the report sees them."""
    grown = {"entities": tables["entities"]}
    for name in set(tables) - {"entities"}:
        parts = []
        for copy in range(copies):
            frame = tables[name].copy()
            for column in ("doc_id", "event_id", "mention_id"):
                if column in frame:
                    frame[column] = f"{copy}/" + frame[column]
            for column in ("date_start", "date_end", "published"):
                if column in frame:
                    frame[column] += pd.Timedelta(days=copy)
            parts.append(frame)
        grown[name] = pd.concat(parts, ignore_index=True)
    return grown


def test_report_of_five_thousand_releases(tables: dict[str, pd.DataFrame], tmp_path: Path) -> None:
    """Under the page limit (5 MB), without the releases' texts, every chart drawn."""
    large = replicated(tables, COPIES)
    assert len(large["documents"]) == 5008
    page = tmp_path / "report.html"
    page.write_text(render_report(large), encoding="utf-8")
    assert page.stat().st_size <= PAGE_LIMIT < 5_000_000
    dom, console = render(page)
    assert console == []
    assert shown(dom) == len(large["events"]) == 66 * COPIES
    assert len(dom.css("#events tbody tr")) == 50
    assert dom.css_first("#releases-pager .where").text() == "1–20 of 5008"
    assert dom.css("#releases .text") == []
    assert dom.css_first("#releases-note").text().startswith("The texts are in documents.csv")
    assert len(dom.css("#network .nodes path")) == 40
    assert len(dom.css("#map .points path")) == 9
    assert 0 < len(dom.css("#timeline .bars path")) < len(large["events"])
    assert_charts_painted(page, tmp_path)


def test_report_releases_highlight_every_mention_and_event(
    report_out: Path, tables: dict[str, pd.DataFrame]
) -> None:
    """A span's edge may cut another span in pieces: each mention's and event's
    pieces, joined in page order, give its words."""
    dom, _ = render(report_out / "report.html")
    assert len(dom.css("#releases article")) == 16
    for tag, table, column in (("mark", "mentions", "mention_id"), ("u", "events", "event_id")):
        pieces: dict[str, str] = {}
        for node in dom.css(f"#releases {tag}"):
            ident = node.attributes["data-id"]
            pieces[ident] = pieces.get(ident, "") + node.text()
        frame = tables[table]
        texts = dict(zip(frame[column], span_texts(frame, tables), strict=True))
        assert pieces == texts
    first = dom.css_first("#releases u.event")
    assert first.attributes["title"] == "award: награждение работников связи и информатизации"


def span_texts(frame: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> list[str]:
    texts = dict(zip(tables["documents"].doc_id, tables["documents"].text, strict=True))
    return [texts[d][s:e] for d, s, e in zip(frame.doc_id, frame.start, frame.end, strict=True)]


def test_report_is_self_contained(report_out: Path) -> None:
    dom, _ = render(report_out / "report.html")
    assert dom.css("link, img, iframe, [src]") == []
    assert len(dom.css("script")) == 4  # Vega, the world's countries, the run, the page's own


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
    assert len(dom.css("script")) == 4 and dom.css("img") == []
    assert dom.css_first("#releases h3").text() == HOSTILE
    assert dom.css_first("#releases mark.LOC").attributes["title"] == HOSTILE
    assert labels(dom, "#top-LOC .bars path") == [f"{HOSTILE}: 1 releases, 1 mentions"]
    assert dom.css("a[href^=javascript]") == []
    assert cells(dom, "#errors li") == [f"b: {HOSTILE}", "c: duplicate of a"]
    assert [dom.css_first(f"#n-{name}").text() for name in ("ok", "error", "duplicate")] == [
        "1",
        "1",
        "1",
    ]


def one_release(text: str, mentions: list[tuple], events: list[tuple]) -> dict:
    """The tables of a release `d` whose mentions are (start, end, type, entity's
    name) and events (start, end, type, name)."""
    return hand_tables(
        {
            "documents": [{"doc_id": "d", "status": "ok", "title": "t", "text": text}],
            "mentions": [
                {"doc_id": "d", "mention_id": f"d#m{n}", "entity_id": f"{kind}-{n}",
                 "type": kind, "start": start, "end": end, "text": text[start:end]}
                for n, (start, end, kind, _) in enumerate(mentions, 1)
            ],
            "entities": [
                {"entity_id": f"{kind}-{n}", "type": kind, "name": name, "n_docs": 1,
                 "n_mentions": 1}
                for n, (_, _, kind, name) in enumerate(mentions, 1)
            ],
            "events": [
                {"doc_id": "d", "event_id": f"d#e{n}", "type": kind, "name": name,
                 "start": start, "end": end, "status": "reported"}
                for n, (start, end, kind, name) in enumerate(events, 1)
            ],
        }
    )  # fmt: skip


HIGHLIGHTS = [
    ("<a>", [], [], "&lt;a&gt;"),
    (
        "в Минске",
        [(2, 8, "LOC", "Минск")],
        [],
        'в <mark class="LOC" title="Минск" data-id="d#m1">Минске</mark>',
    ),
    (
        "Посольство Казахстана",
        [(0, 21, "ORG", "Посольство"), (11, 21, "LOC", "Казахстан")],
        [],
        '<mark class="ORG" title="Посольство" data-id="d#m1">Посольство </mark>'
        '<mark class="ORG" title="Посольство" data-id="d#m1">'
        '<mark class="LOC" title="Казахстан" data-id="d#m2">Казахстана</mark></mark>',
    ),
    (
        "визит в Минск",
        [(8, 13, "LOC", "Минск")],
        [(0, 13, "visit", "визит")],
        '<u class="event" title="visit: визит" data-id="d#e1">визит в </u>'
        '<u class="event" title="visit: визит" data-id="d#e1">'
        '<mark class="LOC" title="Минск" data-id="d#m1">Минск</mark></u>',
    ),
]


@pytest.mark.parametrize(
    ("body", "mentions", "events", "html"),
    HIGHLIGHTS,
    ids=["escape", "one", "place in organisation", "in event"],
)
def test_report_highlight(
    body: str, mentions: list[tuple], events: list[tuple], html: str, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_report(one_release(body, mentions, events)), encoding="utf-8")
    dom, console = render(page)
    assert console == []
    assert dom.css_first("#releases .text").inner_html == html


def test_report_marks_a_place_from_the_dateline(tmp_path: Path) -> None:
    text = "МИНСК, 12 марта. Состоялось совещание. В Гродно прошла встреча."
    tables = one_release(text, [(0, 5, "LOC", "Минск"), (41, 47, "LOC", "Гродно")], [])
    tables["events"] = with_categories(
        "events",
        to_frame(
            "events",
            [
                {"doc_id": "d", "event_id": f"d#e{n}", "type": "meeting", "name": name,
                 "start": start, "end": end, "status": "reported", "location_id": place,
                 "location_from": source}
                for n, (name, start, end, place, source) in enumerate(
                    [("совещание", 28, 37, "LOC-1", "dateline"),
                     ("встреча", 55, 62, "LOC-2", "text")], 1
                )
            ],
        ),
    )  # fmt: skip
    page = tmp_path / "report.html"
    page.write_text(render_report(tables), encoding="utf-8")
    dom, console = render(page)
    assert console == []
    places = [cells(row, "td")[4] for row in dom.css("#events tbody tr")]
    assert places == ["Минск (dateline)", "Гродно"]


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
