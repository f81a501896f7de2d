"""Reads about people and registrations."""

from __future__ import annotations

from django.db.models import QuerySet

from immerse.events.models import Event
from immerse.people.models import Person, Registration


def registrations_for_organizer(*, event: Event) -> QuerySet[Registration]:
    return Registration.objects.filter(event=event).select_related("person").order_by(
        "status", "created_at", "id"
    )


def person_for_user(user: object) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user=user).first()


def registrations_of(*, person: Person) -> QuerySet[Registration]:
    return Registration.objects.filter(person=person).select_related("event")
