"""Tablemates across sessions: the counts, the floor no seating beats, and the solvers
that avoid earlier meetings (issue 30, item 26)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from immerse.engine.grouping import (
    GroupingConstraints,
    GroupingError,
    solve_groups,
    solve_rotation,
    tablemate_repeats,
    tables_for_new_people,
    unavoidable_remeetings,
)
from immerse.engine.grouping.rotation_kernels import repeat_cost


def _even(people: int, tables: int) -> list[int]:
    low, extra = divmod(people, tables)
    return [low + 1] * extra + [low] * (tables - extra)


def _fewest_shared_pairs(people: int, tables_a: int, tables_b: int) -> int:
    """Brute force: the second session's even seating sharing fewest pairs with the first."""
    first = [t for t, size in enumerate(_even(people, tables_a)) for _ in range(size)]
    sizes = sorted(_even(people, tables_b))
    best = people * people
    for labels in itertools.product(range(tables_b), repeat=people):
        if sorted(labels.count(t) for t in range(tables_b)) != sizes:
            continue
        best = min(best, sum(1 for i, j in itertools.combinations(range(people), 2)
                             if first[i] == first[j] and labels[i] == labels[j]))
    return best


def test_repeats_count_pairs_by_sessions_shared_and_the_floor() -> None:
    sessions = [[[1, 2, 3], [4, 5, 6]], [[1, 2, 4], [3, 5, 6]], [[1, 2, 5], [3, 4, 6]]]

    repeats = tablemate_repeats(sessions)

    # (1, 2) share all three sessions; (5, 6), (3, 6) and (4, 6) two each.
    assert (repeats.pairs, repeats.most, repeats.by_times) == (4, 3, {2: 3, 3: 1})
    assert repeats.remeetings == 3 + 1 + 1 + 1
    # 3 people per table spread over 2 tables leave a pair: 2 per two sessions, 3 times
    assert repeats.unavoidable == 6


def test_nobody_seated_means_no_repeats() -> None:
    assert tablemate_repeats([]).most == 0
    assert tablemate_repeats([[[1, 2]], [[3, 4]]]).pairs == 0


def test_the_demo_shape_cannot_avoid_repeats_but_ten_tables_can() -> None:
    # 90 people at 8 tables of 11-12: between two sessions a table's 11 people spread over
    # 8 tables, so 3 of its pairs (4 for a table of 12) meet again: 6 x 3 + 2 x 4 = 26.
    assert unavoidable_remeetings(90, 8, 8) == 26
    assert unavoidable_remeetings(90, 10, 10) == 0
    assert unavoidable_remeetings(30, 5, 5) == 5
    assert tables_for_new_people(90) == 10
    assert tables_for_new_people(30) == 6


@pytest.mark.parametrize("people, tables_a, tables_b", [
    (6, 2, 2), (6, 2, 3), (7, 2, 3), (7, 3, 2), (8, 2, 2), (8, 2, 3), (8, 3, 3),
    (9, 2, 3), (9, 3, 2), (8, 2, 4)])
def test_the_floor_equals_brute_force(people: int, tables_a: int, tables_b: int) -> None:
    assert unavoidable_remeetings(people, tables_a, tables_b) == _fewest_shared_pairs(
        people, tables_a, tables_b)


def test_tables_for_new_people_is_the_fewest_with_tables_no_larger_than_their_number() -> None:
    for people in range(2, 400):
        tables = tables_for_new_people(people)
        assert math.ceil(people / tables) <= tables
        assert tables == 1 or math.ceil(people / (tables - 1)) > tables - 1


def test_repeat_cost_grows_with_the_square_of_each_further_meeting() -> None:
    assert [repeat_cost(times) for times in range(6)] == [0, 0, 1, 5, 14, 30]


def _penalised_brute_force(distances: np.ndarray, met: np.ndarray,
                           bounds: list[tuple[int, int]]) -> tuple[float, float]:
    """(fewest sum of met^2 within groups, the most diversity among those groupings)."""
    best = (np.inf, -np.inf)
    for labels in itertools.product(range(len(bounds)), repeat=distances.shape[0]):
        sizes = np.bincount(labels, minlength=len(bounds))
        if not all(a <= s <= b for s, (a, b) in zip(sizes, bounds, strict=True)):
            continue
        same = np.triu(np.equal.outer(labels, labels), k=1)
        cost, value = float((met**2 * same).sum()), float((distances * same).sum())
        if cost < best[0] - 1e-9 or (abs(cost - best[0]) < 1e-9 and value > best[1]):
            best = (cost, value)
    return best


