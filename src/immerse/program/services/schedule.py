"""Schedule import: frab/Pentabarf XML and schedule JSON into an event's program.

The engine parses the files; this module maps them to rooms, slots and sessions (the export
is a read: ``program.selectors.schedule_export``).
What immerse has no column for (guids, tracks, speakers without accounts, links…) is kept in
``external_data`` so that import → export → import loses nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from immerse.engine.catalogue import format_for_schedule_type
from immerse.engine.formats import frab_xml, schedule_json
from immerse.engine.formats.schedule import (
    Day,
    Link,
    Schedule,
    ScheduleEvent,
    ScheduleFormatError,
    day_change_of,
)
from immerse.events.models import Event, Room, Session, TimeSlot

DEFAULT_ZONE = "Europe/Amsterdam"


@dataclass(frozen=True)
class ScheduleImportReport:
    event: Event
    created_event: bool
    rooms: int
    slots: int
    sessions_created: int
    sessions_updated: int


def parse_schedule(data: bytes, *, source: str) -> Schedule:
    """XML or JSON by content; raises ScheduleFormatError naming the place."""
    head = data.lstrip()[:1]
    if head == b"<":
        return frab_xml.parse_frab_xml(data, source=source)
    return schedule_json.parse_schedule_json(data, source=source)


def schedule_import(*, schedule: Schedule, slug: str,
                    source: str = "<schedule>") -> ScheduleImportReport:
    """Create the event if the slug is new; rooms, slots and sessions are matched and updated.

    Two sessions in one room at one time are refused (ScheduleFormatError naming both, and
    nothing changes): immerse keeps one session per room and slot."""
    _refuse_shared_cells(schedule.events, source=source)
    with transaction.atomic():
        event, created = _event_upsert(schedule, slug)
        rooms = _rooms_upsert(event, schedule)
        slots: dict[tuple[datetime, datetime], TimeSlot] = {
            (slot.start, slot.end): slot for slot in TimeSlot.objects.filter(event=event)}
        fresh_slots = []
        for item in schedule.events:
            key = (item.start, item.start + item.duration)
            if key not in slots:
                slots[key] = TimeSlot(event=event, start=key[0], end=key[1])
                fresh_slots.append(slots[key])
        TimeSlot.objects.bulk_create(fresh_slots)
        existing = {s.external_id: s for s in Session.objects.filter(event=event)
                    .exclude(external_id="")}
        new: list[Session] = []
        changed: list[Session] = []
        for item in schedule.events:
            session = existing.get(_external_id(item)) or Session(event=event)
            _fill_session(session, item, rooms[item.room],
                          slots[(item.start, item.start + item.duration)])
            (changed if session.pk else new).append(session)
        _refuse_taken_cells(event, new + changed, source=source)
        # Out of their old cells first: sessions trading places would clash row by row.
        Session.objects.filter(pk__in=[s.pk for s in changed]).update(room=None, slot=None)
        Session.objects.bulk_create(new)
        Session.objects.bulk_update(changed, ["title", "abstract", "format", "target_levels",
                                              "topics", "room", "slot", "do_not_record",
                                              "external_data"])
    return ScheduleImportReport(event, created, len(rooms), len(fresh_slots), len(new),
                                len(changed))


def _refuse_shared_cells(items: Sequence[ScheduleEvent], *, source: str) -> None:
    seen: dict[tuple[str, datetime, datetime], ScheduleEvent] = {}
    for item in items:
        cell = (item.room, item.start, item.start + item.duration)
        if cell in seen:
            raise ScheduleFormatError(
                f"“{seen[cell].title}” and “{item.title}” are both in {item.room} at "
                f"{item.start.isoformat()}: a room holds one session at a time",
                source=source, place=f"room {item.room!r}, {item.start.isoformat()}")
        seen[cell] = item


def _refuse_taken_cells(event: Event, placed: list[Session], *, source: str) -> None:
    """Sessions the organizer placed by hand (not in this file) keep their cells."""
    mine = {s.pk for s in placed if s.pk}
    cells = {(s.room.pk, s.slot.pk): s for s in placed
             if s.room is not None and s.room.pk and s.slot is not None and s.slot.pk}
    for there in (Session.objects.filter(event=event, room__isnull=False, slot__isnull=False)
                  .exclude(pk__in=mine).select_related("room", "slot")):
        # Both set: the query asks for placed sessions only.
        item = cells.get((int(there.room_id or 0), int(there.slot_id or 0)))
        if item is not None:
            raise ScheduleFormatError(
                f"“{item.title}” would share {there.room.name} at "  # type: ignore[union-attr]
                f"{there.slot.start.isoformat()} with “{there.title}”, "  # type: ignore[union-attr]
                "which is not in this file: move or delete one of them first",
                source=source, place=f"event {event.slug}")


def _external_id(item: ScheduleEvent) -> str:
    """The session's key for re-imports: guid, id, else title (hashed when too long for the
    200-character column)."""
    key = item.guid or (f"id:{item.id}" if item.id is not None else f"title:{item.title}")
    return key if len(key) <= 200 else f"sha1:{hashlib.sha1(key.encode()).hexdigest()}"


def _event_upsert(schedule: Schedule, slug: str) -> tuple[Event, bool]:
    conf = schedule.conference
    zone_name = conf.time_zone or DEFAULT_ZONE
    zone = ZoneInfo(zone_name)
    days = [day.date for day in schedule.days]
    start = _date_of(conf.start, zone) or (min(days) if days else date.today())
    end = _date_of(conf.end, zone) or (max(days) if days else start)
    change = day_change_of(schedule.days, zone)
    extra = {"acronym": conf.acronym, "base_url": conf.base_url, "url": conf.url,
             "version": schedule.version,
             "timeslot_duration": _seconds(conf.timeslot_duration),
             "tracks": [{"name": t.name, "color": t.color, "slug": t.slug}
                        for t in schedule.tracks],
             # Start and end with their time of day, the days with their bounds and the day
             # change: an export puts every talk back on its conference day (see selectors).
             "start": _iso(conf.start), "end": _iso(conf.end),
             "days": [_day_json(day) for day in schedule.days],
             "day_change": change.strftime("%H:%M") if change else None}
    event = Event.objects.filter(slug=slug).first()
    if event is None:
        event = Event.objects.create(
            slug=slug, kind="conference", title=conf.title[:200] or slug,
            start_date=start, end_date=max(start, end),
            time_zone=zone_name,
            # Schedules carry no seat counts: assume 100 per room until the organizer edits.
            capacity=100 * max(1, len(schedule.rooms)), external_data=extra)
        return event, True
    event.external_data = {**event.external_data, **extra}
    event.save(update_fields=["external_data"])
    return event, False


def _rooms_upsert(event: Event, schedule: Schedule) -> dict[str, Room]:
    rooms = {room.name: room for room in Room.objects.filter(event=event)}
    fresh = []
    for position, room in enumerate(schedule.rooms):
        if room.name not in rooms:
            rooms[room.name] = Room(event=event, name=room.name[:120], capacity=100,
                                    position=position, external_id=room.guid or "")
            fresh.append(rooms[room.name])
    Room.objects.bulk_create(fresh)
    return rooms


def _fill_session(session: Session, item: ScheduleEvent, room: Room, slot: TimeSlot) -> None:
    session.title = item.title[:300]
    session.abstract = item.abstract
    session.format = format_for_schedule_type(item.type).key
    if not session.pk:
        session.target_levels = [1, 2, 3, 4]  # unknown until the organizer pitches it
    session.topics = [item.track] if item.track else []
    session.room, session.slot = room, slot
    session.do_not_record = item.do_not_record
    session.external_id = _external_id(item)
    session.external_data = {
        "id": item.id, "guid": item.guid, "code": item.code, "subtitle": item.subtitle,
        "description": item.description, "track": item.track, "type": item.type,
        "language": item.language, "slug": item.slug, "url": item.url,
        "feedback_url": item.feedback_url, "logo": item.logo,
        "recording_license": item.recording_license,
        "persons": [{"name": p.name, "id": p.id, "guid": p.guid, "code": p.code,
                     "biography": p.biography} for p in item.persons],
        "links": [_link_json(link) for link in item.links],
        "attachments": [_link_json(link) for link in item.attachments],
    }


def _link_json(link: Link) -> dict[str, str | None]:
    return {"url": link.url, "title": link.title, "type": link.type}


def _date_of(value: date | datetime | None, zone: ZoneInfo) -> date | None:
    """The conference's date on its own wall clock (a date-time carries a time of day)."""
    if isinstance(value, datetime):
        return value.astimezone(zone).date()
    return value


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if isinstance(value, datetime) else None


def _day_json(day: Day) -> dict[str, object]:
    return {"index": day.index, "date": day.date.isoformat(),
            "start": day.start.isoformat() if day.start else None,
            "end": day.end.isoformat() if day.end else None}


def _seconds(value: timedelta | None) -> float | None:
    return value.total_seconds() if value is not None else None
