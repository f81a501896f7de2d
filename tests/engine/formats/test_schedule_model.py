"""Durations, times and the identities exporters fill in."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time, timedelta

import pytest

from immerse.engine.formats.schedule import (
    IMMERSE_SCHEDULE_NAMESPACE,
    Conference,
    Day,
    Schedule,
    ScheduleEvent,
    export_acronym,
    export_event_identities,
    export_guid,
    format_duration,
    parse_duration,
    parse_time_of_day,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("00:25", timedelta(minutes=25)),
        ("1:30", timedelta(hours=1, minutes=30)),
        ("0:45:00", timedelta(minutes=45)),
        ("01:00:30", timedelta(hours=1, seconds=30)),
        ("1:02:00:00", timedelta(days=1, hours=2)),
        ("36:00", timedelta(hours=36)),
        ("90", timedelta(minutes=90)),
        ("PT1H30M", timedelta(hours=1, minutes=30)),
        ("P1DT2H", timedelta(days=1, hours=2)),
        (" 00:05 ", timedelta(minutes=5)),
    ],
)
def test_duration_spellings_found_in_the_wild(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "P", "ten", "1:75", "1:2:3:4:5", "-0:30", "1.5h"])
def test_unreadable_durations_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="duration"):
        parse_duration(text)


@pytest.mark.parametrize(
    ("duration", "text"),
    [
        (timedelta(minutes=25), "00:25"),
        (timedelta(hours=26), "26:00"),
        (timedelta(minutes=1, seconds=1), "00:02"),
    ],
)
def test_format_duration_is_hours_and_minutes(duration: timedelta, text: str) -> None:
    assert format_duration(duration) == text


def test_time_of_day_accepts_hours_minutes_and_seconds() -> None:
    assert [parse_time_of_day(t) for t in ("9", "09:30", "23:59:59")] == [
        time(9),
        time(9, 30),
        time(23, 59, 59),
    ]


@pytest.mark.parametrize(
    ("acronym", "xml", "json"),
    [
        ("fosdem-2024", "fosdem-2024", "fosdem_2024"),
        ("Camp2019", "camp2019", "camp2019"),
        ("C3", "c3__", "c3__"),
    ],
)
def test_export_acronym_meets_both_schema_patterns(acronym: str, xml: str, json: str) -> None:
    assert (export_acronym(acronym, json=False), export_acronym(acronym, json=True)) == (xml, json)


def test_export_guid_keeps_uuids_and_mints_uuid5_from_the_event_id() -> None:
    kept = "5BB0AA4E-0C0E-5CCD-9523-0ED1CA679039"

    assert export_guid(kept, acronym="demo", event_id=1) == kept.lower()
    assert export_guid(None, acronym="demo", event_id=7) == str(
        uuid.uuid5(IMMERSE_SCHEDULE_NAMESPACE, "demo/7")
    )
    assert export_guid("not-a-guid", acronym="demo", event_id=7) == export_guid(
        None, acronym="demo", event_id=7
    )


def _event(event_id: int | None, slug: str | None, title: str = "Talk") -> ScheduleEvent:
    start = datetime(2024, 2, 3, 9, tzinfo=UTC)
    return ScheduleEvent(
        id=event_id, title=title, room="R", start=start, duration=timedelta(minutes=5), slug=slug
    )


def test_export_identities_are_unique_even_when_the_input_repeats_ids_and_slugs() -> None:
    events = (_event(3, "demo-three"), _event(3, "demo-three"), _event(None, None), _event(0, "ok"))
    schedule = Schedule(
        conference=Conference(title="Demo", acronym="demo"),
        days=(Day(index=1, date=events[0].start.date(), events=events),),
    )

    identities = [export_event_identities(schedule)[id(event)] for event in events]

    assert [identity.id for identity in identities] == [3, 4, 5, 6]
    assert [identity.slug for identity in identities] == [
        "demo-three",
        "demo-4-talk",
        "demo-5-talk",
        "demo-6-talk",
    ]
    assert len({identity.guid for identity in identities}) == 4
