"""Numba inner loops of the grouping search: incremental gains, tabu search, perturbation.

The search keeps ``D[i, g] = sum of d[i, j] over the items j in group g`` up to date, so that
every move is evaluated in O(1):

* one-move, item i from group p to q:  gain = D[i, q] - D[i, p]
* swap, i in p with j in q:            gain = D[i, q] - D[i, p] + D[j, p] - D[j, q] - 2 d[i, j]

and applying a move costs O(n). All randomness comes from a xorshift64 state held in a
one-element ``uint64`` array, so a chunked run continues exactly where it stopped: the same
seed and the same number of iterations give the same result, whatever the chunking.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from immerse.engine.grouping._jit import jit

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]
RngState = NDArray[np.uint64]

_EPS = 1e-9
# Indices into the integer and float scratch arrays of a tabu-search session.
IT, NONIMPROVING = 0, 1
OBJ, ROUND_BEST = 0, 1


class Problem(NamedTuple):
    """What one search groups: distances, group size bounds, which items may move.

    NamedTuples of arrays, so Numba takes each bundle as one argument.
    """

    d: Floats
    lower: Ints
    upper: Ints
    movable: Bools


class Round(NamedTuple):
    """The grouping being searched and its scratch arrays; the kernels change them in place.

    ``sums[i, g]`` is D[i, g] (see above); ``tabu[i, g]`` the iteration until which item i
    may not re-enter group g; ``counters`` holds IT and NONIMPROVING, ``values`` OBJ and
    ROUND_BEST; ``rng`` the xorshift64 state.
    """

    group: Ints
    size: Ints
    sums: Floats
    tabu: Ints
    round_best: Ints
    counters: Ints
    values: Floats
    rng: RngState


class Tenure(NamedTuple):
    """How long a round lasts without progress, and how long a left group stays tabu."""

    depth: int
    tenure_min: int
    tenure_span: int


@jit
def next_random(rng: RngState) -> int:
    """Advance the xorshift64 generator and return a non-negative 62-bit integer."""
    x = rng[0]
    x ^= x << np.uint64(13)
    x ^= x >> np.uint64(7)
    x ^= x << np.uint64(17)
    rng[0] = x
    return int(x >> np.uint64(2))


@jit
def random_below(rng: RngState, k: int) -> int:
    return next_random(rng) % k


@jit
def objective(d: Floats, group: Ints) -> float:
    """Sum of within-group distances, recomputed from scratch (the checker's formula)."""
    n = group.shape[0]
    total = 0.0
    for i in range(n):
        for j in range(i + 1, n):
            if group[i] == group[j]:
                total += d[i, j]
    return total


@jit
def build_sums(d: Floats, group: Ints, m: int) -> tuple[Floats, Ints]:
    """Return ``D`` (n x m, sums of distances to each group) and the group sizes."""
    n = group.shape[0]
    sums = np.zeros((n, m))
    size = np.zeros(m, dtype=np.int64)
    for j in range(n):
        g = group[j]
        size[g] += 1
        for i in range(n):
            sums[i, g] += d[i, j]
    for i in range(n):  # d[i, i] is 0 by contract, but do not rely on it
        sums[i, group[i]] -= d[i, i]
    return sums, size


@jit
def apply_move(d: Floats, group: Ints, size: Ints, sums: Floats, i: int, target: int) -> None:
    source = group[i]
    for k in range(group.shape[0]):
        sums[k, source] -= d[k, i]
        sums[k, target] += d[k, i]
    group[i] = target
    size[source] -= 1
    size[target] += 1


def tabu_search(
    problem: Problem, state: Round, tenure: Tenure, aspiration: float, max_steps: int
) -> bool:
    """Run at most `max_steps` tabu iterations; True when `depth` steps passed without a
    new round best (the round is over and `round_best` holds its local optimum).

    A tabu move is still taken when it beats `aspiration` (the best objective found so far).
    """
    # The compiled loop takes the arrays one by one: Numba's dispatcher would otherwise type
    # the bundles' tuples on every call, and rotations make thousands of short calls.
    return bool(_tabu_search(
        problem.d, problem.lower, problem.upper, problem.movable,
        state.group, state.size, state.sums, state.tabu, state.round_best,
        state.counters, state.values, state.rng,
        tenure.depth, tenure.tenure_min, tenure.tenure_span, aspiration, max_steps))


@jit
def _tabu_search(
    d: Floats, lower: Ints, upper: Ints, movable: Bools,
    group: Ints, size: Ints, sums: Floats, tabu: Ints, round_best: Ints,
    counters: Ints, values: Floats, rng: RngState,
    depth: int, tenure_min: int, tenure_span: int, aspiration: float, max_steps: int,
) -> bool:
    n, m = sums.shape
    for _ in range(max_steps):
        if counters[NONIMPROVING] >= depth:
            return True
        it = counters[IT]
        obj = values[OBJ]
        best_gain = -np.inf
        best_i, best_j, best_g = -1, -1, -1
        ties = 0
        own = np.empty(n)  # D[j, group[j]], read once per iteration
        for j in range(n):
            own[j] = sums[j, group[j]]
        for i in range(n):
            if not movable[i]:
                continue
            p = group[i]
            if size[p] > lower[p]:
                for q in range(m):
                    if q == p or size[q] >= upper[q]:
                        continue
                    gain = sums[i, q] - own[i]
                    # cheap rejection first: most moves are worse than the best so far
                    if gain < best_gain - _EPS:
                        continue
                    if tabu[i, q] > it and obj + gain <= aspiration + _EPS:
                        continue
                    if gain > best_gain + _EPS:
                        best_gain, best_i, best_j, best_g, ties = gain, i, -1, q, 1
                    else:
                        ties += 1
                        if random_below(rng, ties) == 0:
                            best_i, best_j, best_g = i, -1, q
            base_i = own[i]
            for j in range(i + 1, n):
                q = group[j]
                if q == p or not movable[j]:
                    continue
                gain = sums[i, q] - base_i + sums[j, p] - own[j] - 2.0 * d[i, j]
                if gain < best_gain - _EPS:
                    continue
                if (tabu[i, q] > it or tabu[j, p] > it) and obj + gain <= aspiration + _EPS:
                    continue
                if gain > best_gain + _EPS:
                    best_gain, best_i, best_j, best_g, ties = gain, i, j, q, 1
                else:
                    ties += 1
                    if random_below(rng, ties) == 0:
                        best_i, best_j, best_g = i, j, q
        if best_i < 0:  # every move is tabu or blocked: the round cannot continue
            counters[NONIMPROVING] = depth
            return True
        p = group[best_i]
        tabu[best_i, p] = it + tenure_min + random_below(rng, tenure_span + 1)
        if best_j >= 0:
            tabu[best_j, best_g] = it + tenure_min + random_below(rng, tenure_span + 1)
            apply_move(d, group, size, sums, best_j, p)
        apply_move(d, group, size, sums, best_i, best_g)
        values[OBJ] = obj + best_gain
        counters[IT] = it + 1
        if values[OBJ] > values[ROUND_BEST] + _EPS:
            values[ROUND_BEST] = values[OBJ]
            round_best[:] = group
            counters[NONIMPROVING] = 0
            if values[OBJ] > aspiration:
                aspiration = values[OBJ]
        else:
            counters[NONIMPROVING] += 1
    return bool(counters[NONIMPROVING] >= depth)


def perturb(problem: Problem, state: Round, strength: int) -> None:
    """Apply `strength` random swaps (a swap keeps the group sizes the search settled on)."""
    _perturb(problem.d, problem.movable, state.group, state.size, state.sums, strength,
             state.rng)


@jit
def _perturb(d: Floats, movable: Bools, group: Ints, size: Ints, sums: Floats, strength: int,
             rng: RngState) -> None:
    free = np.flatnonzero(movable)
    if free.shape[0] < 2:
        return
    for _ in range(strength):
        for _attempt in range(20):  # a few tries to find a feasible random move
            i = free[random_below(rng, free.shape[0])]
            p = group[i]
            j = free[random_below(rng, free.shape[0])]
            q = group[j]
            if q != p:
                apply_move(d, group, size, sums, i, q)
                apply_move(d, group, size, sums, j, p)
                break
