"""extract: Russian press releases to tidy tables of who did what, with whom, where and when."""

import os

# Arrow's own allocator (mimalloc) keeps what a table frees for the next one; a
# run writes many small tables (a part per chunk, then the merged tables a
# batch at a time) and never needs it again. The system's gives it back: 60 MB
# less at the peak of a one-process run over the 746 NEREL train texts. Arrow
# reads the setting when it is first imported, so it is set before any import,
# and a user's own setting stands.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

from .api import frames, pipe, process_text
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
    "frames",
    "load",
    "pipe",
    "process_text",
    "run",
]
