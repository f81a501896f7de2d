"""Listening pages: the dashboard, who may open them, and facilitators' notes."""

from __future__ import annotations

import pytest
from django.test import Client

from immerse.backchannel.models import Post
from immerse.backchannel.services.ingest import posts_ingest
from tests.backchannel.factories import tweet
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_dashboard_shows_waiting_questions_and_response_time() -> None:
    event = make_event(slug="ws", organizer_handles=["@team"])
    data = (tweet(1, "Is the lab recorded?", minute=0) + tweet(2, "Yes it is", reply_to=1,
                                                              user="team", minute=30)
            + tweet(3, "Who hosts table 4?", user="cas", minute=5))
    posts_ingest(event=event, data=data, fmt="jsonl", source_name="t")
    staff = make_user()
    make_role(event=event, user=staff, role="facilitator")
    client = Client()
    client.login(username=staff.username, password=PASSWORD)
    html = client.get("/events/ws/listening/").content.decode()
    assert "Who hosts table 4?" in html and "Is the lab recorded?" not in html
    assert "organizers answered <strong>50%</strong> of 2 questions" in html
    assert "median <strong>30 min</strong>" in html
    fragment = client.get("/events/ws/listening/?fragment=1").content.decode()
    assert "<html" not in fragment and "Who hosts table 4?" in fragment


def test_listening_pages_are_for_the_event_people_only() -> None:
    event = make_event(slug="ws")
    attendee = make_user()
    make_registration(event=event, person=make_person(user=attendee))
    client = Client()
    assert client.get("/events/ws/listening/").status_code == 403
    client.login(username=attendee.username, password=PASSWORD)
    assert client.get("/events/ws/listening/").status_code == 403  # the staff dashboard
    assert client.get("/events/ws/listening/explore/?tag=mobile").status_code == 200


def test_facilitator_notes_join_the_backchannel() -> None:
    event = make_event(slug="ws")
    staff = make_user("marta")
    make_role(event=event, user=staff, role="facilitator")
    client = Client()
    client.login(username="marta", password=PASSWORD)
    client.post("/events/ws/listening/notes/", {"text": "Table 3 asks: how to #measure?"})
    note = Post.objects.get(source="note")
    assert (note.author, note.hashtags, note.is_question) == ("marta", ["measure"], True)
