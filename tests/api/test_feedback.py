"""The feedback API: attendees rate a session; the error names the field."""

from __future__ import annotations

import pytest
from django.test import Client

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
    event = make_event(slug="ws")
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
