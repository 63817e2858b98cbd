"""Person, organisation and place mentions: slovnet's news NER over our tokens.

slovnet normally re-tokenises each text with razdel; here it is fed the tokens
`segment` already made, so offsets come straight from them and no text is cut
twice. A document is tagged as one sequence, as natasha does: the model's
convolutions see across sentence ends, which scores better than tagging
sentence by sentence (and one sequence needs no padding: see `cnn`). Spans
are then cut at sentence ends and repaired by `REPAIRS`, an ordered list of
small rules, then by the sentence and document rules of `repair`.
"""

import re
from collections.abc import Callable

import numpy as np
from slovnet.bio import io_spans

from .models import Models
from .records import Mention, Sentence, Token
from .repair import Span, document_rules, repair_sentence

WORDLIKE = re.compile(r"\w")
CLOSERS = {"»": "«", '"': '"', "”": "“", ")": "("}


def tag_sequences(sequences: list[list[str]], models: Models) -> list[list[str]]:
    """BIO tags for every word of every sequence, each tagged alone: slovnet's
    encoder gives the ids, `cnn.NerNetwork` the scores, `best_path` the tags."""
    infer = models.ner.infer
    transitions = infer.model.head.crf.transitions.array
    paths = []
    for words in sequences:
        word_ids, shape_ids = infer.encoder.item(words)
        emissions = models.network(np.array(word_ids, dtype=int), np.array(shape_ids, dtype=int))
        paths.append(best_path(emissions, transitions))
    return list(infer.decoder(paths))


def best_path(emissions: np.ndarray, transitions: np.ndarray) -> list[int]:
    """The likeliest tag ids of one sequence (its words x tags scores) under the
    CRF's transition scores: slovnet's Viterbi, for one sequence at a time.
    slovnet's decoder works on a padded batch and pays a dozen numpy calls per
    word to do it; a document is tagged alone, so this one adds each step's
    transition and emission scores up front and then makes three numpy calls
    a word, into arrays made once, with the same ties. It takes under half
    the time of slovnet's decoder."""
    if not len(emissions):
        return []
    steps = transitions + emissions[1:, None, :]  # word x previous tag x next tag
    history = np.empty((len(steps), len(transitions)), dtype=np.intp)
    column = emissions[0][:, None].copy()  # the best score of a path ending in each tag
    score = column[:, 0]  # the same memory, as a row
    scores = np.empty(transitions.shape, dtype=steps.dtype)
    for step, back in zip(steps, history, strict=True):
        np.add(column, step, out=scores)
        scores.argmax(0, out=back)
        scores.max(0, out=score)
    best = int(score.argmax())
    path = [best]
    for back in history[::-1].tolist():
        best = back[best]
        path.append(best)
    return path[::-1]


def trim_punctuation(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """Drop punctuation at the edges (`• Горацио Элисондо`), but keep a closing
    quote or bracket whose opening one is inside (`РУП «ЦЦР»`)."""
    while start < end and not WORDLIKE.search(tokens[start].text):
        start += 1
    while start < end and not WORDLIKE.search(tokens[end - 1].text):
        opener = CLOSERS.get(tokens[end - 1].text)
        if opener and any(token.text == opener for token in tokens[start : end - 1]):
            break
        end -= 1
    return start, end


def close_quote(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """Take in the closing quote or bracket of one opened inside the span:
    slovnet often stops at `ОАО «Минский центр обработки данных`."""
    inside = [token.text for token in tokens[start:end]]
    if end < len(tokens) and tokens[end].text in CLOSERS:
        opener = CLOSERS[tokens[end].text]
        if inside.count(opener) > inside.count(tokens[end].text) or (
            opener == tokens[end].text and inside.count(opener) % 2 == 1
        ):
            return start, end + 1
    return start, end


# Each repair takes a sentence's tokens and a span's token range, and returns the new range.
REPAIRS: list[Callable[[list[Token], int, int], tuple[int, int]]] = [
    trim_punctuation,
    close_quote,
]


def adapt_spans(tokens: list[Token], tags: list[str], models: Models) -> list[Span]:
    """slovnet's spans of the tags, repaired. `io_spans` reads only a token's
    `start` and `stop`: given each token's position as a one-item `range`, it
    returns spans in token positions, with no offsets to map back."""
    positions = [range(number, number + 1) for number in range(len(tokens))]
    spans = []
    for span in io_spans(positions, tags):
        start, end = span.start, span.stop
        for repair in REPAIRS:
            start, end = repair(tokens, start, end)
        if start < end:
            spans.append(Span(start, end, span.type))
    return repair_sentence(tokens, spans, models)


def tag_mentions(text: str, sentences: list[Sentence], models: Models) -> list[Mention]:
    """Mentions in document order, each with a `doc_id`-scoped `mention_id`."""
    words = [token.text for sentence in sentences for token in sentence.tokens]
    tags = tag_sequences([words], models)[0]
    tokens = [list(sentence.tokens) for sentence in sentences]
    spans = []
    offset = 0
    for sentence_tokens in tokens:
        sentence_tags = tags[offset : offset + len(sentence_tokens)]
        offset += len(sentence_tokens)
        spans.append(adapt_spans(sentence_tokens, sentence_tags, models))
    mentions = []
    repaired = document_rules(tokens, spans, models)
    for sentence, sentence_tokens, sentence_spans in zip(sentences, tokens, repaired, strict=True):
        for span in sentence_spans:
            first, last = sentence_tokens[span.start].start, sentence_tokens[span.end - 1].end
            number = len(mentions) + 1
            mentions.append(
                Mention(
                    sentence.doc_id,
                    f"{sentence.doc_id}#m{number}",
                    span.type,
                    first,
                    last,
                    text[first:last],
                )
            )
    return mentions
