"""The personal agenda's timetable is cached per person under a digest of what it shows:
never another person's, never stale, and its forms still carry a token that works."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client

from immerse.program.models import AgendaItem
from tests.factories import (
    make_event,
    make_person,
    make_registration,
    make_session,
    make_user,
    side_by_side,
)

pytestmark = pytest.mark.django_db

AGENDA = "/events/ws/me/agenda/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _attendee(event, session, reason: str) -> Client:
    """A signed-in attendee with ``session`` on their agenda, for ``reason``."""
    user = make_user()
    registration = make_registration(event=event, person=make_person(user=user))
    AgendaItem.objects.create(registration=registration, session=session, reason=reason)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _two_attendees():
    event = make_event(slug="ws")
    stories = make_session(event=event, title="Stories", capacity=3, start_hour=9)
    circle = make_session(event=event, title="Circle", capacity=3, start_hour=9)
    side_by_side(circle, stories.slot)
    return (stories, circle, _attendee(event, stories, "Picked for Ana"),
            _attendee(event, stories, "Picked for Ben"))


def test_the_cached_timetable_is_never_another_persons() -> None:
    _stories, _circle, ana, ben = _two_attendees()
    assert "Picked for Ana" in ana.get(AGENDA).content.decode()

    page = ben.get(AGENDA).content.decode()

    assert "Picked for Ben" in page and "Picked for Ana" not in page


def test_a_cached_page_is_the_page_rendered_afresh() -> None:
    _stories, _circle, ana, _ben = _two_attendees()
    fresh = TOKEN.sub("", ana.get(AGENDA).content.decode())
    cached = ana.get(AGENDA).content.decode()

    assert TOKEN.sub("", cached) == fresh


def test_a_swap_from_the_cached_page_shows_at_once() -> None:
    _stories, circle, ana, _ben = _two_attendees()
    ana.get(AGENDA)
    cached = ana.get(AGENDA).content.decode()
    token = TOKEN.findall(cached)[-1]  # a swap form's, from the cached timetable

    response = ana.post("/events/ws/me/agenda/change/", {
        "action": "swap", "session": circle.pk, "csrfmiddlewaretoken": token})

    assert response.status_code == 302
    page = ana.get(AGENDA).content.decode()
    mine = page.split('class="mine"')[1].split("</p>")[0]
    assert "Circle" in mine and "Stories" not in mine
    assert "Swap to this (2 left)" in page  # Stories, which Ben still has


def test_the_timetable_is_rendered_again_after_the_cache_is_emptied() -> None:
    _stories, _circle, ana, _ben = _two_attendees()
    before = TOKEN.sub("", ana.get(AGENDA).content.decode())
    cache.clear()

    assert TOKEN.sub("", ana.get(AGENDA).content.decode()) == before
