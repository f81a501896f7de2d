"""Progression: learning path, re-assessment with tool snapshots, suggestions with prerequisites."""

from __future__ import annotations

from datetime import date

import pytest

from immerse.learning.models import EventPathway, Series, SeriesEvent
from immerse.learning.selectors.progression import events_suggested
from immerse.people.models import Assessment, ToolSnapshot, ToolUse
from tests.factories import make_event, make_registration
from tests.learning.factories import at, login, make_assessment, make_attendee, make_plan

pytestmark = pytest.mark.django_db

TODAY = date(2027, 1, 1)


def _answers(**overrides: str) -> dict[str, str]:
    base = {"q_work_use": "job", "q_plan": "none", "q_led": "no", "q_measure": "no",
            "q_teach": "no", "q_want": "plan"}
    base.update(overrides)
    return base


def _tools(**uses: str) -> dict[str, str]:
    from immerse.engine.catalogue import TOOLS

    data = {}
    for tool in TOOLS:
        data[f"tool_{tool.key}"] = uses.get(tool.key.replace("-", "_"), "never")
        data[f"conf_{tool.key}"] = "4" if tool.key.replace("-", "_") in uses else "1"
    return data


def test_reassessment_adds_history_and_snapshots_the_tools() -> None:
    event = make_event(slug="course")
    user, person = make_attendee(event=event, level=1)
    client = login(user)
    response = client.post("/me/reassess/?event=course",
                           {**_answers(), **_tools(microblogging="daily")})
    assert response.status_code == 302
    assessment = Assessment.objects.get(person=person)
    assert (assessment.level, assessment.event) == (3, event)
    snapshot = ToolSnapshot.objects.get(assessment=assessment)
    assert snapshot.tools["microblogging"] == ["daily", 4]
    assert snapshot.tools["wikis"] == ["never", 1]
    assert ToolUse.objects.get(person=person, tool__key="microblogging").frequency == "daily"


def test_learning_path_shows_levels_events_plans_and_retake_link() -> None:
    event = make_event(slug="imm", title="The Immersion")
    user, person = make_attendee(event=event, level=1)
    make_assessment(person=person, level=1, when=at(2026, 1, 5))
    make_assessment(person=person, level=2, when=at(2026, 6, 5))
    make_plan(person=person, event=event, goal="Blog every month")
    html = login(user).get("/me/path/").content.decode()
    assert "The Immersion" in html and "Blog every month" in html
    assert "1 Eye-opener" in html and "2 Baby steps" in html
    assert 'href="/me/reassess/"' in html
    assert "<svg" in html  # the level line chart beside the table


def _course_path():
    course = make_event(slug="sm101", kind="course", start_date=date(2027, 2, 1),
                        end_date=date(2027, 2, 1))
    immersion = make_event(slug="immersion", kind="immersion", start_date=date(2027, 3, 1),
                           end_date=date(2027, 3, 5))
    deeper = make_event(slug="deeper", kind="course", start_date=date(2027, 4, 1),
                        end_date=date(2027, 4, 1))
    series = Series.objects.create(title="Social Media path", slug="path")
    for position, event in enumerate([course, immersion, deeper]):
        SeriesEvent.objects.create(series=series, event=event, position=position)
    pathway = EventPathway.objects.create(event=deeper, min_level=2, max_level=4)
    pathway.prerequisites.add(immersion)
    return course, immersion, deeper


def test_suggestions_respect_prerequisites_and_level() -> None:
    course, immersion, _ = _course_path()
    _, person = make_attendee(event=course, level=2)
    make_assessment(person=person, level=2, when=at(2026, 12, 1))
    assert [s.event.slug for s in events_suggested(person=person, today=TODAY)] == [
        "immersion"]
    make_registration(event=immersion, person=person)
    assert [s.event.slug for s in events_suggested(person=person, today=TODAY)] == ["deeper"]


def test_deeper_course_is_not_suggested_below_its_level() -> None:
    _, immersion, _ = _course_path()
    _, person = make_attendee(event=immersion, level=1)
    make_assessment(person=person, level=1, when=at(2026, 12, 1))
    # The immersion is done, but "deeper" needs level 2: only the 101 course is left.
    assert [s.event.slug for s in events_suggested(person=person, today=TODAY)] == ["sm101"]


def test_next_in_series_comes_before_other_events() -> None:
    course, _, _ = _course_path()
    make_event(slug="early-meetup", kind="meetup", start_date=date(2027, 1, 10),
               end_date=date(2027, 1, 10))
    _, person = make_attendee(event=course, level=2)
    slugs = [(s.event.slug, s.reason) for s in events_suggested(person=person, today=TODAY)]
    assert slugs == [("immersion", "Next in Social Media path."),
                     ("early-meetup", "Fits your level (2).")]
