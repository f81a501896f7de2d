"""Zero-repeat rotations by construction, then a relabelling search for diversity.

Seat n = p * g people on a p x g grid, person (r, c). In round k, person (r, c) sits at
table ``(c + f_k(r)) mod g``: every table gets one person per row, so p per table. Two
people meet in rounds k and l only if ``f_k - f_l`` takes the same value on both their rows;
so when every difference ``f_k - f_l`` is injective on the rows (a difference-matrix
condition, found by a small depth-first search), no pair ever meets twice. With g prime,
``f_k(r) = k r`` works; for g = 10, p = 9 and 5 rounds the search finds one at once.

Any relabelling of people onto grid cells keeps zero repeats, so diversity is then improved
by swapping two people's cells (O(rounds) gain per swap from per-round group sums).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from immerse.engine.grouping._jit import jit
from immerse.engine.grouping.kernels import random_below

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]


def difference_rows(rows: int, tables: int, rounds: int, *, node_limit: int = 200_000) -> (
    list[list[int]] | None
):
    """Shifts f_k (k < rounds) over `rows` rows mod `tables`, all pairwise differences
    injective; None when the search finds none within `node_limit` nodes."""
    if rows > tables:
        return None
    found: list[list[int]] = [[0] * rows]
    nodes = 0

    def consistent(candidate: list[int]) -> bool:
        last = len(candidate) - 1
        for earlier in found:
            value = (candidate[last] - earlier[last]) % tables
            if any((candidate[r] - earlier[r]) % tables == value for r in range(last)):
                return False
        return True

    def extend(candidate: list[int]) -> bool:
        nonlocal nodes
        nodes += 1
        if nodes > node_limit:
            return False
        if len(candidate) == rows:
            found.append(list(candidate))
            if len(found) == rounds or extend([0]):
                return True
            found.pop()
            return False
        for value in range(tables):
            candidate.append(value)
            if consistent(candidate) and extend(candidate):
                return True
            candidate.pop()
        return False

    if rounds == 1 or extend([0]):
        return found[:rounds]
    return None


def grid_rounds(rows: int, tables: int, shifts: list[list[int]]) -> Ints:
    """Table of grid cell ``r * tables + c`` in each round: shape (rounds, rows * tables)."""
    cells = np.arange(rows * tables)
    r, c = cells // tables, cells % tables
    return np.array([(c + np.asarray(f)[r]) % tables for f in shifts], dtype=np.int64)


@jit
def relabel_search(
    q: Floats, tables_of_cell: Ints, person_at: Ints, m: int, max_iterations: int,
    rng: NDArray[np.uint64],
) -> float:
    """Improve `person_at` (cell -> person) by best-improvement swaps with random kicks.

    Maximises the sum over rounds of within-table q; leaves the best labelling in
    `person_at` and returns its value.
    """
    rounds, n = tables_of_cell.shape
    sums = np.zeros((rounds, n, m))  # sums[w, person, table] of q to the table's people
    for w in range(rounds):
        for s in range(n):
            for t in range(n):
                if s != t:
                    sums[w, person_at[s], tables_of_cell[w, t]] += q[person_at[s], person_at[t]]
    value = 0.0
    for w in range(rounds):
        for s in range(n):
            value += sums[w, person_at[s], tables_of_cell[w, s]] / 2.0
    best_value, best = value, person_at.copy()
    for _ in range(max_iterations):
        best_gain, bs, bt = 1e-9, -1, -1
        for s in range(n):
            a = person_at[s]
            for t in range(s + 1, n):
                b = person_at[t]
                gain = 0.0
                for w in range(rounds):
                    gs, gt = tables_of_cell[w, s], tables_of_cell[w, t]
                    if gs != gt:
                        gain += (sums[w, b, gs] - sums[w, a, gs] + sums[w, a, gt]
                                 - sums[w, b, gt] - 2.0 * q[a, b])
                if gain > best_gain:
                    best_gain, bs, bt = gain, s, t
        if bs < 0:  # local optimum: remember it, then kick with a few random swaps
            if value > best_value:
                best_value, best = value, person_at.copy()
            for _kick in range(max(2, n // 10)):
                s, t = random_below(rng, n), random_below(rng, n)
                if s != t:
                    value += _swap_cells(q, tables_of_cell, person_at, sums, s, t)
            continue
        value += _swap_cells(q, tables_of_cell, person_at, sums, bs, bt)
    if value > best_value:
        best_value, best = value, person_at.copy()
    person_at[:] = best
    return best_value


@jit
def _swap_cells(
    q: Floats, tables_of_cell: Ints, person_at: Ints, sums: Floats, s: int, t: int
) -> float:
    """Swap the people at cells s and t; update the sums; return the change in value."""
    rounds, n = tables_of_cell.shape
    a, b = person_at[s], person_at[t]
    gain = 0.0
    for w in range(rounds):
        gs, gt = tables_of_cell[w, s], tables_of_cell[w, t]
        if gs == gt:
            continue
        gain += sums[w, b, gs] - sums[w, a, gs] + sums[w, a, gt] - sums[w, b, gt] - 2.0 * q[a, b]
        for k in range(n):
            sums[w, k, gs] += q[k, b] - q[k, a]
            sums[w, k, gt] += q[k, a] - q[k, b]
    person_at[s], person_at[t] = b, a
    return gain
