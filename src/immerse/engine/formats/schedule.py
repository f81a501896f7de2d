"""The conference schedule as frab/Pentabarf XML and c3voc schedule JSON describe it.

Plain frozen dataclasses shared by `frab_xml` and `schedule_json`: readers build them
leniently from real-world files, writers turn them into documents that pass the newest
c3voc schemas. The helpers at the bottom fill in what those schemas demand and the model
may lack (guids, slugs, ids), deterministically, so two exports of one schedule are equal.

>>> from datetime import datetime, timedelta, timezone
>>> talk = ScheduleEvent(id=1, title="Hello", room="Main",
...     start=datetime(2024, 2, 3, 9, 30, tzinfo=timezone.utc), duration=timedelta(minutes=25))
>>> talk.end.isoformat()
'2024-02-03T09:55:00+00:00'
>>> format_duration(parse_duration("1:30:00"))
'01:30'
"""

from __future__ import annotations

import base64
import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from urllib.parse import urljoin
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "IMMERSE_SCHEDULE_NAMESPACE",
    "SCHEDULE_LIMITS",
    "UUID_PATTERN",
    "Conference",
    "Day",
    "ExportIdentity",
    "Link",
    "Person",
    "Room",
    "Schedule",
    "ScheduleEvent",
    "ScheduleFormatError",
    "ScheduleLimits",
    "Track",
    "check_schedule_limits",
    "complete_rooms",
    "complete_tracks",
    "conference_day",
    "day_change_of",
    "day_room_names",
    "export_acronym",
    "export_day_bounds",
    "export_days",
    "export_event_identities",
    "export_guid",
    "export_moment",
    "format_duration",
    "local_time",
    "logo_url",
    "normalise_line_ends",
    "parse_datetime",
    "parse_duration",
    "parse_time_of_day",
    "printable",
    "start_from_day",
    "zone_for",
]

UUID_PATTERN = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")

# Namespace for the uuid5 guids we mint for events that arrive without a usable one.
IMMERSE_SCHEDULE_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://immerse.example/schedule")


class ScheduleFormatError(ValueError):
    """A schedule document that cannot be read or written, with the place it went wrong.

    `place` is a line/column and element path for XML, or a JSON path such as
    ``schedule.conference.days[2].rooms["Saal 1"][3].start``.
    """

    def __init__(self, message: str, *, source: str = "<input>", place: str = "") -> None:
        self.message = message
        self.source = source
        self.place = place
        where = f"{source}: {place}" if place else source
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Person:
    """A speaker; frab gives an integer `id`, pretalx a `code`, newer exports a `guid`."""

    name: str
    id: int | None = None
    guid: str | None = None
    code: str | None = None
    biography: str = ""  # schedule JSON only: the XSD's <person> has no place for it


@dataclass(frozen=True)
class Link:
    """A link or attachment of an event: `<link href="…">title</link>` or `{url, title}`."""

    url: str
    title: str = ""
    type: str | None = None


@dataclass(frozen=True)
class Room:
    name: str
    guid: str | None = None


@dataclass(frozen=True)
class Track:
    name: str
    color: str | None = None
    slug: str | None = None


@dataclass(frozen=True)
class ScheduleEvent:
    """One scheduled talk/session. `start` is always timezone-aware."""

    id: int | None
    title: str
    room: str
    start: datetime
    duration: timedelta
    guid: str | None = None
    code: str | None = None
    subtitle: str = ""
    abstract: str = ""
    description: str = ""
    track: str | None = None
    type: str = ""
    language: str | None = None
    slug: str | None = None
    url: str | None = None
    feedback_url: str | None = None
    persons: tuple[Person, ...] = ()
    links: tuple[Link, ...] = ()
    attachments: tuple[Link, ...] = ()
    #: The speakers asked not to be recorded (XML ``<recording><optout>``, JSON
    #: ``do_not_record``): it must survive every trip, the recording team acts on it.
    do_not_record: bool = False
    recording_license: str = ""
    logo: str | None = None  # an image URL, absolute once the base URL is known

    @property
    def end(self) -> datetime:
        return self.start + self.duration


@dataclass(frozen=True)
class Day:
    """A conference day; `rooms` lists the room names the day declares, even empty ones."""

    index: int
    date: date
    start: datetime | None = None
    end: datetime | None = None
    rooms: tuple[str, ...] = ()
    events: tuple[ScheduleEvent, ...] = ()


