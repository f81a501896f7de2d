"""The organizer's registrations list: pages of 100, search and status filter.

Its query count stays fixed whatever the crowd: tests/events/test_query_counts.py.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from immerse.people.models import Registration
from immerse.people.selectors import STATUS_ORDER
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_user,
)

pytestmark = pytest.mark.django_db


def _organizer_client(event) -> Client:
    user = make_user()
    make_role(event=event, user=user)
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return client


def _emails(html: str) -> list[str]:
    return re.findall(r"<small>([\w.+-]+@[\w.-]+)</small>", html)


def _crowd(event, n: int) -> None:
    people = [make_person(name=f"Attendee {i:03d}", email=f"a{i:03d}@example.org")
              for i in range(n)]
    for i, person in enumerate(people):
        make_registration(event=event, person=person,
                          status="waitlisted" if i % 10 == 9 else "confirmed")


def test_registrations_come_in_pages_of_100_in_queue_order() -> None:
    event = make_event(slug="conf", capacity=1000)
    _crowd(event, 230)
    client = _organizer_client(event)
    first = client.get("/events/conf/organize/").content.decode()
    last = client.get("/events/conf/organize/?page=3").content.decode()
    expected = list(Registration.objects.filter(event=event)
                    .order_by(STATUS_ORDER, "created_at", "id")
                    .values_list("person__email", flat=True))
    assert _emails(first) == expected[:100] and _emails(last) == expected[200:]
    assert "230 registrations, showing 1–100." in first
    assert "Page 1 of 3" in first and 'rel="next"' in first and 'rel="prev"' not in first
    assert "Page 3 of 3" in last and 'rel="next"' not in last
    beyond = client.get("/events/conf/organize/?page=99").content.decode()
    assert _emails(beyond) == expected[200:]  # an out-of-range page shows the last one


def test_search_and_status_filter_keep_their_terms_across_pages() -> None:
    event = make_event(slug="conf", capacity=1000)
    _crowd(event, 230)
    client = _organizer_client(event)
    found = client.get("/events/conf/organize/", {"q": "A00"}).content.decode()
    assert _emails(found) == [f"a00{i}@example.org" for i in range(10)]
    by_mail = client.get("/events/conf/organize/", {"q": "a117@EXAMPLE"}).content.decode()
    assert _emails(by_mail) == ["a117@example.org"]
    waiting = client.get("/events/conf/organize/", {"status": "waitlisted"}).content.decode()
    assert len(_emails(waiting)) == 23 and "23 registrations found" in waiting
    paged = client.get("/events/conf/organize/", {"q": "attendee", "status": "confirmed"})
    html = paged.content.decode()
    assert 'href="?q=attendee&amp;status=confirmed&amp;page=2#registrations"' in html
    bogus = client.get("/events/conf/organize/", {"status": "<b>"}).content.decode()
    assert len(_emails(bogus)) == 100 and "<b>" not in bogus


def test_attendees_cannot_list_registrations() -> None:
    event = make_event(slug="conf")
    user = make_user()
    make_registration(event=event, person=make_person(user=user))
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    assert client.get("/events/conf/organize/", {"q": "a"}).status_code in (403, 404)
