"""Sentiment of short social-media posts: VADER scores plus a small linear model.

VADER (Hutto & Gilbert 2014) gives a valence score in [-1, 1] that tracks human ratings
well (r ≈ 0.87 on its tweets), but its fixed ±0.05 thresholds call most neutral tweets
positive or negative. The three labels therefore come from a multinomial logistic model over
VADER's four scores, a few surface cues and hashed word n-grams, trained on DEV data only by
``bench/train_sentiment.py`` and shipped as ``sentiment_model.npz`` (NumPy arrays, < 2 MB).

Batches of ``FAST_PATH_MIN_BATCH`` texts or more are featurised by the Numba kernels of
``sentiment_fast`` (about 20x quicker); they give the same matrix as the reference Python
path kept here, which still scores the texts they cannot reproduce exactly.

>>> sentiment_labels(["I love this talk!", "The room is B12.", "Worst keynote ever :("])
['positive', 'neutral', 'negative']
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import numpy.typing as npt
from scipy import sparse
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from immerse.engine.listening.sentiment_fast import fast_batch

LABELS: tuple[str, str, str] = ("negative", "neutral", "positive")
MODEL_FILE = "sentiment_model.npz"
#: Hashed n-gram space; the model file stores one weight row per bucket.
HASH_FEATURES = 2**15
#: Dense features are scaled up so the L2 penalty, sized for the sparse n-grams, does not
#: shrink them (chosen by cross-validation on dev).
DENSE_SCALE = 3.0
N_DENSE = 12

_URL = re.compile(r"https?://\S+|www\.\S+")
_MENTION = re.compile(r"(?<![\w@])@\w+")
_ELONGATED = re.compile(r"(\w)\1{2,}")
_TOKEN = r"(?u)[#@]?\w+|[:;=8xX][-']?[()\[\]dDpP/\\|*]+|[()\[\]dDpP/\\|*]+[-']?[:;=]|[!?]"


@dataclass(frozen=True, slots=True)
class SentimentScores:
    """VADER's scores and the model's label for a batch of texts (aligned arrays)."""

    compound: npt.NDArray[np.float64]
    positive: npt.NDArray[np.float64]
    negative: npt.NDArray[np.float64]
    neutral: npt.NDArray[np.float64]
    probabilities: npt.NDArray[np.float64]  # shape (n, 3), columns in LABELS order
    labels: list[str]


def normalise_text(text: str) -> str:
    """Unescape HTML, mask URLs and user names, and shorten 'sooooo' to 'soo'.

    >>> normalise_text("@bob sooooo good &amp; http://x.co/1")
    '@user soo good & http'
    """
    text = html.unescape(text)
    text = _URL.sub("http", text)
    text = _MENTION.sub("@user", text)
    return _ELONGATED.sub(r"\1\1", text)


class _RecordingAnalyzer(SentimentIntensityAnalyzer):  # type: ignore[misc]
    """VADER that also keeps the per-token valences of the last text it scored."""

    last_valences: list[float]

    def score_valence(self, sentiments: list[float], text: str) -> dict[str, float]:
        self.last_valences = list(sentiments)
        result: dict[str, float] = super().score_valence(sentiments, text)
        return result


_PER_THREAD = threading.local()


def _analyzer() -> _RecordingAnalyzer:
    # One per thread: the analyser keeps the last text's valences between two calls.
    analyzer: _RecordingAnalyzer | None = getattr(_PER_THREAD, "analyzer", None)
    if analyzer is None:
        analyzer = _PER_THREAD.analyzer = _RecordingAnalyzer()
    return analyzer


#: Columns of ``vader_scores``: VADER's four scores, then token-valence aggregates.
VADER_COLUMNS = ("compound", "pos", "neg", "neu", "pos_sum", "neg_sum", "max", "min")


#: Batches at least this long take the Numba fast path (``sentiment_fast``); smaller ones
#: use the reference Python code, so a CLI call on a few lines never waits for compilation.
FAST_PATH_MIN_BATCH = 256
#: Longer batches are featurised chunk by chunk: bounded scratch memory, int32 indices.
FAST_PATH_CHUNK = 50_000


def prepare_fast_path() -> None:
    """Compile the fast path's kernels now, or load them from Numba's on-disk cache.

    Otherwise the first batch of ``FAST_PATH_MIN_BATCH`` texts after an install stalls for
    ~20 s inside a progress bar; commands call this first, under a message saying why.
    """
    fast_batch(["ready"], normalise=True, features=True)


def _as_list(texts: Sequence[str]) -> list[str]:
    return texts if isinstance(texts, list) else list(texts)


def vader_scores(texts: Sequence[str]) -> npt.NDArray[np.float64]:
    """VADER's scores and token-valence aggregates per text, shape (n, 8).

    The aggregates (sums of positive and negative token valences, strongest of each, all
    scaled by 1/4) let the model see intensity that the normalised compound hides.
    """
    return _dense_columns(texts, slice(0, len(VADER_COLUMNS)), reference_vader_scores)


def _dense_columns(
    texts: Sequence[str],
    columns: slice,
    reference: Callable[[Sequence[str]], npt.NDArray[np.float64]],
) -> npt.NDArray[np.float64]:
    """``reference(texts)``, taken from the kernels' dense ``columns`` for a big batch; the
    texts the kernels cannot reproduce are scored by ``reference`` itself."""
    if len(texts) < FAST_PATH_MIN_BATCH:
        return reference(texts)
    batch = fast_batch(_as_list(texts), normalise=False, features=False)
    out = batch.dense[:, columns].copy()
    rest = np.flatnonzero(~batch.done)
    if len(rest):
        out[rest] = reference([texts[k] for k in rest.tolist()])
    return out


def reference_vader_scores(texts: Sequence[str]) -> npt.NDArray[np.float64]:
    """``vader_scores`` by the reference path: VADER's own Python code, text by text."""
    analyzer = _analyzer()
    out = np.zeros((len(texts), len(VADER_COLUMNS)))
    for row, text in enumerate(texts):
        if not text.strip():
            out[row, 3] = 1.0
            continue
        s = analyzer.polarity_scores(text)
        valences = np.asarray(analyzer.last_valences, dtype=np.float64)
        positive, negative = valences[valences > 0], valences[valences < 0]
        out[row] = (
            s["compound"],
            s["pos"],
            s["neg"],
            s["neu"],
            positive.sum() / 4,
            negative.sum() / 4,
            positive.max(initial=0.0) / 4,
            negative.min(initial=0.0) / 4,
        )
    return out


