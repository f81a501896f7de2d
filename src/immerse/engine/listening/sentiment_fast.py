"""Vectorised sentiment features: one Numba pass over a batch's bytes.

``fast_batch`` reproduces bit for bit what the reference path in ``sentiment`` computes:
``normalise_text``, VADER's eight columns, the four surface cues and scikit-learn's hashed
uni+bigrams (murmur3, counts, l2 norm), and the final CSR rows. Texts it cannot reproduce
exactly are marked not ``done`` for the caller to score with the reference: non-ASCII
(Unicode ``\\w``/case rules, VADER's emoji descriptions), an '&' other than the common
entities (``html.unescape`` knows 2,000 names), more than 128 positive or negative words
(NumPy's pairwise sum recurses) and 4,096 words or more. Python 3.11's ``sum`` is plain
left-to-right addition, which the kernel copies (3.12 compensates; the tests would tell).

Numba's on-disk cache (``cache=True``) tracks only the file of the function it caches: after
editing ``vader_kernel`` or ``text_kernel``, delete this module's ``__pycache__/*.nb[ic]``
files, or the old callees stay compiled into ``_batch``.

>>> batch = fast_batch(["so good!", "caf\\u00e9"], normalise=True, features=True)
>>> batch.done.tolist(), round(float(batch.dense[0, 0]), 4)
([True, False], 0.54)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from immerse.engine.listening import text_kernel as tk
from immerse.engine.listening.vader_kernel import polarity, word_features, word_valences
from immerse.engine.listening.vader_tables import vader_tables

N_BUCKETS = 2**15  # = sentiment.HASH_FEATURES
N_COLUMNS = 12  # VADER's 8 | '!' '?' caps, words  (= sentiment.N_DENSE)
DENSE_SCALE = 3.0  # = sentiment.DENSE_SCALE
MAX_WORDS = 4096  # longer texts take the reference path


@dataclass(frozen=True, slots=True)
class FastBatch:
    """Rows the fast path scored (``done``); the others are zero and must be recomputed."""

    done: npt.NDArray[np.bool_]
    dense: npt.NDArray[np.float64]  # (n, 12): vader_scores | _surface_cues
    features: sparse.csr_matrix  # sentiment_features' rows: dense x 3 | hashed n-grams


@tk.jit
def _needed_steps(src: Any, n: Any) -> tuple[Any, Any, Any, Any]:
    """Which ``normalise_text`` steps can change ``src``: '&', URL, '@', a 3-char run."""
    amp = url = at = run = False
    for k in range(n):
        c = src[k]
        amp = amp or c == 38
        at = at or c == 64
        if k >= 2:
            url = url or (c == 47 and src[k - 1] == 47 and src[k - 2] == 58)  # "://"
            url = url or (c == 46 and src[k - 1] == 119 and src[k - 2] == 119)  # "ww."
            run = run or (c == src[k - 1] and c == src[k - 2] and tk.is_word(c))
    return amp, url, at, run


@tk.jit
def _normalise(src: Any, n: Any, a: Any, b: Any) -> tuple[Any, Any]:
    """``normalise_text`` into ``a`` or ``b``: (length or -1 for an unusual '&', in ``a``).

    Steps that cannot change the text are skipped; each other one copies a ↔ b.
    """
    amp, url, at, run = _needed_steps(src, n)
    m = tk.unescape_common(src, n, a) if amp else n
    if m < 0:
        return -1, True
    if not amp:
        a[:n] = src
    in_a = True
    for step, needed in enumerate((url, at, run)):
        if not needed:
            continue
        source, target = (a, b) if in_a else (b, a)
        if step == 0:
            m = tk.mask_urls(source, m, target)
        elif step == 1:
            m = tk.mask_mentions(source, m, target)
        else:
            m = tk.shorten_elongations(source, m, target)
        in_a = not in_a
    return m, in_a


@tk.inline_jit
def _vader_row(text: Any, lowered: Any, n: Any, T: Any, s: Any, out: Any) -> tuple[Any, Any]:
    """VADER's 8 columns and the first three cues into ``out``; returns (words, done)."""
    starts, ends, w, sentiments = s
    n_words, caps = tk.vader_words(text, n, starts, ends)
    exclaim = question = 0
    for k in range(n):
        exclaim += text[k] == 33
        question += text[k] == 63
    out[8] = min(exclaim, 3) / 3
    out[9] = min(question, 3) / 3
    out[10] = min(caps, 3) / 3
    if n_words == 0:
        out[3] = 1.0
        return 0, True
    word_features(text, lowered, starts, ends, n_words, T, w)
    word_valences(n_words, w, T, sentiments)
    return n_words, polarity(sentiments, n_words, exclaim, question, out)


