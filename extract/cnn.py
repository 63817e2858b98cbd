"""slovnet's NER network run on one sequence, words along the first axis.

slovnet's `exec` model works on padded batches laid out as torch does
(batch x channels x words), and its convolution first copies every window of
three words into a matrix of its own. A press release is tagged as one
sequence, so here a convolution is three products of the words' matrix,
shifted by one word each, with the kernel's three slices: the same sums, in
another order, with no window matrix. Every weight is slovnet's; only their
arrangement is done once, on load.
"""

from dataclasses import dataclass

import numpy as np
from slovnet.exec.model import NER as NerModel


@dataclass(frozen=True, slots=True)
class Layer:
    kernels: tuple[np.ndarray, ...]  # per kernel position: in-channels x filters
    padding: int  # zero words each side
    bias: np.ndarray
    mean: np.ndarray
    std: np.ndarray
    scale: np.ndarray
    shift: np.ndarray

    def __call__(self, words: np.ndarray) -> np.ndarray:
        """Convolution, ReLU, batch norm, as slovnet's `CNNEncoderLayer`, for a
        convolution that keeps the length (a kernel of twice the padding plus
        one word), as the NER model's three are."""
        size = len(words)
        padded = np.zeros((size + 2 * self.padding, words.shape[1]), dtype=words.dtype)
        padded[self.padding : self.padding + size] = words
        output = padded[:size] @ self.kernels[0]
        for shift, kernel in enumerate(self.kernels[1:], start=1):
            output += padded[shift : shift + size] @ kernel
        output += self.bias
        np.maximum(output, 0, out=output)
        return (output - self.mean) / self.std * self.scale + self.shift


class NerNetwork:
    """Emission scores (words x tags) of one sequence's word and shape ids."""

    def __init__(self, model: NerModel) -> None:
        word = model.emb.word
        self.indexes = word.indexes.array
        qdims, centroids, chunk = word.codes.array.shape
        # navec's vector of a word: for each of its `qdims` pieces, the centroid
        # its index names; one flat table makes that a single `take`
        self.pieces = word.codes.array.reshape(qdims * centroids, chunk)
        self.offsets = np.arange(qdims) * centroids
        self.dim = qdims * chunk
        self.shapes = model.emb.shape.weight.array
        self.layers = [
            Layer(
                tuple(
                    np.ascontiguousarray(layer.conv.weight.array[:, :, k].T)
                    for k in range(layer.conv.weight.array.shape[2])
                ),
                layer.conv.padding,
                layer.conv.bias.array,
                layer.norm.mean.array,
                layer.norm.std.array,
                layer.norm.weight.array,
                layer.norm.bias.array,
            )
            for layer in model.encoder.layers
        ]
        self.projection = model.head.proj.weight.array
        self.projection_bias = model.head.proj.bias.array

    def __call__(self, word_ids: np.ndarray, shape_ids: np.ndarray) -> np.ndarray:
        size = len(word_ids)
        pieces = self.indexes[word_ids] + self.offsets
        words = self.pieces.take(pieces, axis=0).reshape(size, self.dim)
        x = np.concatenate((words, self.shapes[shape_ids]), axis=1)
        for layer in self.layers:
            x = layer(x)
        return x @ self.projection + self.projection_bias
