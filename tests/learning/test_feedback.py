"""Feedback after a session: prompts per level, who may give it, who may read it."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from immerse.learning.models import Feedback
from immerse.learning.services import FEEDBACK_PROMPTS
from tests.factories import make_event, make_role, make_session, make_user
from tests.learning.factories import login, make_attendee

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_session():
    event = make_event(slug="fb-event")
    return event, make_session(event=event, title="Stories that work", fmt="story")


def _url(session) -> str:
    return f"/events/{session.event.slug}/sessions/{session.pk}/feedback/"


@pytest.mark.parametrize(("level", "prompt"), [
    (1, "Which example will you show a colleague?"),
    (2, FEEDBACK_PROMPTS[2]),
    (3, "What is the first step of your plan?"),
    (4, FEEDBACK_PROMPTS[4]),
])
def test_feedback_form_asks_the_question_of_the_attendees_level(event_session, level,
                                                                 prompt) -> None:
    event, session = event_session
    user, _ = make_attendee(event=event, level=level, attends=[session])
    response = login(user).get(_url(session))
    assert response.status_code == 200
    assert prompt in response.content.decode()
    others = set(FEEDBACK_PROMPTS.values()) - {prompt}
    assert not any(other in response.content.decode() for other in others)


def test_attendee_gives_feedback_and_can_replace_it(event_session) -> None:
    event, session = event_session
    user, person = make_attendee(event=event, level=3, attends=[session])
    client = login(user)
    response = client.post(_url(session), {"rating": "4", "what_worked": "The examples",
                                           "next_step": "Write the goal", "story_line": "x"})
    assert response.status_code == 302
    client.post(_url(session), {"rating": "5", "what_worked": "Even better"})
    feedback = Feedback.objects.get(session=session, person=person)
    assert (feedback.rating, feedback.what_worked, feedback.level) == (5, "Even better", 3)
    assert feedback.prompt == "What is the first step of your plan?"


def test_rating_outside_1_to_5_is_refused(event_session) -> None:
    event, session = event_session
    user, _ = make_attendee(event=event, attends=[session])
    response = login(user).post(_url(session), {"rating": "6"})
    assert response.status_code == 200
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("status", ["waitlisted", "cancelled"])
def test_only_confirmed_attendees_give_feedback(event_session, status) -> None:
    event, session = event_session
    user, _ = make_attendee(event=event, status=status)
    assert login(user).post(_url(session), {"rating": "3"}).status_code == 403
    assert login(make_user()).get(_url(session)).status_code == 403
    assert Client().get(_url(session)).status_code == 302  # to the login page
    assert not Feedback.objects.exists()


def test_organizer_sees_what_works_for_whom(event_session) -> None:
    event, session = event_session
    workshop = make_session(event=event, title="Plan workshop", fmt="workshop", start_hour=11)
    for level, rating, target in [(1, 5, session), (1, 3, session), (2, 2, session),
                                  (3, 4, workshop)]:
        user, _ = make_attendee(event=event, level=level, attends=[target])
        login(user).post(_url(target), {"rating": str(rating), "what_worked": f"r{rating}l{level}"})
    organizer = make_user()
    make_role(event=event, user=organizer)
    response = login(organizer).get(f"/events/{event.slug}/organize/feedback/")
    assert response.status_code == 200
    cells = {(row.format_key, row.level): (row.count, row.average)
             for row in response.context["summary"].by_format_level}
    assert cells == {("story", 1): (2, 4.0), ("story", 2): (1, 2.0), ("workshop", 3): (1, 4.0)}
    sessions = {row.label: (row.count, row.average) for row in response.context["summary"].sessions}
    assert sessions == {"Stories that work": (3, 3.33), "Plan workshop": (1, 4.0)}
    html = response.content.decode()
    assert "<svg" in html and "<table" in html and "r5l1" in html


def test_feedback_text_is_not_shown_to_attendees_or_facilitators(event_session) -> None:
    event, _ = event_session
    user, _ = make_attendee(event=event)
    facilitator = make_user()
    make_role(event=event, user=facilitator, role="facilitator")
    for someone in (user, facilitator):
        assert login(someone).get(f"/events/{event.slug}/organize/feedback/").status_code == 403


def test_feedback_chart_keeps_whole_labels_and_shows_sample_sizes(event_session) -> None:
    """The chart clipped "ommunity space" and a 5.0 from one form looked best."""
    event, session = event_session
    space = make_session(event=event, title="Practitioners' corner", fmt="community",
                         levels=(4,), start_hour=11)
    for level, rating, target in [(1, 4, session), (1, 4, session), (1, 5, session),
                                  (1, 4, session), (1, 4, session), (4, 5, space)]:
        user, _ = make_attendee(event=event, level=level, attends=[target])
        login(user).post(_url(target), {"rating": str(rating)})
    organizer = make_user()
    make_role(event=event, user=organizer)
    html = login(organizer).get(f"/events/{event.slug}/organize/feedback/").content.decode()
    chart = html[html.index("<svg"):html.index("</svg>")]
    assert ">Community space · Just do it</text>" in chart
    assert ">5 · n=1 (few)</text>" in chart and ">4.2 · n=5</text>" in chart
    assert 'class="few"' in chart
    # Every label ends at the label column's edge and is pinned to its measured width, so
    # it starts inside the chart whatever font the browser has.
    labels = re.findall(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="end" '
                        r'textLength="([\d.]+)"', chart)
    assert labels and all(float(x) - float(length) > 0 for x, length in labels)


def test_feedback_needs_the_session_on_the_persons_agenda(event_session) -> None:
    """Issue 30, item 5: any registered person could rate any session (and through it
    become a reviewer of plans made there)."""
    event, session = event_session
    user, _ = make_attendee(event=event)
    client = login(user)
    assert client.get(_url(session)).status_code == 403
    assert client.post(_url(session), {"rating": "3"}).status_code == 403
    api = client.post(f"/api/v1/events/{event.slug}/sessions/{session.pk}/feedback",
                      {"rating": 3}, content_type="application/json")
    assert api.status_code == 403
    assert "on their agenda" in api.json()["detail"]
    assert not Feedback.objects.exists()


def test_the_sessions_host_gives_feedback_without_an_agenda_item(event_session) -> None:
    event, session = event_session
    user, person = make_attendee(event=event)
    session.facilitators.add(person)
    assert login(user).post(_url(session), {"rating": "5"}).status_code == 302
    assert Feedback.objects.get().rating == 5
