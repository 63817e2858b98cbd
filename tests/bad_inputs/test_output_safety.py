"""Names taken from the input cannot lead out of the output folder, and a run
writes nothing anywhere but there.

A JSON Lines record's `id` becomes the last part of its `doc_id`; the
separators and control characters in it become `_`, and an id that is empty,
`.` or `..` after that becomes `_`, so every such `doc_id` is exactly
`<file path without extension>/<one safe part>`. Two ids that are the same
once made safe are a duplicate id.
"""

import json
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from extract import load, run

IDS = [  # per line: the record's id, the doc_id and error it must give
    ("../../etc/x", "feed/.._.._etc_x", None),
    ("/abs", "feed/_abs", None),
    ("a/b", "feed/a_b", None),
    ("a_b", "feed/4", "duplicate record id on line 4: a_b"),
    ("..", "feed/_", None),
    (".", "feed/6", "duplicate record id on line 6: ."),
    ("a\u0000b", "feed/7", "duplicate record id on line 7: a\\x00b"),
    ("a\nb/", "feed/a_b_", None),
    ("c:\\windows\\x", "feed/c:_windows_x", None),
    ("   ", "feed/10", "duplicate record id on line 10:    "),
    ("", "feed/11", None),
    (7, "feed/12", "duplicate record id on line 12: 7"),
    ("-rf", "feed/-rf", None),
    ("16", "feed/14", "record id on line 14 is the number of another line: 16"),
    ("15", "feed/15", None),
    (None, "feed/16", None),
    ("19", "feed/19", None),
    ("x", "feed/x", None),
    ("x", "feed/19_", "duplicate record id on line 19: x"),
]


def make_feed(folder: Path) -> None:
    lines = [
        json.dumps({"id": record_id, "text": f"Министр провёл встречу номер {n} в Минске."})
        for n, (record_id, _, _) in enumerate(IDS)
    ]
    folder.mkdir()
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def tree(root: Path) -> dict[str, bytes | None]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes() if path.is_file() else None
        for path in sorted(root.rglob("*"))
    }


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run over the feed with two workers, its working folder and temporary
    folder watched too."""
    root = tmp_path_factory.mktemp("output-safety")
    make_feed(root / "in")
    for name in ("cwd", "tmp"):
        (root / name).mkdir()
    before = tree(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root / "cwd")
        patch.setenv("TMPDIR", str(root / "tmp"))
        patch.setattr(tempfile, "tempdir", None)
        run(root / "in", root / "out", workers=2, quiet=True)
    after = {name: data for name, data in tree(root).items() if not name.startswith("out")}
    assert after == before
    return root / "out"


def test_output_safety_record_ids(written: Path) -> None:
    documents = load(written)["documents"]
    found = [
        (doc_id, None if pd.isna(error) else error)
        for doc_id, error in zip(documents.doc_id, documents.error, strict=True)
    ]
    assert sorted(found) == sorted((doc_id, error) for _, doc_id, error in IDS)


def test_output_safety_doc_ids_have_one_record_part(written: Path) -> None:
    for doc_id in load(written)["documents"].doc_id:
        file, record = doc_id.split("/")
        assert file == "feed"
        assert record not in ("", ".", "..")
        assert all(char not in record for char in "\\\x00\n")


def test_output_safety_only_tables_and_store_in_the_output(written: Path) -> None:
    names = sorted(path.name for path in written.iterdir())
    tables = ["dates", "documents", "entities", "event_participants", "events", "mentions"]
    tables += ["positions", "sentences"]
    expected = sorted(
        [".extract"] + [f"{t}.csv" for t in tables] + [f"{t}.parquet" for t in tables]
    )
    assert names == expected
