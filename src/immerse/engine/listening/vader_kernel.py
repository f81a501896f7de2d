"""A Numba port of VADER 3.3.2's rules over one text's words (ASCII, already split).

Mirrors ``SentimentIntensityAnalyzer.polarity_scores`` step by step, in the same
floating-point order, so the scores are bit-identical: booster/dampener words, the
ALL-CAPS differential, "no" and the three-word negation window (with "n't", "never so",
"without doubt"), "kind of", "least", the special-case idioms, "but" (including its
quirk of rescaling the *first* equal valence), punctuation emphasis and normalisation.
Per-word inputs come from ``vader_tables``; ``T`` is a ``VaderTables``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from immerse.engine.listening.text_kernel import inline_jit, jit
from immerse.engine.listening.vader_tables import (
    AT,
    BUT,
    DOUBT,
    FNV_OFFSET,
    FNV_PRIME,
    IN_LEXICON,
    IS_BOOSTER,
    IS_NEGATION,
    KIND,
    LEAST,
    NEVER,
    NO,
    NOR,
    OF,
    OR,
    SO,
    THIS,
    VERY,
    WITHOUT,
)

B_INCR, C_INCR, N_SCALAR = 0.293, 0.733, -0.74


@inline_jit
def lookup(lowered: Any, a: Any, b: Any, h: Any, T: Any) -> Any:
    """Slot of ``lowered[a:b]`` (lower-case, FNV-1a hash ``h``) in the table, or -1."""
    info = T.slot_info
    size = info.shape[0]
    slot = np.int64(h & np.uint64(size - 1))
    while info[slot, 0] >= 0:
        if info[slot, 1] == b - a:
            s = info[slot, 0]
            same = True
            for k in range(b - a):
                if T.key_bytes[s + k] != lowered[a + k]:
                    same = False
                    break
            if same:
                return slot
        slot = (slot + 1) & (size - 1)
    return -1


@inline_jit
def _find(word: Any, first: Any, keys: Any, values: Any) -> Any:
    """Value of the n-gram ``word[first:first + width]`` among ``keys`` rows, or NaN."""
    for r in range(keys.shape[0]):
        same = True
        for c in range(keys.shape[1]):
            if keys[r, c] != word[first + c]:
                same = False
                break
        if same:
            return values[r]
    return np.nan


@inline_jit
def _special_idioms(v: Any, i: Any, n: Any, word: Any, T: Any) -> Any:
    """``_special_idioms_check`` for ``i >= 3``; a no-op unless a rule word is near."""
    near = False
    for k in range(i - 3, min(i + 3, n)):
        near = near or word[k] >= KIND
    if not near:
        return v
    pairs, triples = T.special_pairs, T.special_triples
    pv, tv = T.special_pair_values, T.special_triple_values
    # "onezero", "twoonezero", "twoone", "threetwoone", "threetwo": the first match wins.
    found = _find(word, i - 1, pairs, pv)
    if math.isnan(found):
        found = _find(word, i - 2, triples, tv)
    if math.isnan(found):
        found = _find(word, i - 2, pairs, pv)
    if math.isnan(found):
        found = _find(word, i - 3, triples, tv)
    if math.isnan(found):
        found = _find(word, i - 3, pairs, pv)
    if not math.isnan(found):
        v = found
    if n - 1 > i:
        found = _find(word, i, pairs, pv)
        if not math.isnan(found):
            v = found
    if n - 1 > i + 1:
        found = _find(word, i, triples, tv)
        if not math.isnan(found):
            v = found
    for first in (i - 3, i - 2):  # "threetwo" then "twoone"; three words never boost
        found = _find(word, first, T.booster_pairs, T.booster_pair_values)
        if not math.isnan(found):
            v = v + found
    return v


@inline_jit
def _negation(v: Any, start_i: Any, i: Any, word: Any, negated: Any) -> Any:
    if start_i == 0:
        if negated[i - 1]:
            v = v * N_SCALAR
    elif start_i == 1:
        if word[i - 2] == NEVER and (word[i - 1] == SO or word[i - 1] == THIS):
            v = v * 1.25
        elif word[i - 2] == WITHOUT and word[i - 1] == DOUBT:
            pass
        elif negated[i - 2]:
            v = v * N_SCALAR
    else:
        if (word[i - 3] == NEVER and (word[i - 2] == SO or word[i - 2] == THIS)) or (
            word[i - 1] == SO or word[i - 1] == THIS
        ):
            v = v * 1.25
        elif word[i - 3] == WITHOUT and (word[i - 2] == DOUBT or word[i - 1] == DOUBT):
            pass
        elif negated[i - 3]:
            v = v * N_SCALAR
    return v


@inline_jit
def _scalar(j: Any, v: Any, flags: Any, booster: Any, upper: Any, cap_diff: Any) -> Any:
    """``scalar_inc_dec`` for the word ``j`` before a lexicon word of valence ``v``."""
    scalar = 0.0
    if flags[j] & IS_BOOSTER:
        scalar = booster[j]
        if v < 0:
            scalar *= -1
        if upper[j] and cap_diff:
            if v > 0:
                scalar += C_INCR
            else:
                scalar -= C_INCR
    return scalar


@inline_jit
def _valence(i: Any, n: Any, w: Any, T: Any, cap_diff: Any) -> Any:
    """``sentiment_valence`` for word ``i``; ``w`` holds the per-word arrays."""
    word, flags, valence, booster, upper, negated = w
    if not flags[i] & IN_LEXICON:
        return 0.0
    v = valence[i]
    if word[i] == NO and i != n - 1 and flags[i + 1] & IN_LEXICON:
        v = 0.0
    if (
        (i > 0 and word[i - 1] == NO)
        or (i > 1 and word[i - 2] == NO)
        or (i > 2 and word[i - 3] == NO and (word[i - 1] == OR or word[i - 1] == NOR))
    ):
        v = valence[i] * N_SCALAR
    if upper[i] and cap_diff:
        if v > 0:
            v += C_INCR
        else:
            v -= C_INCR
    for start_i in range(3):
        j = i - (start_i + 1)
        if i > start_i and not flags[j] & IN_LEXICON:
            s = _scalar(j, v, flags, booster, upper, cap_diff)
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            v = v + s
            v = _negation(v, start_i, i, word, negated)
            if start_i == 2:
                v = _special_idioms(v, i, n, word, T)
    if i > 1 and not flags[i - 1] & IN_LEXICON and word[i - 1] == LEAST:
        if word[i - 2] != AT and word[i - 2] != VERY:
            v = v * N_SCALAR
    elif i > 0 and not flags[i - 1] & IN_LEXICON and word[i - 1] == LEAST:
        v = v * N_SCALAR
    return v


@inline_jit
def _but_check(sentiments: Any, n: Any, word: Any) -> None:
    """``_but_check`` literally: ``list.index`` finds the first equal value, not ``k``."""
    bi = -1
    for k in range(n):
        if word[k] == BUT:
            bi = k
            break
    if bi < 0:
        return
    for k in range(n):
        x = sentiments[k]
        si = 0
        while sentiments[si] != x:
            si += 1
        if si < bi:
            sentiments[si] = x * 0.5
        elif si > bi:
            sentiments[si] = x * 1.5


@inline_jit
def word_valences(n: Any, w: Any, T: Any, sentiments: Any) -> None:
    """Fill ``sentiments[:n]`` as ``polarity_scores`` records them (after "but")."""
    word, flags, _, _, upper, _ = w
    n_upper = 0
    for k in range(n):
        n_upper += 1 if upper[k] else 0
    cap_diff = 0 < n - n_upper < n
    for i in range(n):
        kind_of = i < n - 1 and word[i] == KIND and word[i + 1] == OF
        # Non-lexicon words are 0 in _valence too; testing here saves a ~100 ns call.
        if flags[i] & IS_BOOSTER or kind_of or not flags[i] & IN_LEXICON:
            sentiments[i] = 0.0
        else:
            sentiments[i] = _valence(i, n, w, T, cap_diff)
    _but_check(sentiments, n, word)


@inline_jit
def word_features(text: Any, lowered: Any, starts: Any, ends: Any, n: Any, T: Any, w: Any) -> None:
    """Look each word up once and fill the per-word arrays ``w``."""
    word, flags, valence, booster, upper, negated = w
    for k in range(n):
        a, b = starts[k], ends[k]
        # One pass over the word: its hash, str.isupper, and whether it contains "n't".
        h = np.uint64(FNV_OFFSET)
        cased = has_lower = nt = False
        for c in range(a, b):
            h = (h ^ np.uint64(lowered[c])) * np.uint64(FNV_PRIME)
            has_lower = has_lower or 97 <= text[c] <= 122
            cased = cased or 65 <= text[c] <= 90
            nt = nt or (
                c >= a + 2 and lowered[c] == 116 and lowered[c - 1] == 39 and lowered[c - 2] == 110
            )
        slot = lookup(lowered, a, b, h, T)
        if slot >= 0:
            word[k], flags[k] = T.slot_info[slot, 2], T.slot_info[slot, 3]
            valence[k], booster[k] = T.slot_value[slot, 0], T.slot_value[slot, 1]
        else:
            word[k], flags[k], valence[k], booster[k] = -1, 0, 0.0, 0.0
        upper[k] = cased and not has_lower
        negated[k] = nt or (flags[k] & IS_NEGATION) != 0


@jit
def _pairwise_sum(a: Any, lo: Any, n: Any) -> Any:
    """``a[lo:lo + n].sum()`` in NumPy's pairwise order (8 partial sums per block).

    Only for ``n <= 128``: a recursive jitted function crashes when loaded from Numba's
    cache, and texts with more than 128 positive (or negative) words are routed anyway.
    """
    if n < 8:
        res = 0.0
        for k in range(n):
            res += a[lo + k]
        return res
    if n <= 128:
        r = a[lo : lo + 8].copy()
        k = 8
        while k < n - (n % 8):
            for j in range(8):
                r[j] += a[lo + k + j]
            k += 8
        res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        while k < n:
            res += a[lo + k]
            k += 1
        return res
    return np.nan  # NumPy recurses past 128 values; the caller routes such texts


@jit
def _product_error(a: Any, b: Any, product: Any) -> Any:
    """Exact ``a * b - product`` for ``product = fl(a * b)`` (Dekker's two-product)."""
    split = 134217729.0  # 2**27 + 1
    t = split * a
    a_hi = t - (t - a)
    a_lo = a - a_hi
    t = split * b
    b_hi = t - (t - b)
    b_lo = b - b_hi
    return ((a_hi * b_hi - product) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo


@jit
def _rounded(x: Any, scale: Any) -> Any:
    """``round(x, digits)`` with ``scale = 10**digits``, exactly as Python computes it.

    Python rounds the exact decimal value of ``x * scale`` half-to-even, then returns
    the double nearest ``z / scale``, which IEEE division gives. The exact product is
    ``p + err``; ``p - (z + 0.5)`` is exact near a tie (Sterbenz), and a rounded sum
    keeps the sign of the exact one, so the side of the tie is always decided right.
    """
    p = x * scale
    z = math.floor(p)
    if p != z:
        d = (p - (z + 0.5)) + _product_error(x, scale, p)
        if d > 0 or (d == 0 and z % 2 != 0):
            z += 1.0
    return math.copysign(0.0, x) if z == 0.0 else z / scale


@inline_jit
def polarity(sentiments: Any, n: Any, n_exclaim: Any, n_question: Any, out: Any) -> Any:
    """``score_valence`` plus the aggregates, into ``out[:8]`` (``VADER_COLUMNS``).

    ``sentiments`` must have room for ``3 * n`` values: the aggregates use the rest.

    Returns False for more than 128 positive (or negative) words, which it leaves to
    the caller.
    """
    sum_s = 0.0
    for k in range(n):
        sum_s += sentiments[k]
    amplifier = min(n_exclaim, 4) * 0.292
    if n_question > 1:
        amplifier = amplifier + (n_question * 0.18 if n_question <= 3 else 0.96)
    else:
        amplifier = amplifier + 0.0
    if sum_s > 0:
        sum_s += amplifier
    elif sum_s < 0:
        sum_s -= amplifier
    compound = sum_s / math.sqrt(sum_s * sum_s + 15)
    compound = max(-1.0, min(1.0, compound))
    pos_sum, neg_sum, neu_count = 0.0, 0.0, 0
    for k in range(n):
        x = sentiments[k]
        if x > 0:
            pos_sum += x + 1
        if x < 0:
            neg_sum += x - 1
        if x == 0:
            neu_count += 1
    if pos_sum > abs(neg_sum):
        pos_sum += amplifier
    elif pos_sum < abs(neg_sum):
        neg_sum -= amplifier
    total = pos_sum + abs(neg_sum) + neu_count
    raw = (compound, abs(pos_sum / total), abs(neg_sum / total), abs(neu_count / total))
    for c in range(4):
        out[c] = _rounded(raw[c], 10000.0 if c == 0 else 1000.0)
    return _aggregates(sentiments, n, out)


@jit
def _aggregates(sentiments: Any, n: Any, out: Any) -> Any:
    # Scratch space after the valences (the caller sizes ``sentiments`` for 3 n).
    positive = sentiments[n : 2 * n]
    negative = sentiments[2 * n : 3 * n]
    n_pos = n_neg = 0
    for k in range(n):
        if sentiments[k] > 0:
            positive[n_pos] = sentiments[k]
            n_pos += 1
        elif sentiments[k] < 0:
            negative[n_neg] = sentiments[k]
            n_neg += 1
    out[4] = _pairwise_sum(positive, 0, n_pos) / 4
    out[5] = _pairwise_sum(negative, 0, n_neg) / 4
    out[6] = max(0.0, positive[:n_pos].max() if n_pos else 0.0) / 4
    out[7] = min(0.0, negative[:n_neg].min() if n_neg else 0.0) / 4
    return n_pos <= 128 and n_neg <= 128
