"""Registrations under the event's capacity: sign-up order, waitlist, promotion.

The capacity rule: confirmed registrations plus the seats held for sign-ups waiting for
their e-mail confirmation (``PendingSignup.held_until`` still ahead) never exceed the
event's capacity. Every count and change happens with the event's seats locked
(``seats_lock``), so concurrent sign-ups, confirmations and cancellations cannot interleave.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from immerse.common.tasks import enqueue
from immerse.events.models import Event
from immerse.people.models import Assessment, PendingSignup, Person, Registration
from immerse.people.services.notices import (
    notice_cancelled,
    notice_entered,
    notice_promoted,
)

Status = Registration.Status


def _count(rows: QuerySet[Any]) -> Coalesce:
    """A correlated COUNT of ``rows`` (filtered on the outer event), 0 when there are none."""
    return Coalesce(Subquery(rows.order_by().values("event").annotate(n=Count("pk"))
                             .values("n"), output_field=IntegerField()), Value(0))


@dataclass(frozen=True)
class Seats:
    """An event's seats: ``taken`` by confirmed people and holds still running, and how
    many people ``waiting`` in line have the first claim on any seat that frees up."""

    taken: int
    waiting: int

    def free_for_newcomers(self, capacity: int) -> int:
        return max(0, capacity - self.taken - self.waiting)


def _seats(events: QuerySet[Event], now: datetime | None) -> Seats:
    """One query. A hold whose time has passed counts as free at once, whether or not
    ``signup_holds_expire`` has released it yet."""
    now = now or timezone.now()
    confirmed = Registration.objects.filter(event=OuterRef("pk"), status=Status.CONFIRMED)
    held = PendingSignup.objects.filter(event=OuterRef("pk"), held_until__gt=now)
    waiting = Registration.objects.filter(event=OuterRef("pk"), status=Status.WAITLISTED)
    confirmed_n, held_n, waiting_n = events.annotate(
        confirmed=_count(confirmed), held=_count(held), waiting=_count(waiting)).values_list(
        "confirmed", "held", "waiting").get()
    return Seats(confirmed_n + held_n, waiting_n)


def seats_lock(*, event: Event, now: datetime | None = None) -> Seats:
    """Hold the event's seat count still until the transaction ends (call inside one), and
    return it."""
    # Row lock on PostgreSQL, then the count in a statement of its own: one taken while
    # waiting for the lock would read the rows as they were before the wait (READ
    # COMMITTED snapshots are per statement). On SQLite the IMMEDIATE transaction already
    # holds the single write lock, so there is nothing to lock.
    if connection.features.has_select_for_update:
        Event.objects.select_for_update().filter(pk=event.pk).order_by().values_list(
            "pk").first()
    return _seats(Event.objects.filter(pk=event.pk), now)


def seats_taken(*, event: Event, now: datetime | None = None) -> int:
    """Seats taken: confirmed registrations plus seats held for unconfirmed sign-ups."""
    return _seats(Event.objects.filter(pk=event.pk), now).taken


def seats_free(*, event: Event, now: datetime | None = None) -> int:
    """Seats a newcomer could take now: none while people wait for the freed ones."""
    return _seats(Event.objects.filter(pk=event.pk), now).free_for_newcomers(event.capacity)


def registration_create(
    *, event: Event, person: Person, source: str = "web", assessment: Assessment | None = None,
    new_person: bool = False, held_seat: bool = False, **details: object,
) -> Registration:
    """Register a person: confirmed while seats remain, else waitlisted.

    Re-registering an existing, non-cancelled registration updates its details and keeps
    its place; a cancelled one re-enters at the back of the queue (``new_person``: the
    person was made in this transaction, so has no registration to look for; ``held_seat``:
    a confirmed sign-up whose hold was still running, released just before, so the seat it
    frees is its own and not one for the people waiting). A person who enters
    (or re-enters) is told by e-mail: confirmed, with their level and why (from
    ``assessment``), or waitlisted with their place.
    """
    # No savepoint: inside a sign-up a failure here fails the whole sign-up anyway.
    with transaction.atomic(savepoint=False):
        seats = seats_lock(event=event)
        registration = None if new_person else \
            Registration.objects.filter(event=event, person=person).first()
        if registration is not None and registration.status != Status.CANCELLED:
            for field, value in details.items():
                setattr(registration, field, value)
            registration.save()
            return registration
        taken = seats.taken
        if seats.waiting and taken < event.capacity and not held_seat:
            # Seats freed by holds that ran out go to those already in line, first.
            taken += len(waitlist_promote(event=event))
        status = Status.CONFIRMED if taken < event.capacity else Status.WAITLISTED
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
            registration.created_at = timezone.now()
            Registration.objects.filter(pk=registration.pk).update(
                created_at=registration.created_at)
        notice_entered(registration=registration, assessment=assessment)
        if status == Status.CONFIRMED:
            agenda_join_soon([registration])
        return registration


def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel; a freed confirmed seat goes to the first person waiting. Returns who moved up.

    The person is told their place is cancelled, and whoever moves up that they have a seat.
    """
    with transaction.atomic():
        seats_lock(event=registration.event)
        registration.refresh_from_db()
        was_confirmed = registration.status == Status.CONFIRMED
        registration.status = Status.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        notice_cancelled(registration=registration)
        if not was_confirmed:
            return None
        promoted = waitlist_promote(event=registration.event)
        return promoted[0] if promoted else None


def waitlist_promote(*, event: Event, now: datetime | None = None,
                     keep_waiting: Collection[int] = ()) -> list[Registration]:
    """Give every free seat to the first people waiting, in queue order, and tell each.

    Call with the seats locked (``seats_lock``), after whatever freed the seats: a
    cancellation, holds of unconfirmed sign-ups that ran out, or people the organizers
    moved to the waiting list (``keep_waiting``: their ids, passed over this once)."""
    free = event.capacity - seats_taken(event=event, now=now)
    if free <= 0:
        return []
    promoted = list(Registration.objects.filter(event=event, status=Status.WAITLISTED)
                    .exclude(pk__in=list(keep_waiting))
                    .select_related("event", "person").order_by("created_at", "id")[:free])
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        notice_promoted(registration=registration)
    agenda_join_soon(promoted)
    return promoted


def agenda_join_soon(registrations: list[Registration]) -> None:
    """Newly confirmed people of an event already planned get their agenda and table seats
    within seconds, once this transaction commits (the per-minute sweep is the safety
    net). ``agenda_join`` does nothing for an event not planned yet."""
    ids = [registration.pk for registration in registrations]
    if ids:
        transaction.on_commit(lambda: enqueue("agenda_join", *ids))
