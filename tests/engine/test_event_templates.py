"""Event templates: every format exists, no two sessions share a room in one slot, slots in
a room never overlap, and each template keeps the promises its summary makes."""

from __future__ import annotations

import doctest
from datetime import date, datetime
from itertools import pairwise

import pytest

from immerse.engine import event_templates
from immerse.engine.catalogue import EVENT_KINDS, FORMAT_BY_KEY
from immerse.engine.event_templates import TEMPLATE_BY_KEY, TEMPLATES, EventTemplate, slot_times


def test_doctests_pass() -> None:
    assert doctest.testmod(event_templates).failed == 0


def test_the_five_templates_are_offered_in_order() -> None:
    assert [t.key for t in TEMPLATES] == ["conference", "immersion", "workshop", "course",
                                          "meetup"]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.key)
def test_a_template_is_whole_and_never_clashes(template: EventTemplate) -> None:
    assert template.kind in dict(EVENT_KINDS)
    places = [(s.room, s.slot) for s in template.sessions]
    assert len(places) == len(set(places))
    for session in template.sessions:
        assert session.format_key in FORMAT_BY_KEY
        assert set(session.levels) <= {1, 2, 3, 4} and session.levels
        assert 0 <= session.slot < len(template.slots)
        assert 0 <= session.room < len(template.rooms)
    assert {s.day for s in template.slots} == set(range(template.days))
    times = sorted(slot_times(s, first_day=date(2027, 1, 4)) for s in template.slots)
    assert all(end <= next_start for (_, end), (next_start, _) in pairwise(times))


def test_the_immersion_opens_with_listening_has_tables_daily_and_ends_with_community() -> None:
    template = TEMPLATE_BY_KEY["immersion"]
    assert template.days == 5

    def day_of(session: event_templates.SessionPlan) -> int:
        return template.slots[session.slot].day

    first = min(template.sessions, key=lambda s: (day_of(s), template.slots[s.slot].start))
    assert (first.title, first.format_key) == ("Listening to each other", "listening")
    assert {day_of(s) for s in template.sessions if s.format_key == "table"} == set(range(5))
    assert {day_of(s) for s in template.sessions if s.format_key == "provocation"} == {1, 2, 3}
    [community] = [s for s in template.sessions if s.format_key == "community"]
    assert day_of(community) == 4 and community.levels == (4,)


def test_a_workshop_is_half_a_day_and_ends_with_a_plan_to_take_home() -> None:
    template = TEMPLATE_BY_KEY["workshop"]
    times = [slot_times(s, first_day=date(2027, 1, 4)) for s in template.slots]
    assert times[0][0] == datetime(2027, 1, 4, 9, 0) and times[-1][1] == datetime(2027, 1, 4, 13)
    assert template.sessions[-1].title == "Your plan to take home"


def test_the_conference_runs_rooms_in_parallel_and_only_the_course_is_a_series() -> None:
    conference = TEMPLATE_BY_KEY["conference"]
    by_slot = [sum(1 for s in conference.sessions if s.slot == i)
               for i in range(len(conference.slots))]
    assert by_slot == [1, 3, 3, 1] * 2
    assert [t.key for t in TEMPLATES if t.series] == ["course"]
