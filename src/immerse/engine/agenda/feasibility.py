"""Seat counts that prove a problem infeasible, said in the organiser's words.

These are necessary conditions only (a problem can pass them all and still be infeasible,
e.g. through the topic rule in a tight corner); the solver reports that case separately.
"""

from __future__ import annotations

import numpy as np

from immerse.engine.agenda.arrays import AgendaArrays
from immerse.engine.agenda.model import AgendaProblem

__all__ = ["infeasibility_reasons"]


def infeasibility_reasons(problem: AgendaProblem, arrays: AgendaArrays) -> list[str]:
    """Every seat shortage found by counting (empty = none found)."""
    reasons: list[str] = []
    sessions = [problem.sessions[i] for i in arrays.order]
    for t, slot in enumerate(problem.slots):
        first, last = int(arrays.slot_start[t]), int(arrays.slot_start[t + 1])
        must = int(arrays.must[:, t].sum())
        seats = int(arrays.hi[first:last].sum())
        if must > seats:
            reasons.append(f"slot {slot}: {must} attendees must be seated but sessions offer "
                           f"{seats} seats")
        can = int(arrays.allowed[:, first:last].any(axis=1).sum())
        needed = int(arrays.lo[first:last].sum())
        if needed > can:
            reasons.append(f"slot {slot}: its sessions need at least {needed} attendees but "
                           f"only {can} can attend")
        stuck = np.flatnonzero(arrays.must[:, t] & ~arrays.allowed[:, first:last].any(axis=1))
        reasons += [f"attendee {problem.attendees[a].attendee_id}: no session left in slot "
                    f"{slot} (fixed choices rule them all out)" for a in stuck[:10]]
    for s, session in enumerate(sessions):
        pinned = int(arrays.allowed[:, s].sum())
        if pinned < session.min_size:
            reasons.append(f"session {session.session_id}: needs at least {session.min_size} "
                           f"attendees but only {pinned} may attend it")
    # The topic count is only worth saying when the plainer seat counts do not explain it.
    return reasons or _topic_shortage(problem, arrays)


def _topic_shortage(problem: AgendaProblem, arrays: AgendaArrays) -> list[str]:
    """Without repeats, a topic seats each attendee once however many times it runs."""
    if not problem.no_repeat_topic:
        return []
    n_attendees = arrays.cost.shape[0]
    usable = sum(min(int(arrays.hi[arrays.column == k].sum()), n_attendees)
                 for k in range(arrays.n_columns))
    needed = int(arrays.must.sum())
    if needed <= usable:
        return []
    return [f"all slots: {needed} seats must be filled, but as nobody may attend a topic "
            f"twice the sessions offer at most {usable} usable seats"]
