"""Feedback after a session: prompts per level, who may give it, who may read it."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from immerse.learning.models import Feedback
from immerse.learning.notifications import feedback_link
from immerse.learning.services import FEEDBACK_PROMPTS, FeedbackNotOpen, feedback_open_check
from tests.factories import make_event, make_role, make_session, make_user
from tests.learning.factories import login, make_attendee
from tests.notify.mail import local_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_session():
    # A past day: feedback opens when a session starts.
    event = make_event(slug="fb-event", start_date=date(2026, 5, 1), end_date=date(2026, 5, 1))
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


# --- feedback opens when the session starts ------------------------------------------------

@pytest.fixture
def ahead():
    """A session three months ahead (09:00 Amsterdam time) and one of its attendees."""
    day = (timezone.now() + timedelta(days=90)).date()
    event = make_event(slug="ahead", start_date=day, end_date=day)
    session = make_session(event=event, title="Not yet", start_hour=9)
    user, person = make_attendee(event=event, level=2, attends=[session])
    opens = f"Feedback opens when the session starts on {day:%-d %B %Y} at 09:00."
    return {"session": session, "user": user, "person": person, "opens": opens}


def test_feedback_form_for_a_session_ahead_says_when_it_opens(ahead) -> None:
    client = login(ahead["user"])
    page = client.get(_url(ahead["session"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert ahead["opens"] in html and "Save feedback" not in html
    refused = client.post(_url(ahead["session"]), {"rating": "5"})
    assert refused.status_code == 403 and ahead["opens"] in refused.content.decode()
    assert "your feedback is saved" not in refused.content.decode()
    assert not Feedback.objects.exists()


def test_feedback_mail_link_for_a_session_ahead_records_nothing(ahead) -> None:
    link = local_path(feedback_link(person_id=ahead["person"].pk,
                                    session_id=ahead["session"].pk))
    page = Client().get(link + "?rating=5")
    assert page.status_code == 200 and ahead["opens"] in page.content.decode()
    assert "data-autosubmit" not in page.content.decode()
    refused = Client().post(link, {"rating": "5"})
    assert refused.status_code == 403 and ahead["opens"] in refused.content.decode()
    assert not Feedback.objects.exists()


def test_feedback_opens_at_the_start_of_the_session(ahead) -> None:
    session = ahead["session"]
    start = session.slot.start
    with pytest.raises(FeedbackNotOpen):
        feedback_open_check(session=session, now=start - timedelta(minutes=1))
    feedback_open_check(session=session, now=start)  # open from the first minute


def test_session_page_says_when_feedback_opens_instead_of_offering_it(ahead) -> None:
    session = ahead["session"]
    html = login(ahead["user"]).get(f"/events/ahead/sessions/{session.pk}/").content.decode()
    assert ahead["opens"] in html and "Give feedback on this session" not in html


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
