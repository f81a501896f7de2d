"""Numba tabu search that removes repeated pairs from a multi-round plan (social golfer style).

The state is one grouping per round (`rounds x n` group labels, member lists per round and
group) and the meeting counts ``meets[i, j]``. A move swaps two items of different groups in
one round; only items that sit with someone they meet again are candidates (Dotú & Van
Hentenryck's conflict-directed neighbourhood for the social golfer problem). Each swap is
scored as ``penalty * (repeat cost removed) + diversity gained`` in O(group size).

The k-th meeting of a pair costs (k-1)^2: a second meeting 1, a third 4, a fifth 16. The
cost is convex, so forced repeats are spread over many pairs, each meeting twice, instead
of a few pairs sitting together in every round. (Counting c-1 extra meetings makes
clumping free: the demo immersion's 8 tables of 11-12 then kept 19 pairs together in all
five rounds.) The cost is never below the re-meetings c(c-1)/2 and equals them when no
pair meets three times, so a floor on re-meetings is a floor on the cost.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from immerse.engine.grouping._jit import jit
from immerse.engine.grouping.kernels import random_below

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]


class Plan(NamedTuple):
    """A multi-round plan as the kernels change it in place (one NamedTuple of arrays, so
    Numba takes it as one argument).

    ``labels[w, i]`` is item i's group in round w; ``members[w, g, :sizes[w, g]]`` lists the
    group's items and ``where[w, i]`` is i's position in that list; ``meets[i, j]`` counts
    the rounds in which i and j sit together.
    """

    labels: Ints
    members: Ints
    sizes: Ints
    where: Ints
    meets: Ints


@jit
def repeat_cost(times: int) -> int:
    """The cost of a pair that sits together in `times` rounds: 1 + 4 + ... + (times-1)^2."""
    return (times - 1) * times * (2 * times - 1) // 6 if times > 1 else 0


@jit
def count_repeats(meets: Ints) -> int:
    """The repeat cost of a plan: `repeat_cost` summed over all pairs."""
    n = meets.shape[0]
    total = 0
    for i in range(n):
        for j in range(i + 1, n):
            total += repeat_cost(meets[i, j])
    return total


@jit
def swap_gain(q: Floats, plan: Plan, w: int, i: int, p: int, j: int, g: int,
              penalty: float) -> float:
    """Gain of swapping item i (group p) with item j (group g) in round w."""
    meets, members, sizes = plan.meets, plan.members, plan.sizes
    gain = 0.0
    for t in range(sizes[w, p]):
        k = members[w, p, t]
        if k == i:
            continue
        gain += q[j, k] - q[i, k]
        # i leaves k: their meets[i, k]-th meeting goes; j joins k: one more meeting
        gain += penalty * ((meets[i, k] - 1) ** 2 - meets[j, k] ** 2)
    for t in range(sizes[w, g]):
        k = members[w, g, t]
        if k == j:
            continue
        gain += q[i, k] - q[j, k]
        gain += penalty * ((meets[j, k] - 1) ** 2 - meets[i, k] ** 2)
    return gain


@jit
def apply_swap(plan: Plan, w: int, i: int, j: int) -> None:
    labels, members, sizes, where, meets = plan
    p, g = labels[w, i], labels[w, j]
    for t in range(sizes[w, p]):
        k = members[w, p, t]
        if k != i:
            meets[i, k] -= 1
            meets[k, i] -= 1
            meets[j, k] += 1
            meets[k, j] += 1
    for t in range(sizes[w, g]):
        k = members[w, g, t]
        if k != j:
            meets[j, k] -= 1
            meets[k, j] -= 1
            meets[i, k] += 1
            meets[k, i] += 1
    members[w, p, where[w, i]] = j
    members[w, g, where[w, j]] = i
    where[w, i], where[w, j] = where[w, j], where[w, i]
    labels[w, i], labels[w, j] = g, p


@jit
def remove_repeats(
    q: Floats, plan: Plan, movable: Bools, penalty: float, max_iterations: int,
    rng: NDArray[np.uint64], floor: int = 0,
) -> int:
    """Tabu search on `labels` (changed in place to the best plan found); returns iterations.

    ``movable[w, i]`` says whether item i may move in round w (seats fixed in a round stay).

    Stops at a repeat cost of `floor` (none can do better) or after `max_iterations`; perturbs
    with a few random swaps after a long stretch without a new best.
    """
    labels, members, sizes, _, meets = plan
    rounds, n = labels.shape
    tabu = np.zeros((rounds, n), dtype=np.int64)
    best_labels = labels.copy()
    best_repeats = count_repeats(meets)
    repeats = best_repeats
    stall = 0
    for it in range(max_iterations):
        if repeats <= floor:
            break
        best_gain, bw, bi, bj, ties = -np.inf, -1, -1, -1, 0
        for w in range(rounds):
            for i in range(n):
                if not movable[w, i]:
                    continue
                p = labels[w, i]
                conflicted = False
                for t in range(sizes[w, p]):
                    if meets[i, members[w, p, t]] >= 2 and members[w, p, t] != i:
                        conflicted = True
                        break
                if not conflicted:
                    continue
                for j in range(n):
                    g = labels[w, j]
                    if g == p or not movable[w, j]:
                        continue
                    gain = swap_gain(q, plan, w, i, p, j, g, penalty)
                    is_tabu = tabu[w, i] > it or tabu[w, j] > it
                    # aspiration: a tabu swap is fine when it beats the fewest repeats so far
                    if is_tabu and repeats - int(np.floor(gain / penalty + 0.5)) >= best_repeats:
                        continue
                    if gain > best_gain + 1e-9:
                        best_gain, bw, bi, bj, ties = gain, w, i, j, 1
                    elif gain >= best_gain - 1e-9:
                        ties += 1
                        if random_below(rng, ties) == 0:
                            bw, bi, bj = w, i, j
        if bi < 0:
            break
        apply_swap(plan, bw, bi, bj)
        tabu[bw, bi] = it + 3 + random_below(rng, 8)
        tabu[bw, bj] = it + 3 + random_below(rng, 8)
        repeats = count_repeats(meets)
        if repeats < best_repeats:
            best_repeats, stall = repeats, 0
            best_labels[:, :] = labels
        else:
            stall += 1
        if stall > 20 * n:
            for _ in range(max(2, n // 20)):
                w = random_below(rng, rounds)
                i, j = random_below(rng, n), random_below(rng, n)
                if labels[w, i] != labels[w, j] and movable[w, i] and movable[w, j]:
                    apply_swap(plan, w, i, j)
            repeats = count_repeats(meets)
            stall = 0
    if repeats > best_repeats:
        labels[:, :] = best_labels
    return it + 1 if max_iterations > 0 else 0
