"""Large-neighbourhood search: re-solve a few hundred attendees exactly with HiGHS.

The local moves (one attendee at a time, one slot at a time) stall where an improvement
needs several attendees to trade seats across slots. Here the seats of everyone outside a
chosen group are held, and the group's agendas are re-optimised as one small MIP over the
remaining capacity, starting from their current agendas (so it never gets worse). Groups
mix attendees who are far from their own ideal agenda with random others to trade with.
"""

from __future__ import annotations

import dataclasses
import time

import numpy as np
from numpy.typing import NDArray

from immerse.engine.agenda.arrays import AgendaArrays
from immerse.engine.agenda.kernels import best_agendas
from immerse.engine.agenda.mip import solve_mip
from immerse.engine.agenda.repair import assignment_cost

__all__ = ["improve_by_subproblems"]

IntArray = NDArray[np.int64]
PAIRS_PER_MIP = 20_000  # attendee-session pairs: HiGHS settles these in well under a second


def improve_by_subproblems(
    arrays: AgendaArrays, choice: IntArray, *, deadline: float, seed: int,
    good_enough: float = -np.inf,
) -> IntArray:
    """Improve the valid ``choice`` in place until ``deadline`` (``time.perf_counter``) or
    until its cost is at most ``good_enough``; returns it."""
    rng = np.random.default_rng(seed)
    n_attendees, n_sessions, _ = arrays.shape
    group_size = max(20, min(n_attendees, PAIRS_PER_MIP // max(n_sessions, 1)))
    if group_size >= n_attendees:
        return choice
    _, ideal = best_agendas(arrays, np.zeros(n_sessions))
    while deadline - time.perf_counter() > 1.0 and assignment_cost(arrays, choice) > good_enough:
        regret = _costs(arrays, choice) - ideal
        unhappy = np.flatnonzero(regret > 1e-9)
        if len(unhappy) == 0:
            break
        take = rng.choice(unhappy, size=min(len(unhappy), group_size // 2), replace=False)
        rest = np.setdiff1d(np.arange(n_attendees), take)
        others = rng.choice(rest, size=group_size - len(take), replace=False)
        group = np.sort(np.concatenate([take, others]))
        _resolve_group(arrays, choice, group, deadline, seed)
    return choice


def _resolve_group(arrays: AgendaArrays, choice: IntArray, group: IntArray, deadline: float,
                   seed: int) -> None:
    outside = np.ones(len(choice), dtype=np.bool_)
    outside[group] = False
    held = choice[outside]
    load = np.bincount(held[held >= 0], minlength=arrays.cost.shape[1])
    sub = dataclasses.replace(
        arrays, cost=arrays.cost[group], allowed=arrays.allowed[group], must=arrays.must[group],
        lo=np.maximum(arrays.lo - load, 0), hi=arrays.hi - load)
    start = choice[group]
    before = assignment_cost(sub, start)
    limit = min(5.0, deadline - time.perf_counter())
    result = solve_mip(sub, time_limit=limit, seed=seed, start=start)
    if result.choice is not None and assignment_cost(sub, result.choice) < before - 1e-9:
        choice[group] = result.choice


def _costs(arrays: AgendaArrays, choice: IntArray) -> NDArray[np.float64]:
    rows = np.arange(len(choice))[:, None]
    taken = np.where(choice >= 0, arrays.cost[rows, np.maximum(choice, 0)], 0.0)
    return np.asarray(taken.sum(axis=1), dtype=np.float64)
