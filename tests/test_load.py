from pathlib import Path

import pandas as pd
import pytest

from extract import events_frame, load
from extract.load import EVENT_COLUMNS, with_categories
from extract.tables import to_frame

MEMORANDUM = "2025/04/memorandum-bccr-kazcifraservis"
SIGNING = (
    "подписание Меморандума о взаимопонимании между республиканским унитарным предприятием "
    "«Белорусский центр цифровых решений» и акционерным обществом «Казцифрасервис»"
)


def test_load_closed_vocabularies_are_categoricals(raw_out: Path) -> None:
    tables = load(raw_out)
    categories = {
        (name, column): list(frame[column].cat.categories)
        for name, frame in tables.items()
        for column in frame.columns
        if isinstance(frame[column].dtype, pd.CategoricalDtype)
    }
    assert categories == {
        ("documents", "status"): ["ok", "error", "duplicate"],
        ("mentions", "type"): ["PER", "ORG", "LOC"],
        ("entities", "type"): ["PER", "ORG", "LOC"],
        ("dates", "precision"): ["day", "month", "quarter", "year"],
        ("events", "type"): [
            "meeting",
            "conference",
            "exhibition",
            "visit",
            "negotiations",
            "signing",
            "appointment",
            "dismissal",
            "founding",
            "membership",
            "award",
            "other",
        ],
        ("events", "precision"): ["day", "month", "quarter", "year", "range"],
        ("events", "status"): ["reported", "planned", "background"],
        ("events", "date_from"): ["text", "published"],
        ("events", "location_from"): ["text", "dateline"],
        ("event_participants", "role"): [
            "participant",
            "speaker",
            "organizer",
            "chair",
            "host",
            "signatory",
            "subject",
        ],
    }


def test_load_counts_show_every_category(raw_out: Path) -> None:
    tables = load(raw_out)
    assert tables["documents"].status.value_counts().to_dict() == {
        "ok": 16,
        "error": 0,
        "duplicate": 0,
    }
    assert tables["event_participants"].role.value_counts().to_dict() == {
        "participant": 104,
        "subject": 18,
        "speaker": 15,
        "host": 10,
        "signatory": 11,
        "organizer": 8,
        "chair": 7,
    }


def test_load_other_dtypes(raw_out: Path) -> None:
    events = load(raw_out)["events"]
    assert events.dtypes[["date_start", "start", "online", "name"]].astype(str).tolist() == [
        "datetime64[ms]",
        "Int64",
        "boolean",
        "string",
    ]


def test_load_value_outside_vocabulary_is_an_error() -> None:
    frame = to_frame("events", [{"event_id": "d#e1", "type": "party"}])
    with pytest.raises(ValueError, match=r"events\.type: values outside .*\['party'\]"):
        with_categories("events", frame)


def test_load_events_frame_columns_and_rows(raw_out: Path) -> None:
    frame = events_frame(raw_out)
    assert frame.columns.tolist() == EVENT_COLUMNS
    assert len(frame) == len(load(raw_out)["event_participants"]) == 173
    assert frame.iloc[0].to_dict() == {
        "event_id": "2024/05/nagrazhdenie-rabotnikov-otrasli-svyazi#e1",
        "event_type": "award",
        "event_name": "награждение работников связи и информатизации",
        "date_start": pd.Timestamp("2024-05-03"),
        "date_end": pd.Timestamp("2024-05-03"),
        "place": "Минск",
        "entity_id": "PER-8181a849f71d",
        "entity_name": "Гринкевич Олег Николаевич",
        "entity_type": "PER",
        "role": "participant",
        "doc_id": "2024/05/nagrazhdenie-rabotnikov-otrasli-svyazi",
        "title": "В Минске состоялась торжественная церемония награждения работников отрасли связи",
        "source_url": "https://mincom.gov.example/news/9340",
    }


def test_load_events_frame_one_signing(raw_out: Path) -> None:
    frame = events_frame(raw_out)
    rows = frame[frame.doc_id == MEMORANDUM]
    event = rows[["event_type", "event_name", "date_start", "place"]].drop_duplicates()
    assert list(event.itertuples(index=False, name=None)) == [
        ("signing", SIGNING, pd.Timestamp("2025-04-14"), "Минск")
    ]
    who = rows[rows.event_type == "signing"][["entity_name", "entity_type", "role"]]
    assert list(who.itertuples(index=False, name=None)) == [
        ("Лавринович Сергей Петрович", "PER", "signatory"),
        ("Сейткалиева Айгерим Болатовна", "PER", "signatory"),
        ("Стасевич Игорь Владимирович", "PER", "participant"),
        ("Посольство Республики Казахстан", "ORG", "participant"),
        ("РУП «Белорусский центр цифровых решений»", "ORG", "signatory"),
        ("АО «Казцифрасервис»", "ORG", "signatory"),
    ]
