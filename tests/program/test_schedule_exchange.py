"""Schedules in and out: the four real files import, export valid XML/JSON, and round-trip."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from immerse.cli import app
from immerse.engine.formats.frab_xml import validate_frab_xml
from immerse.engine.formats.schedule_json import validate_schedule_json
from immerse.events.models import Event, Room, Session
from immerse.program.selectors import schedule_export
from immerse.program.services.schedule import parse_schedule, schedule_import

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "formats"
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
