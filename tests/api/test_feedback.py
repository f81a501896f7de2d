"""The feedback API: attendees rate a session; the error names the field."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from immerse.program.models import AgendaItem
from tests.factories import (
    make_event,
    make_person,
    make_registration,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_feedback_from_an_attendee(bearer) -> None:
    event = make_event(slug="ws", start_date=date(2026, 5, 1), end_date=date(2026, 5, 1))
    session = make_session(event=event, title="Stories")
    ann = make_user()
    registration = make_registration(event=event, person=make_person(user=ann))
    AgendaItem.objects.create(registration=registration, session=session)
    response = Client().post(f"/api/v1/events/ws/sessions/{session.pk}/feedback",
                             {"rating": 5, "next_step": "Start listening"},
                             content_type="application/json", **bearer(ann))
    assert response.status_code == 201 and response.json()["rating"] == 5
    bad = Client().post(f"/api/v1/events/ws/sessions/{session.pk}/feedback", {"rating": 9},
                        content_type="application/json", **bearer(ann))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "rating"


def test_feedback_on_a_session_ahead_is_refused_saying_when_it_opens(bearer) -> None:
    day = (timezone.now() + timedelta(days=90)).date()
    event = make_event(slug="ahead", start_date=day, end_date=day)
    session = make_session(event=event, title="Not yet", start_hour=9)
    ann = make_user()
    registration = make_registration(event=event, person=make_person(user=ann))
    # On her agenda (who may give feedback), yet not started (when).
    AgendaItem.objects.create(registration=registration, session=session)
    response = Client().post(f"/api/v1/events/ahead/sessions/{session.pk}/feedback",
                             {"rating": 5}, content_type="application/json", **bearer(ann))
    assert response.status_code == 403
    assert (f"Feedback opens when the session starts on {day:%-d %B %Y} at 09:00."
            in response.content.decode())
    assert not session.feedback.exists()
