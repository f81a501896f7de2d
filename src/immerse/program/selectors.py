"""Reads of the program app: personal agendas, stars, planning runs, the builder's proposal,
iCalendar feeds and schedule exports (one query per relation, never per row)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from immerse.engine.agenda.summary import SummaryLine, run_summary
from immerse.engine.catalogue import format_label, format_of
from immerse.engine.formats import frab_xml, schedule_json
from immerse.engine.formats.ical import CalendarEvent, calendar_for
from immerse.engine.formats.schedule import (
    Conference,
    Day,
    Link,
    Person,
    Schedule,
    ScheduleEvent,
    Track,
    conference_day,
)
from immerse.engine.formats.schedule import (
    Room as ScheduleRoom,
)
from immerse.engine.inventory import problem_themes, room_inventory
from immerse.engine.languages import translated_into
from immerse.engine.program_builder import (
    IntakeSummary,
    ProgramProposal,
    RoomFrame,
    SlotFrame,
    build_program,
    expected_intake,
)
from immerse.events.models import Event, Room, Session, TimeSlot
from immerse.people.models import Person as Attendee
from immerse.people.models import Registration
from immerse.people.selectors import inventory_records
from immerse.program.models import AgendaItem, AgendaRun, SessionWish

# ---- personal agendas ---------------------------------------------------------------------


SEATS_TAKEN_SECONDS = 10


def _seats_taken_key(event_id: int) -> str:
    return f"seats-taken:{event_id}"


def seats_taken_forget(*, event_id: int) -> None:
    """Drop the cached counts after agenda items moved (a swap, a planning run)."""
    cache.delete(_seats_taken_key(event_id))


def seats_taken(*, event: Event) -> dict[int, int]:
    """{session id: people with it on their agenda} for the event, cached for a few seconds.

    One GROUP BY over every agenda item of the event (70,000 rows at 10,000 attendees, ~20
    ms) would otherwise run on each agenda view. The figure is only shown: ``agenda_swap``
    counts again under its row lock; swaps and planning runs drop the cache.
    """
    key = _seats_taken_key(event.pk)
    taken: dict[int, int] | None = cache.get(key)
    if taken is None:
        taken = dict(AgendaItem.objects.filter(session__event=event).order_by()
                     .values_list("session_id").annotate(n=Count("id")))
        cache.set(key, taken, SEATS_TAKEN_SECONDS)
    return taken


def agenda_items_of(*, registration: Registration) -> QuerySet[AgendaItem]:
    """The sessions on someone's agenda in time order, with their slot and room."""
    return (AgendaItem.objects.filter(registration=registration)
            .select_related("session__slot", "session__room").order_by("session__slot__start"))


def agenda_session_ids(*, registration: Registration) -> frozenset[int]:
    """Ids of the sessions on someone's agenda (for "my sessions" in the program)."""
    return frozenset(AgendaItem.objects.filter(registration=registration)
                     .values_list("session_id", flat=True))


def wished_sessions(*, person: Attendee | None, event: Event) -> set[int]:
    """Ids of the event's sessions ``person`` starred (none for a visitor)."""
    if person is None:
        return set()
    return set(SessionWish.objects.filter(person=person, session__event=event)
               .values_list("session_id", flat=True))


# ---- planning runs ------------------------------------------------------------------------


def agenda_runs_recent(*, event: Event, limit: int = 10) -> QuerySet[AgendaRun]:
    """The event's latest planning runs, newest first."""
    return AgendaRun.objects.filter(event=event)[:limit]


def agenda_run_get(*, event: Event, run_id: int) -> AgendaRun:
    """One of the event's planning runs, or 404."""
    return get_object_or_404(AgendaRun, event=event, pk=run_id)


def agenda_run_summary(*, run: AgendaRun, language: str | None = None) -> list[SummaryLine]:
    """A finished run's outcome in sentences an organizer reads, in ``language`` (English
    for one without a grammar module; no query: the figures are stored on the run); empty
    before the run is done."""
    if run.status != AgendaRun.Status.DONE:
        return []
    return run_summary(run.stats or {}, language=translated_into(language) or "en")


