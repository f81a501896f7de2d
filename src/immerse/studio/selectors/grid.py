"""Reads for the schedule grid: one day's rooms × slots, the unplaced sessions, the warnings.

A few queries of plain values whatever the size (FOSDEM: 876 sessions): rooms, slots,
sessions, their hosts, and the levels people are at. Together they are everything the grid
shows, so their digest (``GridSource.digest``) names the grid: the rendered day and the
warnings are cached under it (``studio.selectors.grid_page``), and any edit makes a new one.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db import connection
from django.db.models import Model

from immerse.common.labels import level_label
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
from immerse.people.models import Person, Registration

LEVELS = tuple(sorted(LEVEL_LABELS))
GRID_CACHE_SECONDS = 600


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
    slot: GridSlot
    cells: list[tuple[GridRoom, Card | None]]


@dataclass
class Grid:
    days: list[date]
    day: date | None
    rooms: list[GridRoom]
    rows: list[Row]
    unplaced: list[Card]
    warnings: list[GridWarning]  # the shown day's
    warnings_elsewhere: int
    titles: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class GridSource:
    """The event's grid as the database holds it (plain rows), and their digest."""

    event_id: int
    zone: ZoneInfo
    rooms: list[tuple[int, str, int]]
    slots: list[tuple[int, datetime, datetime]]
    sessions: list[tuple[Any, ...]]  # id, title, room, slot, capacity, target levels
    hosts: list[tuple[int, int, str]]  # session id, person id, name
    levels: tuple[int, ...]
    digest: str


def event_levels(*, event: Event) -> tuple[int, ...]:
    """The levels the event's people are at; every level before anyone has a level."""
    found = (Registration.objects.filter(event=event, level__isnull=False)
             .exclude(status=Registration.Status.CANCELLED)
             .values_list("level", flat=True).distinct())
    return tuple(sorted({level for level in found if level is not None})) or LEVELS


def grid_source(*, event: Event) -> GridSource:
    """Read everything the grid shows (five queries of plain values) and digest it.

    The digest covers every input of the rendered grid: the event's slug (in its links) and
    time zone (its days and times), rooms, slots, each session's title, place, capacity,
    levels and hosts, and the levels people are at."""
    rooms = list(Room.objects.filter(event=event).values_list("id", "name", "capacity"))
    slots = list(TimeSlot.objects.filter(event=event).order_by("start", "end", "pk")
                 .values_list("id", "start", "end"))
    sessions = list(Session.objects.filter(event=event).order_by("title", "pk").values_list(
        "id", "title", "room_id", "slot_id", "capacity", "target_levels"))
    hosts = list(Session.facilitators.through.objects.filter(session__event=event)
                 .order_by("session_id", "person_id")
                 .values_list("session_id", "person_id", "person__name"))
    levels = event_levels(event=event)
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((event.pk, event.slug, event.time_zone, rooms, slots, sessions, hosts,
                        levels)).encode())
    return GridSource(event_id=event.pk, zone=ZoneInfo(event.time_zone), rooms=rooms,
                      slots=slots, sessions=sessions, hosts=hosts, levels=levels,
                      digest=digest.hexdigest())


@lru_cache(maxsize=1)
def _digest_sql() -> str:
    """One PostgreSQL query digesting what ``grid_source`` reads, inside the database: a
    FOSDEM grid's ~2,400 rows are hashed where they lie instead of sent and parsed (most of
    the page's time once the rendered day is cached). ``ROW(…)::text`` quotes each field, so
    two different rows never read alike."""
    tables: dict[str, type[Model]] = {
        "room": Room, "slot": TimeSlot, "session": Session,
        "hosting": Session.facilitators.through, "person": Person,
        "registration": Registration}
    t = {name: connection.ops.quote_name(model._meta.db_table)
         for name, model in tables.items()}
    return f"""SELECT
      (SELECT md5(coalesce(string_agg(ROW(id, name, capacity)::text, ',' ORDER BY id), ''))
       FROM {t["room"]} WHERE event_id = %(event)s),
      (SELECT md5(coalesce(string_agg(ROW(id, start, "end")::text, ',' ORDER BY id), ''))
       FROM {t["slot"]} WHERE event_id = %(event)s),
      (SELECT md5(coalesce(string_agg(ROW(id, title, room_id, slot_id, capacity,
                                         target_levels)::text, ',' ORDER BY id), ''))
       FROM {t["session"]} WHERE event_id = %(event)s),
      (SELECT md5(coalesce(string_agg(ROW(h.session_id, h.person_id, p.name)::text, ','
                                      ORDER BY h.session_id, h.person_id), ''))
       FROM {t["hosting"]} h JOIN {t["session"]} s ON s.id = h.session_id
       JOIN {t["person"]} p ON p.id = h.person_id WHERE s.event_id = %(event)s),
      (SELECT string_agg(DISTINCT level::text, ',') FROM {t["registration"]}
       WHERE event_id = %(event)s AND level IS NOT NULL AND status <> %(cancelled)s)"""


