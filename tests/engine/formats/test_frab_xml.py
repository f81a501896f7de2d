"""frab XML on small hand-written documents: leniency, clear errors, hostile input."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from immerse.engine.formats.frab_xml import (
    parse_frab_xml,
    schedule_to_frab_xml,
    validate_frab_xml,
)
from immerse.engine.formats.schedule import ScheduleFormatError


def frab(events: str, *, conference: str = "", day: str = 'index="1" date="2014-12-27"') -> bytes:
    return f"""<?xml version="1.0"?>
<schedule>
  <version>1</version>
  <conference><acronym>demo</acronym><title>Demo</title>{conference}</conference>
  <day {day}>
    <room name="Saal 1">
{events}
    </room>
  </day>
</schedule>""".encode()


def test_old_style_event_without_date_is_placed_by_day_start_and_zone() -> None:
    document = frab(
        '<event id="1"><start>11:00</start><duration>0:45:00</duration><title>A</title></event>'
        '<event id="2"><start>01:30</start><duration>1:00</duration><title>B</title></event>',
        conference="<time_zone_name>Europe/Berlin</time_zone_name>",
        day='index="1" date="2014-12-27" '
        'start="2014-12-27T11:00:00+01:00" end="2014-12-28T04:00:00+01:00"',
    )

    first, after_midnight = parse_frab_xml(document).events

    assert first.start.isoformat() == "2014-12-27T11:00:00+01:00"
    assert first.duration == timedelta(minutes=45)
    # 01:30 is before the day's 11:00 start: it is the night after, as frab days run on.
    assert after_midnight.start.isoformat() == "2014-12-28T01:30:00+01:00"


def test_unknown_elements_and_missing_optional_fields_are_accepted() -> None:
    document = frab(
        '<event id="5" surprise="yes"><date>2014-12-27T12:00:00+01:00</date>'
        "<duration>00:30</duration><hologram>3d</hologram></event>",
        conference="<subtitle>x</subtitle><venue>Hall</venue>",
    )

    (event,) = parse_frab_xml(document).events

    assert (event.id, event.title, event.room, event.persons, event.track) == (
        5,
        "",
        "Saal 1",
        (),
        None,
    )


def test_event_missing_id_and_guid_gets_deterministic_schema_valid_ones(newest_xsd: Path) -> None:
    schedule = parse_frab_xml(
        frab(
            "<event><date>2014-12-27T12:00:00+01:00</date><duration>00:30</duration>"
            "<title>Ünïcode talk!</title></event>"
        )
    )

    exported = schedule_to_frab_xml(schedule)
    validate_frab_xml(exported, newest_xsd)
    (event,) = parse_frab_xml(exported).events

    assert event.id == 1
    assert event.slug == "demo-1-unicode-talk"
    assert event.guid == (next(iter(parse_frab_xml(schedule_to_frab_xml(schedule)).events)).guid)
    assert event.guid is not None and len(event.guid) == 36


@pytest.mark.parametrize(
    ("events", "place", "message"),
    [
        (
            '<event id="9"><date>2014-12-27T12:00:00+01:00</date>'
            "<duration>half an hour</duration></event>",
            'line 7, column 53 (day[1]/room[@name="Saal 1"]/event[1][@id="9"]/duration)',
            "not a duration: 'half an hour'",
        ),
        (
            '<event id="9"><date>2014-13-27T12:00:00+01:00</date>'
            "<duration>00:10</duration></event>",
            'line 7, column 15 (day[1]/room[@name="Saal 1"]/event[1][@id="9"]/date)',
            "month must be in 1..12",
        ),
        (
            '<event id="9"><duration>00:10</duration></event>',
            'line 7, column 1 (day[1]/room[@name="Saal 1"]/event[1][@id="9"])',
            "the event has neither <date> nor <start>",
        ),
    ],
)
def test_uninterpretable_values_name_line_column_and_path(
    events: str, place: str, message: str
) -> None:
    with pytest.raises(ScheduleFormatError) as caught:
        parse_frab_xml(frab(events), source="demo.xml")

    assert caught.value.place == place
    assert caught.value.message == message
    assert str(caught.value).startswith(f"demo.xml: {place}: ")


def test_malformed_xml_names_line_and_column() -> None:
    with pytest.raises(ScheduleFormatError, match=r"not well-formed XML") as caught:
        parse_frab_xml(
            b"<schedule>\n  <version>1</version>\n  <conference>\n</schedule>", source="bad.xml"
        )

    assert caught.value.place == "line 4, column 3"


def test_wrong_root_element_is_refused() -> None:
    with pytest.raises(
        ScheduleFormatError, match=r"the root element is <html>, expected <schedule>"
    ):
        parse_frab_xml(b"<html><body/></html>")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE schedule [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
<schedule><version>&lol2;</version></schedule>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE schedule [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<schedule><version>&secret;</version></schedule>"""


@pytest.mark.parametrize(
    ("document", "line"), [(BILLION_LAUGHS, 3), (EXTERNAL_ENTITY, 2)], ids=["billion-laughs", "xxe"]
)
def test_entity_declarations_are_refused_before_expansion(document: bytes, line: int) -> None:
    with pytest.raises(
        ScheduleFormatError, match=r"entity declarations are refused \(XML bomb"
    ) as caught:
        parse_frab_xml(document, source="evil.xml")

    assert caught.value.place == f"line {line}"


def test_validation_reports_schema_violations(newest_xsd: Path) -> None:
    with pytest.raises(ScheduleFormatError, match=r"XSD violation"):
        validate_frab_xml(b"<schedule><conference/></schedule>", newest_xsd)


def test_external_dtd_is_never_loaded(tmp_path: Path) -> None:
    # If the parser fetched the DTD, &leak; would expand to its text; it must stay unknown.
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY leak "secret">')
    document = (
        f'<?xml version="1.0"?><!DOCTYPE schedule SYSTEM "{dtd.as_uri()}">'
        "<schedule><version>&leak;</version><conference/></schedule>"
    ).encode()

    with pytest.raises(ScheduleFormatError, match=r"undefined entity &leak;$"):
        parse_frab_xml(document)
