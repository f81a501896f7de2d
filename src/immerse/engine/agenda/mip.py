"""The agenda problem as one MIP solved by HiGHS: exact on small and medium instances.

Binary x[a,s] for every allowed (attendee, session) pair; rows: one session per slot
(``= 1`` where required, else ``≤ 1``), at most one session per (attendee, topic) when a
topic runs in several slots, ``lo_s ≤ load_s ≤ hi_s``. With ``worst_cost`` each attendee's
cost is capped; with ``minimise_worst`` a variable W ≥ every attendee's cost is minimised
instead of the total (stage 1 of ``fair``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import highspy
import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from immerse.engine.agenda.arrays import AgendaArrays

__all__ = ["MipResult", "solve_mip"]

IntArray = NDArray[np.int64]


@dataclass
class MipResult:
    status: str  # "optimal", "feasible", "infeasible", "unknown"
    objective: float
    bound: float
    choice: IntArray | None  # (A, T) session per slot, −1 = skipped
    seconds: float


def solve_mip(
    arrays: AgendaArrays,
    *,
    time_limit: float,
    seed: int = 0,
    worst_cost: float | None = None,
    minimise_worst: bool = False,
    start: IntArray | None = None,
    rel_gap: float = 1e-9,
) -> MipResult:
    """Solve with HiGHS within ``time_limit`` seconds (``start`` = a valid assignment hint).

    HiGHS's thread pool is global to the process (set once, by its first run), so no
    thread count is taken here.
    """
    begin = time.perf_counter()
    rows, sessions = np.nonzero(arrays.allowed)
    n_attendees, n_sessions, n_slots = arrays.shape
    n_x = len(rows)
    blocks, lower, upper = [], [], []
    # One session per (attendee, slot).
    blocks.append(rows * n_slots + arrays.slot_of[sessions])
    must = arrays.must.ravel()
    lower.append(np.where(must, 1.0, 0.0))
    upper.append(np.ones(n_attendees * n_slots))
    offset = n_attendees * n_slots
    # At most one per (attendee, topic) over slots; a row only where it can bind.
    key = rows * arrays.n_columns + arrays.column[sessions]
    unique_keys, topic_row, counts = np.unique(key, return_inverse=True, return_counts=True)
    binding = counts[topic_row] > 1
    topic_keys = np.unique(topic_row[binding])
    remap = np.full(len(unique_keys), -1, dtype=np.int64)
    remap[topic_keys] = np.arange(len(topic_keys))
    entries = [(np.arange(n_x), blocks[0])]
    if len(topic_keys):
        entries.append((np.flatnonzero(binding), offset + remap[topic_row[binding]]))
    lower.append(np.zeros(len(topic_keys)))
    upper.append(np.ones(len(topic_keys)))
    offset += len(topic_keys)
    entries.append((np.arange(n_x), offset + sessions))
    lower.append(arrays.lo.astype(float))
    upper.append(arrays.hi.astype(float))
    offset += n_sessions
    costs = arrays.cost[rows, sessions]
    n_cols = n_x
    if worst_cost is not None or minimise_worst:
        # Σ_s c_as x_as − W ≤ 0 per attendee; W fixed to worst_cost unless minimised.
        entries.append((np.arange(n_x), offset + rows))
        lower.append(np.full(n_attendees, -np.inf))
        upper.append(np.zeros(n_attendees))
        n_cols += 1
    col_idx = np.concatenate([c for c, _ in entries])
    row_idx = np.concatenate([r for _, r in entries])
    values = np.ones(len(col_idx))
    n_rows = sum(len(lo) for lo in lower)
    if n_cols > n_x:
        cost_rows = np.arange(len(col_idx) - n_x, len(col_idx))
        values[cost_rows] = costs
        col_idx = np.concatenate([col_idx, np.full(n_attendees, n_x)])
        row_idx = np.concatenate([row_idx, offset + np.arange(n_attendees)])
        values = np.concatenate([values, -np.ones(n_attendees)])
    matrix = sp.csc_matrix((values, (row_idx, col_idx)), shape=(n_rows, n_cols))

    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n_cols, n_rows
    objective = np.zeros(n_cols) if minimise_worst else np.append(costs, [0.0] * (n_cols - n_x))
    if minimise_worst:
        objective[n_x] = 1.0
    lp.col_cost_ = objective
    col_lower, col_upper = np.zeros(n_cols), np.ones(n_cols)
    if n_cols > n_x:
        col_lower[n_x] = -np.inf
        col_upper[n_x] = np.inf if worst_cost is None else worst_cost
    lp.col_lower_, lp.col_upper_ = col_lower, col_upper
    lp.row_lower_ = np.concatenate(lower)
    lp.row_upper_ = np.concatenate(upper)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = matrix.indptr.astype(np.int32)
    lp.a_matrix_.index_ = matrix.indices.astype(np.int32)
    lp.a_matrix_.value_ = matrix.data
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = n_cols, n_rows

    highs = highspy.Highs()  # type: ignore[no-untyped-call]
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("time_limit", max(0.5, time_limit - (time.perf_counter() - begin)))
    highs.setOptionValue("random_seed", int(seed))
    highs.setOptionValue("mip_rel_gap", rel_gap)
    if arrays.integral:
        highs.setOptionValue("mip_abs_gap", 0.999)  # integer costs: the next value is +1
    highs.passModel(lp)
    highs.changeColsIntegrality(n_x, np.arange(n_x, dtype=np.int32),
                                np.full(n_x, 1, dtype=np.uint8))  # 1 = kInteger
    if start is not None:
        hint = np.zeros(n_x)
        hint[start[rows, arrays.slot_of[sessions]] == sessions] = 1.0
        highs.setSolution(n_x, np.arange(n_x, dtype=np.int32), hint)
    highs.run()
    return _result(highs, arrays, rows, sessions, n_x, begin)


def _result(highs: highspy.Highs, arrays: AgendaArrays, rows: IntArray, sessions: IntArray,
            n_x: int, begin: float) -> MipResult:
    status = highs.getModelStatus()
    info = highs.getInfo()
    seconds = time.perf_counter() - begin
    if status == highspy.HighsModelStatus.kInfeasible:
        return MipResult("infeasible", np.inf, np.inf, None, seconds)
    if info.primal_solution_status != 2:  # 2 = kSolutionStatusFeasible
        return MipResult("unknown", np.inf, float(info.mip_dual_bound), None, seconds)
    x = np.asarray(highs.getSolution().col_value)[:n_x] > 0.5
    choice = np.full(arrays.must.shape, -1, dtype=np.int64)
    choice[rows[x], arrays.slot_of[sessions[x]]] = sessions[x]
    optimal = status == highspy.HighsModelStatus.kOptimal
    return MipResult("optimal" if optimal else "feasible", float(info.objective_function_value),
                     float(info.mip_dual_bound), choice, seconds)
