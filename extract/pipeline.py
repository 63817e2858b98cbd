"""The stages in order: the whole architecture is these few functions.

A batch run tags a chunk's documents together (`tag_documents`: slovnet's
decoder then runs over all of them in one pass) and finishes each alone
(`finish`), so that a document that fails fails alone; `process` does both
for one document.
"""

from dataclasses import dataclass, replace

from .dates import find_dates
from .demonyms import name_adjectives
from .events import find_events
from .link import link_entities
from .models import Models
from .ner import tag_mentions, tag_sequences
from .normalize import normal_form
from .positions import find_positions
from .records import Document, Result, Sentence
from .segment import segment


@dataclass(frozen=True, slots=True)
class Tagged:
    """A document cut into sentences, with slovnet's BIO tag of each word."""

    document: Document
    sentences: list[Sentence]
    tags: list[str]


def tag_documents(documents: list[Document], models: Models) -> list[Tagged]:
    """Segment the documents and tag their words, each document one sequence."""
    sentences = [segment(document) for document in documents]
    words = [[token.text for sentence in found for token in sentence.tokens] for found in sentences]
    tags = tag_sequences(words, models)
    return [Tagged(*parts) for parts in zip(documents, sentences, tags, strict=True)]


def finish(tagged: Tagged, models: Models) -> Result:
    """Run every stage after the tagging over one document."""
    document, sentences = tagged.document, tagged.sentences
    mentions = tag_mentions(document.text, sentences, tagged.tags, models)
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


def process(document: Document, models: Models) -> Result:
    """Run every stage over one ingested document."""
    return finish(tag_documents([document], models)[0], models)
