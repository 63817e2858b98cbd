"""The stages in order: the whole architecture is these few functions.

A batch run scores each of a chunk's documents alone (`score`: sentences,
then the network's scores of their words), decodes their tags together
(`tag_scored`: slovnet's decoder runs over all of them in one pass) and
finishes each alone (`finish`), so that a document that fails or takes too
long does so alone; `process` does it all for one document.
"""

from dataclasses import dataclass, replace

import numpy as np

from .dates import find_dates
from .demonyms import name_adjectives
from .events import find_events
from .events.when import timed
from .events.where import placed
from .link import link_entities
from .models import Models
from .ner import decode, score_words, tag_mentions
from .normalize import normal_form
from .records import Document, Mention, Result, Sentence
from .relations.holders import find_positions
from .segment import segment


@dataclass(frozen=True, slots=True)
class Tagged:
    """A document cut into sentences, with slovnet's BIO tag of each word."""

    document: Document
    sentences: list[Sentence]
    tags: list[str]


@dataclass(frozen=True, slots=True)
class Scored:
    """A document cut into sentences, with the network's scores (words x tags)
    of its words, the document one sequence."""

    document: Document
    sentences: list[Sentence]
    scores: np.ndarray


def score(document: Document, models: Models) -> Scored:
    """Segment the document and score its words."""
    sentences = segment(document)
    words = [token.text for sentence in sentences for token in sentence.tokens]
    return Scored(document, sentences, score_words(words, models))


def tag_scored(scored: list[Scored], models: Models) -> list[Tagged]:
    """Each scored document's tags, decoded together."""
    tags = decode([item.scores for item in scored], models)
    return [
        Tagged(item.document, item.sentences, found)
        for item, found in zip(scored, tags, strict=True)
    ]


def tag_documents(documents: list[Document], models: Models) -> list[Tagged]:
    """Segment the documents and tag their words, each document one sequence."""
    return tag_scored([score(document, models) for document in documents], models)


def linked_mentions(tagged: Tagged, models: Models) -> list[Mention]:
    """The document's mentions, normalised, typed and linked into entities."""
    text = tagged.document.text
    mentions = tag_mentions(text, tagged.sentences, tagged.tags, models)
    mentions = [replace(m, normal=normal_form(text, m, models.morph)) for m in mentions]
    mentions = name_adjectives(text, mentions, models.adjectives, models.morph)
    mentions = [replace(m, type=models.aliases.known_type(m.type, m.normal)) for m in mentions]
    return link_entities(text, mentions, models.morph, models.aliases)


def finish(tagged: Tagged, models: Models) -> Result:
    """Run every stage after the tagging over one document."""
    document, sentences = tagged.document, tagged.sentences
    mentions = linked_mentions(tagged, models)
    dates = find_dates(document, sentences, models.dates)
    positions = find_positions(document.text, sentences, mentions, models)
    events, participants = find_events(
        document.text, document.title, sentences, mentions, dates, positions, models.morph
    )
    units = {(d.date_start, d.date_end): d.precision for d in dates if d.precision}
    events = timed(events, sentences, document.text, document.published, units, models.morph)
    events = placed(events, document.text, sentences, mentions)
    return Result(document, sentences, mentions, dates, positions, events, participants)


def process(document: Document, models: Models) -> Result:
    """Run every stage over one ingested document."""
    return finish(tag_documents([document], models)[0], models)