@dataclass(frozen=True)
class Conference:
    """``start``/``end`` are dates, or aware date-times when the file gives a time of day."""

    title: str
    acronym: str
    start: date | datetime | None = None
    end: date | datetime | None = None
    time_zone: str | None = None
    timeslot_duration: timedelta | None = None
    base_url: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Schedule:
    """A whole conference schedule: days hold events, rooms and tracks are listed once."""

    conference: Conference
    days: tuple[Day, ...]
    rooms: tuple[Room, ...] = ()
    tracks: tuple[Track, ...] = ()
    version: str = ""
    generator: str | None = None

    @property
    def events(self) -> tuple[ScheduleEvent, ...]:
        """Every event, day by day in document order."""
        return tuple(event for day in self.days for event in day.events)

    def persons(self) -> tuple[Person, ...]:
        """Distinct speakers, by id when they have one, else by code, else by name."""
        seen: dict[object, Person] = {}
        for event in self.events:
            for person in event.persons:
                key = person.id if person.id is not None else (person.code or person.name)
                seen.setdefault(key, person)
        return tuple(seen.values())


def day_room_names(day: Day) -> list[str]:
    """The rooms a day declares, then any other room its events name, once each."""
    return list(dict.fromkeys([*day.rooms, *(event.room for event in day.events)]))


def complete_rooms(declared: Iterable[Room], days: Iterable[Day]) -> tuple[Room, ...]:
    """Declared rooms in order (a repeat may supply a missing guid), then undeclared ones."""
    found: dict[str, Room] = {}
    for room in declared:
        if room.name not in found or (found[room.name].guid is None and room.guid):
            found[room.name] = room
    for day in days:
        for name in day_room_names(day):
            found.setdefault(name, Room(name=name))
    return tuple(found.values())


def complete_tracks(declared: Iterable[Track], days: Iterable[Day]) -> tuple[Track, ...]:
    """Declared tracks in order, then any track an event names that was not declared."""
    found: dict[str, Track] = {}
    for track in declared:
        found.setdefault(track.name, track)
    for day in days:
        for event in day.events:
            if event.track:
                found.setdefault(event.track, Track(name=event.track))
    return tuple(found.values())


# --- limits ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleLimits:
    """What an imported schedule may hold (docs/formats.md). FOSDEM 2024, the largest real
    file at hand, is 2.1 MB with 876 events, titles up to 186 and abstracts up to 4,958
    characters: the limits leave room for ten times that, and bound what one import costs.
    """

    max_bytes: int = 20 * 2**20
    max_events: int = 10_000
    max_days: int = 60
    max_rooms: int = 500
    max_tracks: int = 500
    max_persons: int = 200  # per event
    max_links: int = 200  # per event, links and attachments together
    #: Longest text per field; the first four are database columns.
    field_lengths: tuple[tuple[str, int], ...] = (
        ("title", 300), ("room", 120), ("guid", 200), ("conference title", 200),
        ("code", 64), ("subtitle", 1_000), ("abstract", 50_000), ("description", 100_000),
        ("track", 200), ("type", 100), ("language", 50), ("slug", 500), ("url", 2_000),
        ("feedback_url", 2_000), ("person", 200), ("link url", 2_000), ("link title", 500),
        ("logo", 2_000), ("recording_license", 500), ("biography", 50_000),
    )

    def length(self, field: str) -> int:
        return dict(self.field_lengths)[field]


SCHEDULE_LIMITS = ScheduleLimits()


def check_schedule_limits(
    schedule: Schedule, *, source: str, limits: ScheduleLimits = SCHEDULE_LIMITS
) -> None:
    """Refuse (`ScheduleFormatError`, naming the event and field) what is over ``limits``,
    and a ``time_zone_name`` that is no IANA zone (every time would be read wrong)."""

    def refuse(place: str, message: str) -> ScheduleFormatError:
        return ScheduleFormatError(message, source=source, place=place)

    conference = schedule.conference
    if conference.time_zone and zone_for(conference.time_zone) is None:
        raise refuse("conference/time_zone_name",
                      f"{conference.time_zone!r} is not a time zone (e.g. Europe/Berlin)")
    _check_length(refuse, "conference", "conference title", conference.title, limits)
    for what, count, most in (
        ("events", len(schedule.events), limits.max_events),
        ("days", len(schedule.days), limits.max_days),
        ("rooms", len(schedule.rooms), limits.max_rooms),
        ("tracks", len(schedule.tracks), limits.max_tracks),
    ):
        if count > most:
            raise refuse("schedule", f"{count:,} {what}, more than the {most:,} an import "
                                     "may hold")
    for room in schedule.rooms:
        _check_length(refuse, f"room {room.name[:40]!r}", "room", room.name, limits)
    for day in schedule.days:
        for event in day.events:
            _check_event(refuse, event, f"day {day.index}, event {_event_name(event)}",
                         limits)


