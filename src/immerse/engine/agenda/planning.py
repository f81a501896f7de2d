"""From what people said to an agenda problem: fit costs, seat credit, the one-per-slot rule.

Everyone is somewhere in every slot (``"exactly"``) when the rooms can hold them; otherwise
at most one session per slot (``"at_most"``), with every seat credited `SEAT_CREDIT` so that
no seat stays empty while someone has none. A topic is never repeated (each session is its
own topic), and confirmed choices are kept if their sessions still have the seats. The
costs and the reasons come from :func:`~immerse.engine.agenda.costs.fit`; docs/formats.md
("Planning costs") describes the rules for organizers.

>>> plan = plan_agendas(
...     slots=("am",),
...     sessions=(PlanSession(SessionFacts("s1", "Reels", (1,), (), ()), "am", seats=1),),
...     attendees=(PlanAttendee("r1", "Ada", PersonFacts(1, frozenset(), frozenset())),
...                PlanAttendee("r2", "Bo", PersonFacts(2, frozenset(), frozenset()))))
>>> plan.problem.one_per_slot, plan.costs[("r2", "s1")], plan.problem.attendees[1].cost
('at_most', 7.0, {'s1': -93.0})
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from immerse.engine.agenda.costs import PersonFacts, SessionFacts, fit_parts
from immerse.engine.agenda.model import AgendaProblem, Attendee, Session
from immerse.engine.agenda.reasons import Reason, reason_text

__all__ = [
    "DEFAULT_COST",
    "SEAT_CREDIT",
    "AgendaPlan",
    "FitFunction",
    "PlanAttendee",
    "PlanSession",
    "PlanningError",
    "plan_agendas",
    "plan_digest",
]

# When rooms cannot seat everyone in some slot, every seat taken is credited this much, so
# the solver fills all seats first and only then looks at fit (all fit costs are far below).
SEAT_CREDIT = 100.0
DEFAULT_COST = 10.0  # of a session missing from an attendee's cost row (none is, today)


#: One person in one session → the cost and the reason, as text or as parts
FitFunction = Callable[[PersonFacts, SessionFacts], tuple[float, str | Reason]]


class PlanningError(ValueError):
    """The inputs cannot be planned as they are; the message says what to change."""


@dataclass(frozen=True, slots=True)
class PlanSession:
    """A scheduled session: what it offers, its time slot, and its seats (None = no limit)."""

    facts: SessionFacts
    slot: str
    seats: int | None


@dataclass(frozen=True, slots=True)
class PlanAttendee:
    """A confirmed attendee: the key the plan uses, a name for the figures, their facts."""

    key: str
    name: str
    facts: PersonFacts


@dataclass(frozen=True)
class AgendaPlan:
    """The engine problem with what it was built from: fit costs and reasons per pair.

    ``costs`` are the fit costs before any seat credit; ``fixed`` the confirmed choices
    kept (attendee key → session keys), ready for ``solve_agenda(fixed=…)``. ``reasons``
    are in English; ``reason_parts`` the same reasons as parts any language can write
    (``engine.agenda.reasons``), when the fit function gave parts.
    """

    problem: AgendaProblem
    sessions: tuple[PlanSession, ...]
    attendees: tuple[PlanAttendee, ...]
    costs: dict[tuple[str, str], float]
    reasons: dict[tuple[str, str], str]
    fixed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    reason_parts: dict[tuple[str, str], Reason] = field(default_factory=dict)


def plan_agendas(
    *,
    slots: Sequence[str],
    sessions: Sequence[PlanSession],
    attendees: Sequence[PlanAttendee],
    confirmed: Mapping[str, Sequence[str]] | None = None,
    cost: FitFunction = fit_parts,
) -> AgendaPlan:
    """The agenda problem for ``attendees`` over ``sessions`` in ``slots`` (time order).

    ``confirmed`` (attendee key → session keys) become fixed choices; those of sessions not
    in ``sessions`` are dropped. Raises `PlanningError` when more people confirmed a session
    than it has seats. ``cost`` prices one person in one session (the benchmark passes
    earlier cost rules to compare them on the same inputs).
    """
    costs: dict[tuple[str, str], float] = {}
    reasons: dict[tuple[str, str], str] = {}
    parts: dict[tuple[str, str], Reason] = {}
    rows: list[dict[str, float]] = []
    for attendee in attendees:
        row = {}
        for session in sessions:
            price, reason = cost(attendee.facts, session.facts)
            pair = (attendee.key, session.facts.key)
            row[session.facts.key] = costs[pair] = price
            if isinstance(reason, str):
                reasons[pair] = reason
            else:
                reasons[pair], parts[pair] = reason_text(reason), reason
        rows.append(row)
    engine_sessions = tuple(
        Session(session_id=s.facts.key, slot=s.slot, topic=s.facts.key, min_size=0,
                max_size=s.seats if s.seats is not None else len(attendees))
        for s in sessions)
    seats: defaultdict[str, int] = defaultdict(int)
    for item in engine_sessions:
        seats[item.slot] += item.max_size
    enough = all(seats[slot] >= len(attendees) for slot in slots)
    credit = 0.0 if enough else SEAT_CREDIT
    problem = AgendaProblem(
        slots=tuple(slots), sessions=engine_sessions,
        attendees=tuple(
            Attendee(attendee_id=a.key, default_cost=DEFAULT_COST,
                     cost={key: cost - credit for key, cost in row.items()})
            for a, row in zip(attendees, rows, strict=True)),
        one_per_slot="exactly" if enough else "at_most", no_repeat_topic=True)
    known = {s.facts.key for s in sessions}
    fixed = {key: kept for key, keys in (confirmed or {}).items()
             if (kept := tuple(k for k in keys if k in known))}
    _check_fixed_fit(fixed, sessions)
    return AgendaPlan(problem, tuple(sessions), tuple(attendees), costs, reasons, fixed,
                      parts)


def _check_fixed_fit(fixed: Mapping[str, Sequence[str]], sessions: Sequence[PlanSession]) -> None:
    by_key = {s.facts.key: s for s in sessions}
    held: defaultdict[str, int] = defaultdict(int)
    for keys in fixed.values():
        for key in keys:
            held[key] += 1
    over = [f"{by_key[k].facts.title} ({n} confirmed, {by_key[k].seats} seats)"
            for k, n in held.items()
            if (seats := by_key[k].seats) is not None and n > seats]
    if over:
        raise PlanningError("More people confirmed these sessions than they have seats: "
                            + "; ".join(over) + ". Add seats, or re-plan everyone.")


def plan_digest(plan: AgendaPlan) -> str:
    """A fingerprint (SHA-256) of what the engine saw, so two runs can be compared honestly."""
    body = {
        "slots": plan.problem.slots, "one_per_slot": plan.problem.one_per_slot,
        "sessions": [(s.session_id, s.slot, s.max_size) for s in plan.problem.sessions],
        "costs": sorted((a, s, c) for (a, s), c in plan.costs.items()),
        "fixed": sorted(plan.fixed.items()),
    }
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()

