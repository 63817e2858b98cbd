from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from razdel import sentenize, tokenize
from slovnet.exec.encoders import TagEncoder

from extract import cnn, process_text
from extract.cnn import FirstProducts
from extract.ingest import parse_source, read_sources
from extract.ner import best_paths, close_quote, tag_sequences, trim_punctuation
from extract.records import Token

from .conftest import RAW, SEED, SHARED

NEREL_DEV = SHARED / "eval" / "data" / "nerel-dev" / "texts"


@pytest.fixture(scope="module")
def seed():
    return process_text(SEED.read_text(encoding="utf-8"), doc_id="seed")


SEED_MENTIONS = [
    ("PER", 649, 659, "Павел Ткач", "Павел Ткач"),
    ("PER", 1208, 1216, "П.Н.Ткач", "П.Н.Ткач"),
    ("PER", 2802, 2814, "Си Цзиньпина", "Си Цзиньпин"),
    ("ORG", 59, 62, "ШОС", "ШОС"),
    ("ORG", 87, 95, "Минсвязи", "Минсвязи"),
    ("LOC", 444, 450, "Шанхае", "Шанхай"),
    ("LOC", 452, 455, "КНР", "КНР"),
    (
        "ORG",
        140,
        177,
        "Шанхайской организации сотрудничества",
        "Шанхайская организация сотрудничества",
    ),
    (
        "ORG",
        2132,
        2193,
        "Китайской академией информационно-коммуникационных технологий",
        "Китайская академия информационно-коммуникационных технологий",
    ),
]


@pytest.mark.parametrize("expected", SEED_MENTIONS, ids=[m[3] for m in SEED_MENTIONS])
def test_ner_seed_mentions(seed, expected) -> None:
    found = {(m.type, m.start, m.end, m.text, m.normal) for m in seed.mentions}
    assert expected in found


def test_ner_offsets_index_the_text(seed) -> None:
    text = seed.document.text
    assert all(text[m.start : m.end] == m.text for m in seed.mentions)
    assert [m.mention_id for m in seed.mentions[:2]] == ["seed#m1", "seed#m2"]


def test_ner_same_normal_same_entity(seed) -> None:
    ids = {m.entity_id for m in seed.mentions if m.normal == "Республика Беларусь"}
    assert len(ids) == 1
    assert len([m for m in seed.mentions if m.normal == "Республика Беларусь"]) == 2


def tokens(*texts: str) -> list[Token]:
    result, start = [], 0
    for text in texts:
        result.append(Token(start, start + len(text), text))
        start += len(text) + 1
    return result


TRIM = [
    (("•", "Горацио", "Элисондо"), ["Горацио", "Элисондо"]),
    (("РУП", "«", "ЦЦР", "»"), ["РУП", "«", "ЦЦР", "»"]),
    (("ЦЦР", "»"), ["ЦЦР"]),
    (("Минск", ","), ["Минск"]),
    (("•",), []),
]


@pytest.mark.parametrize(("words", "kept"), TRIM, ids=[" ".join(t[0]) for t in TRIM])
def test_ner_trim_punctuation(words, kept) -> None:
    start, end = trim_punctuation(tokens(*words), 0, len(words))
    assert list(words[start:end]) == kept


CLOSE = [
    (("ОАО", "«", "Минский", "центр", "»", "сообщил"), (0, 4), (0, 5)),
    (("РУП", "«", "ЦЦР", "»", "»"), (0, 4), (0, 4)),
    (("Минск", ")"), (0, 1), (0, 1)),
    (('"', "Газпром", '"', ","), (0, 2), (0, 3)),
    (('"', "Газпром", '"', '"'), (0, 3), (0, 3)),
    (("(", "ЕЭК", ")"), (1, 2), (1, 2)),
]


@pytest.mark.parametrize(("words", "span", "closed"), CLOSE, ids=[" ".join(c[0]) for c in CLOSE])
def test_ner_close_quote(words, span, closed) -> None:
    assert close_quote(tokens(*words), *span) == closed


def test_ner_trim_in_context(models) -> None:
    result = process_text("Судьи:\n\n• Горацио Элисондо (Аргентина)")
    assert [(m.type, m.text) for m in result.mentions] == [
        ("PER", "Горацио Элисондо"),
        ("LOC", "Аргентина"),
    ]