def _event_name(event: ScheduleEvent) -> str:
    return f"{event.id if event.id is not None else '?'} ({event.title[:40]!r})"


def _check_event(refuse: Callable[[str, str], ScheduleFormatError], event: ScheduleEvent,
                 place: str, limits: ScheduleLimits) -> None:
    if len(event.persons) > limits.max_persons:
        raise refuse(place, f"{len(event.persons)} persons, at most {limits.max_persons}")
    references = (*event.links, *event.attachments)
    if len(references) > limits.max_links:
        raise refuse(place, f"{len(references)} links, at most {limits.max_links}")
    texts = [("title", event.title), ("room", event.room), ("guid", event.guid),
             ("code", event.code), ("subtitle", event.subtitle), ("abstract", event.abstract),
             ("description", event.description), ("track", event.track),
             ("type", event.type), ("language", event.language), ("slug", event.slug),
             ("url", event.url), ("feedback_url", event.feedback_url),
             ("logo", event.logo), ("recording_license", event.recording_license),
             *(("person", person.name) for person in event.persons),
             *(("biography", person.biography) for person in event.persons),
             *(("link url", link.url) for link in references),
             *(("link title", link.title) for link in references)]
    for field, text in texts:
        _check_length(refuse, place, field, text, limits)


def _check_length(refuse: Callable[[str, str], ScheduleFormatError], place: str, field: str,
                  text: str | None, limits: ScheduleLimits) -> None:
    most = limits.length(field)
    if text and len(text) > most:
        raise refuse(place, f"the {field} has {len(text):,} characters, at most {most:,}")


# --- dates and times ------------------------------------------------------------------


def zone_for(name: str | None) -> tzinfo | None:
    """The IANA zone called `name`, or None when absent or unknown (readers stay lenient)."""
    if not name:
        return None
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        return None


def parse_datetime(text: str, *, zone: tzinfo | None) -> datetime:
    """An ISO 8601 date-time; one without an offset is read in `zone` (else UTC)."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone or ZoneInfo("UTC"))
    return moment


def parse_time_of_day(text: str) -> time:
    """``HH:MM`` or ``HH:MM:SS`` (a lone hour ``9`` too)."""
    parts = text.strip().split(":")
    if not 1 <= len(parts) <= 3 or not all(part.isdigit() for part in parts):
        raise ValueError(f"not a time of day: {text!r}")
    hour, minute, second = (int(part) for part in [*parts, "0", "0"][:3])
    return time(hour, minute, second)


def start_from_day(day: Day, clock: time, *, zone: tzinfo | None) -> datetime:
    """An event start from its day and a wall-clock ``start``, for files without ``date``.

    Times earlier than the day's own start belong to the night after (frab days run past
    midnight, e.g. 11:00 to 04:00).
    """
    local_zone = zone or (day.start.tzinfo if day.start else None) or ZoneInfo("UTC")
    moment = datetime.combine(day.date, clock, tzinfo=local_zone)
    if day.start is not None and clock < day.start.astimezone(local_zone).time():
        moment = datetime.combine(day.date + timedelta(days=1), clock, tzinfo=local_zone)
    return moment


def local_time(moment: datetime, zone: tzinfo | None) -> datetime:
    """``moment`` on the conference's wall clock (as it is when no zone is declared)."""
    return moment.astimezone(zone) if zone is not None else moment


def export_moment(value: date | datetime, zone: tzinfo | None) -> str:
    """A date as ``YYYY-MM-DD``; a date-time in the conference's zone, with its offset."""
    if isinstance(value, datetime):
        return local_time(value, zone).isoformat(timespec="seconds")
    return value.isoformat()


def export_day_bounds(day: Day, zone: tzinfo | None = None) -> tuple[datetime, datetime]:
    """The day's declared start/end, else its events' span, else its calendar day, on the
    conference's wall clock (UTC when it declares no zone)."""
    starts = [event.start for event in day.events]
    midnight = datetime.combine(day.date, time(), tzinfo=zone or ZoneInfo("UTC"))
    start = day.start or (min(starts) if starts else midnight)
    end = day.end or max(
        (event.end for event in day.events), default=start + timedelta(hours=23, minutes=59)
    )
    return local_time(start, zone), local_time(end, zone)