def _surface_cues(texts: Sequence[str]) -> npt.NDArray[np.float64]:
    """Counts VADER ignores or under-weights: '!', '?', all-caps words, length."""
    return _dense_columns(texts, slice(len(VADER_COLUMNS), None), _reference_cues)


def _reference_cues(texts: Sequence[str]) -> npt.NDArray[np.float64]:
    cues = np.zeros((len(texts), 4))
    for row, text in enumerate(texts):
        words = text.split()
        caps = sum(1 for w in words if len(w) > 2 and w.isupper())
        cues[row] = (
            min(text.count("!"), 3) / 3,
            min(text.count("?"), 3) / 3,
            min(caps, 3) / 3,
            np.log1p(len(words)) / 4,
        )
    return cues


@lru_cache(maxsize=1)
def _hasher() -> object:
    # scikit-learn takes ~2 s to import: loaded on first use, not by every command and page.
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        n_features=HASH_FEATURES,
        ngram_range=(1, 2),
        alternate_sign=False,
        norm="l2",
        lowercase=True,
        token_pattern=_TOKEN,
    )


def sentiment_features(texts: Sequence[str]) -> sparse.csr_matrix:
    """The model's input: [VADER 8 | cues 4 | hashed uni+bigrams], one sparse row per text.

    Batches of ``FAST_PATH_MIN_BATCH`` or more go through the Numba fast path, which gives
    the same matrix; the texts it cannot reproduce exactly are scored by the reference.
    """
    if len(texts) < FAST_PATH_MIN_BATCH:
        return reference_sentiment_features(texts)
    if len(texts) > FAST_PATH_CHUNK:
        chunks = range(0, len(texts), FAST_PATH_CHUNK)
        parts = [sentiment_features(texts[k : k + FAST_PATH_CHUNK]) for k in chunks]
        return sparse.vstack(parts, format="csr")
    batch = fast_batch(_as_list(texts), normalise=True, features=True)
    rest = np.flatnonzero(~batch.done)
    if not len(rest):
        return batch.features
    slow = reference_sentiment_features([texts[k] for k in rest.tolist()])
    order = np.arange(len(texts))
    order[rest] = len(texts) + np.arange(len(rest))
    return sparse.vstack([batch.features, slow], format="csr")[order]


