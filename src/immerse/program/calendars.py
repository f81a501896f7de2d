"""iCalendar feeds: the public program of an event, and each attendee's own agenda."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.conf import settings

from immerse.engine.formats.ical import CalendarEvent, calendar_for
from immerse.events.models import Event, Session
from immerse.people.models import Registration

PROD_ID = "-//immerse//program//EN"


def _uid(session: Session) -> str:
    # Stable across exports and edits: the session's primary key never changes.
    return f"session-{session.pk}@{settings.IMMERSE_SITE_HOST}"


def _entries(sessions: Iterable[Session]) -> list[CalendarEvent]:
    return [
        CalendarEvent(
            uid=_uid(s), title=s.title, start=s.slot.start, end=s.slot.end,
            location=s.room.name if s.room else "",
            description="\n\n".join(part for part in (s.pitch, s.abstract) if part),
            url=f"{settings.IMMERSE_SITE_URL}/events/{s.event.slug}/sessions/{s.pk}/",
            categories=(s.format_label,))
        for s in sessions if s.slot is not None
    ]


def calendar_public(*, event: Event) -> bytes:
    sessions = (Session.objects.filter(event=event, slot__isnull=False)
                .select_related("slot", "room", "event").order_by("slot__start", "id"))
    return calendar_for(_entries(sessions), name=event.title, time_zone=event.time_zone,
                        prod_id=PROD_ID)


def calendar_personal(*, registration: Registration) -> bytes:
    sessions = (Session.objects.filter(agenda_items__registration=registration,
                                       slot__isnull=False)
                .select_related("slot", "room", "event").order_by("slot__start", "id"))
    event = registration.event
    return calendar_for(_entries(sessions), name=f"{event.title}: my agenda",
                        time_zone=event.time_zone, prod_id=PROD_ID)


def calendar_token_ensure(*, registration: Registration) -> str:
    if not registration.calendar_token:
        registration.calendar_token = secrets.token_urlsafe(32)
        registration.save(update_fields=["calendar_token"])
    return registration.calendar_token
