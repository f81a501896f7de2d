"""Word clouds: free words normalised and counted, then laid out by frequency.

Deterministic: the same counts give the same layout (ties broken alphabetically), so a
projector and a phone draw the same cloud and tests hold exact values.

>>> counts = word_counts([["Listen", "share"], ["listen "], ["the"]])
>>> counts
{'listen': 2, 'share': 1}
>>> [(w.word, w.size, w.x, w.y) for w in wordcloud_layout(counts, width=300)]
[('listen', 48, 0, 48), ('share', 16, 185, 48)]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

#: Words too common to say anything. English only for now: a list per language is a later
#: issue (the event's language is not known to the engine yet).
_STOP = ("a an and are as at be but by for from has have i in is it its of on or so that the "
         "their them they this to was we were what when which who will with you your")
STOP_WORDS: frozenset[str] = frozenset(_STOP.split(" "))

_SPACES = re.compile(r"\s+")
#: Width of a character as a share of the font size (an average for sans-serif text).
CHAR_WIDTH = 0.6


def word_normalise(word: str) -> str:
    """Lower case, inner white space collapsed to one space, ends stripped."""
    return _SPACES.sub(" ", word).strip().casefold()


def word_counts(answers: Iterable[Iterable[str]]) -> dict[str, int]:
    """How many answers hold each normalised word (one person's repeats count once), most
    frequent first, then alphabetically; stop words and empty words left out."""
    counter: Counter[str] = Counter()
    for words in answers:
        counter.update({w for w in map(word_normalise, words) if w and w not in STOP_WORDS})
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


@dataclass(frozen=True, slots=True)
class PlacedWord:
    word: str
    count: int
    size: int  # font size in px
    x: int  # left edge
    y: int  # baseline


def wordcloud_layout(counts: Mapping[str, int], *, width: int, max_words: int = 40,
                     min_size: int = 16, max_size: int = 48, gap: int = 12
                     ) -> list[PlacedWord]:
    """Place the ``max_words`` most frequent words in lines ``width`` px wide.

    The size grows linearly with the count from ``min_size`` (the rarest shown) to
    ``max_size`` (the most frequent); words go left to right, a new line when the next does
    not fit, each line as tall as its largest word.
    """
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:max_words]
    if not ranked:
        return []
    high, low = ranked[0][1], ranked[-1][1]
    placed: list[PlacedWord] = []
    line: list[tuple[str, int, int, int]] = []  # word, count, size, x
    x, top = 0, 0

    def close_line() -> None:
        height = max(size for _, _, size, _ in line)
        placed.extend(PlacedWord(w, n, size, left, top + height) for w, n, size, left in line)

    for word, count in ranked:
        size = min_size if high == low else round(
            min_size + (max_size - min_size) * (count - low) / (high - low))
        length = round(len(word) * size * CHAR_WIDTH)
        if line and x + length > width:
            close_line()
            top += max(size for _, _, size, _ in line) + gap // 2
            line, x = [], 0
        line.append((word, count, size, x))
        x += length + gap
    close_line()
    return placed
