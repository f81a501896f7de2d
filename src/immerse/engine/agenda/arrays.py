"""The problem as NumPy arrays: the one representation every solver of this package reads.

Sessions are re-ordered by slot (``order`` maps back to ``problem.sessions``) so that slot
``t`` owns the contiguous range ``slot_start[t]:slot_start[t + 1]``. Fixed choices are
folded into ``allowed`` and ``must``: a pinned session is the only one allowed in its slot,
the slot becomes required, and (with ``no_repeat_topic``) its topic is barred elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from immerse.engine.agenda.model import AgendaProblem, InvalidAgendaError

__all__ = ["AgendaArrays", "agenda_arrays"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True)
class AgendaArrays:
    """Dense arrays: A attendees × S sessions (slot order) × T slots."""

    cost: FloatArray  # (A, S) cost of attendee a in session s
    allowed: BoolArray  # (A, S) False where a fixed choice or the topic rule forbids it
    must: BoolArray  # (A, T) attendee must attend one session in slot t
    slot_of: IntArray  # (S,)
    slot_start: IntArray  # (T + 1,)
    column: IntArray  # (S,) topic index with no_repeat_topic, else the session index
    n_columns: int
    lo: IntArray  # (S,) min attendance
    hi: IntArray  # (S,) max attendance
    order: IntArray  # (S,) index into problem.sessions of each re-ordered session
    integral: bool  # every cost is an integer, so the optimum is too

    @property
    def shape(self) -> tuple[int, int, int]:
        return self.cost.shape[0], self.cost.shape[1], self.must.shape[1]


def agenda_arrays(
    problem: AgendaProblem, fixed: Mapping[str, Sequence[str]] | None = None
) -> AgendaArrays:
    """Build the arrays; raise `InvalidAgendaError` on a fixed choice that breaks a rule."""
    slot_index = {slot: t for t, slot in enumerate(problem.slots)}
    topics = problem.topics()
    topic_index = {topic: k for k, topic in enumerate(topics)}
    session_slot = np.array([slot_index[s.slot] for s in problem.sessions], dtype=np.int64)
    order = np.argsort(session_slot, kind="stable").astype(np.int64)
    sessions = [problem.sessions[i] for i in order]
    slot_of = session_slot[order]
    n_slots = len(problem.slots)
    slot_start = np.searchsorted(slot_of, np.arange(n_slots + 1)).astype(np.int64)
    topic_of = np.array([topic_index[s.topic] for s in sessions], dtype=np.int64)

    by_topic = np.empty((len(problem.attendees), len(topics)), dtype=np.float64)
    for a, attendee in enumerate(problem.attendees):
        by_topic[a, :] = attendee.default_cost
        for topic, value in attendee.cost.items():
            k = topic_index.get(topic)
            if k is not None:
                by_topic[a, k] = value
    if not np.all(np.isfinite(by_topic)):
        raise InvalidAgendaError("attendees: every cost must be a finite number")
    cost = np.ascontiguousarray(by_topic[:, topic_of])

    must = np.zeros((len(problem.attendees), n_slots), dtype=np.bool_)
    if problem.one_per_slot == "exactly":
        must[:] = True
    for a, attendee in enumerate(problem.attendees):
        for slot in attendee.required_slots:
            must[a, slot_index[slot]] = True
    allowed = np.ones(cost.shape, dtype=np.bool_)
    position = {s.session_id: j for j, s in enumerate(sessions)}
    _apply_fixed(problem, fixed or {}, position, slot_of, slot_start, topic_of, allowed, must)

    column = topic_of if problem.no_repeat_topic else np.arange(len(sessions), dtype=np.int64)
    return AgendaArrays(
        cost=cost, allowed=allowed, must=must, slot_of=slot_of, slot_start=slot_start,
        column=column, n_columns=len(topics) if problem.no_repeat_topic else len(sessions),
        lo=np.array([s.min_size for s in sessions], dtype=np.int64),
        hi=np.array([s.max_size for s in sessions], dtype=np.int64),
        order=order, integral=bool(np.all(cost == np.round(cost))),
    )


def _apply_fixed(
    problem: AgendaProblem,
    fixed: Mapping[str, Sequence[str]],
    position: Mapping[str, int],
    slot_of: IntArray,
    slot_start: IntArray,
    topic_of: IntArray,
    allowed: BoolArray,
    must: BoolArray,
) -> None:
    attendee_index = {a.attendee_id: i for i, a in enumerate(problem.attendees)}
    for attendee_id, session_ids in fixed.items():
        a = attendee_index.get(attendee_id)
        if a is None:
            raise InvalidAgendaError(f"fixed: unknown attendee {attendee_id!r}")
        pinned: dict[int, str] = {}
        for session_id in session_ids:
            s = position.get(session_id)
            if s is None:
                raise InvalidAgendaError(
                    f"fixed[{attendee_id!r}]: unknown session {session_id!r}")
            t = int(slot_of[s])
            if t in pinned:
                raise InvalidAgendaError(
                    f"fixed[{attendee_id!r}]: {pinned[t]!r} and {session_id!r} share slot "
                    f"{problem.slots[t]!r}")
            pinned[t] = session_id
            if not allowed[a, s]:
                raise InvalidAgendaError(
                    f"fixed[{attendee_id!r}]: {session_id!r} repeats a fixed topic")
            if problem.no_repeat_topic:
                allowed[a, topic_of == topic_of[s]] = False
            allowed[a, slot_start[t]:slot_start[t + 1]] = False
            allowed[a, s] = True
            must[a, t] = True
