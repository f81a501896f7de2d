"""The four real published schedules: exact counts, round trips, valid exports."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from immerse.engine.formats.frab_xml import (
    parse_frab_xml,
    schedule_to_frab_xml,
    validate_frab_xml,
)
from immerse.engine.formats.schedule import Schedule, ScheduleFormatError
from immerse.engine.formats.schedule_json import (
    parse_schedule_json,
    schedule_to_json,
    validate_schedule_json,
)

# (events, rooms, days, distinct persons), checked against an independent walk below.
EXPECTED_COUNTS = {
    "fosdem-2024.schedule.xml": (876, 35, 2, 945),
    "31c3.schedule.xml": (138, 4, 4, 198),
    "frab-camp2019.schedule.json": (79, 2, 5, 90),
    "pretalx-rc3.schedule.json": (48, 5, 4, 56),
}
EXAMPLES = sorted(EXPECTED_COUNTS)
UUID_PATTERN = re.compile(r"^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$")


def independent_counts(path: Path) -> tuple[int, int, int, int]:
    """Counts by a plain XPath / dict walk, sharing no code with the importers."""
    if path.suffix == ".xml":
        root = ET.parse(path).getroot()  # trusted local test data, so plain ElementTree
        return (
            len(root.findall("day/room/event")),
            len({room.get("name") for room in root.findall("day/room")}),
            len(root.findall("day")),
            len({person.get("id") for person in root.iter("person")}),
        )
    conference = json.loads(path.read_text())["schedule"]["conference"]
    events = [e for day in conference["days"] for room in day["rooms"].values() for e in room]
    rooms = {name for day in conference["days"] for name in day["rooms"]}
    rooms |= {room["name"] for room in conference.get("rooms", [])}
    persons = {person["id"] for event in events for person in event["persons"]}
    return len(events), len(rooms), len(conference["days"]), len(persons)


def counts(schedule: Schedule) -> tuple[int, int, int, int]:
    return (
        len(schedule.events),
        len(schedule.rooms),
        len(schedule.days),
        len(schedule.persons()),
    )


def summary(schedule: Schedule) -> dict[str, Any]:
    """What a round trip must keep: titles, rooms, start times, durations, persons, per day."""
    return {
        "rooms": [room.name for room in schedule.rooms],
        "days": [
            (day.date, [(e.title, e.room, e.start, e.duration, e.track) for e in day.events])
            for day in schedule.days
        ],
        "persons": sorted((p.id or 0, p.name) for p in schedule.persons()),
    }


@pytest.mark.parametrize("name", EXAMPLES)
def test_expected_counts_match_an_independent_walk(formats_dir: Path, name: str) -> None:
    assert independent_counts(formats_dir / "examples" / name) == EXPECTED_COUNTS[name]


@pytest.mark.parametrize("name", EXAMPLES)
def test_real_schedule_imports_every_event_room_day_and_person(
    parsed_examples: dict[str, Schedule], name: str
) -> None:
    assert counts(parsed_examples[name]) == EXPECTED_COUNTS[name]


@pytest.mark.parametrize("name", EXAMPLES)
def test_real_schedule_round_trips_in_its_own_format(
    parsed_examples: dict[str, Schedule], name: str
) -> None:
    schedule = parsed_examples[name]
    if name.endswith(".xml"):
        again = parse_frab_xml(schedule_to_frab_xml(schedule))
    else:
        again = parse_schedule_json(schedule_to_json(schedule))

    assert counts(again) == EXPECTED_COUNTS[name]
    assert summary(again) == summary(schedule)
    # Field by field, only guid and slug may change: they are normalised to the schemas.
    assert [replace(e, guid=None, slug=None) for e in again.events] == [
        replace(e, guid=None, slug=None) for e in schedule.events
    ]
    kept_guids = [
        (before.guid, after.guid)
        for before, after in zip(schedule.events, again.events, strict=True)
        if UUID_PATTERN.match(before.guid or "")
    ]
    assert kept_guids and all(before == after for before, after in kept_guids)
    assert replace(again.conference, acronym="") == replace(schedule.conference, acronym="")


@pytest.mark.parametrize("name", EXAMPLES)
def test_xml_export_of_real_schedule_is_valid_and_reads_back(
    parsed_examples: dict[str, Schedule], name: str, newest_xsd: Path
) -> None:
    exported = schedule_to_frab_xml(parsed_examples[name])

    validate_frab_xml(exported, newest_xsd)
    assert summary(parse_frab_xml(exported)) == summary(parsed_examples[name])


@pytest.mark.parametrize("name", EXAMPLES)
def test_json_export_of_real_schedule_is_valid_and_reads_back(
    parsed_examples: dict[str, Schedule], name: str, newest_json_schema: Path
) -> None:
    exported = schedule_to_json(parsed_examples[name])

    validate_schedule_json(exported, newest_json_schema)
    assert summary(parse_schedule_json(exported)) == summary(parsed_examples[name])


def test_exports_are_deterministic(parsed_examples: dict[str, Schedule]) -> None:
    schedule = parsed_examples["31c3.schedule.xml"]

    assert schedule_to_frab_xml(schedule) == schedule_to_frab_xml(schedule)
    assert schedule_to_json(schedule) == schedule_to_json(schedule)


def test_fosdem_first_event_is_read_field_by_field(parsed_examples: dict[str, Schedule]) -> None:
    schedule = parsed_examples["fosdem-2024.schedule.xml"]
    event = next(iter(schedule.events))

    assert schedule.conference.acronym == "fosdem-2024"
    assert schedule.conference.time_zone == "Europe/Brussels"
    assert (event.id, event.guid) == (3023, "5bb0aa4e-0c0e-5ccd-9523-0ed1ca679039")
    assert event.start.isoformat() == "2024-02-03T09:30:00+01:00"
    assert event.duration.total_seconds() == 25 * 60
    assert (event.room, event.track, event.type, event.language) == (
        "Janson",
        "Keynotes",
        "keynote",
        "en",
    )
    assert [(p.id, p.name) for p in event.persons] == [
        (2, "FOSDEM Staff"),
        (1324, 'Richard "RichiH" Hartmann'),
    ]
    assert event.links[0].title == "Chat room(web)"
    assert event.feedback_url == "https://pretalx.fosdem.org/fosdem-2024/talk/GK99DE/feedback/"
    assert len(schedule.tracks) == 67  # the <tracks> block FOSDEM adds outside the XSD


def test_base64_guids_of_31c3_are_exported_as_the_same_uuid(
    parsed_examples: dict[str, Schedule],
) -> None:
    schedule = parsed_examples["31c3.schedule.xml"]
    event = next(e for e in schedule.events if e.guid == "HOqeNIb6G7M4hYFKFRkCmQ")

    again = parse_frab_xml(schedule_to_frab_xml(schedule))
    exported = next(e for e in again.events if e.id == event.id)

    assert exported.guid == "1cea9e34-86fa-1bb3-3885-814a15190299"


def test_reader_accepts_a_real_file_the_newest_xsd_rejects(
    formats_dir: Path, newest_xsd: Path
) -> None:
    original = (formats_dir / "examples" / "31c3.schedule.xml").read_bytes()

    with pytest.raises(ScheduleFormatError, match=r"XSD violation"):
        validate_frab_xml(original, newest_xsd)  # base64 guids break the uuid pattern
    assert counts(parse_frab_xml(original)) == EXPECTED_COUNTS["31c3.schedule.xml"]


def without_export_normalisation(schedule: Schedule) -> list[Any]:
    """Events minus what an export may rewrite: guid, slug, and person codes and biographies
    (XML has neither)."""
    return [
        replace(e, guid=None, slug=None,
                persons=tuple(replace(p, code=None, biography="") for p in e.persons))
        for e in schedule.events
    ]


@pytest.mark.parametrize("name", EXAMPLES)
def test_real_schedule_survives_a_trip_through_the_other_format(
    parsed_examples: dict[str, Schedule], name: str
) -> None:
    schedule = parsed_examples[name]
    if name.endswith(".xml"):
        again = parse_frab_xml(
            schedule_to_frab_xml(parse_schedule_json(schedule_to_json(schedule)))
        )
    else:
        again = parse_schedule_json(
            schedule_to_json(parse_frab_xml(schedule_to_frab_xml(schedule)))
        )

    assert counts(again) == EXPECTED_COUNTS[name]
    assert without_export_normalisation(again) == without_export_normalisation(schedule)
