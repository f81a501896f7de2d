"""Seating late joiners at tables already formed, without moving anyone already seated.

A late joiner goes to one of the smallest tables (so sizes stay within one of each other,
as when the tables were formed), and among those to the one where they add the most
diversity, with the same product rules as the grouping: colleagues apart, one expert per
table where possible, and, in a rotation, nobody they already met in another round.

>>> import numpy as np
>>> d = np.array([[0, 1, 9, 9, 5], [1, 0, 9, 9, 5], [9, 9, 0, 1, 1], [9, 9, 1, 0, 1],
...               [5, 5, 1, 1, 0]], dtype=float)
>>> place_newcomers(d, [[0, 1], [2, 3]], [4])
{4: 0}
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from immerse.engine.grouping.constraints import hard_penalty
from immerse.engine.grouping.model import GroupingConstraints, GroupingError

__all__ = ["place_newcomers"]


def place_newcomers(
    distances: NDArray[np.float64],
    groups: Sequence[Sequence[int]],
    newcomers: Sequence[int],
    *,
    constraints: GroupingConstraints | None = None,
    met: NDArray[np.float64] | None = None,
) -> dict[int, int]:
    """A table (index into ``groups``) for each newcomer, in the order given.

    ``distances`` covers every item (seated and new); ``groups`` lists the seated items per
    table and is not changed. ``constraints.apart`` and ``constraints.experts`` weigh in as
    in the grouping (a penalty larger than any diversity gain); ``met[i, j] > 0`` marks
    pairs that already sat together in another round, avoided with the same weight.
    Raises :class:`GroupingError` when there is no table or an item is out of range.
    """
    n = distances.shape[0]
    if not groups:
        raise GroupingError("place_newcomers: there are no tables to seat anyone at")
    for item in (*newcomers, *(i for members in groups for i in members)):
        if not 0 <= item < n:
            raise GroupingError(f"place_newcomers: item {item} is not in 0..{n - 1}")
    rules = constraints or GroupingConstraints()
    penalty = hard_penalty(distances, [(0, max(len(m) for m in groups) + len(newcomers))])
    avoid = np.zeros_like(distances)
    for i, j in rules.apart:
        avoid[i, j] = avoid[j, i] = 1.0
    if met is not None:
        avoid += met > 0
    experts = np.zeros(n, dtype=bool) if rules.experts is None else np.asarray(
        rules.experts, dtype=bool)
    tables = [list(members) for members in groups]
    placed: dict[int, int] = {}
    for item in newcomers:
        smallest = min(len(members) for members in tables)
        best, best_score = -1, -np.inf
        for index, members in enumerate(tables):
            if len(members) != smallest:
                continue
            score = _score(item, members, distances, avoid, experts, penalty)
            if score > best_score + 1e-9:
                best, best_score = index, score
        tables[best].append(item)
        placed[item] = best
    return placed


def _score(item: int, members: Sequence[int], distances: NDArray[np.float64],
           avoid: NDArray[np.float64], experts: NDArray[np.bool_], penalty: float) -> float:
    if not members:
        return penalty if experts[item] else 0.0
    row = np.asarray(members)
    score = float(distances[item, row].sum()) - penalty * float(avoid[item, row].sum())
    if experts[item]:
        # An expert goes where there is none; two experts at one table waste one.
        score -= penalty * float(experts[row].sum())
    return score

