"""The independent checker catches every kind of broken rule."""

from __future__ import annotations

from immerse.engine.agenda import AgendaProblem, Attendee, Session, check_assignment

PROBLEM = AgendaProblem(
    slots=("am", "pm"),
    sessions=(Session("x-am", "am", "x", 1, 1), Session("y-am", "am", "y", 0, 2),
              Session("x-pm", "pm", "x", 0, 2), Session("y-pm", "pm", "y", 0, 2)),
    attendees=(Attendee("a1"), Attendee("a2", required_slots=("pm",))),
    one_per_slot="exactly")


def test_valid_assignment_has_no_violations() -> None:
    assert check_assignment(PROBLEM, {"a1": ["x-am", "y-pm"], "a2": ["y-am", "x-pm"]}) == []


def test_each_broken_rule_is_reported() -> None:
    violations = check_assignment(PROBLEM, {"a1": ["x-am", "x-pm"], "a2": ["y-am", "y-pm",
                                                                            "x-am"]})
    assert violations == [
        "attendee a1: topic x 2 times",
        "attendee a2: 2 sessions in slot am",
        "attendee a2: topic y 2 times",
        "session x-am: 2 attendees, above its max 1",
    ]


def test_missing_slot_minimum_and_fixed_are_reported() -> None:
    violations = check_assignment(PROBLEM, {"a1": ["y-am"], "a2": ["y-am", "x-pm"]},
                                  fixed={"a1": ["x-am"]})
    assert violations == [
        "attendee a1: no session in slot pm",
        "attendee a1: fixed session x-am not kept",
        "session x-am: 0 attendees, below its min 1",
    ]
