"""Messages the program implies: a personal agenda that is new or changed (after a planning
run, or when a freed seat goes to someone waiting), and the reminder the day before.

Each is queued through the outbox inside the transaction that made the news, keyed so that
a retried run queues nothing twice.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.urls import reverse

from immerse.events.models import Event, TimeSlot
from immerse.notify.links import absolute
from immerse.notify.services import Draft, messages_queue
from immerse.people.models import Registration
from immerse.program.models import AgendaItem

#: Local hour from which the day-before reminder goes out (nobody gets it at midnight).
REMINDER_HOUR = 9
#: How many of the first day's sessions the reminder lists.
REMINDER_ITEMS = 3


def agendas_now(*, event: Event) -> dict[int, frozenset[int]]:
    """Each registration's agenda as a set of session ids (one query)."""
    found: defaultdict[int, set[int]] = defaultdict(set)
    for reg_id, session_id in AgendaItem.objects.filter(registration__event=event) \
            .values_list("registration_id", "session_id"):
        found[reg_id].add(session_id)
    return {reg_id: frozenset(ids) for reg_id, ids in found.items()}


def _calendar_tokens(registrations: Iterable[Registration]) -> None:
    """The private calendar link goes in the message, so each recipient needs its token."""
    missing = [reg for reg in registrations if not reg.calendar_token]
    for reg in missing:
        reg.calendar_token = secrets.token_urlsafe(32)
    Registration.objects.bulk_update(missing, ["calendar_token"], batch_size=500)


def _item(item: AgendaItem) -> dict[str, Any]:
    session = item.session
    return {"title": session.title, "starts_at": session.slot.start if session.slot else None,
            "room": session.room.name if session.room else "", "reason": item.reason,
            "reason_parts": item.reason_parts}


def agenda_ready_queue(*, event: Event, before: Mapping[int, frozenset[int]], key: str,
                       registration_ids: Iterable[int] | None = None,
                       wait: bool = False) -> int:
    """Tell each confirmed attendee whose agenda is new or differs from ``before`` (a
    snapshot from ``agendas_now``); ``key`` names the change (a run, a freed seat).
    ``wait``: the messages wait for the organizer's "Tell them now" (a planning run)."""
    items = (AgendaItem.objects.filter(registration__event=event,
                                       registration__status=Registration.Status.CONFIRMED)
             .select_related("registration__person", "session__slot", "session__room")
             .order_by("session__slot__start", "session_id"))
    if registration_ids is not None:
        items = items.filter(registration_id__in=list(registration_ids))
    by_reg: defaultdict[int, list[AgendaItem]] = defaultdict(list)
    for item in items:
        by_reg[item.registration_id].append(item)
    changed = {reg_id: found for reg_id, found in by_reg.items()
               if frozenset(i.session_id for i in found) != before.get(reg_id, frozenset())}
    registrations = [found[0].registration for found in changed.values()]
    _calendar_tokens(registrations)
    agenda_url = absolute(reverse("my-agenda", kwargs={"slug": event.slug}))
    return messages_queue((
        Draft("agenda_ready", f"agenda_ready:{reg.pk}:{key}", reg.person.email,
              reg.person.name, reg.person, event, {
                  "agenda_url": agenda_url, "changed": bool(before.get(reg.pk)),
                  "calendar_url": absolute(reverse("personal-calendar",
                                                   kwargs={"token": reg.calendar_token})),
                  "items": [_item(item) for item in changed[reg.pk]]})
        for reg in registrations), wait=wait)


def _event_start(event: Event) -> datetime:
    first = TimeSlot.objects.filter(event=event).order_by("start").first()
    if first is not None:
        return first.start
    return datetime.combine(event.start_date, time(REMINDER_HOUR),
                            tzinfo=ZoneInfo(event.time_zone))


def reminders_queue(*, now: datetime) -> int:
    """The day before each event, from REMINDER_HOUR local time: a reminder to every
    confirmed attendee with their first sessions. Run it as often as you like (hourly)."""
    queued = 0
    for event in Event.objects.filter(start_date__gte=(now - timedelta(days=1)).date(),
                                      start_date__lte=(now + timedelta(days=2)).date()):
        local = now.astimezone(ZoneInfo(event.time_zone))
        if event.start_date - local.date() != timedelta(days=1) or local.hour < REMINDER_HOUR:
            continue
        queued += _reminders(event)
    return queued


def _reminders(event: Event) -> int:
    regs = list(Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
                .select_related("person"))
    day = datetime.combine(event.start_date, time(0), tzinfo=ZoneInfo(event.time_zone))
    first_day: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
    for item in (AgendaItem.objects.filter(registration__in=regs,
                                           session__slot__start__gte=day,
                                           session__slot__start__lt=day + timedelta(days=1))
                 .select_related("session__slot", "session__room")
                 .order_by("session__slot__start")):
        if len(first_day[item.registration_id]) < REMINDER_ITEMS:
            first_day[item.registration_id].append(_item(item))
    context = {"starts_at": _event_start(event), "venue": event.venue,
               "agenda_url": absolute(reverse("my-agenda", kwargs={"slug": event.slug}))}
    return messages_queue(
        Draft("reminder", f"reminder:{event.pk}:{reg.pk}", reg.person.email, reg.person.name,
              reg.person, event, {**context, "first_items": first_day[reg.pk]})
        for reg in regs)
