"""Late joiners at tables already formed: smallest tables first, diversity, product rules."""

from __future__ import annotations

import numpy as np
import pytest

from immerse.engine.grouping import GroupingConstraints, GroupingError
from immerse.engine.grouping.placement import place_newcomers


def uniform(n: int) -> np.ndarray:
    return np.ones((n, n)) - np.eye(n)


def test_a_newcomer_goes_to_a_smallest_table_even_if_a_bigger_one_is_more_diverse() -> None:
    d = uniform(6)
    d[5, :3] = d[:3, 5] = 9.0  # very different from table 0's people
    assert place_newcomers(d, [[0, 1, 2], [3, 4]], [5]) == {5: 1}


def test_among_equal_tables_the_most_diverse_one_wins() -> None:
    d = uniform(5)
    d[4, 2] = d[2, 4] = 5.0
    assert place_newcomers(d, [[0, 1], [2, 3]], [4]) == {4: 1}


def test_colleagues_sit_apart_and_experts_spread() -> None:
    d = uniform(6)
    rules = GroupingConstraints(apart=[(4, 0)], experts=[False, True, False, False, False, True])
    assert place_newcomers(d, [[0, 1], [2, 3]], [4], constraints=rules) == {4: 1}  # 0's colleague
    assert place_newcomers(d, [[0, 1], [2, 3]], [5], constraints=rules) == {5: 1}  # expert 1 at 0


def test_in_a_rotation_people_who_already_met_are_kept_apart() -> None:
    met = np.zeros((5, 5))
    met[4, 3] = met[3, 4] = 1.0
    assert place_newcomers(uniform(5), [[0, 1], [2, 3]], [4], met=met) == {4: 0}


def test_several_newcomers_keep_the_tables_within_one_of_each_other() -> None:
    placed = place_newcomers(uniform(9), [[0, 1, 2], [3, 4], [5]], [6, 7, 8])
    sizes = [3, 2, 1]
    for table in placed.values():
        sizes[table] += 1
    assert max(sizes) - min(sizes) <= 1


def test_no_tables_or_unknown_items_are_refused() -> None:
    with pytest.raises(GroupingError, match="no tables"):
        place_newcomers(uniform(2), [], [1])
    with pytest.raises(GroupingError, match="item 7"):
        place_newcomers(uniform(2), [[0]], [7])
