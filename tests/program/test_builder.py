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


def test_builder_before_any_sign_up_proposes_from_the_template_and_named_topics() -> None:
    # Issue 27: this answered 500 (ProgramError: intake.attendees: need at least 1, got 0).
    event = make_event(kind="immersion", capacity=40, start_date=date(2027, 3, 15),
                       end_date=date(2027, 3, 17))
    client = organizer_client(event)
    url = f"/events/{event.slug}/organize/program/builder/"
    page = client.get(url, {"topics": "Podcasts for the newsroom, Video interviews"})
    assert page.status_code == 200
    html = page.content.decode()
    assert ("No sign-ups yet: this proposal follows the Immersion program template for "
            "40 people spread over the four levels, and the topics you named.") in html
    assert "Once people sign up and take the assessment" in html
    assert "Workshop on podcasts for the newsroom: your plan to take home" in html
    response = client.post(url, {"topics": "Podcasts for the newsroom, Video interviews"},
                           follow=True)
    assert response.status_code == 200
    sessions = Session.objects.filter(event=event)
    assert sessions.exists()
    assert {s.slot.start.date() for s in sessions.select_related("slot")} == {
        date(2027, 3, 15), date(2027, 3, 16), date(2027, 3, 17)}
    assert "Podcasts for the newsroom" in {t for s in sessions for t in s.topics}


def test_builder_never_puts_a_session_where_one_is_already_placed() -> None:
    # Issue 27: "Add these 19 sessions" created 13 room/slot clashes without a word.
    event = make_event(kind="conference", capacity=40, start_date=date(2027, 3, 15),
                       end_date=date(2027, 3, 15))
    for level in [1] * 8 + [2] * 6 + [3] * 4 + [4] * 2:
        make_registration(event=event, level=level, person=make_person())
    client = organizer_client(event)
    url = f"/events/{event.slug}/organize/program/builder/"
    client.post(url)  # a first program fills the default rooms and slots
    before = Session.objects.filter(event=event).count()
    assert before > 0
    page = client.get(url).content.decode()
    assert "already taken" in page
    response = client.post(url, follow=True)
    sessions = list(Session.objects.filter(event=event))
    cells = [(s.room_id, s.slot_id) for s in sessions if s.room_id and s.slot_id]
    assert len(cells) == len(set(cells))  # no two sessions share a room and slot
    unplaced = [s for s in sessions if s.slot_id is None]
    # 4 rooms × 4 slots: the first program took 10 cells; 4 of the second's go to the 6
    # free ones in their slots, the other 6 wait unplaced.
    assert (before, len(sessions), len(unplaced)) == (10, 20, 6)
    assert ("10 sessions added to the program; 6 of them wait unplaced: every room was "
            "taken in their slot. 4 went to another free room of their slot."
            ) in response.content.decode()
