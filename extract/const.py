"""Closed vocabularies shared by the stages and the tables.

They live in one place because the table contract (`TABLES.md`) promises
analysts that these columns only ever hold these values.
"""

PER = "PER"
ORG = "ORG"
LOC = "LOC"
ENTITY_TYPES = (PER, ORG, LOC)

OK = "ok"
ERROR = "error"
DUPLICATE = "duplicate"
STATUSES = (OK, ERROR, DUPLICATE)

DAY = "day"
MONTH = "month"
QUARTER = "quarter"
YEAR = "year"
PRECISIONS = (DAY, MONTH, QUARTER, YEAR)
RANGE = "range"  # an event's dates over more than one day, month, quarter or year
EVENT_PRECISIONS = (*PRECISIONS, RANGE)

REPORTED = "reported"  # an event that happened, the release's news
PLANNED = "planned"  # announced for later
BACKGROUND = "background"  # history, `Справочно`, an earlier event recalled
EVENT_STATUSES = (REPORTED, PLANNED, BACKGROUND)
DATE_SOURCES = ("text", "published")  # where an event's date comes from
PLACE_SOURCES = ("text", "dateline")  # where an event's place comes from

EVENT_TYPES = (
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
)

# Opening quotes and the closing quote each takes, as Russian texts write them.
QUOTE_PAIRS = {"«": "»", '"': '"', "„": "“", "“": "”"}

ROLES = ("participant", "speaker", "organizer", "chair", "host", "signatory", "subject")

# Month stems as they start every case form (`июня`, `июне`, `июнь`), by number.
MONTH_STEMS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
