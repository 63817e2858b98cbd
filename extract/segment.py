"""Sentences and tokens: razdel, plus the rules it lacks for press releases.

razdel reads a text as running prose, so two things are added around it:

- Line breaks. A release puts its title, its date line and each paragraph on
  lines of their own, often with no closing full stop, and razdel would glue
  them into one sentence. The text is first cut into blocks at every line
  break that is not followed by a lower-case letter (a line wrapped inside a
  sentence continues in lower case).
- `POST_RULES`. razdel always attaches `г.` and `обл.` to the next word, which
  is right for `г. Минск` but keeps `... подписано в 2023 г. Министерство ...`
  and `... в Минской обл. Министерство ...` as one sentence. Each rule
  returns the offsets where a razdel sentence must be cut.
- `MAX_TOKENS`. A "sentence" of thousands of tokens (a list of names, a text
  without stops) is cut every 500 tokens (`limit`), so the rules that look
  at a sentence's names pairwise take time linear in the text.

Tokens are razdel's, read once per run of non-space characters
(`tokenize_runs`): a release repeats its words, and razdel never joins
across a space.
"""

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from razdel import sentenize, tokenize
from razdel.segmenters.tokenize import ATOM, Atom, TokenSplit, TokenSplitter

from .const import MONTH_STEMS
from .records import Document, Sentence, Token

SPACE_RUN = re.compile(r"\n\s*")  # from a line break to the next printed character
BLOCK_START = re.compile(r"[^\sа-яёa-z]")
YEAR_ABBR = re.compile(r"\b\d{4}\s?гг?\.(?=\s+[«\"А-ЯЁA-Z])")
REGION_ABBR = re.compile(r"(?<=\w )обл\.(?=\s+[«\"А-ЯЁA-Z])")
WORD = re.compile(r"[А-Яа-яЁёA-Za-z]+")
MAX_TOKENS = 500  # tokens of a sentence, at most: see `limit`
SHORT_WORDS = {"в", "во", "с", "со", "по", "до", "к", "на", "и", "от", "за", "году", "годы"}
CHUNK = re.compile(r"\S+")  # razdel's atoms are the non-space characters
CHUNKS = 1 << 14  # runs of non-space characters whose tokens are kept
SPLITTER = TokenSplitter()  # razdel's atoms and the window its rules see
STAND_INS = {"RU": "я", "LAT": "z", "INT": "0", "PUNCT": "|", "OTHER": "©"}  # one of each atom type


def is_content_word(word: str) -> bool:
    word = word.lower()
    is_month = any(word.startswith(stem) for stem in MONTH_STEMS if len(stem) > 2)
    return not (is_month or word in SHORT_WORDS or word in ("мая", "май", "мае"))


def split_after_year(text: str) -> Iterator[int]:
    """Cut after `2023 г.` when a capitalised word follows and a clause precedes it.

    `В июле 2024 г. Республика ...` stays whole: only a date stands before the
    abbreviation, so it opens the sentence rather than closing one.
    """
    content, seen = 0, 0  # content words before `seen`, counted once, not per match
    for match in YEAR_ABBR.finditer(text):
        for word in WORD.finditer(text, seen, match.start()):
            if content >= 2:
                break
            content += is_content_word(word.group())
        seen = match.start()
        if content >= 2:
            yield match.end()


def split_after_region(text: str) -> Iterator[int]:
    """Cut after `обл.` when a capitalised word follows: the abbreviation comes after
    the region's name (`в Минской обл.`), so a capital after it starts a sentence."""
    for match in REGION_ABBR.finditer(text):
        yield match.end()


POST_RULES: list[Callable[[str], Iterator[int]]] = [split_after_year, split_after_region]


def block_breaks(text: str) -> Iterator[int]:
    """The line breaks followed, after any white space, by a character that is
    not a lower-case letter.

    Every line break of one run of white space is followed by the same
    character, so the run is looked at once: a lookahead (`\\n(?=\\s*[^...])`)
    rescans the run from each of its line breaks, in time quadratic in its length.
    """
    for run in SPACE_RUN.finditer(text):
        if BLOCK_START.match(text, run.end()):
            position = run.start()
            while position != -1:
                yield position
                position = text.find("\n", position + 1, run.end())


