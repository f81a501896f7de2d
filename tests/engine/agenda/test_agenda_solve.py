"""solve_agenda against brute force, with the independent checker on every answer."""

from __future__ import annotations

import pytest

from immerse.engine.agenda import (
    AgendaInfeasibleError,
    AgendaProblem,
    Attendee,
    InvalidAgendaError,
    Session,
    check_assignment,
    generate_conference,
    solve_agenda,
)
from immerse.engine.agenda.check import assignment_cost

from .agenda_factories import brute_force, small_problem

FEASIBLE_SEEDS = [s for s in range(10) if brute_force(small_problem(s)) is not None][:5]
CASES = [(seed, mode, repeat) for seed in range(6) for mode in ("exactly", "at_most")
         for repeat in (True, False)]


@pytest.mark.parametrize(("seed", "mode", "no_repeat"), CASES)
@pytest.mark.parametrize("method", ["auto", "lagrange"])
def test_solve_matches_brute_force(seed: int, mode: str, no_repeat: bool, method: str) -> None:
    problem = small_problem(seed, one_per_slot=mode, no_repeat=no_repeat)
    expected = brute_force(problem)
    if expected is None:
        with pytest.raises(AgendaInfeasibleError):
            solve_agenda(problem, time_limit=5, method=method)  # type: ignore[arg-type]
        return
    solution = solve_agenda(problem, time_limit=5, method=method)  # type: ignore[arg-type]
    assert check_assignment(problem, solution.assignment) == []
    assert solution.lower_bound <= solution.objective
    assert solution.lower_bound <= expected[0] + 1e-9  # the bound is valid
    assert solution.objective == assignment_cost(problem, solution.assignment)
    if method == "auto":
        assert solution.objective == expected[0]
        assert solution.status == "optimal"


@pytest.mark.parametrize("seed", FEASIBLE_SEEDS)
def test_fair_minimises_the_worst_then_the_total(seed: int) -> None:
    problem = small_problem(seed, n_attendees=3)
    expected = brute_force(problem, fair=True)
    assert expected is not None
    solution = solve_agenda(problem, time_limit=5, fair=True)
    assert check_assignment(problem, solution.assignment) == []
    assert (solution.worst_cost, solution.objective) == (expected[1], expected[0])
    assert solution.lower_bound <= solution.objective


def test_fair_lowers_the_worst_cost_at_a_price() -> None:
    # One seat of "ai" per slot: Bob hates everything else, Ann mildly prefers ai.
    problem = AgendaProblem(
        slots=("am",),
        sessions=(Session("ai", "am", "ai", 0, 1), Session("seo", "am", "seo", 0, 1)),
        attendees=(Attendee("ann", {"ai": 0, "seo": 4}), Attendee("bob", {"ai": 0, "seo": 3})))
    plain = solve_agenda(problem, time_limit=5)
    fair = solve_agenda(problem, time_limit=5, fair=True)
    assert (plain.objective, plain.worst_cost) == (3.0, 3.0)
    problem_b = AgendaProblem(
        slots=("am",), sessions=problem.sessions,
        attendees=(Attendee("ann", {"ai": 0, "seo": 2}), Attendee("bob", {"ai": 1, "seo": 5})))
    plain_b = solve_agenda(problem_b, time_limit=5)
    fair_b = solve_agenda(problem_b, time_limit=5, fair=True)
    assert (plain_b.objective, plain_b.worst_cost) == (3.0, 2.0)
    assert fair.worst_cost == 3.0 and fair_b.worst_cost == 2.0
    problem_c = AgendaProblem(
        slots=("am",), sessions=problem.sessions,
        attendees=(Attendee("ann", {"ai": 0, "seo": 3}), Attendee("bob", {"ai": 2, "seo": 4})))
    plain_c = solve_agenda(problem_c, time_limit=5)
    fair_c = solve_agenda(problem_c, time_limit=5, fair=True)
    assert (plain_c.objective, plain_c.worst_cost) == (4.0, 4.0)  # ann ai, bob seo
    assert (fair_c.objective, fair_c.worst_cost) == (5.0, 3.0)  # ann seo, bob ai
    assert dict(fair_c.assignment) == {"ann": ("seo",), "bob": ("ai",)}