#: At most this many empty days are written for a conference without events.
MAX_EMPTY_DAYS = 366


def export_days(schedule: Schedule) -> tuple[Day, ...]:
    """The days a document lists: the schedule's, or, when it has none, one empty day per
    date of the conference (``schedule.xml`` requires at least one ``<day>``).

    Raises `ScheduleFormatError` when there is neither: such a document would not be valid.
    """
    if schedule.days:
        return schedule.days
    first, last = schedule.conference.start, schedule.conference.end or schedule.conference.start
    if first is None or last is None:
        raise ScheduleFormatError(
            "nothing to write: the schedule has no day and the conference no start date",
            source=schedule.conference.acronym or "<schedule>",
        )
    zone = zone_for(schedule.conference.time_zone)
    first_date, last_date = (
        local_time(value, zone).date() if isinstance(value, datetime) else value
        for value in (first, last)
    )
    count = min(max((last_date - first_date).days + 1, 1), MAX_EMPTY_DAYS)
    return tuple(
        Day(index=n + 1, date=first_date + timedelta(days=n)) for n in range(count)
    )


def day_change_of(days: Iterable[Day], zone: tzinfo) -> time | None:
    """When one conference day turns into the next: the earliest time of day at which the
    declared days start (06:00 for days running 06:00 to 06:00), or None when a day declares
    no start."""
    starts = [day.start for day in days]
    if not starts or any(start is None for start in starts):
        return None
    return min(start.astimezone(zone).time() for start in starts if start is not None)


def conference_day(
    start: datetime, *, zone: tzinfo, day_change: time, days: Iterable[Day] = ()
) -> date:
    """The conference day an event starting at ``start`` belongs to.

    The declared day whose [start, end) holds it, else its date on the conference's wall
    clock, the day before when it starts before ``day_change`` (a 01:30 talk after a 06:00
    day change closes the evening before).

    >>> from zoneinfo import ZoneInfo
    >>> berlin = ZoneInfo("Europe/Berlin")
    >>> conference_day(datetime(2014, 12, 28, 1, 30, tzinfo=berlin), zone=berlin,
    ...                day_change=time(6))
    datetime.date(2014, 12, 27)
    """
    for day in days:
        # A day holds its start, not its end: [start, end). A talk at exactly 06:00 opens
        # the day that starts then, it does not close the one before.
        if day.start is not None and day.end is not None and day.start <= start < day.end:
            return day.date
    local = start.astimezone(zone)
    return local.date() - timedelta(days=1) if local.time() < day_change else local.date()


# --- texts ---------------------------------------------------------------------------------

# What XML 1.0 cannot hold (C0 controls but tab and line ends, U+FFFE/U+FFFF) and lone
# surrogates, which no UTF-8 document can: writers drop them so both formats carry the same.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` without the characters a schedule document cannot carry, with LF line ends
    (both writers write what both readers read back the same)."""
    return _UNWRITABLE.sub("", normalise_line_ends(text))


def normalise_line_ends(text: str) -> str:
    """CRLF and a lone CR as LF: every reader applies it to every text it reads.

    XML parsers turn a literal CRLF into LF but keep a ``&#13;`` reference as CR, and JSON
    keeps ``\\r\\n`` as written: the same schedule must read the same from either.

    >>> normalise_line_ends("one\\r\\ntwo\\rthree")
    'one\\ntwo\\nthree'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def logo_url(logo: str | None, base_url: str | None) -> str | None:
    """An event's logo as an absolute URL when the schedule's base URL allows (frab gives
    ``/system/events/logos/…``), else as given; None when empty."""
    if not logo:
        return None
    if base_url and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", logo):
        return urljoin(base_url, logo)
    return logo


# --- durations -------------------------------------------------------------------------

_ISO_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")


