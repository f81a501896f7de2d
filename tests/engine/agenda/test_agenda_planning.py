"""Planning costs and the agenda problem built from them: fit, seat credit, one per slot."""

from __future__ import annotations

import pytest

from immerse.engine.agenda.costs import PersonFacts, SessionFacts
from immerse.engine.agenda.figures import satisfaction
from immerse.engine.agenda.model import AgendaSolution
from immerse.engine.agenda.planning import (
    SEAT_CREDIT,
    AgendaPlan,
    PlanAttendee,
    PlanningError,
    PlanSession,
    plan_agendas,
    plan_digest,
)
from immerse.engine.agenda.solve import solve_agenda


def person(level: int | None = 1, interests: tuple[str, ...] = (),
           wishes: tuple[str, ...] = (), goal: str | None = None,
           problems: str = "") -> PersonFacts:
    return PersonFacts(level, frozenset(interests), frozenset(wishes), goal, problems)


def session(key: str = "s1", levels: tuple[int, ...] = (1,), topics: tuple[str, ...] = (),
            tools: tuple[str, ...] = (), title: str = "Reels",
            fmt: str = "plenary") -> SessionFacts:
    return SessionFacts(key, title, levels, topics, tools, fmt)


def two_slot_plan(seats: int | None, *, n_attendees: int = 2,
                  confirmed: dict[str, list[str]] | None = None) -> AgendaPlan:
    """am: sessions a (level 1) and b (level 3); pm: c (level 1). Levels 1, 3, 1, …"""
    sessions = [PlanSession(session("a", (1,)), "am", seats),
                PlanSession(session("b", (3,), title="Circle"), "am", seats),
                PlanSession(session("c", (1,)), "pm", seats)]
    attendees = [PlanAttendee(f"r{i}", f"P{i}", person(level=1 + 2 * (i % 2)))
                 for i in range(n_attendees)]
    return plan_agendas(slots=("am", "pm"), sessions=sessions, attendees=attendees,
                        confirmed=confirmed)


def test_plan_with_enough_seats_gives_everyone_one_session_per_slot_at_fit_cost() -> None:
    plan = two_slot_plan(seats=None)
    assert plan.problem.one_per_slot == "exactly"
    assert plan.problem.no_repeat_topic
    assert [s.max_size for s in plan.problem.sessions] == [2, 2, 2]
    assert plan.problem.attendees[1].cost == {"a": 9.0, "b": 5.0, "c": 9.0}
    assert plan.costs[("r1", "b")] == 5.0
    assert plan.reasons[("r1", "a")] == (
        "Two steps back from Preparation, your level: you can help others here.")


def test_plan_credits_every_seat_only_when_rooms_cannot_hold_everyone() -> None:
    plan = two_slot_plan(seats=1, n_attendees=3)  # am: 2 seats, pm: 1 seat for 3 people
    assert plan.problem.one_per_slot == "at_most"
    assert plan.problem.attendees[1].cost == {
        "a": 9.0 - SEAT_CREDIT, "b": 5.0 - SEAT_CREDIT, "c": 9.0 - SEAT_CREDIT}
    assert plan.costs[("r1", "b")] == 5.0  # the figures keep the fit cost


def test_plan_keeps_confirmed_choices_of_scheduled_sessions_only() -> None:
    plan = two_slot_plan(seats=2, confirmed={"r0": ["a", "gone"], "r1": ["gone"]})
    assert plan.fixed == {"r0": ("a",)}


def test_plan_refuses_more_confirmations_than_seats() -> None:
    with pytest.raises(PlanningError, match=r"Reels \(2 confirmed, 1 seats\)"):
        two_slot_plan(seats=1, confirmed={"r0": ["a"], "r1": ["a"]})


def test_plan_digest_follows_what_the_engine_sees() -> None:
    assert plan_digest(two_slot_plan(seats=2)) == plan_digest(two_slot_plan(seats=2))
    assert plan_digest(two_slot_plan(seats=2)) != plan_digest(two_slot_plan(seats=3))
    assert len(plan_digest(two_slot_plan(seats=2))) == 64


def test_satisfaction_figures_of_a_solved_plan() -> None:
    plan = two_slot_plan(seats=1)  # am: a + b for 2 people, pm: 1 seat for c
    solution = solve_agenda(plan.problem, time_limit=10, seed=0)

    stats = satisfaction(plan, solution, slot_labels={"am": "Mon 9:00", "pm": "Mon 14:00"})

    assert solution.assignment == {"r0": ("a", "c"), "r1": ("b",)}
    assert stats == {
        "without_a_seat_somewhere": 1,
        "attendees": 2,
        "all_at_level": 2,
        "share_all_at_level": 1.0,
        "slots": 2,
        "slots_everyone_at_level": 1,
        "off_level_by_slot": [{"slot": "Mon 14:00", "people": 1}],
        "worse_days": [],
        "goals": {"asked": 0, "fitting": 0, "met": 0, "by_goal": {}, "unmet": []},
        "worst_off": [{"name": "P0", "cost": 10.0}, {"name": "P1", "cost": 5.0}],
        "near_or_over_capacity": [
            {"session": "Reels", "seats": 1, "assigned": 1},
            {"session": "Circle", "seats": 1, "assigned": 1},
            {"session": "Reels", "seats": 1, "assigned": 1},
        ],
        "one_per_slot": "at_most",
        "seat_credit": SEAT_CREDIT,
        "method": solution.method,
    }


def test_satisfaction_lists_no_crowded_session_without_seat_limits() -> None:
    plan = two_slot_plan(seats=None, n_attendees=1)
    solution = AgendaSolution(objective=10.0, lower_bound=10.0, seconds=0.0,
                              assignment={"r0": ("a", "c")}, status="optimal",
                              worst_cost=10.0, method="given")
    stats = satisfaction(plan, solution)
    assert (stats["all_at_level"], stats["seat_credit"], stats["near_or_over_capacity"]) == (
        1, 0.0, [])