def test_best_paths_decode_as_slovnet_does(models):
    """Our encoder and Viterbi give the tags of slovnet's own encoder and
    decoder, word for word, on the seed release and on sentences of every
    length down to one word, and to none, decoded together."""
    infer = models.ner.infer
    encoder = TagEncoder(infer.encoder.words_vocab, infer.encoder.shapes_vocab, 64)
    texts = [
        SEED.read_text(encoding="utf-8"),
        "Посол Казахстана в Беларуси Алибек Каримов вручил верительные грамоты.",
        "Минск",
    ]
    sequences = [[token.text for token in tokenize(text)] for text in texts]
    expected = list(infer.decoder(infer.process(encoder(sequences))))
    assert tag_sequences(sequences, models) == expected
    assert expected[1][:7] == ["O", "B-LOC", "O", "B-LOC", "B-PER", "I-PER", "O"]
    assert tag_sequences([[]], models) == [[]]
    assert tag_sequences([sequences[2], [], sequences[1]], models) == [expected[2], [], expected[1]]
    transitions = infer.model.head.crf.transitions.array
    assert best_paths([np.empty((0, len(transitions)), np.float32)], transitions) == [[]]
    assert best_paths([], transitions) == []


def test_the_embedding_loads_as_navec_loads_it(models):
    """The vectors slovnet tags with are navec's own, word for word: loading
    skips only navec's similarity tables."""
    from navec import Navec

    from extract.models import EMBEDDING, natasha_file

    navec = Navec.load(natasha_file(EMBEDDING))
    ours = models.ner.infer.model.emb.word
    assert np.array_equal(ours.indexes.array, navec.pq.indexes)
    assert np.array_equal(ours.codes.array, navec.pq.codes)


def test_the_network_scores_as_slovnet_scores(models):
    """`cnn.NerNetwork` gives slovnet's emission scores for one sequence, up to
    float rounding (its sums run in another order), down to one word and none."""
    infer = models.ner.infer
    tags = len(infer.decoder.tags_vocab)
    texts = [SEED.read_text(encoding="utf-8"), "Минск"]
    for text in texts:
        words = [token.text for token in tokenize(text)]
        batch = next(iter(infer.encoder([words])))
        expected = infer.model(batch.word_id, batch.shape_id, batch.pad_mask)[0]
        scores = models.network(batch.word_id[0], batch.shape_id[0])
        assert scores.shape == (len(words), tags)
        np.testing.assert_allclose(scores, expected, rtol=0, atol=1e-4)
    empty = np.array([], dtype=int)
    assert models.network(empty, empty).shape == (0, tags)


def test_the_network_scores_a_long_sequence_window_by_window(models, monkeypatch):
    """A sequence longer than `WINDOW` is scored a window at a time, with the
    three words either side its scores depend on: the same scores up to float
    rounding (the later layers' sums may run in another order), the same tags."""
    words, shapes = encoded(models, SEED.read_text(encoding="utf-8"))
    whole = models.network.scores(words, shapes)
    transitions = models.ner.infer.model.head.crf.transitions.array
    for window in (1, 7, 100):
        monkeypatch.setattr(cnn, "WINDOW", window)
        scores = models.network(words, shapes)
        assert scores.shape == whole.shape
        np.testing.assert_allclose(scores, whole, rtol=0, atol=1e-4)
        assert best_paths([scores], transitions) == best_paths([whole], transitions)


def encoded(models, text: str) -> tuple[np.ndarray, np.ndarray]:
    words, shapes = models.ner.infer.encoder.item([token.text for token in tokenize(text)])
    return np.array(words, dtype=int), np.array(shapes, dtype=int)


def test_kept_first_products_do_not_depend_on_what_came_before(models):
    """A word's first-layer products are worked out once and kept; a sentence's
    must come out to the last bit whatever was kept before it, when the store
    is full and starts over, and when the sentence is too long to keep."""
    network = models.network
    sentence = encoded(models, "Министр встретился с губернатором Томской области в Томске.")
    # every token but `Томске`, which is then worked out alone
    earlier = encoded(models, "Министр встретился с губернатором Томской области в Омске.")
    alone = FirstProducts(network.first.embedding, network.first.kernels)
    expected = alone(*sentence)
    assert expected.shape == (9, 3 * 256)
    assert len(alone.slots) == 9  # nine tokens, none twice
    assert np.array_equal(alone(*sentence), expected)  # now every row is a kept one

    after = FirstProducts(network.first.embedding, network.first.kernels)
    after(*earlier)
    assert np.array_equal(after(*sentence), expected)

    small = FirstProducts(network.first.embedding, network.first.kernels, kept=11)
    small(*encoded(models, "Губернатор открыл форум."))
    assert len(small.slots) == 4
    assert np.array_equal(small(*sentence), expected)  # 4 + 8 new > 11: starts over
    assert len(small.slots) == 9
    tight = FirstProducts(network.first.embedding, network.first.kernels, kept=8)
    assert np.array_equal(tight(*sentence), expected)  # nine distinct words: none kept
    assert tight.slots == {}


