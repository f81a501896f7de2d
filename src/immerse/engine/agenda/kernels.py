"""Numba kernel: every attendee's best agenda under session prices (the Lagrangian subproblem).

With prices ``price[s]`` added to the costs, attendee ``a`` picks one session (or nothing,
where the slot is optional) per slot, at most one per column (column = topic under
``no_repeat_topic``, else the session itself), at least cost. That is a small assignment
problem slots → columns; we solve it exactly with the shortest-augmenting-path method of
scipy's ``linear_sum_assignment`` (Crouse 2016), but over sparse edges: a slot only has
edges to its own sessions, and the search usually stops after one scan because the slot's
cheapest column is still free. Exactness matters: the Lagrangian bound is valid only if
every subproblem is solved to optimality.

The public functions take the problem's `AgendaArrays` and unpack it for the jitted
kernels, which keep plain positional arrays (they call each other on slices of them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import numba
import numpy as np
from numpy.typing import NDArray

from immerse.engine.agenda.arrays import AgendaArrays

__all__ = ["best_agendas"]

F = TypeVar("F", bound=Callable[..., Any])


def _jit(function: F) -> F:
    """``numba.njit(cache=True)``; without a writable cache location, compile in memory."""
    try:
        return cast(F, numba.njit(cache=True)(function))
    except RuntimeError:
        return cast(F, numba.njit(function))


@_jit
def _solve_range(first: Any, last: Any, cost: Any, price: Any, allowed: Any, must: Any,
                 slot_start: Any, column: Any, n_columns: Any, choice: Any,
                 value: Any) -> Any:
    n_slots = must.shape[1]
    n_cols = n_columns + n_slots  # one private "skip" column per slot
    inf = np.inf
    u = np.zeros(n_slots)
    v = np.zeros(n_cols)
    shortest = np.full(n_cols, inf)
    scanned = np.zeros(n_cols, dtype=np.bool_)
    path = np.full(n_cols, -1, dtype=np.int64)
    path_session = np.full(n_cols, -1, dtype=np.int64)
    row4col = np.full(n_cols, -1, dtype=np.int64)
    col4row = np.full(n_slots, -1, dtype=np.int64)
    touched = np.empty(n_cols, dtype=np.int64)
    rows_seen = np.empty(n_slots, dtype=np.int64)
    infeasible = False
    for a in range(first, last):
        u[:] = 0.0
        col4row[:] = -1
        for cur in range(n_slots):
            n_touched = 0
            n_rows = 0
            min_val = 0.0
            i = cur
            sink = -1
            while sink == -1:
                rows_seen[n_rows] = i
                n_rows += 1
                for s in range(slot_start[i], slot_start[i + 1]):
                    if not allowed[a, s]:
                        continue
                    j = column[s]
                    if scanned[j]:
                        continue
                    r = min_val + cost[a, s] + price[s] - u[i] - v[j]
                    if r < shortest[j]:
                        if shortest[j] == inf:
                            touched[n_touched] = j
                            n_touched += 1
                        shortest[j] = r
                        path[j] = i
                        path_session[j] = s
                if not must[a, i]:
                    j = n_columns + i
                    r = min_val - u[i] - v[j]
                    if not scanned[j] and r < shortest[j]:
                        if shortest[j] == inf:
                            touched[n_touched] = j
                            n_touched += 1
                        shortest[j] = r
                        path[j] = i
                        path_session[j] = -1
                lowest = inf
                best = -1
                for q in range(n_touched):
                    j = touched[q]
                    if scanned[j]:
                        continue
                    d = shortest[j]
                    # Prefer a free column on ties: the search ends there.
                    if d < lowest or (d == lowest and row4col[j] == -1 and row4col[best] != -1):
                        lowest = d
                        best = j
                if best == -1:
                    break
                min_val = lowest
                scanned[best] = True
                if row4col[best] == -1:
                    sink = best
                else:
                    i = row4col[best]
            if sink == -1:
                infeasible = True
                value[a] = inf
                for q in range(n_touched):
                    j = touched[q]
                    shortest[j] = inf
                    scanned[j] = False
                break
            u[cur] += min_val
            for q in range(1, n_rows):
                i = rows_seen[q]
                u[i] += min_val - shortest[col4row[i]]
            for q in range(n_touched):
                j = touched[q]
                if scanned[j]:
                    v[j] -= min_val - shortest[j]
            j = sink
            while True:
                i = path[j]
                row4col[j] = i
                choice[a, i] = path_session[j]
                nxt = col4row[i]
                col4row[i] = j
                j = nxt
                if i == cur:
                    break
            for q in range(n_touched):
                j = touched[q]
                shortest[j] = inf
                scanned[j] = False
        total = 0.0
        for t in range(n_slots):
            j = col4row[t]
            if j >= 0:
                row4col[j] = -1
                v[j] = 0.0
            s = choice[a, t]
            if s >= 0:
                total += cost[a, s] + price[s]
        # Columns touched but never matched keep a potential; clear them all.
        v[:] = 0.0
        if value[a] != inf:
            value[a] = total
    return infeasible


@numba.njit(parallel=True, cache=True)
def _solve_parallel(cost: Any, price: Any, allowed: Any, must: Any, slot_start: Any,
                    column: Any, n_columns: Any, choice: Any, value: Any,
                    n_chunks: Any) -> Any:
    n = cost.shape[0]
    flags = np.zeros(n_chunks, dtype=np.bool_)
    for c in numba.prange(n_chunks):
        first = c * n // n_chunks
        last = (c + 1) * n // n_chunks
        flags[c] = _solve_range(first, last, cost, price, allowed, must, slot_start, column,
                                n_columns, choice, value)
    return flags.any()


def best_agendas(
    arrays: AgendaArrays, price: NDArray[np.float64]
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Each attendee's cheapest agenda under ``arrays.cost + price``, ignoring capacities.

    Returns ``choice`` (A, T): the session per slot, −1 = skipped, and ``value`` (A,): the
    attendee's priced cost, ``inf`` where no agenda satisfies the rules.
    """
    n_attendees, n_slots = arrays.must.shape
    choice = np.full((n_attendees, n_slots), -1, dtype=np.int64)
    value = np.zeros(n_attendees, dtype=np.float64)
    n_chunks = max(1, min(numba.get_num_threads() * 4, n_attendees // 256))
    _solve_parallel(arrays.cost, price, arrays.allowed, arrays.must, arrays.slot_start,
                    arrays.column, arrays.n_columns, choice, value, n_chunks)
    return choice, value


@_jit
def _improve_each(cost: Any, allowed: Any, must: Any, slot_start: Any, column: Any,
                  n_columns: Any, lo: Any, hi: Any, choice: Any, order: Any) -> Any:
    """One pass of single-attendee moves; returns the total cost saved."""
    n_sessions = cost.shape[1]
    n_slots = must.shape[1]
    load = np.zeros(n_sessions, dtype=np.int64)
    for a in range(choice.shape[0]):
        for t in range(n_slots):
            if choice[a, t] >= 0:
                load[choice[a, t]] += 1
    zero = np.zeros(n_sessions)
    row_allowed = np.zeros((1, n_sessions), dtype=np.bool_)
    row_must = np.zeros((1, n_slots), dtype=np.bool_)
    new = np.full((1, n_slots), -1, dtype=np.int64)
    value = np.zeros(1)
    saved = 0.0
    for a in order:
        old_cost = 0.0
        for t in range(n_slots):
            row_must[0, t] = must[a, t]
            s_now = choice[a, t]
            if s_now >= 0:
                old_cost += cost[a, s_now]
            for s in range(slot_start[t], slot_start[t + 1]):
                # Leaving is allowed only above the session's minimum.
                if s_now >= 0 and load[s_now] <= lo[s_now]:
                    row_allowed[0, s] = s == s_now
                else:
                    row_allowed[0, s] = allowed[a, s] and (s == s_now or load[s] < hi[s])
            if s_now >= 0 and load[s_now] <= lo[s_now]:
                row_must[0, t] = True
        new[0, :] = -1
        _solve_range(0, 1, cost[a:a + 1], zero, row_allowed, row_must, slot_start, column,
                     n_columns, new, value)
        if value[0] < old_cost - 1e-9:
            saved += old_cost - value[0]
            for t in range(n_slots):
                if choice[a, t] >= 0:
                    load[choice[a, t]] -= 1
                choice[a, t] = new[0, t]
                if new[0, t] >= 0:
                    load[new[0, t]] += 1
    return saved


def improve_each_attendee(
    arrays: AgendaArrays, choice: NDArray[np.int64], order: NDArray[np.int64]
) -> float:
    """Give each attendee (in ``order``) their best agenda among the seats still free.

    Changes ``choice`` in place, keeps it valid, and returns the cost saved.
    """
    return float(_improve_each(arrays.cost, arrays.allowed, arrays.must, arrays.slot_start,
                               arrays.column, arrays.n_columns, arrays.lo, arrays.hi, choice,
                               order))


@_jit
def _move_cost(a: Any, t: Any, s_from: Any, cost: Any, allowed: Any, slot_start: Any,
               column: Any, choice: Any, load: Any, hi: Any, lo: Any) -> Any:
    """Cheapest session of slot t with a free seat that a may take instead of s_from."""
    best = -1
    best_cost = np.inf
    for s in range(slot_start[t], slot_start[t + 1]):
        if s == s_from or not allowed[a, s] or load[s] >= hi[s]:
            continue
        clash = False
        for t2 in range(choice.shape[1]):
            other = choice[a, t2]
            if t2 != t and other >= 0 and column[other] == column[s]:
                clash = True
                break
        if not clash and cost[a, s] < best_cost:
            best_cost = cost[a, s]
            best = s
    return best


@_jit
def _shed_excess(cost: Any, allowed: Any, slot_start: Any, column: Any, lo: Any, hi: Any,
                 choice: Any) -> Any:
    """Move the attendees who lose least out of over-full sessions; returns the moves made."""
    n_attendees, n_slots = choice.shape
    load = np.zeros(cost.shape[1], dtype=np.int64)
    for a in range(n_attendees):
        for t in range(n_slots):
            if choice[a, t] >= 0:
                load[choice[a, t]] += 1
    moves = 0
    members = np.empty(n_attendees, dtype=np.int64)
    for t in range(n_slots):
        for s in range(slot_start[t], slot_start[t + 1]):
            if load[s] <= hi[s]:
                continue
            n_members = 0
            for a in range(n_attendees):
                if choice[a, t] == s:
                    members[n_members] = a
                    n_members += 1
            regret = np.full(n_members, np.inf)
            for q in range(n_members):
                a = members[q]
                to = _move_cost(a, t, s, cost, allowed, slot_start, column, choice, load,
                                hi, lo)
                if to >= 0:
                    regret[q] = cost[a, to] - cost[a, s]
            # Least regret first; destinations are re-checked as seats fill up.
            for q in np.argsort(regret, kind="mergesort"):
                if load[s] <= hi[s]:
                    break
                a = members[q]
                to = _move_cost(a, t, s, cost, allowed, slot_start, column, choice, load,
                                hi, lo)
                if to >= 0:
                    choice[a, t] = to
                    load[s] -= 1
                    load[to] += 1
                    moves += 1
    return moves


def shed_excess(arrays: AgendaArrays, choice: NDArray[np.int64]) -> int:
    """Greedy capacity repair in place: empty over-full sessions at least regret."""
    return int(_shed_excess(arrays.cost, arrays.allowed, arrays.slot_start, arrays.column,
                            arrays.lo, arrays.hi, choice))
