"""`solve_agenda`: personal agendas that respect every rule, at least total cost, with a bound.

How (chosen by measurement, see bench/agenda.py):

1. Lagrangian relaxation of the session capacities (`lagrange`): a valid lower bound plus
   repaired assignments. On 20,000 attendees × 360 sessions it is within 0.5 % in seconds.
2. Without the MIP: local moves (`lagrange.improve_by_sweeps`: one attendee at a time, one
   slot at a time by min-cost flow), then groups of attendees re-solved exactly by HiGHS
   (`lns`) until the time limit or the bound is met.
3. When the model is small enough for an exact MIP (≤ ``MIP_LIMIT`` attendee-session
   pairs) and the gap is still open, HiGHS finishes the job, started from the best
   assignment found so far.
4. ``fair``: HiGHS first minimises the worst attendee cost W*, then the total cost with
   every attendee's cost ≤ W*. The reported ``lower_bound`` is then a bound on that second
   stage (the least total cost among assignments whose worst cost is W*); it is valid as
   long as W* is the worst cost of the returned assignment, which it always is.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from immerse.engine.agenda.arrays import AgendaArrays, agenda_arrays
from immerse.engine.agenda.feasibility import infeasibility_reasons
from immerse.engine.agenda.kernels import best_agendas
from immerse.engine.agenda.lagrange import improve_by_sweeps, lagrangian_search
from immerse.engine.agenda.lns import improve_by_subproblems
from immerse.engine.agenda.mip import solve_mip
from immerse.engine.agenda.model import (
    AgendaInfeasibleError,
    AgendaNotSolvedError,
    AgendaProblem,
    AgendaSolution,
)
from immerse.engine.agenda.repair import assignment_cost

__all__ = ["MIP_LIMIT", "solve_agenda"]

MIP_LIMIT = 50_000  # attendee-session pairs: HiGHS proves these (Slalom: 12k) in seconds
Method = Literal["auto", "lagrange", "mip"]
IntArray = NDArray[np.int64]


def solve_agenda(
    problem: AgendaProblem,
    *,
    time_limit: float = 30.0,
    fair: bool = False,
    seed: int = 0,
    progress: Callable[[float, str], None] | None = None,
    fixed: Mapping[str, Sequence[str]] | None = None,
    method: Method = "auto",
) -> AgendaSolution:
    """Assign every attendee one session per slot (see `model` for the rules).

    ``fixed`` pins already-confirmed sessions (attendee id → session ids); ``progress`` is
    called with a fraction 0..1 and a message. Raises `AgendaInfeasibleError` (with the
    seat shortages) when no assignment exists, `InvalidAgendaError` on a bad ``fixed``.

    >>> from immerse.engine.agenda.model import AgendaProblem, Attendee, Session
    >>> p = AgendaProblem(
    ...     slots=("am", "pm"),
    ...     sessions=(Session("ai-am", "am", "ai", 0, 1), Session("seo-am", "am", "seo", 0, 1),
    ...               Session("ai-pm", "pm", "ai", 0, 1), Session("seo-pm", "pm", "seo", 0, 1)),
    ...     attendees=(Attendee("ann", {"ai": 0, "seo": 1}), Attendee("bob", {"ai": 0, "seo": 5})))
    >>> s = solve_agenda(p, time_limit=5)
    >>> s.objective, s.lower_bound, dict(s.assignment)
    (6.0, 6.0, {'ann': ('seo-am', 'ai-pm'), 'bob': ('ai-am', 'seo-pm')})
    """
    begin = time.perf_counter()
    arrays = agenda_arrays(problem, fixed)
    reasons = infeasibility_reasons(problem, arrays)
    if reasons:
        raise AgendaInfeasibleError(reasons)
    report = progress or (lambda fraction, message: None)
    small = int(arrays.allowed.sum()) <= MIP_LIMIT
    if fair:
        choice, bound, worst, used = _solve_fair(arrays, time_limit, seed, report)
    else:
        choice, bound, used = _solve_total(arrays, time_limit, seed, report,
                                           use_mip=method == "mip" or (method == "auto" and small),
                                           use_lagrange=method != "mip")
        worst = _worst(arrays, choice)
    objective = assignment_cost(arrays, choice)
    if arrays.integral:
        bound = float(np.ceil(bound - 1e-6))
    bound = min(bound, objective)
    optimal = objective - bound <= (0.5 if arrays.integral else 1e-6 * max(1.0, abs(objective)))
    report(1.0, f"done: cost {objective:g}, bound {bound:g}")
    return AgendaSolution(
        objective=objective, lower_bound=bound, seconds=time.perf_counter() - begin,
        assignment=_assignment(problem, arrays, choice),
        status="optimal" if optimal else "feasible", worst_cost=worst, method=used)


def _solve_total(
    arrays: AgendaArrays, time_limit: float, seed: int, report: Callable[[float, str], None],
    *, use_mip: bool, use_lagrange: bool,
) -> tuple[IntArray, float, str]:
    begin = time.perf_counter()
    choice: IntArray | None = None
    bound, cost, used = -np.inf, np.inf, []
    if use_lagrange:
        # Before an exact MIP, a short run suffices: it gives a bound and a start.
        seconds = min(0.1 * time_limit, 1.0) if use_mip else 0.7 * time_limit
        result = lagrangian_search(arrays, seconds=seconds, progress=report)
        if len(result.infeasible_attendees):
            raise AgendaInfeasibleError(["no agenda exists for attendee index "
                                         f"{int(result.infeasible_attendees[0])}: too few "
                                         "distinct topics or sessions for the slots required"])
        choice, bound, cost = result.best_choice, result.lower_bound, result.best_cost
        used.append("lagrange")
        if choice is not None and not use_mip:
            choice = improve_by_sweeps(arrays, choice, deadline=begin + time_limit)
            report(0.8, "re-solving groups of attendees exactly")
            good_enough = np.ceil(bound - 1e-6) if arrays.integral else bound
            choice = improve_by_subproblems(arrays, choice, deadline=begin + time_limit,
                                            seed=seed, good_enough=good_enough)
            cost = assignment_cost(arrays, choice)
    closed = choice is not None and cost - bound <= (0.5 if arrays.integral else 1e-9)
    if use_mip and not closed:
        report(0.3, "exact MIP (HiGHS)")
        mip = solve_mip(arrays, time_limit=time_limit - (time.perf_counter() - begin),
                        seed=seed, start=choice)
        if mip.status == "infeasible":
            raise AgendaInfeasibleError(["no assignment satisfies every rule: the seat counts "
                                         "add up, so the topic rule or fixed choices cause it"])
        bound = max(bound, mip.bound)
        if mip.choice is not None and mip.objective < cost:
            choice = mip.choice
        used.append("mip")
    if choice is None:
        raise AgendaNotSolvedError(f"no valid assignment found within {time_limit:g} s")
    return choice, bound, "+".join(used)


def _solve_fair(
    arrays: AgendaArrays, time_limit: float, seed: int, report: Callable[[float, str], None],
) -> tuple[IntArray, float, float, str]:
    begin = time.perf_counter()
    report(0.0, "fair: minimising the worst attendee cost")
    stage1 = solve_mip(arrays, time_limit=0.5 * time_limit, seed=seed, minimise_worst=True)
    if stage1.status == "infeasible":
        raise AgendaInfeasibleError(["no assignment satisfies every rule: the seat counts "
                                     "add up, so the topic rule or fixed choices cause it"])
    if stage1.choice is None:
        raise AgendaNotSolvedError(f"no valid assignment found within {time_limit:g} s")
    worst = _worst(arrays, stage1.choice)
    report(0.5, f"fair: worst cost {worst:g}; minimising the total")
    stage2 = solve_mip(arrays, time_limit=time_limit - (time.perf_counter() - begin),
                       seed=seed, worst_cost=worst, start=stage1.choice)
    choice = stage1.choice
    if stage2.choice is not None and (assignment_cost(arrays, stage2.choice)
                                      <= assignment_cost(arrays, choice)):
        choice = stage2.choice
    # Stage 2's bound is valid for "least total with worst ≤ W*" even when it timed out;
    # so is everyone's cheapest agenda ignoring capacities (a weaker relaxation).
    _, cheapest = best_agendas(arrays, np.zeros(arrays.cost.shape[1]))
    return choice, max(stage2.bound, float(cheapest.sum())), worst, "mip-fair"


def _worst(arrays: AgendaArrays, choice: IntArray) -> float:
    per_attendee = np.where(choice >= 0, arrays.cost[np.arange(len(choice))[:, None],
                                                     np.maximum(choice, 0)], 0.0).sum(axis=1)
    return float(per_attendee.max(initial=0.0))


def _assignment(
    problem: AgendaProblem, arrays: AgendaArrays, choice: IntArray
) -> dict[str, tuple[str, ...]]:
    ids = [problem.sessions[i].session_id for i in arrays.order]
    return {attendee.attendee_id: tuple(ids[s] for s in choice[a] if s >= 0)
            for a, attendee in enumerate(problem.attendees)}
