"""The organizer builds a program from the intake, and edits pitches."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from immerse.events.models import Session
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db


def organizer_client(event) -> Client:
    user = make_user()
    make_role(event=event, user=user)
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


def test_builder_proposes_with_reasons_and_applies_a_five_day_program() -> None:
    event = make_event(kind="immersion", capacity=40, start_date=date(2027, 3, 15),
                       end_date=date(2027, 3, 19))
    for n, level in enumerate([1] * 12 + [2] * 8 + [3] * 6 + [4] * 3):
        make_registration(event=event, level=level, person=make_person(),
                          problems=f"How do I start with video {n}?")
    client = organizer_client(event)
    page = client.get(f"/events/{event.slug}/organize/program/builder/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "12 of 29 are at Eye-opener" in html
    response = client.post(f"/events/{event.slug}/organize/program/builder/", follow=True)
    assert "sessions added to the program" in response.content.decode()
    sessions = Session.objects.filter(event=event).select_related("slot")
    days = {s.slot.start.date() for s in sessions}
    assert len(days) == 5
    first = min(sessions, key=lambda s: s.slot.start)
    assert first.format == "listening"
    assert all(s.pitch for s in sessions)
    assert {s.format for s in sessions} >= {"story", "strategy", "workshop", "lab",
                                            "community", "provocation"}


def test_builder_is_for_organizers_only() -> None:
    event = make_event()
    client = Client()
    client.login(username=make_user().username, password=PASSWORD)
    assert client.get(f"/events/{event.slug}/organize/program/builder/").status_code == 403


def test_pitch_edit_sticks_and_resets() -> None:
    event = make_event()
    session = make_session(event=event, title="Cases", fmt="story", levels=(1,),
                           topics=["video"])
    client = organizer_client(event)
    url = f"/events/{event.slug}/organize/sessions/{session.pk}/pitch/"
    client.post(url, {"pitch": "For <b>curious</b> people."})
    session.refresh_from_db()
    assert (session.pitch, session.pitch_edited) == ("For <b>curious</b> people.", True)
    page = Client().get(f"/events/{event.slug}/sessions/{session.pk}/").content.decode()
    assert "For &lt;b&gt;curious&lt;/b&gt; people." in page
    client.post(url, {"reset": "1"})
    session.refresh_from_db()
    assert not session.pitch_edited and session.pitch.startswith(
        "People who started with video tell what they did")
    assert Client().post(url, {"pitch": "x"}).status_code == 302  # anonymous: to login
