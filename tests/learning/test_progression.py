"""Progression: learning path, re-assessment with tool snapshots, suggestions with prerequisites."""

from __future__ import annotations

import re
from datetime import date

import pytest

from immerse.learning.models import EventPathway, Series, SeriesEvent
from immerse.learning.selectors.progression import events_suggested
from immerse.people.models import Assessment, ToolSnapshot, ToolUse
from tests.factories import make_event, make_registration, make_session, make_user
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
    assert slugs == [("immersion", "Next in Social Media path, after Workshop "
                                   f"{course.title.split()[-1]}. Open to every level."),
                     ("early-meetup", "Open to every level.")]


def test_a_beginners_course_is_not_suggested_to_a_preparation_attendee() -> None:
    """"Next for you" once offered the 101 course to a level-3 person."""
    course = make_event(slug="sm101", kind="course", start_date=date(2027, 2, 1),
                        end_date=date(2027, 2, 1))
    for hour in (9, 11):
        make_session(event=course, levels=(1, 2), start_hour=hour)
    conference = make_event(slug="conf", start_date=date(2027, 3, 1), end_date=date(2027, 3, 1))
    make_session(event=conference, levels=(2, 3), start_hour=9)
    make_session(event=conference, levels=(4,), start_hour=11)
    masterclass = make_event(slug="master", start_date=date(2027, 2, 15),
                             end_date=date(2027, 2, 15))
    make_session(event=masterclass, levels=(3,), start_hour=9)
    user, person = make_attendee(event=make_event(), level=3)
    make_assessment(person=person, level=3, when=at(2026, 12, 1))
    suggested = [(s.event.slug, s.reason) for s in events_suggested(person=person, today=TODAY)]
    assert suggested == [
        ("conf", "1 session at your level (3 Preparation) and 1 a step up (4 Just do it)."),
        ("master", "1 session at your level (3 Preparation), for going deeper.")]
    page = " ".join(login(user).get("/me/path/").content.decode().split())
    assert "sm101" not in page and "a step up (4 Just do it)" in page


def test_events_attended_are_past_ones_with_a_seat_and_the_rest_is_coming_up() -> None:
    """A future event once counted as attended."""
    past = make_event(slug="past", title="Spring Immersion", start_date=date(2020, 3, 2),
                      end_date=date(2020, 3, 6))
    future = make_event(slug="future", title="Autumn Course", start_date=date(2099, 9, 1),
                        end_date=date(2099, 9, 1))
    waited = make_event(slug="waited", title="Full Meetup", start_date=date(2020, 5, 1),
                        end_date=date(2020, 5, 1))
    user, person = make_attendee(event=past, level=2)
    make_registration(event=future, person=person)
    make_registration(event=waited, person=person, status="waitlisted")
    page = " ".join(login(user).get("/me/path/").content.decode().split())
    attended = page[page.index("Events attended"):page.index("Coming up")]
    coming = page[page.index("Coming up"):page.index("My plans")]
    assert "Spring Immersion" in attended
    assert "Autumn Course" not in attended and "Full Meetup" not in attended
    assert "Autumn Course" in coming and "you have a seat" in coming


def test_level_history_chart_names_the_rungs_and_dates_on_a_time_scale() -> None:
    """It was a flat line labelled "max 2"."""
    user, person = make_attendee(event=make_event(), level=1)
    make_assessment(person=person, level=1, when=at(2026, 1, 5))
    make_assessment(person=person, level=2, when=at(2026, 6, 5))
    html = login(user).get("/me/path/").content.decode()
    chart = html[html.index('<svg class="chart level-chart"'):]
    chart = chart[:chart.index("</svg>")]
    for rung in ("1 Eye-opener", "2 Baby steps", "3 Preparation", "4 Just do it"):
        assert f">{rung}</text>" in chart
    assert ">5 Jan 2026</text>" in chart and ">5 Jun 2026</text>" in chart
    assert "max 2" not in chart
    # Real scale: level 2 sits above level 1, and the June point at the right edge.
    dots = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', chart)
    (x1, y1), (x2, y2) = [(float(x), float(y)) for x, y in dots]
    assert x2 > x1 and y2 < y1


def test_a_course_earlier_on_a_path_is_left_out_once_past_its_entry_level() -> None:
    """After the immersion, "Where to start" is for those still at Eye-opener."""
    course, immersion, _ = _course_path()
    make_session(event=course, levels=(1, 2))
    _, beyond = make_attendee(event=immersion, level=2)
    make_assessment(person=beyond, level=2, when=at(2026, 12, 1))
    _, starter = make_attendee(event=immersion, level=1)
    make_assessment(person=starter, level=1, when=at(2026, 12, 1))
    assert "sm101" not in [s.event.slug for s in events_suggested(person=beyond, today=TODAY)]
    assert "sm101" in [s.event.slug for s in events_suggested(person=starter, today=TODAY)]


@pytest.mark.parametrize(("url", "says"), [
    ("/me/path/", "Your learning path starts when you sign up for an event."),
    ("/me/reassess/", "The questionnaire places an attendee on the four-rung ladder."),
    ("/stories/new/", "Stories are shared by attendees, about what they tried.")])
def test_an_account_without_an_attendee_profile_is_told_where_the_path_starts(
        client, url: str, says: str) -> None:
    # The navigation shows "My path" to every logged-in account; an organizer has no
    # attendee profile, and the page says why it is empty instead of a 404.
    client.force_login(make_user("organizer-only"))
    response = client.get(url)
    assert response.status_code == 200
    assert says in response.content.decode()
    assert 'href="/"' in response.content.decode()


def test_a_suggestions_reason_is_in_the_readers_language(settings) -> None:
    settings.LANGUAGES = [("en", "English"), ("de", "Deutsch")]
    upcoming = make_event(slug="deeper-de", start_date=date(2099, 2, 1),
                          end_date=date(2099, 2, 1))
    for level in (2, 2, 3):
        make_session(event=upcoming, levels=(level,), title=f"Level {level}")
    user, person = make_attendee(event=make_event(slug="past"), level=2)
    person.language = "de"
    person.save()

    page = " ".join(login(user).get("/me/path/").content.decode().split())

    assert ("2 Sessions auf deiner Stufe (2 Erste Schritte) und 1 eine Stufe höher "
            "(3 Vorbereitung).") in page
