"""Timetables from wishes: metrics by hand, the checker, and the solver against brute force."""

from __future__ import annotations

import itertools
import random

import pytest

from immerse.engine.timetable.model import (
    Block,
    InvalidTimetableError,
    Timetable,
    TimetableProblem,
    check_timetable,
    missed_attendance,
    session_hops,
)
from immerse.engine.timetable.solve import solve_timetable

QUICK = 0.05  # effort for tests: tiny instances need little search


def make_problem(
    talks: str,
    blocks: tuple[Block, ...],
    wants: list[str],
    presenters: str | None = None,
) -> TimetableProblem:
    return TimetableProblem(
        talk_ids=tuple(talks),
        presenter_ids=tuple(presenters or talks.upper()),
        blocks=blocks,
        participant_ids=tuple(f"p{i}" for i in range(len(wants))),
        wants=tuple(frozenset(w) for w in wants),
    )


def random_problem(seed: int, talks: str, blocks: tuple[Block, ...]) -> TimetableProblem:
    rng = random.Random(seed)
    wants = ["".join(rng.sample(talks, rng.randint(2, 4))) for _ in range(8)]
    return make_problem(talks, blocks, wants)


def layouts(problem: TimetableProblem) -> list[Timetable]:
    """Every way to fill the slots (talks plus empty slots), block by block, room-major."""
    empty = [None] * (problem.n_slots - len(problem.talk_ids))
    result = []
    for order in set(itertools.permutations([*problem.talk_ids, *empty])):
        rooms, start = [], 0
        for block in problem.blocks:
            cells = order[start : start + block.n_slots]
            start += block.n_slots
            rooms.append(
                tuple(
                    tuple(cells[r * block.n_positions : (r + 1) * block.n_positions])
                    for r in range(block.n_rooms)
                )
            )
        result.append(Timetable(rooms=tuple(rooms)))
    return result


# A block of 2 rooms × 3 positions: room 1 runs a b c, room 2 runs d e f.
HAND = Timetable(rooms=((("a", "b", "c"), ("d", "e", "f")),))
HAND_BLOCKS = (Block("B", n_rooms=2, n_positions=3),)


def test_missed_attendance_counts_wanted_talks_beyond_one_per_group() -> None:
    problem = make_problem("abcdef", HAND_BLOCKS, ["adbf", "aec", "dc", "abcdef"])
    # p0: (a,d) → 1 missed; p3: three full groups → 3 missed.
    assert missed_attendance(problem, HAND) == 4


def test_session_hops_takes_fewest_room_changes_and_skips_unwanted_positions() -> None:
    problem = make_problem("abcdef", HAND_BLOCKS, ["adbf", "aec", "dc", "be"])
    # p0 rooms {1,2},{1},{2} → 1; p1 {1},{2},{1} → 2; p2 {2},–,{1} → 1; p3 one position → 0.
    assert session_hops(problem, HAND) == 4


def test_metrics_ignore_empty_slots() -> None:
    problem = make_problem("abcde", HAND_BLOCKS, ["ad", "ce"])
    timetable = Timetable(rooms=((("a", "b", "c"), ("d", "e", None)),))
    check_timetable(problem, timetable)
    assert missed_attendance(problem, timetable) == 1
    assert session_hops(problem, timetable) == 1  # p1: room 1 at position 3, room 2 before


def test_check_timetable_accepts_a_valid_timetable() -> None:
    check_timetable(make_problem("abcdef", HAND_BLOCKS, []), HAND)


@pytest.mark.parametrize(
    ("rooms", "message"),
    [
        (((("a", "b", "c"), ("d", "e", "a")),), "scheduled 2 times"),
        (((("a", "b", "c"), ("d", "e", None)),), "'f' is not scheduled"),
        (((("a", "b", "c"), ("d", "e", "z")),), "unknown talk 'z'"),
        (((("a", "b"), ("d", "e"), ("c", "f")),), "3 rooms, expected 2"),
        (((("a", "b", "c", "f"), ("d", "e", None)),), "4 positions, expected 3"),
        ((), "0 blocks"),
    ],
)
def test_check_timetable_rejects_broken_timetables(rooms: object, message: str) -> None:
    problem = make_problem("abcdef", HAND_BLOCKS, [])
    with pytest.raises(InvalidTimetableError, match=message):
        check_timetable(problem, Timetable(rooms=rooms))  # type: ignore[arg-type]


def test_check_timetable_rejects_parallel_talks_of_one_presenter() -> None:
    problem = make_problem("abcdef", HAND_BLOCKS, [], presenters="XYZXVW")
    with pytest.raises(InvalidTimetableError, match="presenter 'X'"):
        check_timetable(problem, HAND)  # a and d run together


def test_problem_rejects_more_talks_than_slots() -> None:
    with pytest.raises(InvalidTimetableError, match="7 talks do not fit in 6 slots"):
        make_problem("abcdefg", HAND_BLOCKS, [])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_solver_reaches_brute_force_optimum_with_uneven_blocks(seed: int) -> None:
    # 7 slots for 6 talks: one group of 3 and two groups of 2, one slot stays empty.
    blocks = (Block("A", n_rooms=3, n_positions=1), Block("B", n_rooms=2, n_positions=2))
    problem = random_problem(seed, "abcdef", blocks)
    best = min(missed_attendance(problem, t) for t in layouts(problem))

    timetable = solve_timetable(problem, effort=QUICK, seed=seed)

    check_timetable(problem, timetable)
    assert missed_attendance(problem, timetable) == best


@pytest.mark.parametrize("seed", [4, 5])
def test_solver_reaches_lexicographic_optimum_of_missed_then_hops(seed: int) -> None:
    problem = random_problem(seed, "abcdef", HAND_BLOCKS)
    best = min((missed_attendance(problem, t), session_hops(problem, t)) for t in layouts(problem))

    timetable = solve_timetable(problem, effort=QUICK, seed=seed)

    assert (missed_attendance(problem, timetable), session_hops(problem, timetable)) == best


def test_solver_keeps_talks_of_one_presenter_apart() -> None:
    # Everyone wants a or b together with c or d: without the rule, a ∥ b and c ∥ d is best.
    wants = ["ac", "ad", "bc", "bd"] * 3
    problem = make_problem("abcd", (Block("B", 2, 2),), wants, presenters="XXYZ")

    timetable = solve_timetable(problem, effort=QUICK, seed=0)

    check_timetable(problem, timetable)
    assert all({"a", "b"} - set(group) for group in timetable.parallel_groups())


def test_solver_reports_presenters_that_cannot_be_kept_apart() -> None:
    problem = make_problem("abcd", (Block("B", 2, 2),), [], presenters="XXXY")
    with pytest.raises(InvalidTimetableError, match="presenter 'X'"):
        solve_timetable(problem, effort=QUICK)


def test_solver_repeats_itself_for_the_same_seed() -> None:
    blocks = (Block("A", 3, 2), Block("B", 3, 2))
    problem = random_problem(7, "abcdefghijk", blocks)

    first = solve_timetable(problem, effort=QUICK, seed=11)
    second = solve_timetable(problem, effort=QUICK, seed=11)

    check_timetable(problem, first)
    assert first == second


def test_solver_reports_progress_up_to_done() -> None:
    seen: list[float] = []
    solve_timetable(random_problem(1, "abcdef", HAND_BLOCKS), effort=QUICK, progress=seen.append)
    assert seen[-1] == 1.0
    assert seen == sorted(seen)
