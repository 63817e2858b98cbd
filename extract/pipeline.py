"""The stages in order: the whole architecture is this one function."""

from dataclasses import replace

from .dates import find_dates
from .demonyms import name_adjectives
from .events import find_events
from .link import link_entities
from .models import Models
from .ner import tag_mentions
from .normalize import normal_form
from .positions import find_positions
from .records import Document, Result
from .segment import segment


def process(document: Document, models: Models) -> Result:
    """Run every stage over one ingested document."""
    sentences = segment(document)
    mentions = tag_mentions(document.text, sentences, models)
    mentions = [replace(m, normal=normal_form(document.text, m, models.morph)) for m in mentions]
    mentions = name_adjectives(document.text, mentions, models.adjectives, models.morph)
    mentions = [replace(m, type=models.aliases.known_type(m.type, m.normal)) for m in mentions]
    mentions = link_entities(document.text, mentions, models.morph, models.aliases)
    dates = find_dates(document, sentences, models.dates)
    positions = find_positions(document.text, sentences, mentions, models)
    events, participants = find_events(
        document.text, document.title, sentences, mentions, dates, positions, models.morph
    )
    return Result(document, sentences, mentions, dates, positions, events, participants)