# ---- the program builder's proposal -------------------------------------------------------

DEFAULT_SLOTS = (SlotFrame(time(9), time(10, 30)), SlotFrame(time(11), time(12, 30)),
                 SlotFrame(time(13, 30), time(15)), SlotFrame(time(15, 30), time(17)))
DEFAULT_ROOMS = (RoomFrame("Plenary hall", 100), RoomFrame("Workshop room A", 24),
                 RoomFrame("Workshop room B", 24), RoomFrame("Lab", 30))


def event_days(event: Event) -> int:
    return (event.end_date - event.start_date).days + 1


def slot_frames(event: Event) -> tuple[SlotFrame, ...]:
    """The first day's slots when the event has any, else a classic four-slot day."""
    zone = ZoneInfo(event.time_zone)
    first = TimeSlot.objects.filter(event=event).order_by("start").first()
    if first is None:
        return DEFAULT_SLOTS
    day = first.start.astimezone(zone).date()
    frames = [SlotFrame(s.start.astimezone(zone).time(), s.end.astimezone(zone).time())
              for s in TimeSlot.objects.filter(event=event).order_by("start")
              if s.start.astimezone(zone).date() == day]
    return tuple(dict.fromkeys(frames))


def room_frames(event: Event) -> tuple[RoomFrame, ...]:
    rooms = tuple(RoomFrame(r.name, r.capacity) for r in Room.objects.filter(event=event))
    return rooms or DEFAULT_ROOMS


def confirmed_count(*, event: Event) -> int:
    """How many people have a confirmed place (the builder proposes from them when any)."""
    return Registration.objects.filter(event=event,
                                       status=Registration.Status.CONFIRMED).count()


def sessions_count(*, event: Event) -> int:
    """How many sessions the program has already (the builder warns before replacing them)."""
    return Session.objects.filter(event=event).count()


def proposal_language(*, event: Event, reader: str) -> str:
    """The language the builder writes proposed titles and reasons in (a session keeps them
    when added): the event's, since its attendees read them, else ``reader``'s; English for
    a language without a grammar module."""
    return translated_into(event.language or reader) or "en"


def notes_language(reader: str) -> str:
    """The language the builder writes its notes to the organizer in: the page's."""
    return translated_into(reader) or "en"


def program_propose(*, event: Event, seed: int = 0, topics: Sequence[str] = (),
                    reader: str = "en") -> ProgramProposal:
    """A program skeleton from the event's intake; nothing is stored until it is applied.
    Its notes are in ``reader``'s language (the organizer's page), its titles and reasons in
    :func:`proposal_language`'s.

    Before anyone signs up, the intake is the event's capacity spread over the levels with
    ``topics`` (the organizer's) as the problems people bring (``expected_intake``)."""
    records = inventory_records(event=event)
    if records:
        texts = [t for r in records for t in (r.stories, r.problems) if t.strip()]
        intake = IntakeSummary.from_inventory(room_inventory(records),
                                              [*topics, *problem_themes(texts, max_themes=6,
                                                                        seed=seed)])
    else:
        intake = expected_intake(capacity=event.capacity, topics=topics)
    return build_program(intake=intake, days=event_days(event), slots_per_day=slot_frames(event),
                         rooms=room_frames(event), seed=seed,
                         language=proposal_language(event=event, reader=reader),
                         notes_language=notes_language(reader))


# ---- iCalendar feeds ----------------------------------------------------------------------

PROD_ID = "-//immerse//program//EN"
CALENDAR_TOKEN_MIN_LENGTH = 20


#: Everything of a session the feed shows: one query of plain tuples, no JSON fields.
FEED_FIELDS = ("id", "title", "pitch", "abstract", "format", "slot__start", "slot__end",
               "room__name")
CALENDAR_CACHE_SECONDS = 3600


@dataclass(frozen=True)
class CalendarFeed:
    """An iCalendar body and what a client revalidates it with (ETag, Last-Modified)."""

    body: bytes
    etag: str
    last_modified: datetime


