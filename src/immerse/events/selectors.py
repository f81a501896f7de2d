"""Reads for event pages, the API and exports: one query per relation, never per row."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from zoneinfo import ZoneInfo

from django.core.cache import cache as shared_cache
from django.db.models import Count, Prefetch, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.http import Http404
from django.template.loader import get_template, render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

from immerse.common.models import TaskRun
from immerse.common.runs import task_runs_on
from immerse.events.models import Event, Room, Session, TimeSlot

# Facilitators are people (the app above this one): the model is reached through the
# relation, so this app never imports it.
_PERSON = Session._meta.get_field("facilitators").related_model


def events_published() -> QuerySet[Event]:
    return Event.objects.filter(published=True).annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed"))
    )


def event_get(*, slug: str) -> Event:
    try:
        return Event.objects.get(slug=slug)
    except Event.DoesNotExist as exc:
        raise Http404(f"No event called {slug!r}") from exc


def sessions_for_program(*, event: Event) -> QuerySet[Session]:
    return (
        Session.objects.filter(event=event)
        .select_related("room", "slot")
        .prefetch_related(
            "tools",
            Prefetch("facilitators", queryset=_PERSON.objects.only("id", "name", "channels")),
        )
    )


@dataclass
class ProgramSlot:
    slot: TimeSlot | None
    sessions: list[Session] = field(default_factory=list)


@dataclass
class ProgramDay:
    day: date | None
    slots: list[ProgramSlot] = field(default_factory=list)


def sessions_for_listing(*, event: Event) -> QuerySet[Session]:
    """What the program pages show: no tools, hosts or imported extras (FOSDEM has 876)."""
    return (Session.objects.filter(event=event).select_related("room", "slot")
            .defer("external_data", "abstract", "topics"))


# Everything of a session that the program listing shows or orders by; times and levels
# come as the database's text (parsing 1,752 timestamps in Python would cost the most).
LISTED_FIELDS = ("id", "title", "format", "levels_text", "pitch", "slot_id", "start_text",
                 "end_text", "slot__label", "room_id", "room__name", "room__position")


def program_fingerprint(*, event: Event) -> str:
    """A digest of every listed field of the event's sessions, in listing order.

    The rendered program is a function of these values (and the event's slug and time
    zone), so it can be cached under this digest: an edit anywhere makes a new key. One
    query of plain text tuples, several times cheaper than the listing's model instances.
    """
    rows = (sessions_for_listing(event=event)
            .annotate(levels_text=Cast("target_levels", TextField()),
                      start_text=Cast("slot__start", TextField()),
                      end_text=Cast("slot__end", TextField()))
            .values_list(*LISTED_FIELDS))
    digest = hashlib.blake2b(digest_size=16)
    for row in rows:
        digest.update(repr(row).encode())
    return digest.hexdigest()


def program_by_day(*, event: Event) -> list[ProgramDay]:
    """The program grouped by day then slot, in time order; unscheduled sessions last."""
    by_slot: dict[int | None, ProgramSlot] = {}
    for session in sessions_for_listing(event=event):
        key = session.slot_id
        if key not in by_slot:
            by_slot[key] = ProgramSlot(slot=session.slot)
        by_slot[key].sessions.append(session)
    days: dict[date | None, ProgramDay] = {}
    scheduled = sorted((s for s in by_slot.values() if s.slot), key=lambda s: s.slot.start)
    tz = ZoneInfo(event.time_zone)
    for program_slot in scheduled:
        day = program_slot.slot.start.astimezone(tz).date()
        days.setdefault(day, ProgramDay(day=day)).slots.append(program_slot)
    if None in by_slot:
        days[None] = ProgramDay(day=None, slots=[by_slot[None]])
    return list(days.values())


def rooms_for_event(*, event: Event) -> QuerySet[Room]:
    return Room.objects.filter(event=event)


PROGRAM_TEMPLATE = "events/_program.html"
PROGRAM_CACHE_SECONDS = 600


@cache
def _template_digest() -> str:
    """Changes with the listing template, so a deploy never serves the old markup."""
    source = get_template(PROGRAM_TEMPLATE).template.source
    return hashlib.blake2b(source.encode(), digest_size=8).hexdigest()


def program_html(*, event: Event, show_pitch: bool) -> SafeString:
    """The rendered program listing, cached under a digest of everything it shows.

    Rendering FOSDEM's 876 sessions costs ~100 ms of template work per view; the digest
    query costs a few. The key holds every input of the fragment, so it is never stale.
    """
    key = ":".join(("program-html", str(event.pk), event.slug, event.time_zone,
                    str(show_pitch), get_language() or "", get_current_timezone_name(),
                    _template_digest(), program_fingerprint(event=event)))
    html = shared_cache.get(key)
    if html is None:
        html = render_to_string(PROGRAM_TEMPLATE, {
            "event": event, "program": program_by_day(event=event),
            "show_pitch": show_pitch})
        shared_cache.set(key, html, PROGRAM_CACHE_SECONDS)
    return mark_safe(html)  # rendered just above by the autoescaping template


def event_task_run(*, event: Event, run_id: int) -> TaskRun:
    """A background run on ``event`` (404 for another event's: ids are not credentials)."""
    run = task_runs_on(target=event).filter(pk=run_id).first()
    if run is None:
        raise Http404("No such run for this event")
    return run


def event_task_runs_active(*, event: Event, task_name: str) -> list[TaskRun]:
    """Runs of ``task_name`` on the event still queued or running (for a page's notice)."""
    return list(task_runs_on(target=event).filter(
        task=task_name, status__in=(TaskRun.Status.QUEUED, TaskRun.Status.RUNNING))[:5])
