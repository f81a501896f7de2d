"""VADER's lexicon and rule words as flat, immutable NumPy tables for the Numba kernels.

The kernels in ``vader_kernel`` look every lower-cased token up once in an open-addressing
hash table (FNV-1a over the token's bytes, linear probing) built here from the very
dictionaries ``vaderSentiment`` uses, so the fast path cannot drift from the reference
when the package's lexicon changes. Multi-word rules ("kind of", "kiss of death") become
tuples of small word ids, compared id by id instead of as joined strings.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
from vaderSentiment import vaderSentiment as vader

#: Word ids the rules test directly; the kernels use these constants.
#: "kind" and "of" come last: from KIND on, every id belongs to some multi-word rule.
RULE_WORDS = (
    "no", "or", "nor", "least", "at", "very", "never", "so", "this", "without", "doubt",
    "but", "kind", "of",
)  # fmt: skip
NO, OR, NOR, LEAST, AT, VERY, NEVER, SO, THIS, WITHOUT, DOUBT, BUT, KIND, OF = range(14)

#: Bits of the flags column of ``VaderTables.slot_info``.
IN_LEXICON, IS_BOOSTER, IS_NEGATION = 1, 2, 4

FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
_MASK64 = (1 << 64) - 1


class VaderTables(NamedTuple):
    """Hash table over lexicon, booster, negation and rule words, plus n-gram rules."""

    #: (size, 4) per slot, side by side so a probe reads one cache line: offset of the key
    #: in ``key_bytes`` (-1 for an empty slot), its length, word id (-1 when no rule names
    #: the word) and flags.
    slot_info: npt.NDArray[np.int64]
    slot_value: npt.NDArray[np.float64]  # (size, 2): lexicon valence, booster value
    key_bytes: npt.NDArray[np.uint8]
    special_pairs: npt.NDArray[np.int64]  # (k, 2) word ids of two-word SPECIAL_CASES
    special_pair_values: npt.NDArray[np.float64]
    special_triples: npt.NDArray[np.int64]  # (k, 3)
    special_triple_values: npt.NDArray[np.float64]
    booster_pairs: npt.NDArray[np.int64]  # (k, 2) two-word BOOSTER_DICT entries
    booster_pair_values: npt.NDArray[np.float64]


def fnv1a(data: bytes) -> int:
    """The 64-bit FNV-1a hash the kernel computes (``vader_kernel.lookup``)."""
    h = FNV_OFFSET
    for byte in data:
        h = ((h ^ byte) * FNV_PRIME) & _MASK64
    return h


def _rule_ngrams(words: dict[str, int]) -> dict[int, list[tuple[tuple[int, ...], float]]]:
    """Multi-word SPECIAL_CASES by length (single words never match a joined sequence)."""
    by_length: dict[int, list[tuple[tuple[int, ...], float]]] = {2: [], 3: []}
    for phrase, value in vader.SPECIAL_CASES.items():
        parts = phrase.split(" ")
        if len(parts) in by_length:
            by_length[len(parts)].append((tuple(words[p] for p in parts), float(value)))
    return by_length


def _ngram_arrays(
    entries: list[tuple[tuple[int, ...], float]], width: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    ids = np.array([key for key, _ in entries], dtype=np.int64).reshape(-1, width)
    return ids, np.array([value for _, value in entries], dtype=np.float64)


@lru_cache(maxsize=1)
def vader_tables() -> VaderTables:
    """Build the tables once (about 10 ms); they are never mutated afterwards."""
    lexicon: dict[str, float] = vader.SentimentIntensityAnalyzer().lexicon
    phrases = [p for p in vader.SPECIAL_CASES if " " in p]
    phrases += [p for p in vader.BOOSTER_DICT if " " in p]
    words = {w: k for k, w in enumerate(RULE_WORDS)}
    for phrase in phrases:
        for part in phrase.split(" "):
            words.setdefault(part, len(words))
    # The kernel skips the n-gram rules unless a word with id >= KIND is near.
    assert all(words[part] >= KIND for p in phrases for part in p.split(" "))
    keys = sorted(set(lexicon) | set(vader.BOOSTER_DICT) | set(vader.NEGATE) | set(words))
    keys = [k for k in keys if " " not in k]  # a whitespace-split token never has a space
    size = 1 << (2 * len(keys) - 1).bit_length()
    start = np.full(size, -1, dtype=np.int64)
    length = np.zeros(size, dtype=np.int64)
    word = np.full(size, -1, dtype=np.int64)
    flags = np.zeros(size, dtype=np.int64)
    valence = np.zeros(size, dtype=np.float64)
    booster = np.zeros(size, dtype=np.float64)
    blob = bytearray()
    for key in keys:
        data = key.encode("utf-8")
        slot = fnv1a(data) & (size - 1)
        while start[slot] >= 0:
            slot = (slot + 1) & (size - 1)
        start[slot], length[slot] = len(blob), len(data)
        blob += data
        word[slot] = words.get(key, -1)
        if key in lexicon:
            flags[slot] |= IN_LEXICON
            valence[slot] = lexicon[key]
        if key in vader.BOOSTER_DICT:
            flags[slot] |= IS_BOOSTER
            booster[slot] = vader.BOOSTER_DICT[key]
        if key in vader.NEGATE:
            flags[slot] |= IS_NEGATION
    ngrams = _rule_ngrams(words)
    boosters: list[tuple[tuple[int, ...], float]] = [
        (tuple(words[w] for w in p.split(" ")), float(vader.BOOSTER_DICT[p]))
        for p in vader.BOOSTER_DICT
        if " " in p
    ]
    pairs, pair_values = _ngram_arrays(ngrams[2], 2)
    triples, triple_values = _ngram_arrays(ngrams[3], 3)
    booster_pairs, booster_values = _ngram_arrays(boosters, 2)
    return VaderTables(
        np.stack([start, length, word, flags], axis=1), np.stack([valence, booster], axis=1),
        np.frombuffer(bytes(blob), np.uint8),
        pairs, pair_values, triples, triple_values, booster_pairs, booster_values,
    )  # fmt: skip
