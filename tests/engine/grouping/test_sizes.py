"""The default table size: every table an expert where the arithmetic allows, else say why."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from immerse.engine.grouping.sizes import LARGEST_TABLE_SIZE, table_size_advice
from immerse.engine.wording import wording_problems


def test_enough_experts_keeps_the_preferred_size() -> None:
    advice = table_size_advice(people=40, experts=6)
    assert (advice.size, advice.tables, advice.without_expert) == (8, 5, 0)


def test_the_issue_case_ninety_one_people_and_eight_experts_makes_eight_tables() -> None:
    advice = table_size_advice(people=91, experts=8)
    assert (advice.size, advice.tables, advice.without_expert) == (12, 8, 0)
    assert "4 of them without an expert" in advice.note


def test_too_few_experts_says_how_many_tables_go_without() -> None:
    advice = table_size_advice(people=100, experts=3)
    assert (advice.size, advice.tables, advice.without_expert) == (12, 9, 6)
    assert advice.note.startswith("9 tables of 11 or 12: with only 3 experts, 6 tables have "
                                  "no expert")


def test_no_experts_at_all_is_said_plainly() -> None:
    advice = table_size_advice(people=20, experts=0)
    assert advice.without_expert == advice.tables == 3
    assert "no expert or practitioner has signed up" in advice.note


@given(people=st.integers(1, 2000), experts=st.integers(0, 300))
def test_every_table_has_an_expert_whenever_the_largest_size_allows(people: int,
                                                                     experts: int) -> None:
    advice = table_size_advice(people=people, experts=experts)
    assert 3 <= advice.size <= LARGEST_TABLE_SIZE
    assert advice.tables == math.ceil(people / advice.size)
    if experts and math.ceil(people / experts) <= LARGEST_TABLE_SIZE:
        assert advice.without_expert == 0
    assert advice.without_expert == max(0, advice.tables - experts)
    assert wording_problems(advice.note) == []
