"""Learning pages run a fixed number of queries, however many attendees they report on."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from immerse.events.models import Event
from immerse.learning.services import feedback_submit
from tests.factories import make_event, make_role, make_session, make_user, session_started
from tests.learning.factories import at, make_assessment, make_attendee, make_plan, make_story

pytestmark = pytest.mark.django_db


def _assessed(event: Event, attendees: int) -> None:
    """``attendees`` from two organizations, each assessed before and after, half with a
    plan."""
    for n in range(attendees):
        _, person = make_attendee(event=event, level=1, organization=f"Org {n % 2}")
        make_assessment(person=person, level=1, when=at(2027, 2, 1),
                        tools={"blogging": "never"})
        make_assessment(person=person, level=2, when=at(2027, 4, 1),
                        tools={"blogging": "monthly"})
        if n % 2:
            make_plan(person=person, event=event)


@pytest.mark.parametrize("query", ["", "?organization=Org+1"], ids=["all", "one-organization"])
def test_learning_report_queries_do_not_grow_with_the_attendees(
        client, django_assert_num_queries, query: str) -> None:
    days = {"start_date": date(2027, 3, 1), "end_date": date(2027, 3, 5)}
    small, large = make_event(slug="small", **days), make_event(slug="large", **days)
    _assessed(small, 2)
    _assessed(large, 12)
    organizer = make_user()
    make_role(event=small, user=organizer)
    make_role(event=large, user=organizer)
    client.force_login(organizer)

    # Session, user, event, the organizer's role; the report's registrations, assessments
    # with their snapshots, plans and their check-ins; the organizations for the filter;
    # planned vs attended (issue 28: sessions, agenda items, attendances, the desk's counts);
    # the room's questions and polls (issue 28).
    for url in (f"/events/small/organize/report/{query}",
                f"/events/large/organize/report/{query}"):
        assert client.get(url).status_code == 200, url
        with django_assert_num_queries(14):
            client.get(url)


def test_story_list_queries_do_not_grow_with_the_stories(client) -> None:
    event = make_event(slug="ws")
    make_story(title="Listening first", event=event, tools=("blogging",),
               topics=["listening"])
    counts = []
    for more in (0, 10):
        for n in range(more):
            make_story(title=f"Story {n}", event=event, tools=("blogging", "wikis"),
                       topics=[f"topic {n}"])
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/stories/").status_code == 200
        counts.append(len(captured))
    # The event filter, the topics, the tool filter, the stories (with persons and events)
    # and their tools.
    assert counts == [5, 5]


def test_feedback_overview_queries_do_not_grow_with_the_feedback(
        client, django_assert_num_queries) -> None:
    organizer = make_user()
    for slug, attendees in (("small", 2), ("large", 10)):
        event = make_event(slug=slug)
        make_role(event=event, user=organizer)
        sessions = [session_started(make_session(event=event, title=f"Talk {h}", start_hour=h))
                    for h in (9, 11)]
        for n in range(attendees):
            _, person = make_attendee(event=event, level=1 + n % 4, attends=sessions)
            for session in sessions:
                feedback_submit(session=session, person=person, rating=1 + n % 5)
    client.force_login(organizer)

    # Session, user, event, the organizer's role, the feedback with sessions and persons.
    for url in ("/events/small/organize/feedback/", "/events/large/organize/feedback/"):
        assert client.get(url).status_code == 200, url
        with django_assert_num_queries(5):
            client.get(url)