def grid_digest(*, event: Event) -> tuple[str, GridSource | None]:
    """A digest that changes whenever anything the grid shows changes (``grid_source``'s
    inputs): on PostgreSQL one query (and no source), elsewhere ``grid_source``'s own."""
    if connection.vendor != "postgresql":
        source = grid_source(event=event)
        return source.digest, source
    with connection.cursor() as cursor:
        cursor.execute(_digest_sql(), {"event": event.pk,
                                       "cancelled": Registration.Status.CANCELLED.value})
        parts = cursor.fetchone()
    return hashlib.blake2b(repr((event.pk, event.slug, event.time_zone, parts)).encode(),
                           digest_size=16).hexdigest(), None


def _grid_sessions(source: GridSource) -> list[GridSession]:
    hosts: defaultdict[int, list[Host]] = defaultdict(list)
    for session_id, person_id, name in source.hosts:
        hosts[session_id].append(Host(person_id, name))
    return [GridSession(pk, title, room, slot, capacity, tuple(levels or ()),
                        tuple(hosts[pk]))
            for pk, title, room, slot, capacity, levels in source.sessions]


def warnings_get(*, source: GridSource) -> tuple[GridWarning, ...]:
    """The whole grid's warnings, computed once per change (cached under the digest)."""
    key = f"studio-grid-warnings:{source.event_id}:{source.digest}"
    found: tuple[GridWarning, ...] | None = cache.get(key)
    if found is None:
        found = grid_warnings(
            sessions=_grid_sessions(source),
            slots=[GridSlot(*row) for row in source.slots],
            rooms=[GridRoom(*row) for row in source.rooms], levels=source.levels)
        cache.set(key, found, GRID_CACHE_SECONDS)
    return found


def grid_days(source: GridSource) -> list[date]:
    return sorted({start.astimezone(source.zone).date() for _id, start, _end in source.slots})


def grid_get(*, source: GridSource, day: date | None) -> Grid:
    """The grid of ``day`` (default: the first day with slots) and what it warns about;
    only that day's cells are built."""
    zone = source.zone
    days = grid_days(source)
    shown = day if day in days else (days[0] if days else None)
    warnings = warnings_get(source=source)
    rooms = [GridRoom(*row) for row in source.rooms]
    day_slots = [GridSlot(*row) for row in source.slots
                 if row[1].astimezone(zone).date() == shown]
    shown_ids = {slot.id for slot in day_slots}
    cards = [Card(pk, title, ", ".join(level_label(lv) for lv in sorted(levels or ())
                                       if lv in LEVEL_LABELS), room, slot)
             for pk, title, room, slot, _capacity, levels in source.sessions]
    at = {(c.room, c.slot): c for c in cards if c.room and c.slot in shown_ids}
    keyed = [(room.id, room) for room in rooms]
    rows = [Row(slot, [(room, at.get((room_id, slot.id))) for room_id, room in keyed])
            for slot in day_slots]
    mine = [w for w in warnings if w.slot in shown_ids]
    return Grid(days=days, day=shown, rooms=rooms, rows=rows,
                unplaced=[c for c in cards if not (c.room and c.slot)],
                warnings=mine, warnings_elsewhere=len(warnings) - len(mine),
                titles={pk: title for pk, title, *_rest in source.sessions})
