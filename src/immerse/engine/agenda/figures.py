"""The figures organizers look at after a planning run, as plain JSON values.

How many slots give everyone a session at their level, who has a worse day than the rest,
whose stated goal was met where the program offered a fitting session, the worst-off
attendees and the crowded sessions. :mod:`immerse.engine.agenda.summary` turns them into
sentences.

>>> from immerse.engine.agenda.costs import PersonFacts, SessionFacts
>>> from immerse.engine.agenda.model import AgendaSolution
>>> from immerse.engine.agenda.planning import PlanAttendee, PlanSession, plan_agendas
>>> plan = plan_agendas(
...     slots=("am",),
...     sessions=(PlanSession(SessionFacts("w", "Plan clinic", (3,), (), (), "workshop"),
...                           "am", seats=10),),
...     attendees=(PlanAttendee("r1", "Ada", PersonFacts(3, frozenset(), frozenset(),
...                                                      goal="plan")),))
>>> solution = AgendaSolution(3.0, 3.0, 0.1, {"r1": ("w",)}, "optimal", 3.0, "given")
>>> figures = satisfaction(plan, solution)
>>> figures["slots_everyone_at_level"], figures["goals"]["met"], figures["goals"]["fitting"]
(1, 1, 1)
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from immerse.engine.agenda.costs import PersonFacts, SessionFacts, goal_met_by
from immerse.engine.agenda.model import AgendaSolution
from immerse.engine.agenda.planning import SEAT_CREDIT, AgendaPlan, PlanSession
from immerse.engine.catalogue import GOALS

__all__ = ["NAMES_SHOWN", "NEAR_FULL", "goal_figures", "satisfaction"]

NEAR_FULL = 0.9  # share of seats from which a session counts as crowded
NAMES_SHOWN = 30  # names kept per list ("see who"); the counts stay exact


def satisfaction(
    plan: AgendaPlan, solution: AgendaSolution, *,
    slot_labels: Mapping[str, str] | None = None, slot_days: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The run's figures. ``slot_labels`` names the slots for people ("Tue 11:00"),
    ``slot_days`` gives each slot's day ("Tue 16 Mar"); both default to the slot keys."""
    labels = dict(slot_labels or {})
    days = dict(slot_days or {})
    sessions = {s.facts.key: s for s in plan.sessions}
    slot_of = {s.facts.key: s.slot for s in plan.sessions}
    attendees = {a.key: a for a in plan.attendees}
    at_level_in: dict[str, set[str]] = {}  # attendee → slots where they sit at their level
    at_level, worst = 0, []
    fill: defaultdict[str, int] = defaultdict(int)
    for akey, skeys in solution.assignment.items():
        attendee = attendees[akey]
        fitting = {slot_of[k] for k in skeys if _at_level(attendee.facts, sessions[k].facts)}
        at_level_in[akey] = fitting
        if len(fitting) == len(skeys):
            at_level += 1
        worst.append((sum(plan.costs[(akey, k)] for k in skeys), attendee.name, akey))
        for key in skeys:
            fill[key] += 1
    worst.sort(key=lambda row: (-row[0], row[1], row[2]))
    slots = plan.problem.slots
    n = len(solution.assignment)
    off_by_slot = [
        {"slot": labels.get(slot, slot), "people": missing}
        for slot in slots
        if (missing := sum(1 for fitting in at_level_in.values() if slot not in fitting))]
    return {
        "without_a_seat_somewhere": sum(1 for skeys in solution.assignment.values()
                                        if len(skeys) < len(slots)),
        "attendees": n,
        "all_at_level": at_level,
        "share_all_at_level": round(at_level / n, 4) if n else 0.0,
        "slots": len(slots),
        "slots_everyone_at_level": len(slots) - len(off_by_slot),
        "off_level_by_slot": off_by_slot,
        "worse_days": _worse_days(plan, at_level_in, slots, days),
        "goals": goal_figures(plan, solution),
        "worst_off": [{"name": name, "cost": cost} for cost, name, _ in worst[:5]],
        "near_or_over_capacity": [
            {"session": s.facts.title, "seats": s.seats, "assigned": fill[s.facts.key]}
            for s in plan.sessions if s.seats and fill[s.facts.key] >= NEAR_FULL * s.seats],
        "one_per_slot": plan.problem.one_per_slot,
        "seat_credit": SEAT_CREDIT if plan.problem.one_per_slot == "at_most" else 0.0,
        "method": solution.method,
    }


def _at_level(person: PersonFacts, session: SessionFacts) -> bool:
    return not session.levels or (person.level or 1) in session.levels


def _worse_days(plan: AgendaPlan, at_level_in: Mapping[str, set[str]],
                slots: tuple[str, ...], days: Mapping[str, str]) -> list[dict[str, Any]]:
    """Per day, the people with fewer sessions at their level that day than most others
    (over one day, the slot figures say it all)."""
    by_day: dict[str, list[str]] = {}
    for slot in slots:
        by_day.setdefault(days.get(slot, ""), []).append(slot)
    if len(by_day) < 2:
        return []
    names = {a.key: a.name for a in plan.attendees}
    rows = []
    for day, day_slots in by_day.items():
        scores = {akey: sum(1 for s in day_slots if s in fitting)
                  for akey, fitting in at_level_in.items()}
        if not scores:
            continue
        typical = statistics.median(scores.values())
        worse = sorted((names[a] for a, score in scores.items() if score < typical))
        if worse:
            rows.append({"day": day, "count": len(worse), "names": worse[:NAMES_SHOWN],
                         "typical": typical, "slots": len(day_slots)})
    return rows


def goal_figures(plan: AgendaPlan, solution: AgendaSolution) -> dict[str, Any]:
    """Who said what they most want, who could have it here, and who got it.

    A person *could* have it when some session of a format that delivers their goal targets
    their level and has seats; they *got* it when one such session is on their agenda.
    """
    sessions = [s for s in plan.sessions if s.seats is None or s.seats > 0]
    by_goal = {g.key: {"asked": 0, "fitting": 0, "met": 0} for g in GOALS}
    unmet: list[str] = []
    for attendee in plan.attendees:
        goal = attendee.facts.goal
        if goal not in by_goal:
            continue
        row = by_goal[goal]
        row["asked"] += 1
        if not any(_fits_goal(attendee.facts, s) for s in sessions):
            continue
        row["fitting"] += 1
        mine = solution.assignment.get(attendee.key, ())
        if any(goal_met_by(attendee.facts, plan_session.facts)
               for plan_session in plan.sessions if plan_session.facts.key in mine):
            row["met"] += 1
        else:
            unmet.append(attendee.name)
    return {
        "asked": sum(r["asked"] for r in by_goal.values()),
        "fitting": sum(r["fitting"] for r in by_goal.values()),
        "met": sum(r["met"] for r in by_goal.values()),
        "by_goal": {key: row for key, row in by_goal.items() if row["asked"]},
        "unmet": sorted(unmet)[:NAMES_SHOWN],
    }


def _fits_goal(person: PersonFacts, session: PlanSession) -> bool:
    return goal_met_by(person, session.facts) and _at_level(person, session.facts)
