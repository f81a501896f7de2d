"""What the third outside test found lost or bent on a round trip (issue 30, items 20–22):
the recording opt-out, logos and biographies, line ends, and the day-change boundary."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from immerse.engine.formats.frab_xml import parse_frab_xml, schedule_to_frab_xml
from immerse.engine.formats.schedule import Day, Schedule, conference_day
from immerse.engine.formats.schedule_json import parse_schedule_json, schedule_to_json

Trip = Callable[[Schedule], Schedule]


def xml_xml(schedule: Schedule) -> Schedule:
    return parse_frab_xml(schedule_to_frab_xml(schedule))


def json_json(schedule: Schedule) -> Schedule:
    return parse_schedule_json(schedule_to_json(schedule))


def through_json(schedule: Schedule) -> Schedule:
    return xml_xml(json_json(schedule))


def through_xml(schedule: Schedule) -> Schedule:
    return json_json(xml_xml(schedule))


TRIPS = [xml_xml, json_json, through_json, through_xml]


def opted_out(schedule: Schedule) -> list[str]:
    return sorted(event.title for event in schedule.events if event.do_not_record)


# ---- item 20: the recording opt-out, logos, biographies ----------------------------------


@pytest.mark.parametrize("trip", TRIPS, ids=lambda trip: trip.__name__)
@pytest.mark.parametrize(("name", "count"), [("31c3.schedule.xml", 2),
                                             ("pretalx-rc3.schedule.json", 3)])
def test_recording_opt_out_survives_every_round_trip(
    parsed_examples: dict[str, Schedule], name: str, count: int, trip: Trip
) -> None:
    schedule = parsed_examples[name]
    assert len(opted_out(schedule)) == count

    assert opted_out(trip(schedule)) == opted_out(schedule)


def test_recording_opt_out_is_read_from_the_xml_recording_element(
    parsed_examples: dict[str, Schedule]
) -> None:
    assert opted_out(parsed_examples["31c3.schedule.xml"]) == [
        "Citizenfour", "Googlequiz – 2015er Edition"]


@pytest.mark.parametrize("trip", [json_json, through_xml], ids=lambda trip: trip.__name__)
def test_event_logos_are_absolute_and_survive_both_formats(
    parsed_examples: dict[str, Schedule], trip: Trip
) -> None:
    schedule = parsed_examples["frab-camp2019.schedule.json"]
    logos = [event.logo for event in schedule.events if event.logo]
    assert len(logos) == 28
    assert logos[0] == ("https://fahrplan.events.ccc.de/system/events/logos/000/010/309/"
                        "large/edri_logo.png?1560268483")

    assert [event.logo for event in trip(schedule).events if event.logo] == logos


def test_person_biographies_survive_a_json_round_trip(
    parsed_examples: dict[str, Schedule]
) -> None:
    schedule = parsed_examples["pretalx-rc3.schedule.json"]
    biographies = [p.biography for e in schedule.events for p in e.persons if p.biography]
    assert len(biographies) == 38

    assert [p.biography for e in json_json(schedule).events
            for p in e.persons if p.biography] == biographies


# ---- item 21: one line-end rule for both readers ---------------------------------------


XML_WITH_CR = b"""<schedule><version>1</version><conference><acronym>demo</acronym>
<title>Demo</title></conference><day index="1" date="2024-02-03"><room name="Main">
<event id="7"><date>2024-02-03T09:30:00+01:00</date><duration>00:25</duration>
<title>Welcome</title><abstract>one&#13;&#10;two&#13;three</abstract>
<persons><person id="2">Ada&#13;</person></persons></event></room></day></schedule>"""

JSON_WITH_CR = b"""{"schedule": {"version": "1", "conference": {"acronym": "demo", "title": "Demo",
  "days": [{"index": 1, "date": "2024-02-03", "rooms": {"Main": [{"id": 7, "title": "Welcome",
  "date": "2024-02-03T09:30:00+01:00", "duration": "00:25", "abstract": "one\\r\\ntwo\\rthree",
  "persons": [{"id": 2, "public_name": "Ada\\r"}]}]}}]}}}"""


def test_both_readers_read_crlf_and_lone_cr_as_lf() -> None:
    (from_xml,) = parse_frab_xml(XML_WITH_CR).events
    (from_json,) = parse_schedule_json(JSON_WITH_CR).events

    assert from_xml.abstract == from_json.abstract == "one\ntwo\nthree"
    assert from_xml.persons == from_json.persons


def test_no_carriage_return_survives_an_xml_round_trip() -> None:
    exported = schedule_to_frab_xml(parse_frab_xml(XML_WITH_CR))

    assert b"\r" not in exported
    assert b"<abstract>one\ntwo\nthree</abstract>" in exported


def test_a_real_schedule_with_crlf_reads_the_same_from_both_formats(
    parsed_examples: dict[str, Schedule]
) -> None:
    # Camp 2019 writes 73 of its texts with \r\n; its XML export must read back the same.
    schedule = parsed_examples["frab-camp2019.schedule.json"]

    assert not [e.title for e in schedule.events if "\r" in e.abstract + e.description]
    assert [e.description for e in xml_xml(schedule).events] == [
        e.description for e in schedule.events]


# ---- item 22: a day holds its start, not its end ---------------------------------------

BERLIN = ZoneInfo("Europe/Berlin")


def _congress_day(n: int) -> Day:
    return Day(index=n, date=date(2014, 12, 26 + n),
               start=datetime(2014, 12, 26 + n, 6, tzinfo=BERLIN),
               end=datetime(2014, 12, 27 + n, 6, tzinfo=BERLIN))


@pytest.mark.parametrize(("start", "day"), [
    (datetime(2014, 12, 28, 6, 0, tzinfo=BERLIN), date(2014, 12, 28)),
    (datetime(2014, 12, 28, 5, 59, tzinfo=BERLIN), date(2014, 12, 27)),
    (datetime(2014, 12, 27, 6, 0, tzinfo=BERLIN), date(2014, 12, 27)),
])
def test_an_event_at_the_day_change_opens_the_day_that_starts_then(
    start: datetime, day: date
) -> None:
    assert conference_day(start, zone=BERLIN, day_change=time(6),
                          days=[_congress_day(1), _congress_day(2)]) == day
