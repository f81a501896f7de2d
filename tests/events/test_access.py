"""Organizer pages are for organizers: anonymous users log in first, others are refused."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_user,
)

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        assert client.login(username=user.username, password=PASSWORD)
    return client


def test_anonymous_is_sent_to_login_from_organizer_page() -> None:
    event = make_event()
    response = _client().get(f"/events/{event.slug}/organize/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_attendee_and_other_organizer_are_refused() -> None:
    event, other = make_event(), make_event()
    attendee = make_user()
    make_registration(event=event, person=make_person(user=attendee))
    foreign_organizer = make_user()
    make_role(event=other, user=foreign_organizer)
    facilitator = make_user()
    make_role(event=event, user=facilitator, role="facilitator")
    for user in (attendee, foreign_organizer, facilitator):
        assert _client(user).get(f"/events/{event.slug}/organize/").status_code == 403


def test_organizer_and_staff_see_registrations_with_email() -> None:
    event = make_event()
    person = make_person(email="private.person@test.example")
    make_registration(event=event, person=person)
    organizer = make_user()
    make_role(event=event, user=organizer)
    for user in (organizer, make_user(staff=True)):
        response = _client(user).get(f"/events/{event.slug}/organize/")
        assert response.status_code == 200
        assert "private.person@test.example" in response.content.decode()


def test_me_page_requires_login_and_shows_own_registrations() -> None:
    assert _client().get("/me/").status_code == 302
    user = make_user()
    event = make_event(title="My Own Workshop")
    make_registration(event=event, person=make_person(user=user))
    html = _client(user).get("/me/").content.decode()
    assert "My Own Workshop" in html


def test_admin_is_closed_to_anonymous_users() -> None:
    response = _client().get("/admin/people/person/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
