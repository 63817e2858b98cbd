"""Person, organisation and place mentions: slovnet's news NER over our tokens.

slovnet normally re-tokenises each text with razdel; here it is fed the tokens
`segment` already made, so offsets come straight from them and no text is cut
twice. A document is tagged as one sequence, as natasha does: the model's
convolutions see across sentence ends, which scores better than tagging
sentence by sentence. Spans are then cut at sentence ends and repaired by
`REPAIRS`, an ordered list of small rules.
"""

import re
from collections.abc import Callable
from dataclasses import replace

from slovnet.bio import io_spans
from slovnet.token import Token as SlovnetToken

from .models import Models
from .records import Mention, Sentence, Token

WORDLIKE = re.compile(r"\w")
CLOSERS = {"»": "«", '"': '"', "”": "“", ")": "("}


def tag_sequences(sequences: list[list[str]], models: Models) -> list[list[str]]:
    """BIO tags for every word of every sequence, tagged in length order so that
    each slovnet batch pads to a similar length, returned in the order given."""
    order = sorted(range(len(sequences)), key=lambda index: len(sequences[index]))
    infer = models.ner.infer
    words = [sequences[index] for index in order]
    tags = infer.decoder(infer.process(infer.encoder(words))) if words else []
    result: list[list[str]] = [[] for _ in sequences]
    for index, sequence_tags in zip(order, tags, strict=True):
        result[index] = sequence_tags
    return result


def trim_punctuation(tokens: list[Token]) -> list[Token]:
    """Drop punctuation at the edges (`• Горацио Элисондо`), but keep a closing
    quote or bracket whose opening one is inside (`РУП «ЦЦР»`)."""
    while tokens and not WORDLIKE.search(tokens[0].text):
        tokens = tokens[1:]
    while tokens and not WORDLIKE.search(tokens[-1].text):
        opener = CLOSERS.get(tokens[-1].text)
        if opener and any(token.text == opener for token in tokens[:-1]):
            break
        tokens = tokens[:-1]
    return tokens


REPAIRS: list[Callable[[list[Token]], list[Token]]] = [trim_punctuation]


def adapt_spans(sentence: Sentence, tags: list[str], text: str) -> list[Mention]:
    tokens = [SlovnetToken(token.start, token.end, token.text) for token in sentence.tokens]
    mentions = []
    for span in io_spans(tokens, tags):
        inside = [token for token in sentence.tokens if span.start <= token.start < span.stop]
        for repair in REPAIRS:
            inside = repair(inside)
        if inside:
            start, end = inside[0].start, inside[-1].end
            mentions.append(Mention(sentence.doc_id, "", span.type, start, end, text[start:end]))
    return mentions


def tag_mentions(text: str, sentences: list[Sentence], models: Models) -> list[Mention]:
    """Mentions in document order, each with a `doc_id`-scoped `mention_id`."""
    words = [token.text for sentence in sentences for token in sentence.tokens]
    tags = tag_sequences([words], models)[0]
    spans: list[Mention] = []
    offset = 0
    for sentence in sentences:
        sentence_tags = tags[offset : offset + len(sentence.tokens)]
        offset += len(sentence.tokens)
        spans.extend(adapt_spans(sentence, sentence_tags, text))
    return [
        replace(mention, mention_id=f"{mention.doc_id}#m{number}")
        for number, mention in enumerate(spans, start=1)
    ]
