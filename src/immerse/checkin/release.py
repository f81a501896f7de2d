"""The no-show release: at the time the organizers announced, seats of confirmed people not
checked in go to the people waiting, and both sides are told.

Only as many seats move as people wait: a seat released with nobody to take it would go
straight back (``people.services.registrations.waitlist_promote`` would return it), and
the person would have been told for nothing. The latest sign-ups are released first: the
earliest ones had their seat longest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from immerse.checkin.models import CheckinSettings
from immerse.checkin.selectors import release_forget
from immerse.events.models import Event
from immerse.notify.links import absolute
from immerse.notify.services import message_queue
from immerse.people.models import Registration
from immerse.people.selectors import waitlist_position
from immerse.people.services.registrations import seats_lock, waitlist_promote

Status = Registration.Status


@dataclass
class Released:
    released: list[Registration] = field(default_factory=list)
    promoted: list[Registration] = field(default_factory=list)


def _tell_released(registration: Registration, release_at: datetime) -> None:
    event = registration.event
    message_queue(
        kind="seat_released", to_email=registration.person.email,
        to_name=registration.person.name, person=registration.person, event=event,
        key=f"seat_released:{registration.pk}:{release_at.timestamp():.0f}",
        context={"release_at": release_at, "position": waitlist_position(registration),
                 "me_url": absolute(reverse("my-registration", kwargs={"slug": event.slug}))})


def noshows_release(*, event: Event, now: datetime | None = None) -> Released:
    """Release the no-shows' seats if the event's release time has come (once per time)."""
    now = now or timezone.now()
    outcome = Released()
    with transaction.atomic():
        seats_lock(event=event)
        settings = (CheckinSettings.objects.select_for_update()
                    .filter(event=event, release_at__lte=now, released_at__isnull=True).first())
        if settings is None or settings.release_at is None:
            return outcome
        release_at = settings.release_at
        waiting = Registration.objects.filter(event=event, status=Status.WAITLISTED).count()
        noshows = list(Registration.objects.filter(event=event, status=Status.CONFIRMED,
                                                   checkin__isnull=True)
                       .select_related("person", "event")
                       .order_by("-created_at", "-id")[:waiting])
        for registration in noshows:
            # They queue from now, behind everyone already waiting.
            registration.status, registration.created_at = Status.WAITLISTED, now
            registration.save(update_fields=["status", "created_at", "updated_at"])
        outcome.released = noshows
        outcome.promoted = waitlist_promote(event=event, keep_waiting=[r.pk for r in noshows])
        for registration in noshows:
            _tell_released(registration, release_at)
        settings.released_at = now
        settings.save(update_fields=["released_at", "updated_at"])
        release_forget(event_id=event.pk)  # and again once committed (see services)
        transaction.on_commit(lambda: release_forget(event_id=event.pk))
    return outcome


def noshows_release_due(*, now: datetime | None = None) -> list[int]:
    """Ids of events whose release time has come and not been acted on."""
    now = now or timezone.now()
    return list(CheckinSettings.objects.filter(release_at__lte=now, released_at__isnull=True)
                .values_list("event_id", flat=True))
