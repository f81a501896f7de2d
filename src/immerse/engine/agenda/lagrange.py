"""Lagrangian relaxation of the session capacities, with subgradient steps and primal repair.

Dualising ``lo_s ≤ load_s ≤ hi_s`` with prices ``p⁺_s, p⁻_s ≥ 0`` leaves one small
assignment problem per attendee (`kernels.best_agendas`), so

    L(p) = Σ_a min_agenda Σ_s (c_as + p⁺_s − p⁻_s) − Σ_s p⁺_s hi_s + Σ_s p⁻_s lo_s

is a valid lower bound for every ``p ≥ 0`` (weak duality; each minimum is exact). The
subproblems are bipartite matchings, so max_p L(p) equals the LP relaxation bound.
Polyak steps aim at the best known upper bound; every few rounds the priced agendas are
repaired (`repair.reseat_slot`) into a valid assignment to tighten that upper bound.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from immerse.engine.agenda.arrays import AgendaArrays
from immerse.engine.agenda.kernels import best_agendas, improve_each_attendee, shed_excess
from immerse.engine.agenda.repair import assignment_cost, count_violations, reseat_slot

__all__ = ["LagrangeResult", "lagrangian_search"]

IntArray = NDArray[np.int64]
Progress = Callable[[float, str], None]


@dataclass
class LagrangeResult:
    lower_bound: float
    best_choice: IntArray | None  # (A, T) the best valid assignment found, None if none
    best_cost: float
    iterations: int
    infeasible_attendees: IntArray  # attendees with no valid agenda at all


def lagrangian_search(
    arrays: AgendaArrays,
    *,
    seconds: float,
    progress: Progress | None = None,
    target_gap: float = 1e-6,
) -> LagrangeResult:
    """Raise the bound and improve the assignment until ``seconds`` pass or the gap closes."""
    start = time.perf_counter()
    n_sessions = arrays.cost.shape[1]
    up = np.zeros(n_sessions)
    down = np.zeros(n_sessions)
    scale = 1.0 if arrays.integral else 1000.0
    best_bound, best_choice, best_cost = -np.inf, None, np.inf
    theta, stall, iteration = 1.0, 0, 0
    repair_every, next_repair = 5, 0
    while True:
        iteration += 1
        choice, value = best_agendas(arrays, up - down)
        if not np.all(np.isfinite(value)):
            return LagrangeResult(-np.inf, None, np.inf, iteration,
                                  np.flatnonzero(~np.isfinite(value)))
        bound = float(value.sum() - up @ arrays.hi + down @ arrays.lo)
        if bound > best_bound + 1e-9 * max(1.0, abs(bound)):
            best_bound, stall = bound, 0
        else:
            stall += 1
            if stall >= 4:
                theta, stall = theta * 0.6, 0
        if iteration >= next_repair:
            repaired = _repair(arrays, choice, scale, start + seconds)
            if repaired is not None and (cost := assignment_cost(arrays, repaired)) < best_cost:
                best_choice, best_cost = repaired, cost
            repair_every = min(repair_every * 2, 10)
            next_repair = iteration + repair_every
        elapsed = time.perf_counter() - start
        gap = _gap(best_cost, best_bound, arrays.integral)
        if progress is not None:
            progress(min(elapsed / seconds, 1.0),
                     f"bound {best_bound:.1f}, best {best_cost:.1f} (gap {gap:.3%})")
        if gap <= target_gap or elapsed >= seconds or theta < 1e-4:
            break
        load = np.bincount(choice[choice >= 0], minlength=n_sessions)
        g_up = np.where(up > 0, load - arrays.hi, np.maximum(load - arrays.hi, 0))
        g_down = np.where(down > 0, arrays.lo - load, np.maximum(arrays.lo - load, 0))
        norm = float(g_up @ g_up + g_down @ g_down)
        if norm == 0:
            # The priced agendas already respect every capacity: they are optimal.
            cost = assignment_cost(arrays, choice)
            if cost < best_cost:
                best_choice, best_cost = choice, cost
            break
        target = best_cost if np.isfinite(best_cost) else bound + 0.05 * abs(bound) + 1.0
        step = theta * max(target - bound, 1e-6 * max(1.0, abs(bound))) / norm
        up = np.maximum(up + step * g_up, 0.0)
        down = np.maximum(down + step * g_down, 0.0)
    if arrays.integral:
        best_bound = float(np.ceil(best_bound - 1e-6))
    return LagrangeResult(min(best_bound, best_cost), best_choice, best_cost, iteration,
                          np.zeros(0, dtype=np.int64))


def improve_by_sweeps(arrays: AgendaArrays, choice: IntArray, *, deadline: float) -> IntArray:
    """Re-seat every slot in turn until a sweep no longer lowers the cost or time runs out."""
    scale = 1.0 if arrays.integral else 1000.0
    cost = assignment_cost(arrays, choice)
    order = np.arange(choice.shape[0], dtype=np.int64)
    while time.perf_counter() < deadline:
        improve_each_attendee(arrays, choice, order)
        for t in range(choice.shape[1]):
            if time.perf_counter() >= deadline:
                break
            reseat_slot(arrays, choice, t, scale)
        new_cost = assignment_cost(arrays, choice)
        if new_cost >= cost - 1e-9:
            break
        cost = new_cost
    return choice


def _repair(
    arrays: AgendaArrays, choice: IntArray, scale: float, deadline: float
) -> IntArray | None:
    """A valid assignment from priced agendas, or None when the sweeps leave violations."""
    repaired = choice.copy()
    # Cheap greedy first (least-regret moves out of over-full sessions), then exact
    # min-cost flows on whichever slots are still broken (minimums, stuck attendees).
    shed_excess(arrays, repaired)
    n_slots = repaired.shape[1]
    for sweep in range(3):
        todo = range(n_slots) if sweep else _slots_over_capacity(arrays, repaired)
        for t in todo:
            if not reseat_slot(arrays, repaired, t, scale):
                return None
        if count_violations(arrays, repaired) == 0:
            improve_each_attendee(arrays, repaired,
                                  np.arange(repaired.shape[0], dtype=np.int64))
            return repaired
        if time.perf_counter() > deadline:
            break
    return None


def _slots_over_capacity(arrays: AgendaArrays, choice: IntArray) -> list[int]:
    load = np.bincount(choice[choice >= 0], minlength=arrays.cost.shape[1])
    broken = (load > arrays.hi) | (load < arrays.lo)
    return sorted({int(t) for t in arrays.slot_of[broken]})


def _gap(upper: float, lower: float, integral: bool) -> float:
    if not np.isfinite(upper):
        return np.inf
    if integral:
        lower = float(np.ceil(lower - 1e-6))
    return (upper - lower) / max(abs(upper), 1.0)
