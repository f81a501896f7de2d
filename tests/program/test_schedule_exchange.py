"""Schedules in and out: the four real files import, export valid XML/JSON, and round-trip
with every event's title, room, day, local start, duration and persons intact."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from immerse.cli import app
from immerse.engine.formats.frab_xml import validate_frab_xml
from immerse.engine.formats.schedule_json import validate_schedule_json
from immerse.events.models import Event, Room, Session
from immerse.program.selectors import schedule_export
from immerse.program.services.schedule import parse_schedule, schedule_import
from tests.factories import make_event, make_session
from tests.program.congress import BERLIN, congress_with_day_change, facts
from tests.shared_data import shared_data

SHARED = shared_data("formats")
XSD = SHARED / "schemas" / "schedule.xml.xsd"
JSON_SCHEMA = SHARED / "schemas" / "schedule.schema.json"
EXAMPLES = {"fosdem-2024.schedule.xml": 876, "31c3.schedule.xml": 138,
            "frab-camp2019.schedule.json": 79, "pretalx-rc3.schedule.json": 48}
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data/formats is absent"),
]


def _import(name: str, slug: str) -> Event:
    data = (SHARED / "examples" / name).read_bytes()
    return schedule_import(schedule=parse_schedule(data, source=name), slug=slug).event


def _titles(event: Event) -> Counter[str]:
    return Counter(Session.objects.filter(event=event).values_list("title", flat=True))


@pytest.mark.parametrize(("name", "count"), EXAMPLES.items())
def test_real_schedule_round_trips_through_both_formats(name: str, count: int,
                                                        tmp_path: Path) -> None:
    event = _import(name, "original")
    schedule = parse_schedule((SHARED / "examples" / name).read_bytes(), source=name)
    assert Session.objects.filter(event=event).count() == count == len(schedule.events)
    assert Room.objects.filter(event=event).count() == len(schedule.rooms)
    persons = {p.name for item in schedule.events for p in item.persons}
    for fmt in ("xml", "json"):
        exported = schedule_export(event=event, fmt=fmt)
        again = schedule_import(schedule=parse_schedule(exported, source=fmt),
                                slug=f"again-{fmt}").event
        assert _titles(again) == _titles(event)
        assert {p.name for item in parse_schedule(exported, source=fmt).events
                for p in item.persons} == persons
        days = {s.slot.start.date() for s in Session.objects.filter(event=again)
                .select_related("slot")}
        assert len(days) == len({d.date for d in schedule.days if d.events})


@pytest.mark.parametrize("name", ["31c3.schedule.xml", "frab-camp2019.schedule.json"])
def test_exports_validate_against_the_newest_schemas(name: str) -> None:
    event = _import(name, "valid")
    validate_frab_xml(schedule_export(event=event, fmt="xml"),
                      SHARED / "schemas" / "schedule.xml.xsd")
    validate_schedule_json(schedule_export(event=event, fmt="json"),
                           SHARED / "schemas" / "schedule.schema.json")


def test_native_demo_like_program_exports_valid_files() -> None:
    from tests.factories import make_event, make_person, make_session

    event = make_event(slug="native")
    session = make_session(event=event, title="Stories of listening", fmt="story")
    session.facilitators.add(make_person(name="Marta K"))
    xml = schedule_export(event=event, fmt="xml")
    validate_frab_xml(xml, SHARED / "schemas" / "schedule.xml.xsd")
    validate_schedule_json(schedule_export(event=event, fmt="json"),
                           SHARED / "schemas" / "schedule.schema.json")
    assert b"Marta K" in xml


def test_cli_import_creates_event_and_malformed_file_changes_nothing(tmp_path: Path) -> None:
    runner = CliRunner()
    good = SHARED / "examples" / "frab-camp2019.schedule.json"
    result = runner.invoke(app, ["import", "schedule", str(good), "--event", "camp"])
    assert result.exit_code == 0, result.output
    assert "Created camp: 2 rooms" in result.output
    broken = tmp_path / "broken.xml"
    broken.write_text("<schedule><conference><title>X</title></conference><day index='1'"
                      " date='2024-13-40'></day></schedule>")
    result = runner.invoke(app, ["import", "schedule", str(broken), "--event", "broken"])
    assert result.exit_code == 1
    assert "broken.xml" in result.output and "Nothing was imported." in result.output
    assert not Event.objects.filter(slug="broken").exists()
    exported = runner.invoke(app, ["export", "schedule", "--event", "camp", "--format", "json"])
    assert exported.exit_code == 0 and '"conference"' in exported.output


def test_xml_entity_bombs_are_refused() -> None:
    from immerse.engine.formats.schedule import ScheduleFormatError

    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><schedule>&lol2;</schedule>')
    with pytest.raises(ScheduleFormatError):
        parse_schedule(bomb, source="bomb.xml")


@pytest.mark.parametrize("name", EXAMPLES)
def test_real_schedule_round_trip_keeps_every_events_facts(name: str) -> None:
    original = parse_schedule((SHARED / "examples" / name).read_bytes(), source=name)
    event = _import(name, "original")
    zone = ZoneInfo(event.time_zone)
    expected = facts(original, zone)
    for fmt in ("xml", "json"):
        exported = parse_schedule(schedule_export(event=event, fmt=fmt), source=fmt)
        assert facts(exported, zone) == expected, fmt
        again = schedule_import(schedule=exported, slug=f"again-{fmt}").event
        assert facts(parse_schedule(schedule_export(event=again, fmt=fmt), source=fmt),
                     zone) == expected, f"{fmt}, exported twice"


def test_a_congress_with_a_day_change_round_trips_every_talk() -> None:
    data, expected = congress_with_day_change(SHARED / "examples" / "31c3.schedule.xml")
    assert facts(parse_schedule(data, source="congress.xml"), BERLIN) == expected
    event = schedule_import(schedule=parse_schedule(data, source="congress.xml"),
                            slug="congress").event
    assert len(expected) == Session.objects.filter(event=event).count() == 138
    for fmt, check, schema in (("xml", validate_frab_xml, XSD),
                               ("json", validate_schedule_json, JSON_SCHEMA)):
        exported = schedule_export(event=event, fmt=fmt)
        check(exported, schema)
        again = parse_schedule(exported, source=fmt)
        assert facts(again, BERLIN) == expected, fmt
        assert (again.conference.start, again.conference.end) == (
            datetime(2014, 12, 27, 6, tzinfo=BERLIN), datetime(2014, 12, 31, 6, tzinfo=BERLIN))
        assert [(day.date, day.start) for day in again.days] == [
            (date(2014, 12, n), datetime(2014, 12, n, 6, tzinfo=BERLIN)) for n in (27, 28, 29, 30)]


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_exports_write_local_times_of_the_declared_zone(fmt: str) -> None:
    event = make_event(slug="ams", time_zone="Europe/Amsterdam", start_date=date(2027, 5, 1),
                       end_date=date(2027, 5, 1))
    session = make_session(event=event, title="Morning", start_hour=9)
    exported = schedule_export(event=event, fmt=fmt)
    if fmt == "xml":
        assert b"<start>09:00</start>" in exported
        assert b"<date>2027-05-01T09:00:00+02:00</date>" in exported
        assert b"<time_zone_name>Europe/Amsterdam</time_zone_name>" in exported
        # A reader that only looks at <start> (immerse's own fallback, older apps) in the
        # declared zone finds the same moment.
        exported = re.sub(rb"\s*<date>[^<]*</date>", b"", exported)
    else:
        assert b'"start": "09:00"' in exported
        assert b'"date": "2027-05-01T09:00:00+02:00"' in exported
    (read,) = parse_schedule(exported, source=fmt).events
    assert read.start == session.slot.start


def test_an_event_without_sessions_exports_valid_files() -> None:
    event = make_event(slug="empty", start_date=date(2027, 5, 1), end_date=date(2027, 5, 3))
    xml = schedule_export(event=event, fmt="xml")
    validate_frab_xml(xml, XSD)
    validate_schedule_json(schedule_export(event=event, fmt="json"), JSON_SCHEMA)
    schedule = parse_schedule(xml, source="empty.xml")
    assert [day.date for day in schedule.days] == [date(2027, 5, n) for n in (1, 2, 3)]
    assert schedule.events == ()


def test_cli_export_validates_and_writes_nothing_when_invalid() -> None:
    make_event(slug="empty")
    runner = CliRunner()
    valid = runner.invoke(app, ["export", "schedule", "--event", "empty", "--format", "xml",
                                "--schema", str(XSD)])
    assert valid.exit_code == 0, valid.output
    validate_frab_xml(valid.stdout_bytes, XSD)
    old_xsd = SHARED / "schemas" / "schedule.2015-07-25.xml.xsd"  # a schema the export breaks
    refused = runner.invoke(app, ["export", "schedule", "--event", "empty", "--format", "xml",
                                  "--schema", str(old_xsd)])
    assert refused.exit_code == 1
    assert refused.stdout_bytes == b""
    assert "does not validate against" in refused.stderr and "Nothing was written" in refused.stderr