@pytest.mark.parametrize("seed", range(4))
def test_earlier_meetings_come_before_diversity_as_brute_force_says(seed: int) -> None:
    random = np.random.default_rng(seed)
    distances = np.triu(random.integers(0, 100, (8, 8)).astype(float), k=1)
    distances += distances.T
    met = np.triu(random.integers(0, 3, (8, 8)).astype(float), k=1)
    met += met.T
    bounds = [(4, 4), (4, 4)]

    result = solve_groups(distances, bounds, max_iterations=500, seed=seed, met=met)

    labels = np.array([result.group_of()[i] for i in range(8)])
    same = np.triu(np.equal.outer(labels, labels), k=1)
    assert (float((met**2 * same).sum()), result.objective) == pytest.approx(
        _penalised_brute_force(distances, met, bounds))


def test_an_expert_at_every_table_outranks_earlier_meetings() -> None:
    # Experts 0 and 1 must sit apart; 0 already met both 2 and 3, so 0 meets one again.
    distances = np.ones((4, 4)) - np.eye(4)
    met = np.zeros((4, 4))
    met[0, 2] = met[2, 0] = met[0, 3] = met[3, 0] = 1.0
    rules = GroupingConstraints(experts=[True, True, False, False])

    result = solve_groups(distances, [(2, 2), (2, 2)], max_iterations=200, seed=0,
                          constraints=rules, met=met)

    assert result.violations == ()
    assert result.group_of()[0] != result.group_of()[1]


def test_forming_sessions_one_at_a_time_avoids_every_repeat_where_numbers_allow() -> None:
    # 20 people at 5 tables of 4 (no table larger than the number of tables), 3 sessions.
    points = np.random.default_rng(7).random((20, 2))
    distances = np.linalg.norm(points[:, None] - points[None], axis=2)
    met, sessions = np.zeros((20, 20)), []
    for session in range(3):
        grouping = solve_groups(distances, [(4, 4)] * 5, max_iterations=3000, seed=session,
                                met=met)
        sessions.append(grouping.groups)
        for members in grouping.groups:
            met[np.ix_(members, members)] += 1.0
        np.fill_diagonal(met, 0.0)

    assert tablemate_repeats(sessions).pairs == 0


def test_earlier_meetings_keep_results_reproducible() -> None:
    distances = np.random.default_rng(3).random((12, 12))
    distances += distances.T
    met = np.zeros((12, 12))
    met[:4, :4] = 1.0

    first = solve_groups(distances, [(4, 4)] * 3, max_iterations=300, seed=5, met=met)
    second = solve_groups(distances, [(4, 4)] * 3, max_iterations=300, seed=5, met=met)

    assert first.groups == second.groups


@pytest.mark.parametrize("met, message", [
    (np.zeros((3, 3)), "met must be an 4 x 4 matrix"),
    (-np.ones((4, 4)), "met must hold symmetric, non-negative meeting counts"),
    (np.triu(np.ones((4, 4))), "met must hold symmetric, non-negative meeting counts"),
])
def test_bad_earlier_meetings_are_refused(met: np.ndarray, message: str) -> None:
    with pytest.raises(GroupingError, match=message):
        solve_groups(np.ones((4, 4)) - np.eye(4), [(2, 2)] * 2, max_iterations=10, met=met)


def test_the_demo_rotation_spreads_forced_repeats_down_to_the_floor(check_grouping) -> None:
    # Issue 30, item 26: the demo immersion's 90 people at 8 tables of 11-12 over 5 sessions
    # kept 19 pairs together in all five. Repeats are forced (26 per two sessions, 260 in
    # all); now nobody sits with the same person more than twice, and colleagues stay apart.
    points = np.random.default_rng(5).random((90, 2))
    distances = np.linalg.norm(points[:, None] - points[None], axis=2)
    experts = [i < 8 for i in range(90)]
    colleagues = [(i, j) for start in range(8, 68, 6)
                  for i, j in itertools.combinations(range(start, start + 6), 2)]
    rules = GroupingConstraints(experts=experts, apart=colleagues)

    plan = solve_rotation(distances, [(11, 12)] * 8, rounds=5, max_iterations=3000, seed=0,
                          constraints=rules)

    repeats = tablemate_repeats([grouping.groups for grouping in plan])
    assert (repeats.pairs, repeats.most, repeats.remeetings) == (260, 2, 260)
    assert repeats.unavoidable == 260
    for grouping in plan:
        check_grouping(grouping.groups, 90, [(11, 12)] * 8)
        assert grouping.violations == ()
