"""iCalendar feeds: parsed back with `icalendar`, checked field by field and line by line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from immerse.engine.formats.ical import CalendarEvent, calendar_for

BRUSSELS = ZoneInfo("Europe/Brussels")
STAMP = datetime(2024, 1, 15, 8, 0, tzinfo=UTC)


def keynote() -> CalendarEvent:
    return CalendarEvent(
        uid="session-3023@immerse.example",
        title="Welcome to FOSDEM 2024 — " + "a very long title " * 6,
        start=datetime(2024, 2, 3, 9, 30, tzinfo=BRUSSELS),
        end=datetime(2024, 2, 3, 9, 55, tzinfo=BRUSSELS),
        location="Janson",
        description="Opening talk.\nSecond line, with; punctuation",
        url="https://fosdem.org/2024/schedule/event/3023/",
        categories=("Keynotes", "Main Track"),
    )


def utc_talk() -> CalendarEvent:
    # Given in UTC: the feed shows it on the venue's clock, 14:00 in Brussels.
    return CalendarEvent(
        uid="session-7@immerse.example",
        title="Afternoon",
        start=datetime(2024, 2, 3, 13, 0, tzinfo=UTC),
        end=datetime(2024, 2, 3, 14, 0, tzinfo=UTC),
    )


def feed(*events: CalendarEvent) -> bytes:
    return calendar_for(
        events,
        name="FOSDEM 2024",
        time_zone="Europe/Brussels",
        prod_id="-//immerse//EN",
        stamp=STAMP,
    )


def test_feed_parses_back_with_every_field() -> None:
    calendar = Calendar.from_ical(feed(keynote(), utc_talk()))
    first, second = calendar.walk("VEVENT")

    assert str(calendar["X-WR-CALNAME"]) == "FOSDEM 2024"
    assert str(calendar["PRODID"]) == "-//immerse//EN"
    assert str(first["UID"]) == "session-3023@immerse.example"
    assert str(first["SUMMARY"]) == keynote().title
    assert str(first["LOCATION"]) == "Janson"
    assert str(first["DESCRIPTION"]) == "Opening talk.\nSecond line, with; punctuation"
    assert str(first["URL"]) == "https://fosdem.org/2024/schedule/event/3023/"
    assert first.categories == ["Keynotes", "Main Track"]
    assert first.start == datetime(2024, 2, 3, 9, 30, tzinfo=BRUSSELS)
    assert first.end - first.start == timedelta(minutes=25)
    assert first["DTSTAMP"].dt == STAMP
    assert second.start.astimezone(UTC) == datetime(2024, 2, 3, 13, 0, tzinfo=UTC)
    assert (second.start.hour, str(second.start.tzinfo)) == (14, "Europe/Brussels")


def test_feed_carries_one_vtimezone_with_the_dst_rules_of_the_zone() -> None:
    calendar = Calendar.from_ical(feed(keynote()))
    (zone,) = calendar.walk("VTIMEZONE")

    assert str(zone["TZID"]) == "Europe/Brussels"
    assert {component.name for component in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    assert calendar.get_missing_tzids() == set()


def test_feed_uses_crlf_and_folds_lines_at_75_octets() -> None:
    data = feed(keynote())
    lines = data.split(b"\r\n")

    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the long SUMMARY was folded


def test_same_input_gives_the_same_bytes() -> None:
    assert feed(keynote(), utc_talk()) == feed(keynote(), utc_talk())


def test_empty_feed_still_declares_its_zone() -> None:
    calendar = Calendar.from_ical(feed())

    assert calendar.walk("VEVENT") == []
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]


@pytest.mark.parametrize(
    ("events", "time_zone", "message"),
    [
        (
            [keynote(), keynote()],
            "Europe/Brussels",
            "duplicate calendar uids: session-3023@immerse.example",
        ),
        ([utc_talk()], "Mars/Olympus_Mons", "unknown time zone 'Mars/Olympus_Mons'"),
        (
            [
                CalendarEvent(
                    uid="x", title="t", start=datetime(2024, 1, 1, 10), end=datetime(2024, 1, 1, 11)
                )
            ],
            "Europe/Brussels",
            "calendar event 'x': start 2024-01-01 10:00:00 has no time zone",
        ),
        (
            [CalendarEvent(uid="y", title="t", start=utc_talk().end, end=utc_talk().start)],
            "Europe/Brussels",
            "calendar event 'y': end 2024-02-03 13:00:00+00:00 is before start "
            "2024-02-03 14:00:00+00:00",
        ),
    ],
)
def test_bad_events_are_refused_with_the_uid(
    events: list[CalendarEvent], time_zone: str, message: str
) -> None:
    with pytest.raises(ValueError) as caught:
        calendar_for(events, name="x", time_zone=time_zone, prod_id="-//immerse//EN", stamp=STAMP)

    assert str(caught.value) == message


def test_line_ends_and_control_characters_in_text_are_written_as_rfc_5545_allows() -> None:
    talk = CalendarEvent(uid="session-1@x", title="Day one\r\nLab\x00", start=utc_talk().start,
                         end=utc_talk().end, location="Hall\rB", categories=("a\nb",))
    feed = calendar_for([talk], name="Spring\nmeet-up", time_zone="Europe/Brussels",
                        prod_id="-//immerse//EN", stamp=STAMP)
    lines = feed.split(b"\r\n")
    assert b"X-WR-CALNAME:Spring meet-up" in lines
    assert b"SUMMARY:Day one\\nLab" in lines and b"LOCATION:Hall\\nB" in lines
    assert b"CATEGORIES:a b" in lines
    assert Calendar.from_ical(feed).walk("VEVENT")[0]["SUMMARY"] == "Day one\nLab"