def split_blocks(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for position in block_breaks(text):
        yield start, text[start:position]
        start = position + 1
    yield start, text[start:]


def cut(start: int, text: str) -> Iterator[tuple[int, str]]:
    """Apply `POST_RULES` to one razdel sentence starting at `start`."""
    cuts = sorted({offset for rule in POST_RULES for offset in rule(text)})
    left = 0
    for offset in [*cuts, len(text)]:
        piece = text[left:offset]
        stripped = piece.strip()
        if stripped:
            yield start + left + piece.index(stripped), stripped
        left = offset


@lru_cache(maxsize=1 << 10)
def atom_type(char: str) -> str:
    """razdel's type of the atom a character is part of: `RU`, `LAT`, `INT`,
    `PUNCT` or `OTHER` (a run of letters or digits is of its letters' type)."""
    return ATOM.match(char).lastgroup


@lru_cache(maxsize=CHUNKS)
def chunk_tokens(chunk: str, before: str | None, after: str | None) -> tuple[tuple[int, int], ...]:
    """razdel's tokens of a run of non-space characters, as offsets into it.

    razdel splits at every space and asks its rules at each boundary between
    two atoms of a run; the rules for `-`, `_`, `.`, `,`, `/` look one atom
    past the atom next to the boundary, which may be the neighbouring run's,
    and read its type alone. So the run's tokens are razdel's segmenter asked
    at the run's own boundaries, with atoms standing in for the neighbours
    of the types `before` and `after`.
    """
    atoms = list(SPLITTER.atoms(chunk))
    left = [Atom(-1, 0, before, STAND_INS[before])] if before else []
    right = [Atom(len(chunk), len(chunk) + 1, after, STAND_INS[after])] if after else []
    around = [*left, *atoms, *right]
    spans, first, buffer = [], 0, atoms[0].text
    for index in range(len(left) + 1, len(left) + len(atoms)):
        atom = around[index]
        split = TokenSplit(
            around[max(0, index - SPLITTER.window) : index],
            "",
            around[index : index + SPLITTER.window],
        )
        split.buffer = buffer
        if tokenize.join(split):
            buffer += atom.text
        else:
            spans.append((first, atom.start))
            first, buffer = atom.start, atom.text
    spans.append((first, len(chunk)))
    return tuple(spans)


def tokenize_runs(text: str) -> Iterator[tuple[int, int, str]]:
    """razdel's `tokenize(text)` as (start, stop, text), each run of non-space
    characters tokenized once per run (`chunk_tokens`)."""
    runs = [(match.start(), match.group()) for match in CHUNK.finditer(text)]
    for index, (offset, chunk) in enumerate(runs):
        if ATOM.fullmatch(chunk):  # one atom: a word, a number, a sign
            yield offset, offset + len(chunk), chunk
            continue
        before = atom_type(runs[index - 1][1][-1]) if index else None
        after = atom_type(runs[index + 1][1][0]) if index + 1 < len(runs) else None
        for start, stop in chunk_tokens(chunk, before, after):
            yield offset + start, offset + stop, chunk[start:stop]


def adapt_tokens(start: int, text: str) -> tuple[Token, ...]:
    return tuple(
        Token(start + first, start + last, word) for first, last, word in tokenize_runs(text)
    )


def limit(start: int, text: str) -> Iterator[tuple[int, str, tuple[Token, ...]]]:
    """One sentence and its tokens, cut after at most `MAX_TOKENS` tokens, at the
    last comma or semicolon of the second half if there is one.

    Rules that look at a sentence's names pairwise take time quadratic in its
    length; a real sentence has under 200 tokens (191 is the longest of 14,007
    in NEREL, FactRuEval and `data/raw`), so only a list of thousands of names
    or a text without a stop is cut.
    """
    tokens = adapt_tokens(start, text)
    if len(tokens) <= MAX_TOKENS:
        yield start, text, tokens
        return
    first = 0
    while first < len(tokens):
        end = first + MAX_TOKENS
        if end < len(tokens):
            commas = (
                i for i in range(end - 1, end - MAX_TOKENS // 2, -1) if tokens[i].text in ",;"
            )
            end = next(commas, end - 1) + 1
        part = tokens[first:end]
        yield part[0].start, text[part[0].start - start : part[-1].end - start], part
        first = end


def body_blocks(document: Document) -> Iterator[tuple[int, str]]:
    """The blocks of the document's body, each chrome line ending one: no sentence
    runs across a line masked as chrome (`0` / `ДЗЕН` / `a` is `0` and `a`), so
    each sentence's text is the document's at its offsets."""
    body, last = document.body, 0
    for start, end in [*document.chrome, (len(body), len(body))]:
        for block_start, block in split_blocks(body[last:start]):
            yield last + block_start, block
        last = end


def segment(document: Document) -> list[Sentence]:
    """Split a document into sentences whose offsets index `document.text`."""
    sentences: list[Sentence] = []
    for block_start, block in body_blocks(document):
        for substring in sentenize(block):
            for piece_start, piece in cut(block_start + substring.start, substring.text):
                for start, text, tokens in limit(piece_start, piece):
                    sent_id = f"{document.doc_id}#s{len(sentences) + 1}"
                    sentence = Sentence(
                        document.doc_id, sent_id, start, start + len(text), text, tokens
                    )
                    sentences.append(sentence)
    return sentences
