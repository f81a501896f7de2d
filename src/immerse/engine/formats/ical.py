"""iCalendar (RFC 5545) feeds of sessions, for calendar clients to subscribe to.

Built with the `icalendar` package: CRLF line endings and 75-octet folding come from it, a
VTIMEZONE is added for the calendar's zone (covering the years of the events), and
times are written as local times with ``TZID`` so clients show the venue's clock.

UIDs are the caller's: they must stay the same for the same session across exports, or
clients duplicate events on refresh. Recommended scheme: ``session-<id>@<host>`` for a
session and ``session-<id>-<slot>@<host>`` if a session repeats, where ``<host>`` is the
site's domain (RFC 5545 suggests a domain right-hand side for global uniqueness).

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> brussels = ZoneInfo("Europe/Brussels")
>>> talk = CalendarEvent(uid="session-7@immerse.example", title="Welcome",
...     start=datetime(2024, 2, 3, 9, 30, tzinfo=brussels),
...     end=datetime(2024, 2, 3, 9, 55, tzinfo=brussels))
>>> feed = calendar_for([talk], name="FOSDEM", time_zone="Europe/Brussels",
...     prod_id="-//immerse//EN", stamp=datetime(2024, 1, 1, tzinfo=ZoneInfo("UTC")))
>>> b"DTSTART;TZID=Europe/Brussels:20240203T093000" in feed, feed.count(b"BEGIN:VTIMEZONE")
(True, 1)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, Timezone

__all__ = ["CalendarEvent", "calendar_for"]


@dataclass(frozen=True)
class CalendarEvent:
    """One calendar entry; `start` and `end` must be timezone-aware."""

    uid: str
    title: str
    start: datetime
    end: datetime
    location: str = ""
    description: str = ""
    url: str | None = None
    categories: tuple[str, ...] = ()


def _checked(event: CalendarEvent) -> CalendarEvent:
    if not event.uid.strip():
        raise ValueError(f"calendar event {event.title!r}: empty uid")
    for field_name, moment in (("start", event.start), ("end", event.end)):
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(
                f"calendar event {event.uid!r}: {field_name} {moment} has no time zone"
            )
    if event.end < event.start:
        raise ValueError(
            f"calendar event {event.uid!r}: end {event.end} is before start {event.start}"
        )
    return event


def calendar_for(
    events: Sequence[CalendarEvent],
    *,
    name: str,
    time_zone: str,
    prod_id: str,
    stamp: datetime | None = None,
) -> bytes:
    """An RFC 5545 ``VCALENDAR`` with one ``VEVENT`` per event, times in `time_zone`.

    Parameters:
        name: shown by clients as the calendar's name (``X-WR-CALNAME``).
        time_zone: IANA zone; event times are converted to it and a VTIMEZONE is included.
        prod_id: ``PRODID``, e.g. ``-//immerse//schedule//EN``.
        stamp: ``DTSTAMP`` for every event; now (UTC) when not given. Pass a fixed value
            for byte-identical output.

    Raises ValueError for an unknown zone, a duplicated or empty uid, or naive times.
    """
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {time_zone!r}") from None
    checked = [_checked(event) for event in events]
    duplicates = sorted(
        uid for uid, count in Counter(event.uid for event in checked).items() if count > 1
    )
    if duplicates:
        raise ValueError(f"duplicate calendar uids: {', '.join(duplicates[:5])}")
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)

    calendar = Calendar()
    calendar.add("prodid", prod_id)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _one_line(name))
    calendar.add("x-wr-timezone", time_zone)
    for event in checked:
        calendar.add_component(_vevent(event, zone, stamp))
    # The VTIMEZONE spans whole calendar years around the events, so it carries the DST
    # rules a client needs if a user moves an event, without 70 years of history.
    first_year = min((event.start.year for event in checked), default=stamp.year)
    last_year = max((event.end.year for event in checked), default=stamp.year) + 1
    calendar.add_component(
        Timezone.from_tzinfo(
            zone,
            tzid=time_zone,
            first_date=date(first_year, 1, 1),
            last_date=date(last_year, 12, 31),
        )
    )
    # VTIMEZONE must precede the events that refer to it: add_component appended it last.
    calendar.subcomponents.sort(key=lambda component: component.name != "VTIMEZONE")
    return bytes(calendar.to_ical())


# Control characters other than tab and line feed: RFC 5545 text may not hold them.
_CONTROLS = {code: None for code in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F)}


def _text(value: str) -> str:
    r"""A TEXT value as RFC 5545 allows it: line ends as LF (icalendar writes them ``\n``),
    no other control characters.

    >>> _text("Day 1\r\nLab\x00")
    'Day 1\nLab'
    """
    return value.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROLS)


def _one_line(value: str) -> str:
    """A value written unescaped (``X-WR-CALNAME``) or a list item: one line, no controls
    (icalendar refuses a raw line end, and a client would read it as a new property)."""
    return " ".join(_text(value).split("\n"))


def _vevent(event: CalendarEvent, zone: ZoneInfo, stamp: datetime) -> Event:
    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("summary", _text(event.title))
    vevent.add("dtstart", event.start.astimezone(zone))
    vevent.add("dtend", event.end.astimezone(zone))
    if event.location:
        vevent.add("location", _text(event.location))
    if event.description:
        vevent.add("description", _text(event.description))
    if event.url:
        vevent.add("url", event.url)
    if event.categories:
        vevent.add("categories", [_one_line(category) for category in event.categories])
    return vevent