def test_first_products_are_exact_in_any_order(models):
    """The first layer's inputs and kernels are fixed point, so each product
    is exact in float64: summed in reverse, pairwise or one term at a time it
    has the same bits, as it has under any BLAS kernel, thread count or batch.
    Plain float32 weights would differ in the last bits here."""
    first = models.network.first
    word_ids, shape_ids = encoded(models, "Глава Минцифры Ткач открыл форум «Цифровая неделя».")
    words = first.embedding(word_ids, shape_ids)
    products = first.exact((word_ids * len(first.embedding.shapes) + shape_ids).tolist())
    reverse = words[:, ::-1] @ first.kernels[::-1]
    one_by_one = np.zeros_like(products)
    for column in range(words.shape[1]):
        one_by_one += words[:, column, None] * first.kernels[column]
    assert np.array_equal(products, reverse)
    assert np.array_equal(products, one_by_one)
    assert np.array_equal(products, np.einsum("wi,io->wo", words, first.kernels))
    raw = models.ner.infer.model.encoder.layers[0].conv.weight.array
    assert np.abs(first.kernels - np.concatenate(raw.T, axis=1)).max() <= 2.0**-22


def test_tags_do_not_depend_on_batches_or_threads(models):
    """What is guaranteed is the tags (and so the tables), whatever the
    releases were tagged with: a few hundred sentences (the team's releases,
    then NEREL dev's news) tagged one by one,
    in batches of 7 and 50, in reverse, and by four threads sharing a store
    that starts over again and again, get the same tags each time."""
    texts = [
        parse_source(source).text
        for path in sorted(RAW.rglob("*.*"))
        for source in read_sources(path, path.name, path.stem)
    ]
    texts += [path.read_text(encoding="utf-8") for path in sorted(NEREL_DEV.glob("*.txt"))]
    sentences = [
        [token.text for token in tokenize(sentence.text)]
        for text in texts
        for sentence in sentenize(text)
    ][:300]
    assert len(sentences) == 300
    expected = [tags for sentence in sentences for tags in tag_sequences([sentence], models)]
    assert sum(tag != "O" for tags in expected for tag in tags) > 500

    def tagged(batch: int, order: list[int]) -> list[list[str]]:
        result: dict[int, list[str]] = {}
        for start in range(0, len(order), batch):
            chosen = order[start : start + batch]
            batch_tags = tag_sequences([sentences[index] for index in chosen], models)
            result.update(zip(chosen, batch_tags, strict=True))
        return [result[index] for index in range(len(sentences))]

    forward = list(range(len(sentences)))
    assert tagged(7, forward) == expected
    assert tagged(50, forward[::-1]) == expected
    network = models.network
    shared = FirstProducts(network.first.embedding, network.first.kernels, kept=300)
    network.first, kept = shared, network.first
    try:
        with ThreadPoolExecutor(4) as pool:
            threaded = list(pool.map(lambda sentence: tag_sequences([sentence], models), sentences))
    finally:
        network.first = kept
    assert [tags for [tags] in threaded] == expected


def test_kept_first_products_are_right_when_threads_share_them(models):
    """A Dask worker started with several threads tags several releases at
    once on the same models: the kept products, started over again and again
    here, must stay whole, to the last bit (they are exact)."""
    network = models.network
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    sequences = [encoded(models, line) for line in lines]
    expected = [
        FirstProducts(network.first.embedding, network.first.kernels)(*s) for s in sequences
    ]
    shared = FirstProducts(network.first.embedding, network.first.kernels, kept=80)

    def same(index: int) -> bool:
        return np.array_equal(shared(*sequences[index]), expected[index])

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(same, [n % len(sequences) for n in range(40 * len(sequences))]))
    assert len(sequences) > 10 and all(results)