def _entries(rows: Iterable[tuple[Any, ...]], *, event: Event) -> list[CalendarEvent]:
    # LOCATION is "Room, Venue": a calendar app maps it, a room name alone is nowhere.
    venue = event.venue.strip()
    base = f"{settings.IMMERSE_SITE_URL}/events/{event.slug}/sessions"
    return [
        CalendarEvent(
            uid=f"session-{pk}@{settings.IMMERSE_SITE_HOST}",  # stable: the pk never changes
            title=title, start=start, end=end,
            location=", ".join(part for part in (room or "", venue) if part),
            description="\n\n".join(part for part in (pitch, abstract) if part),
            url=f"{base}/{pk}/", categories=(format_label(fmt),))
        for pk, title, pitch, abstract, fmt, start, end, room in rows
    ]


def _feed(*, event: Event, sessions: QuerySet[Session], name: str, owner: str) -> CalendarFeed:
    """The feed of ``sessions``, cached under a digest of everything it shows, as
    ``events.selectors.program_html`` caches the program: an edit makes a new key, so it is
    never stale, and an unchanged program is answered from the cache (or with a 304).

    ``owner`` is part of the key: a personal feed is never served to anyone else.
    """
    rows = list(sessions.filter(slot__isnull=False).order_by("slot__start", "id")
                .values_list(*FEED_FIELDS))
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((owner, event.pk, event.slug, event.title, event.venue,
                        event.time_zone, name, settings.IMMERSE_SITE_URL,
                        settings.IMMERSE_SITE_HOST, rows)).encode())
    key = f"calendar:{owner}:{digest.hexdigest()}"
    cached = cache.get(key)
    if cached is not None:
        return CalendarFeed(*cached)
    body = calendar_for(_entries(rows, event=event), name=name, time_zone=event.time_zone,
                        prod_id=PROD_ID)
    feed = CalendarFeed(body=body, etag=f'"{digest.hexdigest()}"',
                        last_modified=datetime.now(UTC).replace(microsecond=0))
    cache.set(key, (feed.body, feed.etag, feed.last_modified), CALENDAR_CACHE_SECONDS)
    return feed


def calendar_public(*, event: Event) -> CalendarFeed:
    """The event's scheduled sessions as an iCalendar feed."""
    return _feed(event=event, sessions=Session.objects.filter(event=event), name=event.title,
                 owner="event")


def calendar_personal(*, registration: Registration) -> CalendarFeed:
    """Someone's own agenda as an iCalendar feed (cached for that registration only)."""
    event = registration.event
    return _feed(event=event,
                 sessions=Session.objects.filter(agenda_items__registration=registration),
                 name=f"{event.title}: my agenda", owner=f"registration-{registration.pk}")


def registration_for_calendar(*, token: str) -> Registration | None:
    """The live registration whose private calendar link carries ``token``, if any."""
    registration = (Registration.objects.select_related("event", "person")
                    .filter(calendar_token=token).exclude(status="cancelled").first())
    if registration is None or len(token) < CALENDAR_TOKEN_MIN_LENGTH:
        return None
    return registration


# ---- schedule export ----------------------------------------------------------------------

