"""extract: Russian press releases to tidy tables of who did what, with whom, where and when."""

from .api import pipe, process_text
from .batch import Summary, run
from .load import events_frame, load
from .records import (
    DateSpan,
    Document,
    Entity,
    Event,
    Mention,
    Participant,
    Position,
    Result,
    Sentence,
    Token,
)

__all__ = [
    "DateSpan",
    "Document",
    "Entity",
    "Event",
    "Mention",
    "Participant",
    "Position",
    "Result",
    "Sentence",
    "Summary",
    "Token",
    "events_frame",
    "load",
    "pipe",
    "process_text",
    "run",
]
