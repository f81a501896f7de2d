"""Rotations: zero repeated pairs for 90 people at 10 tables of 9 over 5 rounds."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from immerse.engine.grouping import (
    GroupingConstraints,
    GroupingError,
    repeated_pairs,
    solve_rotation,
)
from immerse.engine.grouping.rotation_design import difference_rows


def _independent_repeats(plan) -> int:
    counts: dict[tuple[int, int], int] = {}
    for grouping in plan:
        for members in grouping.groups:
            for pair in itertools.combinations(sorted(members), 2):
                counts[pair] = counts.get(pair, 0) + 1
    return sum(c - 1 for c in counts.values())


def test_ninety_people_ten_tables_five_rounds_never_meet_twice(
    check_grouping, diversity
) -> None:
    points = np.random.default_rng(0).random((90, 2))
    distances = np.linalg.norm(points[:, None] - points[None], axis=2)
    bounds = [(9, 9)] * 10

    plan = solve_rotation(distances, bounds, rounds=5, max_iterations=2000, seed=0)

    assert len(plan) == 5
    for grouping in plan:
        check_grouping(grouping.groups, 90, bounds)
        assert grouping.objective == pytest.approx(diversity(distances, grouping.groups))
    assert repeated_pairs(plan) == _independent_repeats(plan) == 0


def test_rotation_is_reproducible() -> None:
    distances = np.random.default_rng(1).random((20, 20))
    distances = distances + distances.T

    first = solve_rotation(distances, [(5, 5)] * 4, rounds=3, max_iterations=600, seed=4)
    second = solve_rotation(distances, [(5, 5)] * 4, rounds=3, max_iterations=600, seed=4)

    assert [g.groups for g in first] == [g.groups for g in second]


def test_shapes_without_a_grid_design_are_searched(check_grouping) -> None:
    # 21 people at 5 tables of 4-5 (no grid: 21 is not 5 x p), 3 rounds: zero repeats exist.
    distances = np.random.default_rng(2).random((21, 21))
    distances = distances + distances.T
    bounds = [(4, 5)] * 5

    plan = solve_rotation(distances, bounds, rounds=3, max_iterations=3000, seed=1)

    for grouping in plan:
        check_grouping(grouping.groups, 21, bounds)
    assert repeated_pairs(plan) == _independent_repeats(plan) == 0


def test_repeated_pairs_counts_extra_meetings() -> None:
    rounds = [[[0, 1, 2], [3, 4, 5]], [[0, 1, 2], [3, 4, 5]], [[0, 3, 4], [1, 2, 5]]]

    # Round 2 repeats all 6 pairs; round 3 repeats (3, 4) a second time and (1, 2).
    assert repeated_pairs(rounds) == 6 + 2


def test_difference_rows_have_injective_differences() -> None:
    shifts = difference_rows(9, 10, 5)

    assert shifts is not None and len(shifts) == 5
    for f, h in itertools.combinations(shifts, 2):
        assert len({(a - b) % 10 for a, b in zip(f, h, strict=True)}) == 9


def test_rounds_must_be_positive() -> None:
    with pytest.raises(GroupingError, match="rounds must be at least 1"):
        solve_rotation(np.zeros((4, 4)), [(2, 2)] * 2, rounds=0, max_iterations=10)


def test_tables_larger_than_the_table_count_must_repeat() -> None:
    # 12 people at 3 tables of 4: a round-2 table takes 4 people from 3 round-1 tables,
    # so at least one pair per table meets again (pigeonhole): 3 repeats at the very least.
    distances = np.ones((12, 12)) - np.eye(12)

    plan = solve_rotation(distances, [(4, 4)] * 3, rounds=2, max_iterations=2000, seed=0)

    assert repeated_pairs(plan) == 3


def test_rotation_seats_an_expert_at_every_table_in_every_round() -> None:
    points = np.random.default_rng(3).random((90, 2))
    distances = np.linalg.norm(points[:, None] - points[None], axis=2)
    experts = [k % 9 == 0 for k in range(90)]  # exactly one per table is possible
    levels = [1 + k % 3 for k in range(90)]
    rules = GroupingConstraints(experts=experts, levels=levels, apart=[(1, 2), (3, 4)])

    plan = solve_rotation(distances, [(9, 9)] * 10, rounds=5, max_iterations=2000, seed=0,
                          constraints=rules)

    assert repeated_pairs(plan) == 0
    for grouping in plan:
        assert grouping.violations == ()
        for members in grouping.groups:
            assert sum(experts[i] for i in members) == 1
            assert 1 not in members or 2 not in members


def test_seats_fixed_in_one_round_stay_there_and_only_in_that_round(check_grouping) -> None:
    # Issue 19: a rotation re-formed after an organizer moved people by hand must keep them.
    points = np.random.default_rng(3).random((24, 2))
    distances = np.linalg.norm(points[:, None] - points[None], axis=2)
    bounds = [(6, 6)] * 4
    fixed_rounds = [{0: 3, 1: 3}, {}, {0: 0, 5: 2}]

    plan = solve_rotation(distances, bounds, rounds=3, max_iterations=900, seed=2,
                          fixed_rounds=fixed_rounds)

    for grouping, fixed in zip(plan, fixed_rounds, strict=True):
        check_grouping(grouping.groups, 24, bounds)
        where = grouping.group_of()
        assert {item: where[item] for item in fixed} == fixed
        assert grouping.violations == ()


def test_fixed_rounds_must_match_the_number_of_rounds() -> None:
    with pytest.raises(GroupingError, match="fixed_rounds: 1 rounds given, expected 2"):
        solve_rotation(np.ones((4, 4)) - np.eye(4), [(2, 2)] * 2, rounds=2,
                       max_iterations=10, fixed_rounds=[{}])


def test_every_table_keeps_its_expert_in_every_round_even_when_repeats_are_forced() -> None:
    # Issue 19's immersion: 90 people, 8 experts, 8 tables of 11-12 over 5 rounds. Tables
    # larger than their number force repeated meetings; none may be bought with an expert.
    points = np.random.default_rng(5).random((90, 2))
    distances = np.linalg.norm(points[:, None] - points[None], axis=2)
    experts = [i < 8 for i in range(90)]
    plan = solve_rotation(distances, [(11, 12)] * 8, rounds=5, max_iterations=3000, seed=0,
                          constraints=GroupingConstraints(experts=experts))
    for grouping in plan:
        assert sorted(sum(experts[i] for i in members) for members in grouping.groups) == [1] * 8
        assert grouping.violations == ()
