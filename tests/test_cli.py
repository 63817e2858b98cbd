import errno
import os
import socket
import subprocess
import sys
import threading
import time
import tomllib
from contextlib import ExitStack, suppress
from datetime import datetime
from importlib import metadata
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from extract.aliases import load_aliases
from extract.cli import main
from extract.tables import COLUMNS
from extract.workbook import CUT_MARK

from .test_batch import make_inputs, release


def test_cli_exit_code_is_one_when_some_failed(tmp_path: Path, capsys) -> None:
    make_inputs(tmp_path / "in")
    code = main(["run", str(tmp_path / "in"), str(tmp_path / "out"), "--workers", "1", "--quiet"])
    assert code == 1
    assert capsys.readouterr().err.splitlines()[-1] == "8 ok, 6 failed, 1 duplicate"


def test_cli_exit_code_is_zero_when_all_ok(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(release(1), encoding="utf-8")
    args = ["run", str(tmp_path / "in"), str(tmp_path / "out"), "--workers", "1"]
    assert main(args) == 0
    assert main(args) == 0
    assert capsys.readouterr().err.splitlines() == [
        "1 ok, 0 failed, 0 duplicate",
        "1 ok, 0 failed, 0 duplicate (1 unchanged, not processed again)",
    ]


def test_cli_missing_input_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert main(["run", str(tmp_path / "nope"), str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == f"Error: input folder not found: {tmp_path / 'nope'}\n"
    assert not (tmp_path / "out").exists()


def test_cli_output_not_writable_is_a_usage_error(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "file").write_text("", encoding="utf-8")
    assert main(["run", str(tmp_path / "in"), str(tmp_path / "file" / "out")]) == 2
    assert capsys.readouterr().err == (
        f"Error: output folder not writable: {tmp_path / 'file' / 'out'} (Not a directory)\n"
    )


def test_cli_bad_workers_is_a_usage_error(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    assert main(["run", str(tmp_path / "in"), str(tmp_path / "out"), "--workers", "0"]) == 2
    assert capsys.readouterr().err == "Error: --workers must be at least 1, got 0\n"


def test_cli_abbreviated_option_is_a_usage_error(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    assert main(["run", str(tmp_path / "in"), str(tmp_path / "out"), "--worker", "2"]) == 2
    assert capsys.readouterr().err == (
        "Error: unrecognized arguments: --worker 2 (see extract --help)\n"
    )
    assert not (tmp_path / "out").exists()


def test_cli_bad_argument_is_one_line(capsys) -> None:
    assert main(["run", "in", "out", "--workers", "two"]) == 2
    assert capsys.readouterr().err == (
        "Error: argument --workers: invalid int value: 'two' (see extract run --help)\n"
    )
    assert main(["report"]) == 2
    assert capsys.readouterr().err == (
        "Error: the following arguments are required: OUT (see extract report --help)\n"
    )


BAD_NUMBERS = [
    (["--timeout", "-1"], "--timeout must be 0 (no limit) to 1,000,000 seconds, got -1"),
    (["--timeout", "nan"], "--timeout must be 0 (no limit) to 1,000,000 seconds, got nan"),
    (["--timeout", "inf"], "--timeout must be 0 (no limit) to 1,000,000 seconds, got inf"),
    (["--timeout", "1e12"], "--timeout must be 0 (no limit) to 1,000,000 seconds, got 1e+12"),
    (["--workers", "-2"], "--workers must be at least 1, got -2"),
    (["--max-bytes", "0"], "--max-bytes must be at least 1, got 0"),
    (["--max-bytes", "-5"], "--max-bytes must be at least 1, got -5"),
]


@pytest.mark.parametrize(("option", "message"), BAD_NUMBERS, ids=lambda x: " ".join(x))
def test_cli_bad_number_is_a_usage_error(tmp_path: Path, capsys, option, message) -> None:
    (tmp_path / "in").mkdir()
    assert main(["run", str(tmp_path / "in"), str(tmp_path / "out"), *option]) == 2
    assert capsys.readouterr().err == f"Error: {message}\n"
    assert not (tmp_path / "out").exists()


def test_cli_timeout_zero_is_no_limit(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(release(1), encoding="utf-8")
    args = ["run", str(tmp_path / "in"), str(tmp_path / "out"), "--workers", "1"]
    assert main([*args, "--timeout", "0"]) == 0
    assert capsys.readouterr().err == "1 ok, 0 failed, 0 duplicate\n"


def test_cli_output_folder_is_the_input_folder(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(release(1), encoding="utf-8")
    assert main(["run", str(tmp_path / "in"), str(tmp_path / "in" / ".")]) == 2
    assert capsys.readouterr().err == (
        f"Error: output folder is the input folder: {tmp_path / 'in' / '.'}\n"
    )
    assert sorted(p.name for p in (tmp_path / "in").iterdir()) == ["a.txt"]


def test_cli_input_folder_inside_the_output_folder(tmp_path: Path, capsys) -> None:
    (tmp_path / "out" / "in").mkdir(parents=True)
    assert main(["run", str(tmp_path / "out" / "in"), str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == (
        f"Error: input folder inside the output folder: {tmp_path / 'out' / 'in'} "
        f"is in {tmp_path / 'out'}\n"
    )
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["in"]


def test_cli_output_folder_inside_the_input_folder_is_not_read(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(release(1), encoding="utf-8")
    args = ["run", str(tmp_path / "in"), str(tmp_path / "in" / "tables" / "out"), "--workers", "1"]
    assert main(args) == 0
    assert main(args) == 0
    assert capsys.readouterr().err.splitlines() == [
        "1 ok, 0 failed, 0 duplicate",
        "1 ok, 0 failed, 0 duplicate (1 unchanged, not processed again)",
    ]


def test_cli_no_parquet(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(release(1), encoding="utf-8")
    main(["run", str(tmp_path / "in"), str(tmp_path / "out"), "--workers", "1", "--no-parquet"])
    assert not list((tmp_path / "out").glob("*.parquet"))
    assert len(list((tmp_path / "out").glob("*.csv"))) == 8


def test_cli_excel_writes_a_typed_workbook(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    long = "В Минске прошло совещание. " * 1300  # 35,100 characters: more than a cell holds
    text = f"=1+1 — телефон горячей линии\n\n19.06.2025\n\n{long}\n"
    (tmp_path / "in" / "a.txt").write_text(text, encoding="utf-8")
    args = ["run", str(tmp_path / "in"), str(tmp_path / "out"), "--workers", "1", "--excel"]
    assert main(args) == 0
    workbook = openpyxl.load_workbook(tmp_path / "out" / "extract.xlsx")
    assert workbook.sheetnames == list(COLUMNS)
    sheet = workbook["documents"]
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A2", "A1:O2")
    assert [cell.value for cell in sheet[1]] == COLUMNS["documents"]
    row = {name: cell for name, cell in zip(COLUMNS["documents"], sheet[2], strict=True)}
    assert (row["title"].data_type, row["title"].value) == ("s", "=1+1 — телефон горячей линии")
    assert (row["published"].data_type, row["published"].value) == ("d", datetime(2025, 6, 19))
    assert (row["n_chars"].data_type, row["n_chars"].value) == ("n", len(text))
    assert row["error"].value is None
    cell = row["text"].value
    assert len(cell) == 32_767 and cell.startswith(text[:100]) and cell.endswith(CUT_MARK)
    csv = pd.read_csv(tmp_path / "out" / "documents.csv", dtype=str, keep_default_na=False)
    assert csv.loc[0, "text"] == "'" + text  # the CSV keeps it whole
    events = workbook["events"]
    online = COLUMNS["events"].index("online")
    assert {row[online].data_type for row in events.iter_rows(min_row=2)} == {"b"}


def test_cli_python_dash_m(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(release(1), encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "extract", "run", "in", "out", "--workers", "1"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ},
        check=False,
    )
    assert (completed.returncode, completed.stdout, completed.stderr) == (
        0,
        "",
        "1 ok, 0 failed, 0 duplicate\n",
    )


def test_cli_aliases_file(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Заголовок\n\nПредставители БЦЦР выступили в Минске.\n", encoding="utf-8"
    )
    (tmp_path / "aliases.csv").write_text(
        "alias,type,name\nБЦЦР,ORG,Белорусский центр цифровых решений\n", encoding="utf-8"
    )
    args = ["run", str(tmp_path / "in"), str(tmp_path / "out"), "--workers", "1", "--quiet"]
    assert main([*args, "--aliases", str(tmp_path / "aliases.csv")]) == 0
    entities = (tmp_path / "out" / "entities.csv").read_text(encoding="utf-8")
    assert ",ORG,Белорусский центр цифровых решений,БЦЦР,1,1,,," in entities


def test_cli_bad_aliases_file_is_a_usage_error(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "aliases.csv").write_text("short,full\nА,Б\n", encoding="utf-8")
    args = ["run", str(tmp_path / "in"), str(tmp_path / "out"), "--aliases"]
    assert main([*args, str(tmp_path / "aliases.csv")]) == 2
    assert capsys.readouterr().err == (
        f"Error: {tmp_path / 'aliases.csv'}: expected the columns alias,type,name, "
        "found short,full (missing alias,type,name)\n"
    )
    assert main([*args, str(tmp_path / "missing.csv")]) == 2
    assert capsys.readouterr().err == (
        f"Error: cannot read aliases file: {tmp_path / 'missing.csv'} (No such file or directory)\n"
    )


BAD_ALIASES = [
    (
        b"alias,type,name\n\x98\x00",
        ": neither UTF-8 nor Windows-1251 (byte 0x98 at offset 16); save it as UTF-8",
    ),
    (
        b"alias,type,name\n\xc1\x00",
        ": neither UTF-8 nor Windows-1251 (byte 0x00 at offset 17); save it as UTF-8",
    ),
    (
        "alias,name\nБЦЦР,Белорусский центр\n".encode(),
        ": expected the columns alias,type,name, found alias,name (missing type)",
    ),
    (
        "alias\ttype\tname\nБЦЦР\tORG\tБелорусский центр\n".encode(),
        ": columns separated by '\\t', expected ',' or ';' (alias,type,name)",
    ),
    (b"", ": expected the columns alias,type,name, found an empty file"),
    (
        "alias,type,name\nМинсвязи,ORG,Министерство\nБЦЦР,ORGG,Белорусский центр\n".encode(),
        ", line 3: unknown type 'ORGG', expected PER, ORG, LOC, same, different",
    ),
    ("alias,type,name\n,ORG,Белорусский центр\n".encode(), ", line 2: empty alias"),
    ("alias,type,name\nБЦЦР,ORG, \n".encode(), ", line 2: empty name"),
    ("alias,type,name\nБЦЦР,ORG\n".encode(), ", line 2: 2 fields, expected 3"),
    (
        "alias,type,name\nМинтруда, соцзащиты,ORG,Министерство\n".encode(),
        ", line 2: unknown type ' соцзащиты', expected PER, ORG, LOC, same, different",
    ),
]


@pytest.mark.parametrize(
    ("data", "message"), BAD_ALIASES, ids=[message for _, message in BAD_ALIASES]
)
def test_cli_bad_aliases_row_is_a_usage_error(tmp_path: Path, capsys, data, message) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "aliases.csv").write_bytes(data)
    args = ["run", str(tmp_path / "in"), str(tmp_path / "out"), "--aliases"]
    assert main([*args, str(tmp_path / "aliases.csv")]) == 2
    assert capsys.readouterr().err == f"Error: {tmp_path / 'aliases.csv'}{message}\n"


def test_cli_aliases_file_with_a_byte_order_mark(tmp_path: Path) -> None:
    (tmp_path / "aliases.csv").write_text(
        "alias,type,name\nБЦЦР,ORG,Белорусский центр цифровых решений\n", encoding="utf-8-sig"
    )
    aliases = load_aliases(tmp_path / "aliases.csv")
    assert aliases.full_name("ORG", "БЦЦР") == "Белорусский центр цифровых решений"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("alias;type;name\nБЦЦР;ORG;Белорусский центр цифровых решений\n", "cp1251"),
        ("alias;type;name\nБЦЦР;ORG;Белорусский центр цифровых решений\n", "utf-8-sig"),
        ("alias,type,name\nБЦЦР,ORG,Белорусский центр цифровых решений\n", "cp1251"),
    ],
)
def test_cli_aliases_file_as_excel_saves_it(tmp_path: Path, text: str, encoding: str) -> None:
    (tmp_path / "aliases.csv").write_bytes(text.encode(encoding))
    aliases = load_aliases(tmp_path / "aliases.csv")
    assert aliases.full_name("ORG", "БЦЦР") == "Белорусский центр цифровых решений"


def test_cli_aliases_same_and_different_people(tmp_path: Path) -> None:
    (tmp_path / "aliases.csv").write_text(
        "alias,type,name\n"
        "Ткач П. Н.,same,Ткач Павел Николаевич\n"
        "Ткач Павел Николаевич,different,Ткач Павел\n",
        encoding="utf-8",
    )
    aliases = load_aliases(tmp_path / "aliases.csv")
    assert aliases.same == {("ткач п. н.", "ткач павел николаевич")}
    assert aliases.different == {frozenset({"ткач павел николаевич", "ткач павел"})}
    assert aliases.full_name("ORG", "Минсвязи")  # the built-in table stays


def test_cli_aliases_name_may_hold_commas_unquoted(tmp_path: Path) -> None:
    (tmp_path / "aliases.csv").write_text(
        "alias,type,name\nЮНЕСКО,ORG,Организация по вопросам образования, науки и культуры\n",
        encoding="utf-8",
    )
    aliases = load_aliases(tmp_path / "aliases.csv")
    assert (
        aliases.full_name("ORG", "ЮНЕСКО")
        == "Организация по вопросам образования, науки и культуры"
    )
    assert load_aliases().full_name("ORG", "Минцифры России") == (
        "Министерство цифрового развития, связи и массовых коммуникаций Российской Федерации"
    )


def test_cli_foreign_files_among_the_parts_are_left_alone(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(release(1), encoding="utf-8")
    args = ["run", str(tmp_path / "in"), str(tmp_path / "out"), "--workers", "1"]
    assert main(args) == 0
    parts = tmp_path / "out" / ".extract" / "parts"
    foreign = [
        parts / "documents" / "notes.parquet",
        parts / "documents" / "1.parquet",
        parts / "mentions" / "00000001.parquet.bak",
        parts / "old" / "00000001.parquet",
    ]
    (parts / "old").mkdir()
    for path in foreign:
        path.write_bytes(b"not the store's")
    tables = (tmp_path / "out" / "mentions.csv").read_bytes()
    assert main(args) == 0
    assert main([*args, "--force"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "1 ok, 0 failed, 0 duplicate",
        "1 ok, 0 failed, 0 duplicate (1 unchanged, not processed again)",
        "1 ok, 0 failed, 0 duplicate",
    ]
    assert [path.read_bytes() for path in foreign] == [b"not the store's"] * 4
    assert (tmp_path / "out" / "mentions.csv").read_bytes() == tables
    assert sorted(p.name for p in (parts / "documents").iterdir()) == [
        "00000001.parquet",
        "1.parquet",
        "notes.parquet",
    ]


def test_cli_scheduler_needs_the_dask_engine(tmp_path: Path, capsys) -> None:
    (tmp_path / "in").mkdir()
    args = ["run", str(tmp_path / "in"), str(tmp_path / "out"), "--scheduler", "tcp://h:8786"]
    assert main(args) == 2
    assert capsys.readouterr().err == "Error: --scheduler needs --engine dask\n"


def closed_port() -> int:
    """A loopback port nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_silently(server: socket.socket, stop: threading.Event, seconds: float) -> None:
    """Accept connections and answer nothing, as a server of another protocol
    would, until `stop` is set or for at most `seconds`; then close them all."""
    deadline = time.monotonic() + seconds
    server.settimeout(0.05)
    with server, ExitStack() as connections:
        while not stop.is_set() and time.monotonic() < deadline:
            with suppress(TimeoutError):
                connections.enter_context(server.accept()[0])


def test_cli_scheduler_refusing_is_a_usage_error(tmp_path: Path, capsys) -> None:
    pytest.importorskip("distributed")
    (tmp_path / "in").mkdir()
    address = f"tcp://127.0.0.1:{closed_port()}"
    args = ["run", str(tmp_path / "in"), str(tmp_path / "out"), "--engine", "dask"]
    assert main([*args, "--scheduler", address]) == 2
    assert capsys.readouterr().err == (
        f"Error: cannot reach the Dask scheduler at {address}: Connection refused\n"
    )
    assert not (tmp_path / "out").exists()


def test_cli_scheduler_not_dask_is_a_usage_error(tmp_path: Path, capsys, monkeypatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr("extract.cluster.REACH_SECONDS", 0.3)
    (tmp_path / "in").mkdir()
    server = socket.create_server(("127.0.0.1", 0))
    address = f"127.0.0.1:{server.getsockname()[1]}"
    stop = threading.Event()
    thread = threading.Thread(target=serve_silently, args=(server, stop, 10.0), daemon=True)
    thread.start()
    args = ["run", str(tmp_path / "in"), str(tmp_path / "out"), "--engine", "dask"]
    assert main([*args, "--scheduler", address]) == 2
    stop.set()
    thread.join(5.0)
    assert capsys.readouterr().err == (
        f"Error: no Dask scheduler at {address}: no handshake within 0.3 s\n"
    )
    assert (thread.is_alive(), (tmp_path / "out").exists()) == (False, False)


def test_cli_second_run_on_one_output_folder_refuses(tmp_path: Path, capsys) -> None:
    from extract.parts import locked

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(release(1), encoding="utf-8")
    args = ["run", str(tmp_path / "in"), str(tmp_path / "out"), "--workers", "1"]
    with locked(tmp_path / "out"):  # as another run would hold it
        assert main(args) == 2
    assert (
        capsys.readouterr().err
        == f"Error: output folder in use by another run: {tmp_path / 'out'}\n"
    )
    assert not (tmp_path / "out" / "documents.csv").exists()
    assert main(args) == 0


def test_cli_interrupted_run_says_how_far_it_got(tmp_path: Path, capsys, monkeypatch) -> None:
    """Ctrl-C in the ninth document: the first chunk of eight is stored, and the
    next run takes up from there."""
    from extract import batch

    (tmp_path / "in").mkdir()
    for n in range(10):
        (tmp_path / "in" / f"{n}.txt").write_text(release(n), encoding="utf-8")
    finish, calls = batch.finish, []

    def interrupt_the_ninth(*args: object):
        calls.append(1)
        if len(calls) == 9:
            raise KeyboardInterrupt
        return finish(*args)

    monkeypatch.setattr(batch, "finish", interrupt_the_ninth)
    args = ["run", str(tmp_path / "in"), str(tmp_path / "out"), "--workers", "1"]
    assert main(args) == 130
    assert capsys.readouterr().err == ("interrupted: 8 of 10 documents done; run again to resume\n")
    assert not (tmp_path / "out" / "documents.csv").exists()
    monkeypatch.setattr(batch, "finish", finish)
    assert main(args) == 0
    assert capsys.readouterr().err == (
        "10 ok, 0 failed, 0 duplicate (8 unchanged, not processed again)\n"
    )


def test_cli_interrupted_before_the_count(tmp_path: Path, capsys, monkeypatch) -> None:
    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("extract.batch.walk", interrupt)
    (tmp_path / "in").mkdir()
    assert main(["run", str(tmp_path / "in"), str(tmp_path / "out"), "--workers", "1"]) == 130
    assert capsys.readouterr().err == (
        "interrupted: 0 documents done (total not known yet); run again to resume\n"
    )


def no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_cli_full_disk_while_storing_a_chunk(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(release(1), encoding="utf-8")
    monkeypatch.setattr("pandas.DataFrame.to_parquet", no_space)
    assert main(["run", str(tmp_path / "in"), str(tmp_path / "out"), "--workers", "1"]) == 3
    part = tmp_path / "out" / ".extract" / "parts" / "sentences" / "00000001.parquet"
    assert capsys.readouterr().err == f"Error: cannot write {part}: No space left on device\n"
    assert list(part.parent.iterdir()) == []


def test_cli_full_disk_while_writing_the_tables(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(release(1), encoding="utf-8")
    monkeypatch.setattr("pandas.DataFrame.to_csv", no_space)
    args = ["run", str(tmp_path / "in"), str(tmp_path / "out"), "--workers", "1"]
    assert main(args) == 3
    table = tmp_path / "out" / "documents.csv"
    assert capsys.readouterr().err == f"Error: cannot write {table}: No space left on device\n"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".extract"]
    monkeypatch.undo()
    assert main(args) == 0
    assert capsys.readouterr().err == (
        "extract: the last run stopped while writing the tables: writing them all again\n"
        "1 ok, 0 failed, 0 duplicate (1 unchanged, not processed again)\n"
    )


def test_cli_version(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"extract {metadata.version('extract')}\n"
    assert (
        metadata.version("extract")
        == tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())[
            "project"
        ]["version"]
    )


@pytest.mark.parametrize(("flags", "first"), [([], "'-"), (["--csv-exact"], "- ")])
def test_cli_csv_exact_writes_the_text_unescaped(tmp_path: Path, flags, first) -> None:
    (tmp_path / "in").mkdir()
    text = "- Министр связи Павел Ткач прибыл в Минск.\n"
    (tmp_path / "in" / "a.txt").write_text(text, encoding="utf-8")
    assert main(["run", str(tmp_path / "in"), str(tmp_path / "out"), "--quiet", *flags]) == 0
    csv = pd.read_csv(tmp_path / "out" / "documents.csv", dtype=str, keep_default_na=False)
    assert csv.loc[0, "text"][:2] == first
    mentions = pd.read_csv(tmp_path / "out" / "mentions.csv", dtype=str, keep_default_na=False)
    start, end = int(mentions.loc[0, "start"]), int(mentions.loc[0, "end"])
    offset = 0 if flags else 1  # the escape's `'` shifts every offset by one
    assert csv.loc[0, "text"][start + offset : end + offset] == "Павел Ткач"