def schedule_of(*, event: Event) -> Schedule:
    """The event's scheduled sessions as an engine Schedule (unscheduled ones are left out).

    Sessions fall on conference days as an imported schedule declared them (a talk at 01:30
    stays on the evening before), else by the day change (04:00 unless imported).
    """
    zone = ZoneInfo(event.time_zone)
    extra = event.external_data or {}
    declared = _declared_days(extra, zone)
    change = time.fromisoformat(extra.get("day_change") or DEFAULT_DAY_CHANGE)
    sessions = (Session.objects.filter(event=event, slot__isnull=False, room__isnull=False)
                .select_related("room", "slot").prefetch_related("facilitators")
                .order_by("slot__start", "room__position", "id"))
    by_day: dict[date, list[ScheduleEvent]] = defaultdict(list)
    for session in sessions:
        item = _schedule_event(session)
        by_day[conference_day(item.start, zone=zone, day_change=change,
                              days=declared.values())].append(item)
    rooms = tuple(ScheduleRoom(name=r.name, guid=r.external_id or None)
                  for r in Room.objects.filter(event=event))
    days = tuple(
        Day(index=n, date=day, events=tuple(by_day[day]),
            start=declared[day].start if day in declared else None,
            end=declared[day].end if day in declared else None,
            rooms=tuple(dict.fromkeys(item.room for item in by_day[day])))
        for n, day in enumerate(sorted(set(by_day) | set(declared)), start=1))
    duration = extra.get("timeslot_duration")
    conference = Conference(
        title=event.title, acronym=extra.get("acronym") or event.slug,
        start=_moment_on(extra.get("start"), event.start_date, zone),
        end=_moment_on(extra.get("end"), event.end_date, zone), time_zone=event.time_zone,
        timeslot_duration=timedelta(seconds=duration) if duration else None,
        base_url=extra.get("base_url"), url=extra.get("url"))
    tracks = tuple(Track(name=t["name"], color=t.get("color"), slug=t.get("slug"))
                   for t in extra.get("tracks", []))
    return Schedule(conference=conference, days=days, rooms=rooms, tracks=tracks,
                    version=extra.get("version") or "immerse", generator="immerse")


#: When one conference day turns into the next, for events no imported schedule describes.
DEFAULT_DAY_CHANGE = "04:00"


def _declared_days(extra: dict[str, Any], zone: ZoneInfo) -> dict[date, Day]:
    """The days an imported schedule declared, with their start and end when it gave them."""
    days = {}
    for data in extra.get("days", []):
        bounds = [datetime.fromisoformat(data[key]) if data.get(key) else None
                  for key in ("start", "end")]
        day = date.fromisoformat(data["date"])
        days[day] = Day(index=data.get("index") or 1, date=day, start=bounds[0], end=bounds[1])
    return days


def _moment_on(stored: str | None, day: date, zone: ZoneInfo) -> date | datetime:
    """The imported start (or end) with its time of day, while it is still on ``day``."""
    if stored:
        moment = datetime.fromisoformat(stored)
        if moment.astimezone(zone).date() == day:
            return moment
    return day


def _schedule_event(session: Session) -> ScheduleEvent:
    data = session.external_data or {}
    persons = tuple(Person(name=p["name"], id=p.get("id"), guid=p.get("guid"),
                           code=p.get("code"), biography=p.get("biography") or "")
                    for p in data.get("persons", []))
    if not persons:
        persons = tuple(Person(name=p.name, id=p.pk) for p in session.facilitators.all())
    return ScheduleEvent(
        id=data.get("id") if data.get("id") is not None else session.pk,
        title=session.title, room=session.room.name if session.room else "",
        start=session.scheduled_slot.start,
        duration=session.scheduled_slot.end - session.scheduled_slot.start, guid=data.get("guid"),
        code=data.get("code"), subtitle=data.get("subtitle") or "",
        abstract=session.abstract, description=data.get("description") or "",
        track=data.get("track") or (session.topics[0] if session.topics else None),
        type=data.get("type") or format_of(session.format).exchange_type,
        language=data.get("language"), slug=data.get("slug"), url=data.get("url"),
        feedback_url=data.get("feedback_url"), persons=persons,
        links=tuple(_link(link) for link in data.get("links", [])),
        attachments=tuple(_link(link) for link in data.get("attachments", [])),
        do_not_record=session.do_not_record, logo=data.get("logo"),
        recording_license=data.get("recording_license") or "")


def _link(data: dict[str, str | None]) -> Link:
    return Link(url=data["url"] or "", title=data.get("title") or "", type=data.get("type"))


def schedule_export(*, event: Event, fmt: str) -> bytes:
    """The event's program as frab XML (``"xml"``) or schedule JSON (``"json"``)."""
    schedule = schedule_of(event=event)
    if fmt == "xml":
        return frab_xml.schedule_to_frab_xml(schedule)
    if fmt == "json":
        return schedule_json.schedule_to_json(schedule)
    raise ValueError(f"unknown schedule format {fmt!r}: xml or json")
