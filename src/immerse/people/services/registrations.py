"""Registrations under the event's capacity: sign-up order, waitlist, promotion."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from immerse.events.models import Event
from immerse.people.models import Person, Registration

Status = Registration.Status


def seats_lock(*, event: Event) -> None:
    """Hold the event's seat count still until the transaction ends (call inside one)."""
    # Row lock on PostgreSQL; on SQLite the IMMEDIATE transaction already holds the single
    # write lock, so counting and inserting cannot interleave with another sign-up.
    Event.objects.select_for_update().filter(pk=event.pk).order_by().values_list("pk").first()


def registration_create(
    *, event: Event, person: Person, source: str = "web", **details: object
) -> Registration:
    """Register a person: confirmed while seats remain, else waitlisted.

    Re-registering an existing, non-cancelled registration updates its details and keeps
    its place; a cancelled one re-enters at the back of the queue.
    """
    with transaction.atomic():
        seats_lock(event=event)
        registration = Registration.objects.filter(event=event, person=person).first()
        if registration is not None and registration.status != Status.CANCELLED:
            for field, value in details.items():
                setattr(registration, field, value)
            registration.save()
            return registration
        confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED).count()
        status = Status.CONFIRMED if confirmed < event.capacity else Status.WAITLISTED
        returning = registration is not None
        if registration is None:
            registration = Registration(event=event, person=person)
        registration.status = status
        registration.source = source
        for field, value in details.items():
            setattr(registration, field, value)
        registration.save()
        if returning and status == Status.WAITLISTED:
            # A returning person queues from now, not from their first sign-up.
            Registration.objects.filter(pk=registration.pk).update(created_at=timezone.now())
        return registration


def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel; a freed confirmed seat goes to the first person waiting. Returns who moved up."""
    with transaction.atomic():
        seats_lock(event=registration.event)
        registration.refresh_from_db()
        was_confirmed = registration.status == Status.CONFIRMED
        registration.status = Status.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        if not was_confirmed:
            return None
        return _promote_next(registration.event)


def _promote_next(event: Event) -> Registration | None:
    confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED).count()
    if confirmed >= event.capacity:
        return None
    nxt = (
        Registration.objects.filter(event=event, status=Status.WAITLISTED)
        .order_by("created_at", "id")
        .first()
    )
    if nxt is not None:
        nxt.status = Status.CONFIRMED
        nxt.save(update_fields=["status", "updated_at"])
    return nxt
