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
    encoder gives the ids, `cnn.NerNetwork` the scores, `best_paths` the tags."""
    return decode([score_words(words, models) for words in sequences], models)


def score_words(words: list[str], models: Models) -> np.ndarray:
    """The network's scores (words x tags) of one sequence's words."""
    word_ids, shape_ids = models.ner.infer.encoder.item(words)
    return models.network(np.array(word_ids, dtype=int), np.array(shape_ids, dtype=int))


def decode(emissions: list[np.ndarray], models: Models) -> list[list[str]]:
    """BIO tags of each sequence's scores, all decoded in one pass (`best_paths`)."""
    infer = models.ner.infer
    return list(infer.decoder(best_paths(emissions, infer.model.head.crf.transitions.array)))


def best_paths(emissions: list[np.ndarray], transitions: np.ndarray) -> list[list[int]]:
    """The likeliest tag ids of each sequence (its words x tags scores) under
    the CRF's transition scores: slovnet's Viterbi, with its ties, each
    sequence decoded alone but all of them in one pass. A numpy call costs
    the same for one sequence's 8 x 8 scores as for a chunk's, so a word
    position costs seven calls for every sequence still going there, and a
    chunk of releases costs what its longest one does. The sequences are
    sorted longest first: those still going are the first rows."""
    order = sorted(range(len(emissions)), key=lambda index: -len(emissions[index]))
    lengths = np.array([len(emissions[index]) for index in order], dtype=np.intp)
    paths: list[list[int]] = [[] for _ in emissions]
    if not lengths.size or not lengths[0]:
        return paths
    count, longest, tags = len(order), int(lengths[0]), len(transitions)
    padded = np.zeros((count, longest, tags), dtype=np.result_type(transitions, *emissions))
    for row, index in enumerate(order):
        padded[row, : lengths[row]] = emissions[index]
    going = np.count_nonzero(lengths[:, None] > np.arange(longest), axis=0)
    score = padded[:, 0].copy()  # the best score of a path ending in each tag
    history = np.empty((longest, count, tags), dtype=np.intp)
    scores = np.empty((count, tags, tags), dtype=padded.dtype)  # previous tag x next tag
    for position in range(1, longest):
        alive = going[position]
        step = scores[:alive]
        np.add(transitions, padded[:alive, position, None, :], out=step)
        step += score[:alive, :, None]
        step.argmax(1, out=history[position, :alive])
        step.max(1, out=score[:alive])
    rows = np.arange(count)
    tag = score.argmax(1)  # each sequence's last tag, then the one before
    tagged = np.empty((count, longest), dtype=np.intp)
    tagged[rows, lengths - 1] = tag
    for position in range(longest - 1, 0, -1):
        alive = going[position]
        tag[:alive] = history[position, rows[:alive], tag[:alive]]
        tagged[:alive, position - 1] = tag[:alive]
    for row, path in zip(order, tagged.tolist(), strict=True):
        paths[row] = path[: len(emissions[row])]
    return paths


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


def tag_mentions(
    text: str, sentences: list[Sentence], tags: list[str], models: Models
) -> list[Mention]:
    """Mentions in document order, each with a `doc_id`-scoped `mention_id`,
    from the tags of the document's words (`tag_sequences`)."""
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
