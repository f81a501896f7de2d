# mypy: allow-untyped-defs
# (Numba infers the kernels' types from the arrays it is called with.)
"""Numba kernels for the timetable search: simulated annealing over slot swaps (phase 1).

State (all NumPy, built by :mod:`immerse.engine.timetable.solve`; the fixed part is a
:class:`Layout`, the changing part a :class:`State`):

* slots are numbered block by block, position-major: slot = block_start[b] + q·R_b + r, so
  a parallel group (b, q) is the contiguous run ``group_start[g] … + group_size[g]``;
* items 0…n_talks−1 are talks, the rest are empty fillers (nobody wants them, no presenter);
  ``item_at[slot]`` and ``slot_of[item]`` are inverse permutations;
* ``want[p, item]`` and the CSR ``wanters_ptr/wanters`` say who wants what;
* ``count[p, g]`` = wanted talks of p in group g. Missed attendance of a group is
  Σ_p count − #{p : count ≥ 1}, so moving one wanted talk out of a group costs one miss less
  unless it was p's only one there, and into a group one more unless p had none there.

Phase 1 anneals missed attendance alone and keeps the best state seen in ``best_item_at``;
phase 2 (session hops) is in :mod:`immerse.engine.timetable.hops` and reuses the
helpers here.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit
from numpy.typing import NDArray

__all__ = [
    "Layout",
    "Schedule",
    "State",
    "anneal_missed",
    "apply_swap_counts",
    "metropolis",
    "presenter_clash",
    "seed_numba",
    "swap_missed_delta",
]

IntArray = NDArray[np.int64]


class Layout(NamedTuple):
    """The slot numbering and who wants what (see above): built once, read by the kernels.

    A NamedTuple of arrays, so Numba takes it as one argument (a frozen dataclass it cannot).
    """

    n_talks: int
    check_presenters: bool  # False when every talk has its own presenter
    want: NDArray[np.bool_]
    wanters_ptr: IntArray
    wanters: IntArray
    presenter: IntArray  # per item; −1 for fillers
    group_of_slot: IntArray
    group_start: IntArray
    group_size: IntArray
    block_of_slot: IntArray
    block_of_group: IntArray
    room_of_slot: IntArray
    block_first_group: IntArray
    block_positions: IntArray
    same_width_ptr: IntArray  # groups of width w: same_width[same_width_ptr[w]:…[w + 1]]
    same_width: IntArray


class State(NamedTuple):
    """The timetable being annealed and the best one seen; the kernels change it in place.

    ``cost`` and ``best_cost`` are arrays (1 entry in phase 1, [missed, hops] in phase 2).
    """

    item_at: IntArray
    slot_of: IntArray
    counts: IntArray  # counts[p, g] = wanted talks of p in group g
    cost: IntArray
    best_item_at: IntArray
    best_cost: IntArray


class Schedule(NamedTuple):
    """Iterations [first, first + n) of a geometric cooling from t_start to t_end over total."""

    first_iteration: int
    n_iterations: int
    total_iterations: int
    t_start: float
    t_end: float


@njit(cache=True)
def seed_numba(seed: int) -> None:
    """Seed Numba's own generator (separate from NumPy's) so runs repeat exactly."""
    np.random.seed(seed)


@njit(cache=True)
def swap_missed_delta(a, b, ga, gb, count, want, wanters_ptr, wanters):
    """Change in missed attendance when item a (group ga) and item b (group gb) swap."""
    delta = 0
    for k in range(wanters_ptr[a], wanters_ptr[a + 1]):
        p = wanters[k]
        if want[p, b]:
            continue  # p keeps one wanted talk in each group
        if count[p, ga] == 1:
            delta += 1
        if count[p, gb] == 0:
            delta -= 1
    for k in range(wanters_ptr[b], wanters_ptr[b + 1]):
        p = wanters[k]
        if want[p, a]:
            continue
        if count[p, gb] == 1:
            delta += 1
        if count[p, ga] == 0:
            delta -= 1
    return delta


@njit(cache=True)
def apply_swap_counts(a, b, ga, gb, count, wanters_ptr, wanters):
    for k in range(wanters_ptr[a], wanters_ptr[a + 1]):
        p = wanters[k]
        count[p, ga] -= 1
        count[p, gb] += 1
    for k in range(wanters_ptr[b], wanters_ptr[b + 1]):
        p = wanters[k]
        count[p, gb] -= 1
        count[p, ga] += 1


@njit(cache=True)
def presenter_clash(item, into_group, leaving_slot, item_at, presenter, group_start, group_size):
    """True if ``item`` would share ``into_group`` with a talk of the same presenter."""
    who = presenter[item]
    if who < 0:
        return False
    for s in range(group_start[into_group], group_start[into_group] + group_size[into_group]):
        if s != leaving_slot and presenter[item_at[s]] == who:
            return True
    return False


@njit(cache=True)
def metropolis(delta, temperature):
    if delta <= 0:
        return True
    return np.random.random() < np.exp(-delta / temperature)


@njit(cache=True)
def anneal_missed(layout, state, schedule):
    """Anneal missed attendance over ``schedule``'s iterations, changing ``state`` in place."""
    item_at, slot_of, count = state.item_at, state.slot_of, state.counts
    cost, best_cost = state.cost, state.best_cost
    want, wanters_ptr, wanters = layout.want, layout.wanters_ptr, layout.wanters
    presenter, group_start, group_size = layout.presenter, layout.group_start, layout.group_size
    group_of_slot = layout.group_of_slot
    n_slots = item_at.shape[0]
    ratio = schedule.t_end / schedule.t_start
    first = schedule.first_iteration
    for it in range(first, first + schedule.n_iterations):
        temperature = schedule.t_start * ratio ** (it / schedule.total_iterations)
        a = np.random.randint(layout.n_talks)
        sa = slot_of[a]
        sb = np.random.randint(n_slots)
        ga = group_of_slot[sa]
        gb = group_of_slot[sb]
        if ga == gb:
            continue
        b = item_at[sb]
        if layout.check_presenters and (
            presenter_clash(a, gb, sb, item_at, presenter, group_start, group_size)
            or presenter_clash(b, ga, sa, item_at, presenter, group_start, group_size)
        ):
            continue
        delta = swap_missed_delta(a, b, ga, gb, count, want, wanters_ptr, wanters)
        if not metropolis(delta, temperature):
            continue
        apply_swap_counts(a, b, ga, gb, count, wanters_ptr, wanters)
        item_at[sa] = b
        item_at[sb] = a
        slot_of[a] = sb
        slot_of[b] = sa
        cost[0] += delta
        if cost[0] < best_cost[0]:
            best_cost[0] = cost[0]
            state.best_item_at[:] = item_at
