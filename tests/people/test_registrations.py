"""Capacity, waitlist order and promotion on cancellation."""

from __future__ import annotations

import pytest

from immerse.people.models import Registration
from immerse.people.selectors import waitlist_position
from immerse.people.services.registrations import registration_cancel, registration_create
from tests.factories import make_event, make_person

pytestmark = pytest.mark.django_db


def test_beyond_capacity_people_wait_in_order() -> None:
    event = make_event(capacity=2)
    regs = [registration_create(event=event, person=make_person()) for _ in range(4)]
    assert [r.status for r in regs] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert [waitlist_position(r) for r in regs] == [None, None, 1, 2]


def test_cancellation_promotes_the_first_in_line() -> None:
    event = make_event(capacity=1)
    first, second, third = (registration_create(event=event, person=make_person())
                            for _ in range(3))
    promoted = registration_cancel(registration=first)
    assert promoted is not None and promoted.pk == second.pk
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == ("confirmed", "waitlisted")
    assert waitlist_position(third) == 1


def test_cancelling_a_waiting_person_promotes_nobody() -> None:
    event = make_event(capacity=1)
    registration_create(event=event, person=make_person())
    waiting = registration_create(event=event, person=make_person())
    assert registration_cancel(registration=waiting) is None
    assert Registration.objects.filter(event=event, status="confirmed").count() == 1


def test_signing_up_twice_keeps_the_place_and_updates_details() -> None:
    event = make_event(capacity=5)
    person = make_person()
    first = registration_create(event=event, person=person, problems="old")
    again = registration_create(event=event, person=person, problems="new")
    assert again.pk == first.pk and again.status == "confirmed" and again.problems == "new"
    assert Registration.objects.filter(event=event).count() == 1


def test_returning_after_cancelling_queues_at_the_back() -> None:
    event = make_event(capacity=1)
    leaver = make_person()
    reg = registration_create(event=event, person=leaver)
    other = registration_create(event=event, person=make_person())  # waits
    registration_cancel(registration=reg)  # other is promoted
    back = registration_create(event=event, person=leaver)
    assert back.status == "waitlisted" and waitlist_position(back) == 1
    other.refresh_from_db()
    assert other.status == "confirmed"
