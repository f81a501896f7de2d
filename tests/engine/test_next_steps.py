"""Next steps on the ladder: never below the person, never two rungs up, reasons in numbers."""

from __future__ import annotations

import pytest

from immerse.engine.next_steps import EventOffer, Fit, ladder_fit

BEGINNERS = EventOffer({1: 4, 2: 1})  # a 101 course
CONFERENCE = EventOffer({1: 6, 2: 6, 3: 4, 4: 2})
MASTERCLASS = EventOffer({4: 3})


def test_a_beginners_course_is_never_suggested_to_a_preparation_attendee() -> None:
    assert ladder_fit(level=3, offer=BEGINNERS) is None
    assert ladder_fit(level=4, offer=BEGINNERS) is None


def test_an_event_two_rungs_up_is_not_a_next_step() -> None:
    assert ladder_fit(level=1, offer=EventOffer({3: 2, 4: 2})) is None
    assert ladder_fit(level=2, offer=MASTERCLASS) is None


def test_own_level_and_a_step_up_rank_first_and_say_so() -> None:
    assert ladder_fit(level=3, offer=CONFERENCE) == Fit(
        1, "4 sessions at your level (3 Preparation) and 2 a step up (4 Just do it).")


def test_a_step_up_alone_and_the_same_level_alone_rank_next() -> None:
    assert ladder_fit(level=3, offer=MASTERCLASS) == Fit(
        2, "A step up: 3 sessions for 4 Just do it, the rung after yours (3 Preparation).")
    assert ladder_fit(level=4, offer=MASTERCLASS) == Fit(
        2, "3 sessions at your level (4 Just do it), for practitioners like you.")
    assert ladder_fit(level=1, offer=EventOffer({1: 1})) == Fit(
        2, "1 session at your level (1 Eye-opener), for going deeper.")


def test_a_declared_range_gates_and_speaks_when_there_are_no_sessions_yet() -> None:
    deep_dive = EventOffer({}, declared=(2, 4))
    assert ladder_fit(level=1, offer=deep_dive) is None
    assert ladder_fit(level=3, offer=deep_dive) == Fit(
        2, "Meant for levels 2–4, which includes yours (3 Preparation).")
    assert ladder_fit(level=1, offer=EventOffer({1: 3}, declared=(2, 4))) is None


def test_an_event_with_no_levels_known_is_open_to_all_and_ranks_last() -> None:
    assert ladder_fit(level=2, offer=EventOffer()) == Fit(3, "Open to every level.")


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_a_fit_always_offers_something_at_or_one_above_the_level(level: int) -> None:
    for offer in (BEGINNERS, CONFERENCE, MASTERCLASS, EventOffer({2: 1, 4: 1})):
        fit = ladder_fit(level=level, offer=offer)
        if fit is not None:
            assert offer.sessions_by_level.get(level) or offer.sessions_by_level.get(level + 1)
