"""Plain records that flow between the stages.

Every record is frozen: a stage returns new records instead of changing the
ones it was given, so the order of stages is visible in `pipeline.process`.
Offsets are `start`/`end` (end-exclusive) into `Document.text`.
"""

from dataclasses import dataclass, field

from .chrome import masked


@dataclass(frozen=True, slots=True)
class Document:
    """One release as ingested: its text is what every offset indexes."""

    doc_id: str
    path: str
    text: str
    encoding: str = ""
    title: str = ""
    published: str = ""  # ISO date, or empty when the release gives none
    source_url: str = ""
    sha256: str = ""
    lang: str = ""  # `ru`, or the other language it is written in: see `extract.lang`
    published_from: str = ""  # where `published` was read: see `extract.published`
    published_text: str = ""  # the words it was read from (all there is of a yearless date)
    chrome_chars: int = 0  # characters of page chrome dropped or masked: see `extract.chrome`
    chrome: tuple[tuple[int, int], ...] = ()  # the chrome lines masked in a plain text

    @property
    def body(self) -> str:
        """The text every stage reads: chrome lines blanked, offsets unchanged."""
        return masked(self.text, list(self.chrome))


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    doc_id: str
    sent_id: str
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    doc_id: str
    mention_id: str
    type: str
    start: int
    end: int
    text: str
    normal: str = ""
    entity_id: str = ""
    entity_key: str = ""  # the readable key `entity_id` is hashed from: `PER:Ткач|П`


@dataclass(frozen=True, slots=True)
class Entity:
    entity_id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    n_docs: int = 0
    n_mentions: int = 0
    last_name: str = ""
    first_name: str = ""
    middle_name: str = ""
    link_reason: str = ""  # why its releases are one entity: see `link.resolve_people`


@dataclass(frozen=True, slots=True)
class DateSpan:
    doc_id: str
    date_id: str
    start: int
    end: int
    text: str
    date_start: str = ""
    date_end: str = ""
    precision: str = ""
    kind: str = "date"  # date, duration, set or vague: see `extract.dates`


@dataclass(frozen=True, slots=True)
class Position:
    doc_id: str
    person_id: str
    position: str
    org_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Event:
    doc_id: str
    event_id: str
    type: str
    name: str
    date_start: str
    date_end: str
    location_id: str
    start: int
    end: int
    sentence: str
    online: bool = False
    precision: str = ""  # of its dates: `extract.events.when`
    status: str = ""  # reported, planned or background
    date_from: str = ""  # text, or published: the day of a release reporting it as news
    location_from: str = ""  # text, or dateline: the city a news agency filed it from


@dataclass(frozen=True, slots=True)
class Participant:
    event_id: str
    entity_id: str
    role: str


@dataclass(slots=True)
class Result:
    """Everything one document yields, one list per table; never `None`."""

    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateSpan] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