def reference_sentiment_features(texts: Sequence[str]) -> sparse.csr_matrix:
    """``sentiment_features`` by the reference path (Python, regexes, scikit-learn)."""
    clean = [normalise_text(t) for t in texts]
    dense = np.hstack([reference_vader_scores(clean), _reference_cues(clean)]) * DENSE_SCALE
    hashed = _hasher().transform(clean)  # type: ignore[attr-defined]
    return sparse.hstack([sparse.csr_matrix(dense), hashed], format="csr")


@dataclass(frozen=True, slots=True)
class SentimentModel:
    """Multinomial logistic weights: ``softmax(X @ weights + bias + offsets)``."""

    weights: npt.NDArray[np.float32]  # (n_features, 3)
    bias: npt.NDArray[np.float64]  # (3,)

    def probabilities(self, features: sparse.csr_matrix) -> npt.NDArray[np.float64]:
        logits = np.asarray(features @ self.weights, dtype=np.float64) + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        expo = np.exp(logits)
        return np.asarray(expo / expo.sum(axis=1, keepdims=True))


def model_to_arrays(model: SentimentModel) -> dict[str, npt.NDArray[np.generic]]:
    """The arrays ``np.savez_compressed`` stores (the training script writes them)."""
    return {"weights": model.weights.astype(np.float16), "bias": model.bias}


@lru_cache(maxsize=1)
def load_model() -> SentimentModel:
    """The shipped model, read from package data with NumPy only (no pickle, no network)."""
    with resources.files("immerse.engine.listening").joinpath(MODEL_FILE).open("rb") as handle:
        arrays = np.load(handle, allow_pickle=False)
        weights = arrays["weights"].astype(np.float32)
        bias = arrays["bias"].astype(np.float64)
    return SentimentModel(weights=weights, bias=bias)


def sentiment_scores(texts: Sequence[str]) -> SentimentScores:
    """Scores and labels for a batch of texts; empty texts are neutral.

    >>> s = sentiment_scores(["great!", ""])
    >>> s.labels, round(float(s.compound[0]), 2)
    (['positive', 'neutral'], 0.66)
    """
    if not texts:
        empty = np.zeros(0)
        return SentimentScores(empty, empty, empty, empty, np.zeros((0, 3)), [])
    features = sentiment_features(texts)
    probabilities = load_model().probabilities(features)
    labels = [LABELS[k] for k in probabilities.argmax(axis=1)]
    for row, text in enumerate(texts):
        if not text.strip():
            labels[row] = "neutral"
    dense = features[:, :4].toarray() / DENSE_SCALE
    return SentimentScores(
        compound=dense[:, 0],
        positive=dense[:, 1],
        negative=dense[:, 2],
        neutral=dense[:, 3],
        probabilities=probabilities,
        labels=labels,
    )


#: Labels of recently seen texts. Backchannels repeat themselves (retweets, boosts, "+1"),
#: and scoring is the slowest step of an ingest; bounded so memory stays flat.
_LABEL_CACHE: dict[str, str] = {}
LABEL_CACHE_SIZE = 100_000


def sentiment_labels(texts: Sequence[str]) -> list[str]:
    """One of ``negative``/``neutral``/``positive`` per text (empty → neutral).

    Each distinct text is scored once, however often it repeats.
    """
    cached = [_LABEL_CACHE.get(t) for t in texts]
    unseen = list(dict.fromkeys(t for t, label in zip(texts, cached, strict=True) if not label))
    fresh: dict[str, str] = {}
    if unseen:
        fresh = dict(zip(unseen, sentiment_scores(unseen).labels, strict=True))
        if len(_LABEL_CACHE) + len(fresh) > LABEL_CACHE_SIZE:
            _LABEL_CACHE.clear()
        _LABEL_CACHE.update(fresh)
    return [label or fresh[t] for t, label in zip(texts, cached, strict=True)]