@tk.jit
def _sort_buckets(values: Any, n: Any, scratch: Any) -> None:
    """Sort ``values[:n]`` (in [0, N_BUCKETS)) in place: by the top 6 bits, then insertion.

    Buckets are uniform, so after the counting pass insertion sort moves almost nothing.
    ``scratch`` needs ``n + 65`` entries.
    """
    shift = 9  # N_BUCKETS = 2**15 → 64 bins
    counts = scratch[n : n + 65]
    counts[:] = 0
    for k in range(n):
        counts[(values[k] >> shift) + 1] += 1
    for c in range(64):
        counts[c + 1] += counts[c]
    for k in range(n):
        bin_ = values[k] >> shift
        scratch[counts[bin_]] = values[k]
        counts[bin_] += 1
    values[:n] = scratch[:n]
    _insertion_sort(values, n)


@tk.jit
def _insertion_sort(values: Any, n: Any) -> None:
    """Sort ``values[:n]`` in place; quicker than ``np.sort`` for a post's few dozen."""
    for k in range(1, n):
        x = values[k]
        j = k - 1
        while j >= 0 and values[j] > x:
            values[j + 1] = values[j]
            j -= 1
        values[j + 1] = x


@tk.jit
def _hash_row(lowered: Any, n: Any, s: Any, stream: Any, buckets: Any, scratch: Any) -> Any:
    """Sorted bucket of every uni- and bigram of the lower-cased text; returns how many.

    A bigram is ``" ".join`` of two tokens: hashed in place when the text already has
    exactly one space between them (the common case), else from a copy in ``stream``.
    """
    starts, ends = s[0], s[1]
    n_tokens = tk.regex_tokens(lowered, n, starts, ends)
    for k in range(n_tokens):
        buckets[k] = tk.murmur_bucket(lowered, starts[k], ends[k] - starts[k], N_BUCKETS)
    for k in range(n_tokens - 1):
        a, b = starts[k], ends[k + 1]
        if starts[k + 1] == ends[k] + 1 and lowered[ends[k]] == 32:
            bucket = tk.murmur_bucket(lowered, a, b - a, N_BUCKETS)
        else:
            m = 0
            for c in range(a, ends[k]):
                stream[m] = lowered[c]
                m += 1
            stream[m] = 32
            m += 1
            for c in range(starts[k + 1], b):
                stream[m] = lowered[c]
                m += 1
            bucket = tk.murmur_bucket(stream, 0, m, N_BUCKETS)
        buckets[n_tokens + k] = bucket
    count = max(0, 2 * n_tokens - 1)
    _sort_buckets(buckets, count, scratch)
    return count


@tk.jit
def _append_row(row: Any, hashed: Any, count: Any, out: Any, nnz: Any) -> Any:
    """Append one feature row: dense columns x DENSE_SCALE, then l2-normalised counts."""
    indices, data = out
    for c in range(N_COLUMNS):
        value = row[c] * DENSE_SCALE
        if value != 0.0:  # csr_matrix(dense) keeps non-zeros only
            indices[nnz] = c
            data[nnz] = value
            nnz += 1
    first = nnz
    for k in range(count):
        if k > 0 and hashed[k] == hashed[k - 1]:
            data[nnz - 1] += 1.0
        else:
            indices[nnz] = N_COLUMNS + hashed[k]
            data[nnz] = 1.0
            nnz += 1
    norm = 0.0
    for k in range(first, nnz):
        norm += data[k] * data[k]
    if norm != 0.0:
        norm = np.sqrt(norm)
        for k in range(first, nnz):
            data[k] /= norm
    return nnz


