from datetime import date

import duckdb
import pytest

from extract import load
from extract.cli import main
from extract.tables import COLUMNS

from .conftest import RAW


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("duckdb-out")
    assert main(["run", str(RAW), str(out), "--duckdb", "--quiet", "--workers", "1"]) == 0
    with duckdb.connect(str(out / "extract.duckdb"), read_only=True) as connection:
        yield out, connection


def test_database_holds_every_table_typed(database) -> None:
    out, connection = database
    kinds = dict(
        connection.execute(
            "SELECT table_name, table_type FROM information_schema.tables"
        ).fetchall()
    )
    assert kinds == {
        **{table: "BASE TABLE" for table in COLUMNS},
        "events_named": "VIEW",
        "positions_named": "VIEW",
        "event_places": "VIEW",
    }
    tables = load(out)
    for table, columns in COLUMNS.items():
        described = connection.execute(f'DESCRIBE "{table}"').fetchall()
        assert [row[0] for row in described] == columns
        count = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        assert count == len(tables[table])
    types = {row[0]: row[1] for row in connection.execute("DESCRIBE events").fetchall()}
    assert (types["date_start"], types["online"], types["start"]) == ("DATE", "BOOLEAN", "BIGINT")
    assert types["status"] == "ENUM('reported', 'planned', 'background')"
    types = {row[0]: row[1] for row in connection.execute("DESCRIBE entities").fetchall()}
    assert (types["lat"], types["geonames_id"]) == ("DOUBLE", "BIGINT")


def test_database_views_answer_the_usual_questions(database) -> None:
    _, connection = database
    participants = connection.execute("SELECT count(*) FROM event_participants").fetchone()[0]
    assert connection.execute("SELECT count(*) FROM events_named").fetchone()[0] == participants
    where = connection.execute(
        "SELECT name, date_start, place, country, lat, lon FROM event_places "
        "WHERE place = 'Шанхай' ORDER BY event_id"
    ).fetchall()
    forum = "Международный форум «Цифровой Шелковый путь – 2025»"
    meeting = (
        "встреча Геннадия Мартыновича с заместителем министра промышленности и "
        "информатизации КНР Ван Лицзюнем"
    )
    assert where == [
        (forum, date(2025, 6, 17), "Шанхай", "CN", 31.22222, 121.45806),
        (meeting, date(2025, 6, 17), "Шанхай", "CN", 31.22222, 121.45806),
        ("встреча", date(2025, 6, 1), "Шанхай", "CN", 31.22222, 121.45806),
        (forum, date(2025, 6, 1), "Шанхай", "CN", 31.22222, 121.45806),
    ]
    posts = connection.execute(
        "SELECT person, position, organisation FROM positions_named "
        "WHERE person = 'Лебедев Константин Игоревич'"
    ).fetchall()
    assert posts == [
        ("Лебедев Константин Игоревич", "заместитель министра", "Российская Федерация")
    ]
