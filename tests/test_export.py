from pathlib import Path

import pandas as pd
import pytest

from extract.export import Formats, dump_table, escape_cell, replace_atomically, unescape_cell
from extract.load import load_table
from extract.tables import to_frame

CELLS = [
    ("=SUM(A1)", "'=SUM(A1)"),
    ("+375 17 123-45-67", "'+375 17 123-45-67"),
    ("-1", "'-1"),
    ("@home", "'@home"),
    ("\tотступ", "'\tотступ"),
    ("'=уже", "''=уже"),
    ("Минск", "Минск"),
    ("'кавычка", "'кавычка"),
    ("", ""),
]


@pytest.mark.parametrize(("cell", "escaped"), CELLS, ids=[repr(c[0]) for c in CELLS])
def test_export_escape_round_trip(cell: str, escaped: str) -> None:
    assert escape_cell(cell) == escaped
    assert unescape_cell(escaped) == cell


def phone_mention(normal: str) -> pd.DataFrame:
    """A mention whose text a spreadsheet would take for a formula."""
    row = {
        "doc_id": "d",
        "mention_id": "d#m1",
        "entity_id": "ORG-1",
        "type": "ORG",
        "start": 0,
        "end": 16,
        "text": "+375 17 123-45-67",
        "normal": normal,
    }
    return to_frame("mentions", [row])


def test_export_csv_escapes_text_columns_only(tmp_path: Path) -> None:
    dump_table(phone_mention(""), tmp_path, "mentions", Formats(parquet=False))
    assert (tmp_path / "mentions.csv").read_bytes().decode("utf-8") == (
        "doc_id,mention_id,entity_id,type,start,end,text,normal,entity_key\n"
        "d,d#m1,ORG-1,ORG,0,16,'+375 17 123-45-67,,\n"
    )


def test_export_exact_csv_keeps_the_text(tmp_path: Path) -> None:
    dump_table(phone_mention("'=1+1"), tmp_path, "mentions", Formats(exact_csv=True))
    assert (tmp_path / "mentions.csv").read_bytes().decode("utf-8") == (
        "doc_id,mention_id,entity_id,type,start,end,text,normal,entity_key\n"
        "d,d#m1,ORG-1,ORG,0,16,+375 17 123-45-67,'=1+1,\n"
    )
    exact = pd.read_csv(tmp_path / "mentions.csv", dtype=str, keep_default_na=False)
    assert exact[["text", "normal"]].values.tolist() == [["+375 17 123-45-67", "'=1+1"]]
    assert pd.read_parquet(tmp_path / "mentions.parquet")["normal"].tolist() == ["'=1+1"]


def test_export_csv_escaping_undone_by_one_line(tmp_path: Path) -> None:
    """The README's line for pandas users gives back the exact text."""
    dump_table(phone_mention("'=1+1"), tmp_path, "mentions", Formats(parquet=False))
    frame = pd.read_csv(tmp_path / "mentions.csv", dtype=str, keep_default_na=False)
    frame = frame.replace(r"^'('*[=+\-@\t\r])", r"\1", regex=True)
    assert frame[["text", "normal"]].values.tolist() == [["+375 17 123-45-67", "'=1+1"]]


def test_export_dates_as_iso(tmp_path: Path) -> None:
    frame = to_frame("documents", [{"doc_id": "d", "status": "ok", "published": "2025-06-19"}])
    dump_table(frame, tmp_path, "documents", Formats(parquet=False))
    assert (tmp_path / "documents.csv").read_text(encoding="utf-8").splitlines()[1] == (
        "d,,ok,,,,2025-06-19,,,,,,,,"
    )


def test_export_failed_write_keeps_old_file(tmp_path: Path) -> None:
    target = tmp_path / "table.csv"
    target.write_text("old\n", encoding="utf-8")

    def fail(path: Path) -> None:
        path.write_text("half", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        replace_atomically(target, fail)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.csv"]


def test_export_parquet_keeps_exact_text(tmp_path: Path) -> None:
    frame = to_frame(
        "sentences", [{"doc_id": "d", "sent_id": "d#s1", "start": 0, "end": 2, "text": "=1"}]
    )
    dump_table(frame, tmp_path, "sentences")
    assert pd.read_parquet(tmp_path / "sentences.parquet")["text"].tolist() == ["=1"]
    assert (tmp_path / "sentences.csv").read_text(encoding="utf-8").endswith(",'=1\n")


def test_export_csv_and_parquet_by_default(tmp_path: Path) -> None:
    dump_table(to_frame("mentions", []), tmp_path, "mentions")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mentions.csv", "mentions.parquet"]


def test_export_quotes_a_bare_cr(tmp_path: Path) -> None:
    """A CR is not in the `\\n` line end, so the writer would leave it bare and a
    reader would split the row there: its row goes out with every cell quoted."""
    rows = [
        {"doc_id": "d", "sent_id": "d#s1", "start": 0, "end": 9, "text": "Минск\rМир"},
        {"doc_id": "d", "sent_id": "d#s2", "start": 10, "end": 15, "text": "Брест"},
        {"doc_id": "d\r", "sent_id": "d\r#s1", "start": 0, "end": 1, "text": "=1"},
    ]
    dump_table(to_frame("sentences", rows), tmp_path, "sentences")
    assert (tmp_path / "sentences.csv").read_bytes().decode("utf-8") == (
        "doc_id,sent_id,start,end,text\n"
        '"d","d#s1","0","9","Минск\rМир"\n'
        "d,d#s2,10,15,Брест\n"
        '"d\r","d\r#s1","0","1","\'=1"\n'
    )
    (tmp_path / "sentences.parquet").unlink()
    from_csv = load_table(tmp_path, "sentences")
    assert from_csv.equals(to_frame("sentences", rows))
