"""A real congress schedule made hostile, and the per-event facts a round trip must keep.

The 31C3 schedule (Hamburg, December 2014) is rewritten to what big congress schedules do:
the zone is declared (Europe/Berlin), days run from 06:00 to 06:00 (a 06:00 day change), the
last talk of every room and day moves past midnight, every other talk loses its `<date>` (so
the reader must place it from the wall-clock `<start>` and the day's start) and the others
carry their `<date>` in UTC. The facts each talk must keep are computed here, while the
file is written, not by the reader under test.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # trusted test data, written by us
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from immerse.engine.formats.schedule import Schedule, format_duration

BERLIN = ZoneInfo("Europe/Berlin")
DAY_CHANGE = time(6, 0)


@dataclass(frozen=True, order=True)
class Fact:
    """What a round trip keeps of one event."""

    title: str
    room: str
    day: str  # the conference day (the <day> it is listed under), ISO date
    local_start: str  # wall clock in the conference's zone, ISO with offset
    duration: str  # HH:MM
    persons: tuple[str, ...]


def facts(schedule: Schedule, zone: ZoneInfo) -> list[Fact]:
    """Every event of ``schedule`` as its facts, sorted."""
    return sorted(
        Fact(event.title, event.room, day.date.isoformat(),
             event.start.astimezone(zone).isoformat(), format_duration(event.duration),
             tuple(person.name for person in event.persons))
        for day in schedule.days for event in day.events)


def _local(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=BERLIN)


def congress_with_day_change(original: Path) -> tuple[bytes, list[Fact]]:
    """The hostile 31C3 variant as bytes, and the facts of its events."""
    root = ET.fromstring(original.read_bytes())
    conference = root.find("conference")
    assert conference is not None
    ET.SubElement(conference, "time_zone_name").text = "Europe/Berlin"
    days = root.findall("day")
    first, last = (date.fromisoformat(day.get("date", "")) for day in (days[0], days[-1]))
    conference.find("start").text = _local(first, DAY_CHANGE).isoformat()  # type: ignore[union-attr]
    conference.find("end").text = _local(last + timedelta(days=1), DAY_CHANGE).isoformat()  # type: ignore[union-attr]
    expected, number = [], 0
    for day in days:
        day_date = date.fromisoformat(day.get("date", ""))
        day.set("start", _local(day_date, DAY_CHANGE).isoformat())
        day.set("end", _local(day_date + timedelta(days=1), DAY_CHANGE).isoformat())
        for room_number, room in enumerate(day.findall("room")):
            events = room.findall("event")
            for position, event in enumerate(events):
                start = datetime.fromisoformat(event.findtext("date", "")).astimezone(BERLIN)
                if position == len(events) - 1:  # the room's last talk: after midnight
                    start = _local(day_date + timedelta(days=1),
                                   time(0, 30)) + timedelta(minutes=50 * room_number)
                number += 1
                _rewrite_start(event, start, with_date=number % 2 == 0)
                expected.append(_fact(event, room.get("name", ""), day_date, start))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True), sorted(expected)


def _rewrite_start(event: ET.Element, start: datetime, *, with_date: bool) -> None:
    date_element = event.find("date")
    assert date_element is not None
    if with_date:
        date_element.text = start.astimezone(UTC).isoformat()
    else:
        event.remove(date_element)
    event.find("start").text = start.strftime("%H:%M")  # type: ignore[union-attr]


def _fact(event: ET.Element, room: str, day: date, start: datetime) -> Fact:
    hours, minutes = event.findtext("duration", "").split(":")
    return Fact(event.findtext("title", "").strip(), event.findtext("room", room).strip() or room,
                day.isoformat(), start.isoformat(), f"{int(hours):02d}:{int(minutes):02d}",
                _names(event.iterfind("persons/person")))


def _names(persons: Iterable[ET.Element]) -> tuple[str, ...]:
    return tuple((person.text or "").strip() for person in persons)
