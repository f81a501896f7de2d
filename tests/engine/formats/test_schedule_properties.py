"""Properties of the schedule writers on generated schedules (the net the outside test lacked).

Any schedule — any zone (with summer time or half-hour offsets), days across a DST change,
days that run past midnight, talks after midnight, no talk at all, texts with characters XML
cannot hold — is written as XML that passes `schedule.xml.xsd` and JSON that passes
`schema.json`, and reads back with every event's title, room, day, local start, duration and
persons.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from immerse.engine.formats.frab_xml import (
    parse_frab_xml,
    schedule_to_frab_xml,
    validate_frab_xml,
)
from immerse.engine.formats.schedule import (
    Conference,
    Day,
    Person,
    Schedule,
    ScheduleEvent,
    ScheduleFormatError,
    conference_day,
    format_duration,
    printable,
)
from immerse.engine.formats.schedule_json import (
    parse_schedule_json,
    schedule_to_json,
    validate_schedule_json,
)

PROPERTY = settings(max_examples=40, deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ZONES = ("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC")
# Ordinary days and the days clocks change in Europe and North America.
FIRST_DAYS = (date(2024, 2, 3), date(2024, 3, 30), date(2024, 3, 9), date(2024, 10, 26),
              date(2024, 11, 2), date(2014, 12, 27))
ROOMS = ("Saal 1", "Main", "K.1.105 (La Fontaine)", "Room B / äöü")
HOSTILE = "\x00\x01\x0b\x0c\x1f\ufffe\uffff\r\r\n\t &<>\"'é€\u2028\U0001f600"


def _text(*, hostile: bool) -> st.SearchStrategy[str]:
    letters = st.characters(codec="utf-8", exclude_categories=("Cs",))
    parts = st.text(letters, max_size=20)
    return st.lists(parts | st.sampled_from(HOSTILE), max_size=6).map("".join) if hostile \
        else parts


def _read_text(text: str) -> str:
    """What a reader gives back for ``text``: writable, line ends as \\n, stripped."""
    return printable(text).replace("\r\n", "\n").replace("\r", "\n").strip()


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    zone_name = draw(st.sampled_from(ZONES))
    zone = ZoneInfo(zone_name)
    change = draw(st.sampled_from((time(0), time(4), time(6))))
    first = draw(st.sampled_from(FIRST_DAYS))
    days, next_id = [], 1
    for index in range(draw(st.integers(0, 3))):
        day_date = first + timedelta(days=index)
        start = datetime.combine(day_date, change, tzinfo=zone)
        end = datetime.combine(day_date + timedelta(days=1), change, tzinfo=zone)
        events = []
        for _ in range(draw(st.integers(0, 4))):
            # Absolute minutes after the day's start, short of the shortest (23 h) day.
            offset = timedelta(minutes=draw(st.integers(0, 22 * 60)))
            events.append(ScheduleEvent(
                id=next_id, title=draw(_text(hostile=True)), room=draw(st.sampled_from(ROOMS)),
                start=(start.astimezone(UTC) + offset).astimezone(zone),
                duration=timedelta(minutes=draw(st.integers(5, 240))),
                abstract=draw(_text(hostile=True)),
                persons=tuple(Person(name=name) for name in draw(
                    st.lists(_text(hostile=False).filter(str.strip), max_size=3)))))
            next_id += 1
        days.append(Day(index=index + 1, date=day_date, start=start, end=end,
                        events=tuple(events)))
    with_time = draw(st.booleans())
    conference = Conference(
        title=draw(_text(hostile=True)), acronym="prop2024", time_zone=zone_name,
        start=datetime.combine(first, change, tzinfo=zone) if with_time else first,
        end=first + timedelta(days=max(len(days) - 1, 0)))
    return Schedule(conference=conference, days=tuple(days))


def _facts(schedule: Schedule, zone: ZoneInfo) -> list[tuple[object, ...]]:
    return sorted((_read_text(event.title), event.room, day.date,
                   event.start.astimezone(zone), format_duration(event.duration),
                   tuple(_read_text(person.name) for person in event.persons))
                  for day in schedule.days for event in day.events)


@PROPERTY
@given(schedule=schedules())
def test_any_schedule_is_written_valid_and_read_back_whole(
        schedule: Schedule, newest_xsd: Path, newest_json_schema: Path) -> None:
    zone = ZoneInfo(schedule.conference.time_zone or "UTC")
    xml, json = schedule_to_frab_xml(schedule), schedule_to_json(schedule)
    validate_frab_xml(xml, newest_xsd)
    validate_schedule_json(json, newest_json_schema)
    for read in (parse_frab_xml(xml), parse_schedule_json(json)):
        assert _facts(read, zone) == _facts(schedule, zone)
        assert read.conference.start == schedule.conference.start
        assert len(read.days) == max(len(schedule.days), 1)


@PROPERTY
@given(schedule=schedules())
def test_every_event_falls_on_its_day_by_the_day_change(schedule: Schedule) -> None:
    zone = ZoneInfo(schedule.conference.time_zone or "UTC")
    for day in schedule.days:
        assert day.start is not None
        change = day.start.astimezone(zone).time()
        for event in day.events:
            assert conference_day(event.start, zone=zone, day_change=change) == day.date
            assert conference_day(event.start, zone=zone, day_change=time(23, 59),
                                  days=schedule.days) == day.date


@pytest.mark.parametrize("writer", [schedule_to_frab_xml, schedule_to_json])
def test_a_schedule_with_neither_days_nor_dates_is_refused(writer) -> None:
    with pytest.raises(ScheduleFormatError, match="nothing to write"):
        writer(Schedule(conference=Conference(title="x", acronym="none"), days=()))
