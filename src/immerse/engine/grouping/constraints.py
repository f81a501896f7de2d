"""Turn product constraints into a search matrix and restricted moves; check the result.

Every soft or penalised rule is pairwise, so it folds into the distance matrix and keeps
O(1) move evaluation: the search maximises ``sum of (d + penalty)`` within groups while the
reported objective stays the pure diversity ``sum of d``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from immerse.engine.grouping.model import GroupingConstraints, GroupingError, GroupingInfeasible

Floats = NDArray[np.float64]


def hard_penalty(distances: Floats, bounds: Sequence[tuple[int, int]]) -> float:
    """A penalty larger than the diversity change of any single move or swap.

    A swap changes four group sums of at most ``max_b`` terms each, so 4 * max|d| * max_b
    bounds its diversity gain: fixing a violated pair always pays.
    """
    largest = float(np.abs(distances).max()) if distances.size else 0.0
    max_size = max(b for _, b in bounds)
    return 4.0 * max(largest, 1.0) * max_size + 1.0


def rules_over_repeats(bounds: Sequence[tuple[int, int]], meetings: int) -> float:
    """The weight (in `hard_penalty` units) that puts the product rules above repeats.

    A pair's k-th meeting costs (k-1)^2 (convex, see `rotation_kernels`), so with at most
    `meetings` meetings per pair a swap changes 4 x (largest table) pairs by less than
    `meetings`^2 each, weighed up to 2 penalties in the rotation's repair: an expert or a
    colleague rule weighed more than all of that is never traded for a new tablemate.
    """
    largest = max(b for _, b in bounds)
    return 8.0 * largest * max(meetings, 1) ** 2 + 1.0


def search_matrix(
    distances: Floats, bounds: Sequence[tuple[int, int]], constraints: GroupingConstraints
) -> Floats:
    """The matrix the search maximises: distances plus the pairwise penalties/bonuses."""
    n = distances.shape[0]
    matrix = distances.copy()
    penalty = hard_penalty(distances, bounds)
    for i, j in constraints.apart:
        _check_pair(i, j, n, "apart")
        matrix[i, j] -= constraints.apart_weight * penalty
        matrix[j, i] -= constraints.apart_weight * penalty
    for i, j in constraints.together:
        _check_pair(i, j, n, "together")
        matrix[i, j] += penalty
        matrix[j, i] += penalty
    if constraints.experts is not None:
        experts = _per_item(constraints.experts, n, "experts").astype(bool)
        matrix -= constraints.expert_weight * penalty * np.outer(experts, experts)
    if constraints.levels is not None:
        levels = _per_item(constraints.levels, n, "levels")
        off_diagonal = distances[~np.eye(n, dtype=bool)]
        scale = float(np.abs(off_diagonal).mean()) if off_diagonal.size else 1.0
        same = levels[:, None] == levels[None, :]
        matrix -= constraints.level_mix_weight * scale * same
    np.fill_diagonal(matrix, 0.0)
    return matrix


def fixed_assignment(
    n: int, bounds: Sequence[tuple[int, int]], constraints: GroupingConstraints
) -> NDArray[np.int64]:
    """Group per item for fixed items, -1 for free ones; raises when bounds cannot hold."""
    fixed = np.full(n, -1, dtype=np.int64)
    for item, group in constraints.fixed.items():
        if not 0 <= item < n:
            raise GroupingError(f"fixed: item {item} is not in 0..{n - 1}")
        if not 0 <= group < len(bounds):
            raise GroupingError(f"fixed: item {item} -> group {group}, not in 0..{len(bounds) - 1}")
        fixed[item] = group
    counts = np.bincount(fixed[fixed >= 0], minlength=len(bounds))
    for g, (_, upper) in enumerate(bounds):
        if counts[g] > upper:
            raise GroupingInfeasible(f"fixed: {counts[g]} items fixed to group {g}, max {upper}")
    needed = sum(max(lower, int(counts[g])) for g, (lower, _) in enumerate(bounds))
    if needed > n:
        raise GroupingInfeasible(f"fixed members and lower bounds need {needed} items, have {n}")
    return fixed


def violations(groups: Sequence[Sequence[int]], constraints: GroupingConstraints) -> list[str]:
    """Readable list of the hard rules a grouping breaks (an independent checker)."""
    where = {item: g for g, members in enumerate(groups) for item in members}
    found = [
        f"item {item} should be in group {g}, is in {where[item]}"
        for item, g in constraints.fixed.items() if where[item] != g
    ]
    found += [f"items {i} and {j} should be apart, share group {where[i]}"
              for i, j in constraints.apart if where[i] == where[j]]
    found += [f"items {i} and {j} should be together, are in groups {where[i]} and {where[j]}"
              for i, j in constraints.together if where[i] != where[j]]
    if constraints.experts is not None:
        experts = constraints.experts
        found += [f"group {g} has no expert" for g, members in enumerate(groups)
                  if not any(experts[item] for item in members)]
    return found


def _check_pair(i: int, j: int, n: int, name: str) -> None:
    if not (0 <= i < n and 0 <= j < n) or i == j:
        raise GroupingError(f"{name}: pair ({i}, {j}) is not two distinct items in 0..{n - 1}")


def _per_item(values: Sequence[int] | Sequence[bool], n: int, name: str) -> NDArray[np.int64]:
    array = np.asarray(values, dtype=np.int64)
    if array.shape != (n,):
        raise GroupingError(f"{name}: expected one value per item ({n}), got {array.shape}")
    return array
