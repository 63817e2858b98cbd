"""Golden files: what the pipeline finds in each release of `data/raw/`.

`tests/golden/<doc_id>.txt` holds one line per sentence, mention, date,
position, event and event participant, in a format a reviewer can read.
`test_golden.py` compares whole files, so a change shows as a readable diff.
To accept a change after reading it:

    .venv/bin/python -m tests.golden           # show the diff
    .venv/bin/python -m tests.golden --accept  # write it (asks first)
"""

import difflib
import sys
import tempfile
from pathlib import Path

import pandas as pd

from extract import load, run

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
GOLDEN = Path(__file__).resolve().parent / "golden"
PREVIEW = 6  # words of a sentence shown in the file


def render(doc_id: str, tables: dict[str, pd.DataFrame]) -> str:
    """One document's sentences and mentions, checking every offset on the way."""
    documents = tables["documents"].set_index("doc_id")
    text = documents.loc[doc_id, "text"]
    lines = [f"# {doc_id}", f"title: {documents.loc[doc_id, 'title']}"]
    lines.append(f"published: {documents.loc[doc_id, 'published']:%Y-%m-%d}")
    lines.append("## sentences")
    for row in tables["sentences"].query("doc_id == @doc_id").itertuples():
        assert text[row.start : row.end] == row.text, row
        words = row.text.split()
        preview = " ".join(words[:PREVIEW]) + (" …" if len(words) > PREVIEW else "")
        lines.append(f"{row.start:>5} {row.end:>5} {preview}")
    lines.append("## mentions")
    for row in tables["mentions"].query("doc_id == @doc_id").itertuples():
        assert text[row.start : row.end] == row.text, row
        normal = "" if row.normal == row.text else f" -> {row.normal}"
        lines.append(f"{row.type} {row.start:>5} {row.end:>5} {row.text}{normal}")
    lines.append("## dates")
    for row in tables["dates"].query("doc_id == @doc_id").itertuples():
        assert text[row.start : row.end] == row.text, row
        precision = "" if pd.isna(row.precision) else row.precision
        values = " ".join(v for v in (day(row.date_start), day(row.date_end), precision) if v)
        kind = "" if row.kind == "date" else f" ({row.kind})"
        lines.append(f"{row.start:>5} {row.end:>5} {row.text} -> {values or '?'}{kind}")
    lines.append("## positions")
    keys = dict(zip(tables["mentions"].entity_id, tables["mentions"].entity_key, strict=True))
    for row in tables["positions"].query("doc_id == @doc_id").itertuples():
        org = "" if pd.isna(row.org_id) else keys.get(row.org_id, row.org_id)
        lines.append(f"{row.start:>5} {row.end:>5} {keys[row.person_id]} | {row.position} | {org}")
    lines.append("## events")
    roles = tables["event_participants"]
    for row in tables["events"].query("doc_id == @doc_id").itertuples():
        when = " ".join(dict.fromkeys(v for v in (day(row.date_start), day(row.date_end)) if v))
        where = "" if pd.isna(row.location_id) else keys.get(row.location_id, row.location_id)
        online = " online" if row.online else ""
        lines.append(
            f"{row.start:>5} {row.end:>5} {row.type} | {row.name} | {when} | {where}{online}"
        )
        for part in roles[roles.event_id == row.event_id].itertuples():
            lines.append(f"      {part.role} {keys.get(part.entity_id, part.entity_id)}")
    return "\n".join(lines) + "\n"


def day(value: object) -> str:
    return "" if pd.isna(value) else f"{value:%Y-%m-%d}"


def golden_path(doc_id: str) -> Path:
    return GOLDEN / f"{doc_id}.txt"


def rendered(out: Path) -> dict[str, str]:
    tables = load(out)
    return {doc_id: render(doc_id, tables) for doc_id in tables["documents"].doc_id}


def golden_ids() -> list[str]:
    return sorted(
        path.relative_to(GOLDEN).with_suffix("").as_posix() for path in GOLDEN.rglob("*.txt")
    )


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as out:
        run(RAW, Path(out), workers=1, quiet=True)
        pages = rendered(Path(out))
    changed = {}
    for doc_id, text in pages.items():
        path = golden_path(doc_id)
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if old != text:
            changed[path] = text
            sys.stdout.writelines(
                difflib.unified_diff(
                    old.splitlines(True), text.splitlines(True), str(path), str(path)
                )
            )
    if not changed:
        print("golden files are up to date")
        return 0
    if "--accept" not in argv:
        return 1
    if not sys.stdin.isatty() or input(f"write {len(changed)} files? [y/N] ").strip() != "y":
        print("not written")
        return 1
    for path, text in changed.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
