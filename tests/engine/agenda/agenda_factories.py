"""Small agenda problems and a brute-force solver to check the engine against."""

from __future__ import annotations

import itertools

import numpy as np

from immerse.engine.agenda import AgendaProblem, Attendee, Session, check_assignment
from immerse.engine.agenda.check import assignment_cost


def small_problem(seed: int, *, one_per_slot: str = "exactly", no_repeat: bool = True,
                  n_attendees: int = 3, n_slots: int = 2) -> AgendaProblem:
    """2-3 sessions per slot over 3 topics, tight random capacities, integer costs."""
    rng = np.random.default_rng(seed)
    topics = ["ai", "seo", "video"]
    slots = tuple(f"t{t}" for t in range(n_slots))
    sessions = []
    for t, slot in enumerate(slots):
        for k in rng.choice(3, size=int(rng.integers(2, 4)), replace=False):
            low = int(rng.integers(0, 2))
            sessions.append(Session(f"{topics[k]}-{t}", slot, topics[k], low,
                                    low + int(rng.integers(1, 3))))
    attendees = tuple(
        Attendee(f"a{a}", {topics[k]: float(rng.integers(0, 6)) for k in range(2)},
                 default_cost=float(rng.integers(0, 6)),
                 required_slots=(slots[0],) if rng.random() < 0.5 else ())
        for a in range(n_attendees))
    return AgendaProblem(slots=slots, sessions=tuple(sessions), attendees=attendees,
                         one_per_slot=one_per_slot, no_repeat_topic=no_repeat)  # type: ignore[arg-type]


def brute_force(problem: AgendaProblem, *, fair: bool = False,
                fixed: dict[str, list[str]] | None = None) -> tuple[float, float] | None:
    """(total, worst) of the best assignment by enumeration; fair = lexicographic (worst,
    total). None when infeasible."""
    by_slot = {slot: [s.session_id for s in problem.sessions if s.slot == slot]
               for slot in problem.slots}
    topic = {s.session_id: s.topic for s in problem.sessions}

    def own_rules_hold(attendee: Attendee, agenda: tuple[str | None, ...]) -> bool:
        for slot, session in zip(problem.slots, agenda, strict=True):
            if session is None and (problem.one_per_slot == "exactly"
                                    or slot in attendee.required_slots):
                return False
        topics = [topic[s] for s in agenda if s is not None]
        return not problem.no_repeat_topic or len(set(topics)) == len(topics)

    per_attendee = [[agenda for agenda in itertools.product(
                        *[[*by_slot[slot], None] for slot in problem.slots])
                     if own_rules_hold(attendee, agenda)]
                    for attendee in problem.attendees]
    best: tuple[float, float] | None = None
    for combo in itertools.product(*per_attendee):
        assignment = {a.attendee_id: [s for s in agenda if s is not None]
                      for a, agenda in zip(problem.attendees, combo, strict=True)}
        if check_assignment(problem, assignment, fixed=fixed):
            continue
        total = assignment_cost(problem, assignment)
        worst = max(assignment_cost(problem, {a: s}) for a, s in assignment.items())
        key = (worst, total) if fair else (total, worst)
        if best is None or key < best:
            best = key
    if best is None:
        return None
    return (best[1], best[0]) if fair else best
