"""schedule.json on small documents and the schema's own negative example."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from immerse.engine.formats.schedule import Person, ScheduleFormatError
from immerse.engine.formats.schedule_json import (
    parse_schedule_json,
    schedule_to_json,
    validate_schedule_json,
)


def document(events: list[dict[str, Any]], **conference: Any) -> bytes:
    day = {
        "index": 1,
        "date": "2014-12-27",
        "day_start": "2014-12-27T11:00:00+01:00",
        "rooms": {"Saal 1": events},
    }
    body = {"acronym": "demo", "title": "Demo", "days": [day], **conference}
    return orjson.dumps({"schedule": {"version": "1", "conference": body}})


def test_invalid_example_is_imported_leniently(formats_dir: Path, newest_json_schema: Path) -> None:
    # Its five schema errors are all about spelling, not meaning: an unknown "answers" key,
    # the event id "2814" as a string, a person id "dsadf" that is not a number (so the
    # person matches neither FrabPerson nor PretalxPerson) and "rooms" placed beside
    # "conference" instead of inside it. Every value is still unambiguous, so we read it
    # and keep the event, its room (with its guid) and its speaker; only the non-numeric
    # person id is dropped.
    data = (formats_dir / "examples" / "invalid-example.schedule.json").read_bytes()
    with pytest.raises(ScheduleFormatError, match="5 schema violation"):
        validate_schedule_json(data, newest_json_schema)

    schedule = parse_schedule_json(data, source="invalid-example.schedule.json")
    (event,) = schedule.events

    assert (event.id, event.title, event.room) == (
        2814,
        "Internal Penetration Testing Basics",
        "Winterchaos",
    )
    assert event.start.isoformat() == "2022-12-28T14:00:00+01:00"
    assert event.duration == timedelta(minutes=45)
    assert event.persons == (Person(name="Mänu", id=None, code="MÄaN0"),)
    assert [(room.name, room.guid) for room in schedule.rooms] == [
        ("Winterchaos", "99411f15-7335-4d36-abac-3ff0419ec954")
    ]
    validate_schedule_json(schedule_to_json(schedule), newest_json_schema)


def test_event_without_date_uses_start_and_end_instead_of_duration() -> None:
    data = document(
        [
            {
                "id": 3,
                "title": "Late",
                "start": "02:00",
                "end": "2014-12-28T03:15:00+01:00",
                "persons": ["Ada"],
            }
        ],
        time_zone_name="Europe/Berlin",
    )

    (event,) = parse_schedule_json(data).events

    assert event.start.isoformat() == "2014-12-28T02:00:00+01:00"
    assert event.duration == timedelta(hours=1, minutes=15)
    assert event.persons == (Person(name="Ada"),)


def test_nulls_and_unknown_keys_are_accepted() -> None:
    data = document(
        [{"id": "4", "date": "2014-12-27T12:00:00+01:00", "duration": "PT1H", "subtitle": None,
          "track": None, "language": None, "hologram": {"x": 1}}]
    )  # fmt: skip

    (event,) = parse_schedule_json(data).events

    assert (event.id, event.subtitle, event.track, event.language) == (4, "", None, None)
    assert event.duration == timedelta(hours=1)


@pytest.mark.parametrize(
    ("events", "place", "message"),
    [
        (
            [{"id": 1, "date": "2014-12-27T12:00:00+01:00", "duration": "00:10"},
             {"id": 2, "start": "25:99", "duration": "00:10"}],
            'schedule.conference.days[0].rooms["Saal 1"][1].start',
            "hour must be in 0..23",
        ),
        (
            [{"id": 1, "date": "2014-12-27T12:00:00+01:00", "duration": "ten"}],
            'schedule.conference.days[0].rooms["Saal 1"][0].duration',
            "not a duration: 'ten'",
        ),
        (
            [{"id": 1, "date": "2014-12-27T12:00:00+01:00", "duration": "00:10",
              "persons": {"a": 1}}],
            'schedule.conference.days[0].rooms["Saal 1"][0].persons',
            "expected a list, found dict",
        ),
        (
            ["not an event"],
            'schedule.conference.days[0].rooms["Saal 1"][0]',
            "expected an object, found str",
        ),
    ],
)  # fmt: skip
def test_uninterpretable_values_name_the_json_path(
    events: list[Any], place: str, message: str
) -> None:
    with pytest.raises(ScheduleFormatError) as caught:
        parse_schedule_json(document(events), source="demo.json")

    assert (caught.value.place, caught.value.message) == (place, message)


def test_broken_json_names_line_and_column() -> None:
    with pytest.raises(ScheduleFormatError, match="not valid JSON") as caught:
        parse_schedule_json(b'{"schedule": {\n  "version": "1",\n  "conference": }\n}')

    assert caught.value.place == "line 3, column 17"


def test_missing_conference_is_refused() -> None:
    with pytest.raises(ScheduleFormatError, match="missing 'conference'") as caught:
        parse_schedule_json(b'{"schedule": {"version": "1"}}')

    assert caught.value.place == "schedule"


def test_export_fills_what_the_schema_requires(newest_json_schema: Path) -> None:
    data = document([{"title": "No ids", "date": "2014-12-27T12:00:00+01:00", "duration": "1:30:00",
                      "slug": "Not A Valid Slug", "persons": [{"name": "Ada", "code": "ABC123"}]}],
                    acronym="Camp-2014")  # fmt: skip

    exported = schedule_to_json(parse_schedule_json(data))
    validate_schedule_json(exported, newest_json_schema)
    conference = orjson.loads(exported)["schedule"]["conference"]
    event = conference["days"][0]["rooms"]["Saal 1"][0]

    assert conference["acronym"] == "camp_2014"
    assert (event["id"], event["slug"], event["duration"], event["start"]) == (
        1,
        "camp_2014-1-no-ids",
        "01:30",
        "12:00",
    )
    assert event["url"] == f"urn:uuid:{event['guid']}"
    assert event["persons"] == [{"name": "Ada", "code": "ABC123"}]


def test_windows_line_ends_and_pageless_events_survive_a_round_trip() -> None:
    data = document(
        [
            {
                "id": 1,
                "guid": "5bb0aa4e-0c0e-5ccd-9523-0ed1ca679039",
                "date": "2014-12-27T12:00:00+01:00",
                "duration": "00:10",
                "abstract": "one\r\ntwo\rthree",
            }
        ]
    )

    (event,) = parse_schedule_json(data).events
    (again,) = parse_schedule_json(schedule_to_json(parse_schedule_json(data))).events

    assert event.abstract == "one\ntwo\nthree"
    assert (again.abstract, again.url) == ("one\ntwo\nthree", None)
