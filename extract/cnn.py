"""slovnet's NER network run on one sequence, words along the first axis.

slovnet's `exec` model works on padded batches laid out as torch does
(batch x channels x words), and its convolution first copies every window of
three words into a matrix of its own. A press release is tagged as one
sequence, so here a convolution is one product of the words' matrix with the
kernel's three slices side by side, whose blocks are then added up shifted by
one word each: the same sums, in another order, with no window matrix. Every
weight is slovnet's; only their arrangement is done once, on load.

The first layer's products are most of the network's arithmetic, and they
depend on nothing but a word and its shape; a corpus repeats its words over
and over, so they are worked out once per word and kept (`FirstProducts`).
A kept row must not depend on which words were worked out with it, in which
batch, thread or BLAS kernel: how BLAS splits and orders a sum varies with
all of them, and a row kept once is used for thousands of sentences after.
So the first layer's inputs and kernels are rounded to fixed point
(`fixed`), coarse enough that every sum of their products is exact in
float64 in any order, and fine enough (2^-21 for the news model, well
inside the scores' rounding) that no table of NEREL train and dev or
FactRuEval dev changes.
"""

import math
import threading
from dataclasses import dataclass, field

import numpy as np
from slovnet.exec.model import NER as NerModel

KEPT_WORDS = 1 << 13  # words (with their shapes) whose products are kept, 3 KB each
WINDOW = 1 << 13  # words scored at a time: the layers take about 6 KB a word
MANTISSA = 53  # bits of a float64's significand: integers below 2**53 are exact


def fixed(values: np.ndarray, bits: int) -> np.ndarray:
    """`values` rounded to a multiple of 2**-bits, as float64 (exact: the
    scaling is by a power of two)."""
    return np.round(values.astype(np.float64) * 2.0**bits) * 2.0**-bits


def exact_bits(inputs: np.ndarray, kernels: np.ndarray) -> int:
    """Fractional bits for both factors of `inputs @ kernels` (each input
    column's largest magnitude given) such that every partial sum, in any
    order, is an integer multiple of 2**-(2 x bits) below 2**53 in magnitude,
    and so exact."""
    bound = float((np.abs(inputs)[:, None] * np.abs(kernels)).sum(axis=0).max())
    return (MANTISSA - 1 - math.ceil(math.log2(bound))) // 2


@dataclass(frozen=True, slots=True)
class Embedding:
    """A word's input to the network: its navec vector, put together from the
    product-quantised pieces its index names, and its shape's vector."""

    indexes: np.ndarray  # word id -> the centroid of each piece
    pieces: np.ndarray  # every piece's centroids, one flat table: one `take` a word
    offsets: np.ndarray  # where each piece's centroids start in `pieces`
    shapes: np.ndarray  # shape id -> vector

    def __call__(self, word_ids: np.ndarray, shape_ids: np.ndarray) -> np.ndarray:
        words = self.pieces.take(self.indexes[word_ids] + self.offsets, axis=0)
        return np.concatenate((words.reshape(len(word_ids), -1), self.shapes[shape_ids]), axis=1)


