"""`OUT/extract.duckdb` (`run --duckdb`): the tables in one DuckDB database.

Every table of the contract with its types (`tables.to_frame`'s: text as
VARCHAR, offsets and counts as BIGINT, `lat`/`lon` as DOUBLE, the dates as
DATE, `online` as BOOLEAN, the closed vocabularies as ENUMs), and views for
the joins analysts repeat:

- `events_named`: one row per participant of an event, with the event's
  type, name, dates and place, the participant's name, type and role, and
  the release's title and URL (what `extract.events_frame` gives);
- `positions_named`: each position with the person's and the organisation's
  names;
- `event_places`: each event with its place's name, country and point, for
  a map.

Made from the tables as written, and replaced whole, as they are.
"""

from pathlib import Path

import duckdb

from .export import replace_atomically
from .load import load_table
from .tables import COLUMNS, DATES

NAME = "extract.duckdb"
VIEWS = {
    "events_named": """
        SELECT e.event_id, e.type AS event_type, e.name AS event_name, e.date_start,
               e.date_end, place.name AS place, p.entity_id, who.name AS entity_name,
               who.type AS entity_type, p.role, e.doc_id, d.title, d.source_url
        FROM event_participants p
        JOIN events e ON e.event_id = p.event_id
        LEFT JOIN entities who ON who.entity_id = p.entity_id
        LEFT JOIN entities place ON place.entity_id = e.location_id
        LEFT JOIN documents d ON d.doc_id = e.doc_id
    """,
    "positions_named": """
        SELECT p.doc_id, p.person_id, person.name AS person, p.position, p.org_id,
               org.name AS organisation, p.start, p."end"
        FROM positions p
        LEFT JOIN entities person ON person.entity_id = p.person_id
        LEFT JOIN entities org ON org.entity_id = p.org_id
    """,
    "event_places": """
        SELECT e.*, place.name AS place, place.country, place.lat, place.lon,
               place.geo_precision
        FROM events e LEFT JOIN entities place ON place.entity_id = e.location_id
    """,
}


def write_database(out_dir: Path) -> None:
    """Write `OUT/extract.duckdb` from the run's tables, replacing it whole."""
    replace_atomically(out_dir / NAME, lambda path: fill(path, out_dir))


def fill(path: Path, out_dir: Path) -> None:
    path.unlink()  # DuckDB makes its file itself: an empty one is no database to it
    with duckdb.connect(str(path)) as database:
        for table, columns in COLUMNS.items():
            frame = load_table(out_dir, table)
            database.register("frame", frame)
            select = ", ".join(
                f'CAST("{c}" AS DATE) AS "{c}"' if c in DATES else f'"{c}"' for c in columns
            )
            database.execute(f'CREATE TABLE "{table}" AS SELECT {select} FROM frame')
            database.unregister("frame")
        for view, query in VIEWS.items():
            database.execute(f'CREATE VIEW "{view}" AS {query}')
