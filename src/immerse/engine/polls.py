"""Poll results: counts per choice, a rating's mean, and the shift between a before and an
after poll (plain numbers in, plain numbers out).

>>> tally_choices([[0], [0, 2], [1]], choices=3)
[2, 1, 1]
>>> rating_summary([[5], [4], [3]])
RatingSummary(counts=[0, 0, 1, 1, 1], mean=4.0)
>>> choice_shift([2, 1], [1, 3], before_voters=3, after_voters=4)
[-0.4167, 0.4167]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

RATING_LOW, RATING_HIGH = 1, 5


def tally_choices(answers: Iterable[Sequence[int]], *, choices: int) -> list[int]:
    """How many answers picked each choice (an index out of range is ignored)."""
    counts = [0] * choices
    for picked in answers:
        for index in set(picked):
            if 0 <= index < choices:
                counts[index] += 1
    return counts


@dataclass(frozen=True, slots=True)
class RatingSummary:
    counts: list[int]  # answers per rating, 1 to 5
    mean: float | None  # None without answers


def rating_summary(answers: Iterable[Sequence[int]]) -> RatingSummary:
    """Counts per rating and the mean, rounded to two decimals."""
    ratings = [a[0] for a in answers if a and RATING_LOW <= a[0] <= RATING_HIGH]
    counts = [ratings.count(r) for r in range(RATING_LOW, RATING_HIGH + 1)]
    mean = round(sum(ratings) / len(ratings), 2) if ratings else None
    return RatingSummary(counts, mean)


def choice_shift(before: Sequence[int], after: Sequence[int], *, before_voters: int,
                 after_voters: int) -> list[float]:
    """Per choice, the change in the share of voters who picked it (after − before), to
    four decimals; a side without voters counts as 0 %."""
    def share(count: int, voters: int) -> float:
        return count / voters if voters else 0.0

    return [round(share(a, after_voters) - share(b, before_voters), 4)
            for b, a in zip(before, after, strict=True)]