def parse_duration(text: str) -> timedelta:
    """Read the duration spellings found in the wild.

    ``HH:MM`` and ``H:MM:SS`` (the XSD's two forms), ``D:HH:MM:SS``, ``"90"`` (minutes) and
    ISO 8601 ``PT1H30M``. Three colon-separated parts are read as hours:minutes:seconds, as
    the XSD defines them; a day count needs four parts or the ISO form (``P1DT2H``).
    """
    text = text.strip()
    iso = _ISO_DURATION.match(text)
    if iso and text != "P":
        days, hours, minutes, seconds = (int(part or 0) for part in iso.groups())
        return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    parts = text.split(":")
    if not all(part.isdigit() for part in parts) or len(parts) > 4:
        raise ValueError(f"not a duration: {text!r}")
    numbers = [int(part) for part in parts]
    if len(numbers) == 1:
        return timedelta(minutes=numbers[0])
    if any(number > 59 for number in numbers[1:]):
        raise ValueError(f"minutes or seconds above 59 in duration {text!r}")
    if len(numbers) == 2:
        return timedelta(hours=numbers[0], minutes=numbers[1])
    if len(numbers) == 3:
        return timedelta(hours=numbers[0], minutes=numbers[1], seconds=numbers[2])
    return timedelta(days=numbers[0], hours=numbers[1], minutes=numbers[2], seconds=numbers[3])


def format_duration(duration: timedelta) -> str:
    """``HH:MM`` as both schemas want it; seconds are rounded up to the next minute."""
    minutes = -(-int(duration.total_seconds()) // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# --- identities the schemas require -----------------------------------------------------

# The export slug must satisfy both the XSD (voc-slug-new) and the JSON schema pattern.
_XML_SLUG = re.compile(r"^[a-z0-9_]{4,}-[a-z0-9\-_]{4,}$")
_JSON_SLUG = re.compile(r"^[a-z0-9_-]+[a-z0-9]$")


def _ascii_slug(text: str, *, allowed: str = "a-z0-9_-") -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(f"[^{allowed}]+", "-", folded).strip("-_")


def export_acronym(acronym: str, *, json: bool) -> str:
    """The acronym both schemas accept: lower-case ASCII, at least four characters.

    The JSON pattern forbids ``-`` after the first character (except a ``-2024-x``
    suffix), so JSON exports spell ``fosdem-2024`` as ``fosdem_2024``.
    """
    slug = _ascii_slug(acronym) or "conference"
    if json:
        slug = slug[0] + slug[1:].replace("-", "_")
    return slug if len(slug) >= 4 else slug + "_" * (4 - len(slug))


def export_guid(guid: str | None, *, acronym: str, event_id: int) -> str:
    """A UUID for an event: kept if it is one, decoded if it is frab's 22-char base64 form,
    else uuid5 of ``<acronym>/<id>`` in immerse's namespace (stable across exports)."""
    if guid and UUID_PATTERN.match(guid):
        return guid.lower()
    if guid and re.fullmatch(r"[A-Za-z0-9_-]{22}", guid):
        return str(uuid.UUID(bytes=base64.urlsafe_b64decode(guid + "==")))
    return str(uuid.uuid5(IMMERSE_SCHEDULE_NAMESPACE, f"{acronym}/{event_id}"))


@dataclass(frozen=True)
class ExportIdentity:
    """What an exporter writes for an event's required identifiers."""

    id: int
    guid: str
    slug: str


def export_event_identities(schedule: Schedule) -> dict[int, ExportIdentity]:
    """Ids, guids and slugs for every event (keyed by ``id()`` of the event), unique.

    Events without an integer id get the next free ids in document order; slugs that break
    the schema patterns or repeat become ``<acronym>-<id>-<title>``.
    """
    events = list(schedule.events)
    acronym = export_acronym(schedule.conference.acronym, json=False)
    taken_ids = {event.id for event in events if event.id is not None and event.id > 0}
    next_id = max(taken_ids, default=0) + 1
    used_ids: set[int] = set()
    used_slugs: set[str] = set()
    used_guids: set[str] = set()
    identities: dict[int, ExportIdentity] = {}
    for event in events:
        event_id = event.id
        if event_id is None or event_id <= 0 or event_id in used_ids:
            event_id, next_id = next_id, next_id + 1
        used_ids.add(event_id)
        guid = export_guid(event.guid, acronym=acronym, event_id=event_id)
        if guid in used_guids:
            guid = export_guid(None, acronym=acronym, event_id=event_id)
        used_guids.add(guid)
        slug = _ascii_slug(event.slug or "")
        if not (_XML_SLUG.match(slug) and _JSON_SLUG.match(slug)) or slug in used_slugs:
            title = (_ascii_slug(event.title, allowed="a-z0-9") or "event").ljust(4, "x")
            slug = f"{acronym.replace('-', '_')}-{event_id}-{title[:60].strip('-')}"
        used_slugs.add(slug)
        identities[id(event)] = ExportIdentity(id=event_id, guid=guid, slug=slug)
    return identities
