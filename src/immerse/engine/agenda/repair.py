"""Primal repair: re-seat one slot at a time by min-cost flow, the other slots held fixed.

With every other slot fixed, a slot is a transportation problem: attendees → sessions with
capacities ``[lo, hi]`` (OR-Tools ``SimpleMinCostFlow``, exact). A session whose topic the
attendee already has in another slot stays available at a prohibitive cost, so the flow
is feasible whenever the seats are; such repeats are counted and removed by later sweeps.
Sweeping all slots turns the capacity-violating Lagrangian agendas into a valid assignment
and then improves it (each sweep never increases the true cost of a valid assignment).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from ortools.graph.python import min_cost_flow

from immerse.engine.agenda.arrays import AgendaArrays

__all__ = ["assignment_cost", "count_violations", "reseat_slot"]

IntArray = NDArray[np.int64]


def assignment_cost(arrays: AgendaArrays, choice: IntArray) -> float:
    """True total cost of ``choice`` (A, T) (−1 = skipped)."""
    rows, slots = np.nonzero(choice >= 0)
    return float(arrays.cost[rows, choice[rows, slots]].sum())


def count_violations(arrays: AgendaArrays, choice: IntArray) -> int:
    """Seats over/under capacity plus repeated columns plus missing required slots."""
    rows, slots = np.nonzero(choice >= 0)
    sessions = choice[rows, slots]
    load = np.bincount(sessions, minlength=arrays.cost.shape[1])
    over = np.maximum(load - arrays.hi, 0).sum() + np.maximum(arrays.lo - load, 0).sum()
    missing = int(np.count_nonzero(arrays.must & (choice < 0)))
    columns = arrays.column[sessions] + rows * arrays.n_columns
    repeats = len(columns) - len(np.unique(columns))
    return int(over) + missing + repeats


def reseat_slot(
    arrays: AgendaArrays, choice: IntArray, t: int, scale: float, *, candidates: int = 5
) -> bool:
    """Re-seat slot ``t`` given the other slots; update ``choice`` in place.

    Each attendee may keep their session or move to one of their ``candidates`` cheapest
    sessions of the slot (a smaller flow, 2-3× faster; when that is infeasible, all
    sessions are offered and the re-seating is optimal). Costs are rounded to integers
    after multiplying by ``scale``. Returns False when the slot's seats cannot hold its
    attendees (``choice`` is then left unchanged).
    """
    n_sessions = int(arrays.slot_start[t + 1] - arrays.slot_start[t])
    if candidates < n_sessions and _reseat(arrays, choice, t, scale, candidates):
        return True
    return _reseat(arrays, choice, t, scale, n_sessions)


def _reseat(arrays: AgendaArrays, choice: IntArray, t: int, scale: float,
            candidates: int) -> bool:
    n_attendees = choice.shape[0]
    first, last = int(arrays.slot_start[t]), int(arrays.slot_start[t + 1])
    n_sessions = last - first
    held = _columns_held_elsewhere(arrays, choice, t)
    columns = arrays.column[first:last]
    repeat = held[:, columns]  # (A, n_sessions)
    allowed = arrays.allowed[:, first:last]
    costs = np.rint(arrays.cost[:, first:last] * scale).astype(np.int64)
    penalty = int(np.abs(costs).max(initial=0)) * 4 + 1_000_000
    costs = np.where(repeat, costs + penalty, costs)

    # Nodes: attendees, then sessions, then "skip", then the sink.
    session_node = n_attendees + np.arange(n_sessions)
    skip, sink = n_attendees + n_sessions, n_attendees + n_sessions + 1
    if candidates < n_sessions:
        # Keep the current seat and the cheapest few alternatives.
        ranked = np.where(allowed, costs, np.iinfo(np.int64).max)
        keep = np.zeros_like(allowed)
        cheapest = np.argpartition(ranked, candidates - 1, axis=1)[:, :candidates]
        np.put_along_axis(keep, cheapest, True, axis=1)
        seated = np.flatnonzero(choice[:, t] >= 0)
        keep[seated, choice[seated, t] - first] = True
        allowed = allowed & keep
    rows, cols = np.nonzero(allowed)
    optional = np.flatnonzero(~arrays.must[:, t])
    lo, hi = arrays.lo[first:last], arrays.hi[first:last]
    tails = np.concatenate([rows, optional, session_node, [skip]])
    heads = np.concatenate([session_node[cols], np.full(len(optional), skip),
                            np.full(n_sessions, sink), [sink]])
    capacities = np.concatenate([np.ones(len(rows) + len(optional), dtype=np.int64),
                                 hi - lo, [n_attendees]])
    unit_costs = np.concatenate([costs[rows, cols], np.zeros(len(optional) + n_sessions + 1,
                                                             dtype=np.int64)])
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), capacities.astype(np.int64),
        unit_costs.astype(np.int64))
    supplies = np.concatenate([np.ones(n_attendees, dtype=np.int64), -lo, [0],
                               [-(n_attendees - int(lo.sum()))]])
    flow.set_nodes_supplies(np.arange(len(supplies), dtype=np.int32), supplies)
    if flow.solve() != flow.OPTIMAL:
        return False
    used = flow.flows(np.arange(len(rows), dtype=np.int32)) > 0
    choice[:, t] = -1
    choice[rows[used], t] = first + cols[used]
    return True


def _columns_held_elsewhere(
    arrays: AgendaArrays, choice: IntArray, t: int
) -> NDArray[np.bool_]:
    """(A, n_columns): the attendee holds that column in a slot other than ``t``."""
    held = np.zeros((choice.shape[0], arrays.n_columns), dtype=np.bool_)
    others = np.delete(choice, t, axis=1)
    rows, slots = np.nonzero(others >= 0)
    held[rows, arrays.column[others[rows, slots]]] = True
    return held
