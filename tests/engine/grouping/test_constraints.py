"""Product constraints: fixed members, pairs apart/together, experts, level mix."""

from __future__ import annotations

import numpy as np
import pytest

from immerse.engine.grouping import (
    GroupingConstraints,
    GroupingError,
    GroupingInfeasible,
    solve_groups,
)
from immerse.engine.grouping.constraints import violations


def _distances(n: int, seed: int = 0) -> np.ndarray:
    random = np.random.default_rng(seed)
    upper = np.triu(random.random((n, n)) * 10, k=1)
    return upper + upper.T


def test_fixed_members_stay_in_their_group(check_grouping) -> None:
    fixed = {0: 2, 1: 2, 7: 0, 20: 3}

    result = solve_groups(_distances(24), [(6, 6)] * 4, max_iterations=2000, seed=1,
                          constraints=GroupingConstraints(fixed=fixed))

    check_grouping(result.groups, 24, [(6, 6)] * 4)
    assert all(item in result.groups[g] for item, g in fixed.items())
    assert result.violations == ()


def test_pairs_apart_and_together_are_honoured() -> None:
    distances = _distances(24, 1)
    distances[3, 4] = distances[4, 3] = 1000.0  # diversity alone would seat 3 and 4 together
    distances[5, 6] = distances[6, 5] = 0.0  # and would never seat 5 and 6 together
    rules = GroupingConstraints(apart=[(3, 4), (8, 9)], together=[(5, 6), (10, 11)])

    result = solve_groups(distances, [(4, 8)] * 4, max_iterations=3000, seed=2,
                          constraints=rules)

    where = result.group_of()
    assert where[3] != where[4] and where[8] != where[9]
    assert where[5] == where[6] and where[10] == where[11]
    assert result.violations == ()


def test_every_table_gets_an_expert_when_there_are_enough() -> None:
    experts = [k % 7 == 0 for k in range(40)]  # 6 experts, 5 tables
    distances = _distances(40, 2)

    result = solve_groups(distances, [(8, 8)] * 5, max_iterations=3000, seed=3,
                          constraints=GroupingConstraints(experts=experts))

    per_table = [sum(experts[i] for i in members) for members in result.groups]
    assert sorted(per_table) == [1, 1, 1, 1, 2]
    assert result.violations == ()


def test_level_mix_spreads_each_level_over_the_tables() -> None:
    levels = [1 + k % 4 for k in range(32)]  # 8 people per level, 4 tables of 8
    distances = _distances(32, 3)

    result = solve_groups(distances, [(8, 8)] * 4, max_iterations=3000, seed=4,
                          constraints=GroupingConstraints(levels=levels, level_mix_weight=2.0))

    for members in result.groups:
        assert sorted(levels[i] for i in members) == [1, 1, 2, 2, 3, 3, 4, 4]


def test_unavoidable_violations_are_reported() -> None:
    # Three items that must be pairwise apart but only two groups: one pair must share.
    rules = GroupingConstraints(apart=[(0, 1), (0, 2), (1, 2)], experts=[True] + [False] * 5)

    result = solve_groups(_distances(6), [(3, 3), (3, 3)], max_iterations=500, seed=0,
                          constraints=rules)

    assert result.violations == tuple(violations(result.groups, rules))
    assert len([v for v in result.violations if "apart" in v]) == 1
    assert len([v for v in result.violations if "no expert" in v]) == 1


def test_too_many_fixed_members_is_infeasible() -> None:
    rules = GroupingConstraints(fixed={0: 0, 1: 0, 2: 0})

    with pytest.raises(GroupingInfeasible, match="3 items fixed to group 0, max 2"):
        solve_groups(_distances(6), [(2, 2)] * 3, max_iterations=10, constraints=rules)


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (GroupingConstraints(fixed={9: 0}), "fixed: item 9"),
        (GroupingConstraints(fixed={0: 5}), "group 5"),
        (GroupingConstraints(apart=[(1, 1)]), r"apart: pair \(1, 1\)"),
        (GroupingConstraints(together=[(0, 6)]), r"together: pair \(0, 6\)"),
        (GroupingConstraints(experts=[True]), "experts: expected one value per item"),
    ],
)
def test_bad_constraint_references_are_rejected(rules: GroupingConstraints, message: str) -> None:
    with pytest.raises(GroupingError, match=message):
        solve_groups(_distances(6), [(2, 2)] * 3, max_iterations=10, constraints=rules)
