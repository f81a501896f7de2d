"""Reads for the schedule grid: one day's rooms × slots, the unplaced sessions, the warnings.

A few queries whatever the size (FOSDEM: 876 sessions): rooms, slots, sessions as plain
values, their hosts, and the levels people are at.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from immerse.engine.catalogue import LEVEL_LABELS
from immerse.engine.schedule_grid import (
    GridRoom,
    GridSession,
    GridSlot,
    GridWarning,
    Host,
    grid_warnings,
)
from immerse.events.models import Event, Room, Session, TimeSlot
from immerse.people.models import Registration

LEVELS = tuple(sorted(LEVEL_LABELS))


@dataclass(frozen=True)
class Card:
    """A session as a cell shows it."""

    id: int
    title: str
    levels: str
    room: int | None
    slot: int | None


@dataclass
class Row:
    slot: TimeSlot
    cells: list[tuple[Room, Card | None]]


@dataclass
class Grid:
    days: list[date]
    day: date | None
    rooms: list[Room]
    rows: list[Row]
    unplaced: list[Card]
    warnings: list[GridWarning]  # the shown day's
    warnings_elsewhere: int
    titles: dict[int, str] = field(default_factory=dict)
    slots: dict[int, TimeSlot] = field(default_factory=dict)


def _local_day(slot: TimeSlot, zone: ZoneInfo) -> date:
    return slot.start.astimezone(zone).date()


def event_levels(*, event: Event) -> tuple[int, ...]:
    """The levels the event's people are at; every level before anyone has a level."""
    found = (Registration.objects.filter(event=event, level__isnull=False)
             .exclude(status=Registration.Status.CANCELLED)
             .values_list("level", flat=True).distinct())
    return tuple(sorted({level for level in found if level is not None})) or LEVELS


def _sessions(event: Event) -> list[GridSession]:
    hosts: defaultdict[int, list[Host]] = defaultdict(list)
    through = Session.facilitators.through.objects.filter(session__event=event)
    for session_id, person_id, name in through.values_list("session_id", "person_id",
                                                           "person__name"):
        hosts[session_id].append(Host(person_id, name))
    rows = Session.objects.filter(event=event).order_by("title", "pk").values_list(
        "id", "title", "room_id", "slot_id", "capacity", "target_levels")
    return [GridSession(pk, title, room, slot, capacity, tuple(levels or ()),
                        tuple(hosts[pk]))
            for pk, title, room, slot, capacity, levels in rows]


def grid_get(*, event: Event, day: date | None) -> Grid:
    """The grid of ``day`` (default: the first day with slots) and what it warns about."""
    zone = ZoneInfo(event.time_zone)
    rooms = list(Room.objects.filter(event=event))
    slots = list(TimeSlot.objects.filter(event=event).order_by("start", "end", "pk"))
    days = sorted({_local_day(slot, zone) for slot in slots})
    shown = day if day in days else (days[0] if days else None)
    sessions = _sessions(event)
    warnings = grid_warnings(
        sessions=sessions, slots=[GridSlot(s.pk, s.start, s.end) for s in slots],
        rooms=[GridRoom(r.pk, r.name, r.capacity) for r in rooms],
        levels=event_levels(event=event))
    by_slot = {slot.pk: slot for slot in slots}
    day_slots = {s.pk for s in slots if _local_day(s, zone) == shown}
    cards = {s.id: Card(s.id, s.title, ", ".join(LEVEL_LABELS[lv] for lv in sorted(s.levels)
                                                   if lv in LEVEL_LABELS), s.room, s.slot)
             for s in sessions}
    at = {(c.room, c.slot): c for c in cards.values() if c.room and c.slot}
    keyed = [(room.pk, room) for room in rooms]  # ~9,500 cells a FOSDEM day: no .pk calls
    rows = [Row(slot, [(room, at.get((room_id, slot_id))) for room_id, room in keyed])
            for slot_id, slot in ((s.pk, s) for s in slots) if slot_id in day_slots]
    mine = [w for w in warnings if w.slot in day_slots]
    return Grid(days=days, day=shown, rooms=rooms, rows=rows,
                unplaced=[c for c in cards.values() if not (c.room and c.slot)],
                warnings=mine, warnings_elsewhere=len(warnings) - len(mine),
                titles={s.id: s.title for s in sessions}, slots=by_slot)