@pytest.mark.parametrize("seed", FEASIBLE_SEEDS)
def test_fixed_choices_are_kept(seed: int) -> None:
    problem = small_problem(seed, n_attendees=3)
    # Pin the first attendee to the most expensive session of slot 0 they could take.
    first = problem.attendees[0]
    candidates = [s for s in problem.sessions if s.slot == problem.slots[0]]
    pinned = max(candidates, key=lambda s: (first.cost_of(s.topic), s.session_id))
    fixed = {first.attendee_id: [pinned.session_id]}
    expected = brute_force(problem, fixed=fixed)
    if expected is None:
        with pytest.raises(AgendaInfeasibleError):
            solve_agenda(problem, time_limit=5, fixed=fixed)
        return
    solution = solve_agenda(problem, time_limit=5, fixed=fixed)
    assert check_assignment(problem, solution.assignment, fixed=fixed) == []
    assert solution.objective == expected[0]


def test_fixed_choice_in_an_unknown_session_is_refused() -> None:
    problem = small_problem(0)
    with pytest.raises(InvalidAgendaError, match="unknown session 'nope'"):
        solve_agenda(problem, fixed={"a0": ["nope"]})


def test_infeasible_slot_is_explained() -> None:
    problem = AgendaProblem(
        slots=("d1-am", "d1-pm"),
        sessions=(Session("s1", "d1-am", "x", 0, 1), Session("s2", "d1-pm", "y", 0, 5)),
        attendees=(Attendee("a1"), Attendee("a2")))
    with pytest.raises(AgendaInfeasibleError) as caught:
        solve_agenda(problem, time_limit=5)
    assert caught.value.reasons == (
        "slot d1-am: 2 attendees must be seated but sessions offer 1 seats",)


def test_minimum_attendance_shortfall_is_explained() -> None:
    problem = AgendaProblem(
        slots=("am",), sessions=(Session("s1", "am", "x", 3, 5),),
        attendees=(Attendee("a1"), Attendee("a2")), one_per_slot="at_most")
    with pytest.raises(AgendaInfeasibleError, match="slot am: its sessions need at least 3"):
        solve_agenda(problem, time_limit=5)


def test_topic_repeats_make_seats_unusable() -> None:
    # Two slots, topic x only: nobody may attend x twice, so slot pm cannot be filled.
    problem = AgendaProblem(
        slots=("am", "pm"),
        sessions=(Session("x-am", "am", "x", 0, 5), Session("x-pm", "pm", "x", 0, 5)),
        attendees=(Attendee("a1"),))
    with pytest.raises(AgendaInfeasibleError, match="at most 1 usable seats"):
        solve_agenda(problem, time_limit=5)


def test_generated_conference_same_seed_same_result() -> None:
    problem = generate_conference(n_attendees=300, n_slots=4, n_parallel=5, seed=3)
    first = solve_agenda(problem, time_limit=10, seed=7)
    second = solve_agenda(problem, time_limit=10, seed=7)
    assert first.assignment == second.assignment
    assert first.objective == second.objective
    assert check_assignment(problem, first.assignment) == []
    assert first.lower_bound <= first.objective


def test_generated_conference_large_path_is_valid_and_close() -> None:
    problem = generate_conference(n_attendees=1500, n_slots=6, n_parallel=6, seed=5)
    solution = solve_agenda(problem, time_limit=6, method="lagrange")
    assert check_assignment(problem, solution.assignment) == []
    assert solution.lower_bound <= solution.objective
    assert solution.gap < 0.01


def test_generator_is_seeded() -> None:
    one = generate_conference(n_attendees=40, n_slots=3, n_parallel=4, seed=9)
    two = generate_conference(n_attendees=40, n_slots=3, n_parallel=4, seed=9)
    other = generate_conference(n_attendees=40, n_slots=3, n_parallel=4, seed=10)
    assert one == two
    assert one != other


def test_large_path_keeps_fixed_choices() -> None:
    problem = generate_conference(n_attendees=2500, n_slots=4, n_parallel=5, seed=8)
    # Pin five attendees to their least liked session of the first slot.
    first_slot = [s for s in problem.sessions if s.slot == problem.slots[0]]
    fixed = {a.attendee_id: [max(first_slot, key=lambda s: a.cost_of(s.topic)).session_id]
             for a in problem.attendees[:5]}
    solution = solve_agenda(problem, time_limit=4, method="lagrange", fixed=fixed)
    assert check_assignment(problem, solution.assignment, fixed=fixed) == []
    assert solution.lower_bound <= solution.objective
