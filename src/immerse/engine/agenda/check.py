"""An independent checker for agenda assignments (deliberately simple: plain dicts, no solver).

>>> from immerse.engine.agenda.model import AgendaProblem, Attendee, Session
>>> p = AgendaProblem(slots=("am",), sessions=(Session("s1", "am", "x", 0, 1),),
...                   attendees=(Attendee("a1"), Attendee("a2")))
>>> check_assignment(p, {"a1": ["s1"], "a2": ["s1"]})
['session s1: 2 attendees, above its max 1']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from immerse.engine.agenda.model import AgendaProblem

__all__ = ["assignment_cost", "check_assignment"]


def check_assignment(
    problem: AgendaProblem,
    assignment: Mapping[str, Sequence[str]],
    *,
    fixed: Mapping[str, Sequence[str]] | None = None,
) -> list[str]:
    """Every rule the assignment breaks, as readable sentences (empty list = valid)."""
    sessions = {s.session_id: s for s in problem.sessions}
    violations: list[str] = []
    attendance: Counter[str] = Counter()
    for attendee in problem.attendees:
        a = attendee.attendee_id
        chosen = list(assignment.get(a, ()))
        if a not in assignment:
            violations.append(f"attendee {a}: missing from the assignment")
        unknown = [s for s in chosen if s not in sessions]
        violations += [f"attendee {a}: unknown session {s}" for s in unknown]
        chosen = [s for s in chosen if s in sessions]
        attendance.update(chosen)
        per_slot = Counter(sessions[s].slot for s in chosen)
        for slot in problem.slots:
            needed = problem.one_per_slot == "exactly" or slot in attendee.required_slots
            if per_slot[slot] > 1:
                violations.append(f"attendee {a}: {per_slot[slot]} sessions in slot {slot}")
            if needed and per_slot[slot] == 0:
                violations.append(f"attendee {a}: no session in slot {slot}")
        if problem.no_repeat_topic:
            per_topic = Counter(sessions[s].topic for s in chosen)
            violations += [f"attendee {a}: topic {t} {n} times"
                           for t, n in per_topic.items() if n > 1]
        for s in (fixed or {}).get(a, ()):
            if s not in chosen:
                violations.append(f"attendee {a}: fixed session {s} not kept")
    known = {a.attendee_id for a in problem.attendees}
    violations += [f"unknown attendee {a}" for a in assignment if a not in known]
    for session in problem.sessions:
        n = attendance[session.session_id]
        if n > session.max_size:
            violations.append(
                f"session {session.session_id}: {n} attendees, above its max {session.max_size}")
        if n < session.min_size:
            violations.append(
                f"session {session.session_id}: {n} attendees, below its min {session.min_size}")
    return violations


def assignment_cost(problem: AgendaProblem, assignment: Mapping[str, Sequence[str]]) -> float:
    """Total cost of an assignment, summed straight from the attendees' cost tables."""
    topic = {s.session_id: s.topic for s in problem.sessions}
    return sum(attendee.cost_of(topic[s])
               for attendee in problem.attendees
               for s in assignment.get(attendee.attendee_id, ()))
