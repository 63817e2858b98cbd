"""The heavy objects, loaded once per worker from files inside installed wheels.

natasha's wheel ships the navec news embedding and the slovnet NER weights;
they are opened by path, without importing `natasha` itself, whose morphology
vocabulary pulls in the abandoned pymorphy2 (broken under setuptools >= 82).
Nothing here touches the network.
"""

import gc
import importlib.util
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path

from navec.meta import Meta
from navec.navec import META, PQ_
from navec.pq import PQ
from navec.tar import Tar
from pymorphy3 import MorphAnalyzer
from slovnet import NER
from slovnet.exec.encoders import TagEncoder
from slovnet.shape import word_shape
from slovnet.vocab import Vocab as SlovnetVocab

from .aliases import Aliases, load_aliases
from .cnn import NerNetwork
from .const import LOC
from .demonyms import Gazetteer, load_gazetteer
from .grammars.dates import DateGrammar, build_grammar
from .names import fold

EMBEDDING = "data/emb/navec_news_v1_1B_250K_300d_100q.tar"
NER_MODEL = "data/model/slovnet_ner_news_v1.tar"


@dataclass(frozen=True, slots=True)
class Models:
    ner: NER
    network: NerNetwork  # the NER model's network, for one sequence at a time
    morph: MorphAnalyzer
    dates: DateGrammar
    aliases: Aliases
    places: frozenset[str]  # folded place names of the gazetteer: see `repair.add_places`
    states: frozenset[str]  # folded names of states, short and full: see `positions`
    adjectives: Gazetteer  # the places adjectives name: see `demonyms`


def natasha_file(name: str) -> Path:
    """A data file of the installed natasha package, located without importing it."""
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("natasha is not installed: its wheel carries the models")
    return Path(next(iter(spec.submodule_search_locations))) / name


def read_names(name: str) -> list[str]:
    """The lines of a packaged word list, comments left out."""
    text = files("extract").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def load_places() -> frozenset[str]:
    return frozenset(fold(line) for line in read_names("places.txt"))


def load_states(aliases: Aliases) -> frozenset[str]:
    """States by their short names and, where the alias table knows it, full ones."""
    names = read_names("states.txt")
    full = [aliases.full_name(LOC, name) for name in names]
    return frozenset(fold(name) for name in [*names, *full] if name)


class TaggingCodes(PQ):
    """navec's quantised vectors as slovnet reads them: its codes and indexes.
    On load navec also works out every vector's norm and the products of its
    centroids, for similarity queries; tagging never asks one, and that work
    is a third of the time it takes to load the models."""

    def precompute(self) -> None:
        pass


@dataclass(frozen=True, slots=True)
class TaggingEmbedding:
    """What slovnet's `NER.navec` reads of a navec embedding: its id, to check it
    is the one the model was trained with, and its vectors. navec's vocabulary,
    a dictionary of 250,000 words built on every load, stays unread: slovnet's
    own vocabulary gives the words' ids."""

    meta: Meta
    pq: PQ


def load_embedding(path: Path) -> TaggingEmbedding:
    with Tar(path) as tar:
        meta = Meta.from_file(tar.load(META))
        Meta.check_protocol(meta.protocol)
        return TaggingEmbedding(meta, TaggingCodes.from_file(tar.load(PQ_)))


class WordCodes(TagEncoder):
    """slovnet's encoder, with each word's vocabulary and shape ids kept: it
    works out a word's shape character by character, for every occurrence,
    and a corpus repeats the same words over and over."""

    def __init__(
        self, words_vocab: SlovnetVocab, shapes_vocab: SlovnetVocab, batch_size: int
    ) -> None:
        super().__init__(words_vocab, shapes_vocab, batch_size)
        self.codes = lru_cache(maxsize=1 << 16)(self.encode)

    def encode(self, word: str) -> tuple[int, int]:
        return self.words_vocab.encode(word.lower()), self.shapes_vocab.encode(word_shape(word))

    def item(self, words: list[str]) -> tuple[list[int], list[int]]:
        codes = [self.codes(word) for word in words]
        return [word for word, _ in codes], [shape for _, shape in codes]


@cache
def load_morph() -> MorphAnalyzer:
    """pymorphy3 alone: what the main process needs to name entities."""
    return MorphAnalyzer()


def load_models(aliases: Path | None = None) -> Models:
    """Load the models; cached, so a worker process pays for it once.

    `aliases` is a user's CSV of abbreviations added to the built-in table.
    `load_models()` and `load_models(None)` are one cache entry: a notebook
    that runs a folder after a text holds one set of models, not two.
    """
    return loaded_models(aliases)


@cache
def loaded_models(aliases: Path | None) -> Models:
    """`load_models`, once per table of aliases.

    The models live as long as the process, so what is alive once they are
    loaded is frozen out of the garbage collector's reach (`gc.freeze`): its
    older generations would otherwise be walked again and again (half of the
    collector's time in a run), and in a forked worker each walk writes to the
    objects' headers, copying the pages the worker shares with its parent.
    """
    navec = load_embedding(natasha_file(EMBEDDING))
    ner = NER.load(natasha_file(NER_MODEL))
    ner.navec(navec)
    encoder = ner.infer.encoder
    ner.infer.encoder = WordCodes(encoder.words_vocab, encoder.shapes_vocab, encoder.batch_size)
    morph = load_morph()
    table = load_aliases(aliases)
    models = Models(
        ner=ner,
        network=NerNetwork(ner.infer.model),
        morph=morph,
        dates=build_grammar(morph),
        aliases=table,
        places=load_places(),
        states=load_states(table),
        adjectives=load_gazetteer([*read_names("states.txt"), *read_names("places.txt")]),
    )
    gc.freeze()
    return models
