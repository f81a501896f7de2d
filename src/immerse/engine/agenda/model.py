"""Plain data of the personal-agenda problem: sessions, attendees, the problem, the solution.

The rules (see docs/formats.md, "Agenda problem and solution"):

* ``one_per_slot = "exactly"``: every attendee attends exactly one session in every slot;
  ``"at_most"``: at most one per slot, and exactly one in each of the attendee's
  ``required_slots``. Skipping a slot costs 0.
* ``no_repeat_topic``: an attendee never attends two sessions of the same topic.
* Each session's attendance lies in ``[min_size, max_size]`` (a hard range: a session with
  ``min_size > 0`` may not stay empty).
* Attendee ``a`` attending a session of topic ``k`` costs ``a.cost.get(k, a.default_cost)``;
  lower is a better fit. The objective is the total cost; ``fair`` first minimises the worst
  attendee's cost, then the total subject to that.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

OnePerSlot = Literal["exactly", "at_most"]
Assignment = Mapping[str, Sequence[str]]


class InvalidAgendaError(ValueError):
    """The problem is inconsistent (unknown slot, duplicate id, min above max, ...)."""


class AgendaInfeasibleError(ValueError):
    """No assignment satisfies the rules; ``reasons`` says which slots or sessions are short."""

    def __init__(self, reasons: Sequence[str]) -> None:
        self.reasons = tuple(reasons)
        super().__init__("the agenda problem is infeasible:\n  " + "\n  ".join(self.reasons))


class AgendaNotSolvedError(RuntimeError):
    """The time limit passed before any valid assignment was found (none proven impossible)."""


@dataclass(frozen=True, slots=True)
class Session:
    """One session: it runs in ``slot``, covers ``topic`` and seats ``min_size..max_size``."""

    session_id: str
    slot: str
    topic: str
    min_size: int = 0
    max_size: int = 10**9


@dataclass(frozen=True, slots=True)
class Attendee:
    """One attendee: a cost per topic (lower = better), ``default_cost`` for the others."""

    attendee_id: str
    cost: Mapping[str, float] = field(default_factory=dict)
    default_cost: float = 0.0
    required_slots: tuple[str, ...] = ()

    def cost_of(self, topic: str) -> float:
        return float(self.cost.get(topic, self.default_cost))


@dataclass(frozen=True, slots=True)
class AgendaProblem:
    """Slots (in time order), sessions, attendees and the two rule switches."""

    slots: tuple[str, ...]
    sessions: tuple[Session, ...]
    attendees: tuple[Attendee, ...]
    one_per_slot: OnePerSlot = "exactly"
    no_repeat_topic: bool = True

    def __post_init__(self) -> None:
        _validate(self)

    def topics(self) -> tuple[str, ...]:
        """Every topic some session covers, sorted."""
        return tuple(sorted({s.topic for s in self.sessions}))


@dataclass(frozen=True, slots=True)
class AgendaSolution:
    """A solved agenda.

    ``assignment`` maps every attendee id to its session ids in slot order (slots skipped
    under ``at_most`` are left out). ``objective`` is the total cost. ``lower_bound`` is a
    proven lower bound on the optimal total cost (with ``fair``: on the least total cost
    among assignments whose worst attendee cost is ``worst_cost``). ``status`` is
    ``"optimal"`` when objective and bound meet, else ``"feasible"``.
    """

    objective: float
    lower_bound: float
    seconds: float
    assignment: Mapping[str, tuple[str, ...]]
    status: Literal["optimal", "feasible"]
    worst_cost: float
    method: str

    @property
    def gap(self) -> float:
        """Relative gap (objective − bound) / max(|objective|, 1)."""
        return (self.objective - self.lower_bound) / max(abs(self.objective), 1.0)


def _validate(problem: AgendaProblem) -> None:
    slots = set(problem.slots)
    if len(slots) != len(problem.slots):
        raise InvalidAgendaError("slots: duplicate slot name")
    if problem.one_per_slot not in ("exactly", "at_most"):
        raise InvalidAgendaError(
            f"one_per_slot: expected 'exactly' or 'at_most', got {problem.one_per_slot!r}")
    seen: set[str] = set()
    for i, session in enumerate(problem.sessions):
        where = f"sessions[{i}]"
        if session.session_id in seen:
            raise InvalidAgendaError(f"{where}.id: duplicate session id {session.session_id!r}")
        seen.add(session.session_id)
        if session.slot not in slots:
            raise InvalidAgendaError(f"{where}.slot: unknown slot {session.slot!r}")
        if not 0 <= session.min_size <= session.max_size:
            raise InvalidAgendaError(
                f"{where}: expected 0 <= min <= max, got min {session.min_size}, "
                f"max {session.max_size}")
    seen.clear()
    for i, attendee in enumerate(problem.attendees):
        where = f"attendees[{i}]"
        if attendee.attendee_id in seen:
            raise InvalidAgendaError(
                f"{where}.id: duplicate attendee id {attendee.attendee_id!r}")
        seen.add(attendee.attendee_id)
        for j, slot in enumerate(attendee.required_slots):
            if slot not in slots:
                raise InvalidAgendaError(f"{where}.required_slots[{j}]: unknown slot {slot!r}")