@dataclass(frozen=True, slots=True)
class Layer:
    kernels: np.ndarray  # in-channels x (kernel positions x filters), positions side by side
    padding: int  # zero words each side
    bias: np.ndarray
    mean: np.ndarray
    std: np.ndarray
    scale: np.ndarray
    shift: np.ndarray

    def __call__(self, words: np.ndarray) -> np.ndarray:
        return self.finish(words @ self.kernels)

    def finish(self, products: np.ndarray) -> np.ndarray:
        """Convolution, ReLU, batch norm, as slovnet's `CNNEncoderLayer`, from
        each word's products with every kernel position: a word's output adds
        up its neighbours' products with the positions they stand at. The
        kernel is twice the padding plus one word wide, so the length is kept,
        as in the NER model's three layers."""
        size, filters = len(products), len(self.bias)
        output = np.zeros((size, filters), dtype=products.dtype)
        for position in range(products.shape[1] // filters):
            block = products[:, position * filters : (position + 1) * filters]
            shift = position - self.padding  # which neighbour this position reads
            output[max(0, -shift) : size - max(0, shift)] += block[
                max(0, shift) : size + min(0, shift)
            ]
        output += self.bias
        np.maximum(output, 0, out=output)
        return (output - self.mean) / self.std * self.scale + self.shift


@dataclass
class FirstProducts:
    """A sequence's products with the first layer's kernels, each word's (with
    its shape) worked out once and kept. `embedding` and `kernels` are fixed
    point (`fixed`): each product is exact in float64 before it is rounded
    to the kept float32, the same bits whatever batch, thread or machine.
    Once `kept` words are and a sequence brings more, the store starts over
    with that sequence's words; one with more distinct words than `kept` is
    worked out as it is, keeping none.
    One sequence at a time: a Dask worker started with several threads runs
    several tasks on the same models."""

    embedding: Embedding
    kernels: np.ndarray
    kept: int = KEPT_WORDS
    slots: dict[int, int] = field(default_factory=dict)  # word id x shapes + shape id -> row
    rows: np.ndarray = field(init=False)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        # the pages of rows not yet written take no memory
        self.rows = np.empty((self.kept, self.kernels.shape[1]), dtype=np.float32)

    def __call__(self, word_ids: np.ndarray, shape_ids: np.ndarray) -> np.ndarray:
        keys = (word_ids * len(self.embedding.shapes) + shape_ids).tolist()
        distinct = dict.fromkeys(keys)
        if len(distinct) > self.kept:
            return self.products(keys)
        with self.lock:
            new = [key for key in distinct if key not in self.slots]
            if len(self.slots) + len(new) > self.kept:
                self.slots.clear()
                new = list(distinct)
            if new:
                self.keep(new)
            return self.rows[[self.slots[key] for key in keys]]

    def keep(self, keys: list[int]) -> None:
        start, end = len(self.slots), len(self.slots) + len(keys)
        self.rows[start:end] = self.products(keys)
        self.slots.update(zip(keys, range(start, end), strict=True))

    def products(self, keys: list[int]) -> np.ndarray:
        """The products of the words `keys` name, rounded to float32 once exact."""
        return self.exact(keys).astype(np.float32)

    def exact(self, keys: list[int]) -> np.ndarray:
        """The products of the words `keys` name, in float64, where they are exact."""
        word_ids, shape_ids = np.divmod(np.array(keys, dtype=np.int64), len(self.embedding.shapes))
        return self.embedding(word_ids, shape_ids) @ self.kernels


def exact_first_products(embedding: Embedding, kernels: np.ndarray) -> FirstProducts:
    """The kept first-layer products, on inputs and kernels rounded to the
    fixed point where their sums are exact (`exact_bits`)."""
    word_columns = embedding.pieces.shape[1] * len(embedding.offsets)
    largest = np.concatenate(
        (np.full(word_columns, abs(embedding.pieces).max()), abs(embedding.shapes).max(axis=0))
    )
    bits = exact_bits(largest, kernels)
    exact = Embedding(
        embedding.indexes,
        fixed(embedding.pieces, bits),
        embedding.offsets,
        fixed(embedding.shapes, bits),
    )
    return FirstProducts(exact, fixed(kernels, bits))


class NerNetwork:
    """Emission scores (words x tags) of one sequence's word and shape ids."""

    def __init__(self, model: NerModel) -> None:
        word = model.emb.word
        qdims, centroids, chunk = word.codes.array.shape
        embedding = Embedding(
            indexes=word.indexes.array,
            pieces=word.codes.array.reshape(qdims * centroids, chunk),
            offsets=np.arange(qdims) * centroids,
            shapes=model.emb.shape.weight.array,
        )
        self.layers = [
            Layer(
                # filters x in-channels x positions -> in-channels x (positions x filters)
                np.ascontiguousarray(np.concatenate(layer.conv.weight.array.T, axis=1)),
                layer.conv.padding,
                layer.conv.bias.array,
                layer.norm.mean.array,
                layer.norm.std.array,
                layer.norm.weight.array,
                layer.norm.bias.array,
            )
            for layer in model.encoder.layers
        ]
        self.first = exact_first_products(embedding, self.layers[0].kernels)
        self.projection = model.head.proj.weight.array
        self.projection_bias = model.head.proj.bias.array

    def __call__(self, word_ids: np.ndarray, shape_ids: np.ndarray) -> np.ndarray:
        """The scores, worked out `WINDOW` words at a time, each window with the
        `reach` words either side that its words' scores depend on: the same
        sums as over the whole sequence, in memory that does not grow with it."""
        reach = sum(layer.padding for layer in self.layers)
        size = len(word_ids)
        parts = []
        for start in range(0, max(size, 1), WINDOW):  # an empty sequence too
            left, end = max(0, start - reach), min(size, start + WINDOW)
            scores = self.scores(word_ids[left : end + reach], shape_ids[left : end + reach])
            parts.append(scores[start - left : end - left])
        return np.concatenate(parts) if len(parts) != 1 else parts[0]

    def scores(self, word_ids: np.ndarray, shape_ids: np.ndarray) -> np.ndarray:
        x = self.layers[0].finish(self.first(word_ids, shape_ids))
        for layer in self.layers[1:]:
            x = layer(x)
        return x @ self.projection + self.projection_bias
