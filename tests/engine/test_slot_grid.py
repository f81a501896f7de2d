"""The day's slot grid: lengths, gaps, breaks, and errors naming the input."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from immerse.engine.slot_grid import GridBreak, GridError, GridSlot, slot_grid


def test_slot_grid_back_to_back() -> None:
    assert slot_grid(start=540, end=720, session_minutes=60) == [
        GridSlot(540, 600), GridSlot(600, 660), GridSlot(660, 720)]


def test_slot_grid_gap_and_lunch() -> None:
    grid = slot_grid(start=540, end=1020, session_minutes=90, gap_minutes=15,
                     breaks=[GridBreak(start=750, end=810, label="Lunch")])
    # 9:00-10:30, 10:45-12:15, lunch 12:30-13:30 pushes the third to 13:30.
    assert grid == [GridSlot(540, 630), GridSlot(645, 735), GridSlot(810, 900),
                    GridSlot(915, 1005)]


def test_slot_grid_drops_a_slot_that_would_run_past_the_end() -> None:
    assert slot_grid(start=540, end=650, session_minutes=50) == [
        GridSlot(540, 590), GridSlot(590, 640)]


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"start": 600, "end": 540, "session_minutes": 30}, "end"),
    ({"start": 540, "end": 600, "session_minutes": 0}, "session_minutes"),
    ({"start": 540, "end": 600, "session_minutes": 90}, "session_minutes"),
    ({"start": 540, "end": 600, "session_minutes": 30, "gap_minutes": -5}, "gap_minutes"),
    ({"start": 540, "end": 600, "session_minutes": 30,
      "breaks": [GridBreak(start=560, end=550)]}, "break 1"),
])
def test_slot_grid_refuses_bad_input_naming_the_field(kwargs: dict[str, object],
                                                      field: str) -> None:
    with pytest.raises(GridError) as caught:
        slot_grid(**kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


@given(start=st.integers(0, 1200), length=st.integers(1, 240), gap=st.integers(0, 60),
       span=st.integers(1, 600), pause=st.tuples(st.integers(0, 1439), st.integers(1, 120)))
def test_slot_grid_properties(start: int, length: int, gap: int, span: int,
                              pause: tuple[int, int]) -> None:
    end = min(start + span, 1440)
    if length > end - start:
        return
    lunch = GridBreak(start=pause[0], end=pause[0] + pause[1])
    try:
        grid = slot_grid(start=start, end=end, session_minutes=length, gap_minutes=gap,
                         breaks=[lunch])
    except GridError as error:
        assert error.field == "session_minutes"  # too many slots
        return
    for slot, following in itertools.pairwise(grid):
        assert following.start >= slot.end + gap
    for slot in grid:
        assert slot.end - slot.start == length
        assert start <= slot.start and slot.end <= end
        assert not (slot.start < lunch.end and lunch.start < slot.end)
