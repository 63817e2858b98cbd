import re
from pathlib import Path

import pandas as pd
import pytest

from extract import load
from extract.tables import COLUMNS

from .conftest import RAW, SHARED

CONTRACT_ROW = re.compile(r"^\| `(\w+)` \| [^|]+ \| `([^`]+)` \|$", re.MULTILINE)


def contract() -> dict[str, list[str]]:
    text = (SHARED / "docs" / "TABLES.md").read_text(encoding="utf-8")
    return {name: columns.split(", ") for name, columns in CONTRACT_ROW.findall(text)}


def test_tables_follow_the_contract() -> None:
    tables = contract()
    assert sorted(tables) == sorted(COLUMNS)
    for name, columns in tables.items():
        assert COLUMNS[name][: len(columns)] == columns, name


@pytest.mark.parametrize("table", sorted(COLUMNS))
def test_tables_raw_run_writes_headers_in_order(raw_out: Path, table: str) -> None:
    header = (raw_out / f"{table}.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == ",".join(COLUMNS[table])


def test_tables_raw_run_all_documents_ok(raw_out: Path) -> None:
    documents = load(raw_out)["documents"]
    inputs = sorted(p for p in RAW.rglob("*") if p.is_file())
    assert len(inputs) >= 12
    assert documents.status.tolist() == ["ok"] * len(documents)
    assert len(documents) >= len(inputs)
    assert documents.published.notna().all()
    assert documents.source_url.str.startswith("https://").all()


def test_tables_raw_run_offsets_slice_the_text(raw_out: Path) -> None:
    tables = load(raw_out)
    texts = dict(zip(tables["documents"].doc_id, tables["documents"].text, strict=True))
    for name in ("sentences", "mentions"):
        for row in tables[name].itertuples():
            assert texts[row.doc_id][row.start : row.end] == row.text, (name, row)


def test_tables_raw_run_entities_match_mentions(raw_out: Path) -> None:
    tables = load(raw_out)
    mentions, entities = tables["mentions"], tables["entities"]
    assert set(mentions.entity_id) == set(entities.entity_id)
    counts = mentions.groupby("entity_id").size()
    assert (entities.set_index("entity_id").n_mentions == counts).all()
    assert entities.entity_id.is_unique and mentions.mention_id.is_unique


def test_tables_load_dtypes(raw_out: Path) -> None:
    tables = load(raw_out)
    assert tables["documents"].published.dtype.kind == "M"
    assert tables["mentions"].start.dtype == "Int64"
    assert tables["mentions"].text.dtype == pd.StringDtype()


def test_tables_load_reads_csv_like_parquet(raw_out: Path, tmp_path: Path) -> None:
    for path in raw_out.glob("*.csv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    from_csv, from_parquet = load(tmp_path), load(raw_out)
    for name in COLUMNS:
        pd.testing.assert_frame_equal(from_csv[name], from_parquet[name])