@tk.jit
def _batch(buf: Any, offsets: Any, normalise: Any, features: Any, T: Any, log1p: Any) -> Any:
    n = len(offsets) - 1
    longest = 1
    for t in range(n):
        longest = max(longest, offsets[t + 1] - offsets[t])
    room = 3 * longest + 8  # "@a" → "@user" is the only step that grows a text
    a, b = np.empty(room, np.uint8), np.empty(room, np.uint8)
    lowered, stream = np.empty(room, np.uint8), np.empty(2 * room, np.uint8)
    starts, ends = np.empty(room, np.int64), np.empty(room, np.int64)
    w = (np.empty(room, np.int64), np.empty(room, np.int64), np.empty(room), np.empty(room),
         np.empty(room, np.bool_), np.empty(room, np.bool_))  # fmt: skip
    s = (starts, ends, w, np.empty(3 * room))  # valences, then aggregates' scratch
    buckets, scratch = np.empty(2 * room, np.int64), np.empty(2 * room + 65, np.int64)
    done = np.zeros(n, np.bool_)
    dense = np.zeros((n, N_COLUMNS))
    indptr = np.zeros(n + 1, np.int32)
    capacity = len(buf) // 2 + 16 * n + 64  # ~1.3 x a tweet's need; grown when short
    out = (np.empty(capacity, np.int32), np.empty(capacity))
    nnz = 0
    for t in range(n):
        indptr[t + 1] = nnz
        src, length = buf[offsets[t] : offsets[t + 1]], offsets[t + 1] - offsets[t]
        text = src
        if normalise:
            length, in_a = _normalise(src, length, a, b)
            if length < 0:
                continue
            text = a if in_a else b
        for k in range(length):
            lowered[k] = tk.lower(text[k])
        words, certain = _vader_row(text, lowered, length, T, s, dense[t])
        if not certain or words >= len(log1p):
            dense[t, :] = 0.0
            continue
        done[t] = True
        dense[t, 11] = log1p[words]
        if features:
            count = _hash_row(lowered, length, s, stream, buckets, scratch)
            if nnz + N_COLUMNS + count > len(out[0]):
                grow = len(out[0]) + N_COLUMNS + count
                out = (np.concatenate((out[0], np.empty(grow, np.int32))),
                       np.concatenate((out[1], np.empty(grow))))  # fmt: skip
            nnz = _append_row(dense[t], buckets, count, out, nnz)
        indptr[t + 1] = nnz
    return done, dense, indptr, out[0][:nnz].copy(), out[1][:nnz].copy()


@lru_cache(maxsize=1)
def _log1p_table() -> npt.NDArray[np.float64]:
    """``np.log1p(len(words)) / 4`` through the reference's own scalar call (longer → routed)."""
    return np.array([np.log1p(k) / 4 for k in range(MAX_WORDS)], dtype=np.float64)


def fast_batch(texts: list[str], *, normalise: bool, features: bool) -> FastBatch:
    """Dense columns, and with ``features`` the full feature matrix, of the rows it can do.

    ``normalise`` applies ``normalise_text`` first, as ``sentiment_features`` does.
    """
    n = len(texts)
    ascii_rows = np.fromiter(map(str.isascii, texts), dtype=np.bool_, count=n)
    everything = bool(ascii_rows.all())
    chosen = texts if everything else list(compress(texts, ascii_rows))
    offsets = np.zeros(len(chosen) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, chosen), dtype=np.int64, count=len(chosen)), out=offsets[1:])
    buf = np.frombuffer("".join(chosen).encode("ascii"), dtype=np.uint8)
    done, dense, indptr, indices, data = _batch(
        buf, offsets, normalise, features, vader_tables(), _log1p_table()
    )
    if not everything:
        rows = np.flatnonzero(ascii_rows)
        done, dense = _scatter(done, rows, n), _scatter(dense, rows, n)
        counts = _scatter(np.diff(indptr), rows, n)
        indptr = np.zeros(n + 1, dtype=np.int32)
        np.cumsum(counts, out=indptr[1:])
    matrix = sparse.csr_matrix((data, indices, indptr), shape=(n, N_COLUMNS + N_BUCKETS))
    return FastBatch(done=done, dense=dense, features=matrix)


def _scatter(values: npt.NDArray[Any], rows: npt.NDArray[np.intp], n: int) -> npt.NDArray[Any]:
    out = np.zeros((n, *values.shape[1:]), dtype=values.dtype)
    out[rows] = values
    return out
