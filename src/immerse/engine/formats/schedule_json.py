"""c3voc ``schedule.json`` (frab, pretalx): a lenient reader and a writer for the newest schema.

The reader takes what frab and pretalx publish (and the schema's own negative example):
ids as numeric strings, ``public_name`` or ``name``, ``null`` for empty texts, rooms listed
under ``conference`` or next to it, unknown keys. It fails only on what it cannot interpret,
naming the JSON path (0-based indices, room names in brackets), e.g.
``schedule.conference.days[2].rooms["Saal 1"][3].start``.

>>> schedule = parse_schedule_json(b'''{"schedule": {"version": "1", "conference": {
...   "acronym": "demo", "title": "Demo", "days": [{"index": 1, "date": "2024-02-03",
...   "rooms": {"Main": [{"id": 7, "title": "Welcome", "date": "2024-02-03T09:30:00+01:00",
...   "duration": "00:25", "persons": [{"id": 2, "public_name": "Ada"}]}]}}]}}}''')
>>> [(event.title, event.persons[0].name) for event in schedule.events]
[('Welcome', 'Ada')]
"""

from __future__ import annotations

import re
import uuid
from dataclasses import replace
from datetime import date, datetime, timedelta, tzinfo
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import orjson

from immerse.engine.formats.schedule import (
    IMMERSE_SCHEDULE_NAMESPACE,
    SCHEDULE_LIMITS,
    UUID_PATTERN,
    Conference,
    Day,
    Link,
    Person,
    Room,
    Schedule,
    ScheduleEvent,
    ScheduleFormatError,
    ScheduleLimits,
    Track,
    check_schedule_limits,
    complete_rooms,
    complete_tracks,
    day_room_names,
    export_acronym,
    export_day_bounds,
    export_days,
    export_event_identities,
    export_moment,
    format_duration,
    local_time,
    logo_url,
    normalise_line_ends,
    parse_datetime,
    parse_duration,
    parse_time_of_day,
    printable,
    start_from_day,
    zone_for,
)

__all__ = ["parse_schedule_json", "schedule_to_json", "validate_schedule_json"]

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
_REFERENCE_TYPES = {"slides", "paper", "web", "blog", "article", "media", "related", "activitypub"}


def json_path(parts: list[str | int]) -> str:
    """``schedule.conference.days[2].rooms["Saal 1"][3].start`` from its parts."""
    text = ""
    for position, part in enumerate(parts):
        if isinstance(part, int):
            text += f"[{part}]"
        elif position and parts[position - 1] == "rooms" and "days" in parts[:position]:
            text += f'["{part}"]'  # room names are keys with spaces and slashes
        else:
            text += f".{part}" if text else part
    return text


# --- reading ---------------------------------------------------------------------------


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.zone: tzinfo | None = None
        self.base_url: str | None = None

    def error(self, path: str, message: str) -> ScheduleFormatError:
        return ScheduleFormatError(message, source=self.source, place=path)

    def mapping(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(path, f"expected an object, found {type(value).__name__}")
        return value

    def sequence(self, value: Any, path: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(path, f"expected a list, found {type(value).__name__}")
        return value

    def text(self, data: dict[str, Any], key: str, path: str) -> str | None:
        value = data.get(key)
        if value is None or isinstance(value, bool):
            return None
        if isinstance(value, (str, int, float)):
            # One rule for both readers (docs/formats.md, "Line ends").
            return normalise_line_ends(str(value)).strip()
        raise self.error(f"{path}.{key}", f"expected text, found {type(value).__name__}")

    def integer(self, data: dict[str, Any], key: str) -> int | None:
        value = data.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().isdigit():
            return int(value)
        return None  # frab ids are advisory; a non-numeric one is dropped, not fatal

    def parsed(self, parse: Any, data: dict[str, Any], key: str, path: str) -> Any:
        raw = self.text(data, key, path)
        if not raw:
            return None
        try:
            return parse(raw)
        except ValueError as exc:
            raise self.error(f"{path}.{key}", str(exc)) from None

    def parse(self, document: Any) -> Schedule:
        root = self.mapping(document, "$")
        schedule_path = "schedule" if "schedule" in root else "$"
        schedule = self.mapping(root.get("schedule", root), schedule_path)
        conference_path = f"{schedule_path}.conference"
        if "conference" not in schedule:
            raise self.error(schedule_path, "missing 'conference'")
        data = self.mapping(schedule["conference"], conference_path)
        conference = self.conference(data, conference_path)
        if conference.base_url is None:  # the schema puts it beside the conference
            conference = replace(
                conference, base_url=self.text(schedule, "base_url", schedule_path) or None
            )
        self.zone = zone_for(conference.time_zone)
        self.base_url = conference.base_url
        days_path = f"{conference_path}.days"
        days = tuple(
            self.day(self.mapping(day, f"{days_path}[{index}]"), f"{days_path}[{index}]", index)
            for index, day in enumerate(self.sequence(data.get("days"), days_path))
        )
        rooms_data = data.get("rooms") if "rooms" in data else schedule.get("rooms")
        generator = root.get("generator")
        return Schedule(
            conference=conference,
            days=days,
            rooms=self.rooms(rooms_data, days, conference_path),
            tracks=self.tracks(data.get("tracks"), days, conference_path),
            version=self.text(schedule, "version", schedule_path) or "",
            generator=str(generator.get("name")) if isinstance(generator, dict) else None,
        )

    def conference(self, data: dict[str, Any], path: str) -> Conference:
        zone = zone_for(self.text(data, "time_zone_name", path))

        def day_of(text: str) -> date | datetime:
            # A date-time keeps its time of day (congresses start at 10:00, not midnight).
            return parse_datetime(text, zone=zone) if "T" in text else date.fromisoformat(text)

        return Conference(
            title=self.text(data, "title", path) or "",
            acronym=self.text(data, "acronym", path) or "",
            start=self.parsed(day_of, data, "start", path),
            end=self.parsed(day_of, data, "end", path),
            time_zone=self.text(data, "time_zone_name", path) or None,
            timeslot_duration=self.parsed(parse_duration, data, "timeslot_duration", path),
            base_url=self.text(data, "base_url", path) or None,
            url=self.text(data, "url", path) or None,
        )

    def day(self, data: dict[str, Any], path: str, position: int) -> Day:
        start = self.parsed(
            lambda text: parse_datetime(text, zone=self.zone), data, "day_start", path
        )
        end = self.parsed(lambda text: parse_datetime(text, zone=self.zone), data, "day_end", path)
        day_date = self.parsed(date.fromisoformat, data, "date", path) or (
            start.date() if start else None
        )
        if day_date is None:
            raise self.error(path, "a day needs a 'date' or a 'day_start'")
        day = Day(
            index=self.integer(data, "index") or position + 1, date=day_date, start=start, end=end
        )
        rooms = data.get("rooms") or {}
        rooms_path = f"{path}.rooms"
        events = [
            self.event(
                self.mapping(event, f'{rooms_path}["{name}"][{index}]'),
                f'{rooms_path}["{name}"][{index}]',
                day,
                name,
            )
            for name, room_events in self.mapping(rooms, rooms_path).items()
            for index, event in enumerate(self.sequence(room_events, f'{rooms_path}["{name}"]'))
        ]
        return Day(
            index=day.index,
            date=day_date,
            start=start,
            end=end,
            rooms=tuple(rooms),
            events=tuple(events),
        )

    def event(self, data: dict[str, Any], path: str, day: Day, room: str) -> ScheduleEvent:
        start = self.event_start(data, path, day)
        duration = self.parsed(parse_duration, data, "duration", path)
        if duration is None:
            end = self.parsed(lambda text: parse_datetime(text, zone=self.zone), data, "end", path)
            if end is None:
                raise self.error(path, "the event has neither 'duration' nor 'end'")
            duration = end - start
        return ScheduleEvent(
            id=self.integer(data, "id"),
            guid=self.text(data, "guid", path) or None,
            code=self.text(data, "code", path) or None,
            title=self.text(data, "title", path) or "",
            room=self.text(data, "room", path) or room,
            start=start,
            duration=duration,
            subtitle=self.text(data, "subtitle", path) or "",
            abstract=self.text(data, "abstract", path) or "",
            description=self.text(data, "description", path) or "",
            track=self.text(data, "track", path) or None,
            type=self.text(data, "type", path) or "",
            language=self.text(data, "language", path) or None,
            slug=self.text(data, "slug", path) or None,
            url=self.event_url(data, path),
            feedback_url=self.text(data, "feedback_url", path) or None,
            persons=tuple(
                self.person(item, f"{path}.persons[{index}]")
                for index, item in enumerate(self.sequence(data.get("persons"), f"{path}.persons"))
            ),
            links=self.references(data.get("links"), f"{path}.links"),
            attachments=self.references(data.get("attachments"), f"{path}.attachments"),
            do_not_record=data.get("do_not_record") is True,
            recording_license=self.text(data, "recording_license", path) or "",
            logo=logo_url(self.text(data, "logo", path), self.base_url),
        )

    def event_url(self, data: dict[str, Any], path: str) -> str | None:
        url = self.text(data, "url", path) or None
        # Our writer names a page-less event `urn:uuid:<guid>`; that is no page either.
        return None if url and url == f"urn:uuid:{data.get('guid')}" else url

    def event_start(self, data: dict[str, Any], path: str, day: Day) -> datetime:
        raw_date = self.text(data, "date", path)
        if raw_date and "T" in raw_date:
            moment: datetime = self.parsed(
                lambda text: parse_datetime(text, zone=self.zone), data, "date", path
            )
            return moment
        clock = self.parsed(parse_time_of_day, data, "start", path)
        if clock is None:
            raise self.error(path, "the event has neither 'date' nor 'start'")
        return start_from_day(day, clock, zone=self.zone)

    def person(self, value: Any, path: str) -> Person:
        if isinstance(value, str):
            return Person(name=normalise_line_ends(value).strip())
        data = self.mapping(value, path)
        name = self.text(data, "name", path) or self.text(data, "public_name", path) or ""
        return Person(
            name=name,
            id=self.integer(data, "id"),
            guid=self.text(data, "guid", path) or None,
            code=self.text(data, "code", path) or None,
            biography=self.text(data, "biography", path) or "",
        )

    def references(self, value: Any, path: str) -> tuple[Link, ...]:
        links = []
        for index, item in enumerate(self.sequence(value, path)):
            if isinstance(item, str):
                links.append(Link(url=item.strip()))
                continue
            data = self.mapping(item, f"{path}[{index}]")
            url = (
                self.text(data, "url", f"{path}[{index}]")
                or self.text(data, "href", f"{path}[{index}]")
                or ""
            )
            links.append(
                Link(
                    url=url,
                    title=self.text(data, "title", path) or "",
                    type=self.text(data, "type", path),
                )
            )
        return tuple(links)

    def rooms(self, value: Any, days: tuple[Day, ...], path: str) -> tuple[Room, ...]:
        declared = []
        for index, item in enumerate(self.sequence(value, f"{path}.rooms")):
            data = {"name": item} if isinstance(item, str) else item
            data = self.mapping(data, f"{path}.rooms[{index}]")
            name, guid = self.text(data, "name", path) or "", self.text(data, "guid", path)
            declared.append(Room(name=name, guid=guid or None))
        return complete_rooms(declared, days)

    def tracks(self, value: Any, days: tuple[Day, ...], path: str) -> tuple[Track, ...]:
        declared = []
        for index, item in enumerate(self.sequence(value, f"{path}.tracks")):
            data = {"name": item} if isinstance(item, str) else item
            data = self.mapping(data, f"{path}.tracks[{index}]")
            declared.append(
                Track(
                    name=self.text(data, "name", path) or "",
                    color=self.text(data, "color", path),
                    slug=self.text(data, "slug", path),
                )
            )
        return complete_tracks(declared, days)


def parse_schedule_json(
    data: bytes, *, source: str = "<input>", limits: ScheduleLimits = SCHEDULE_LIMITS
) -> Schedule:
    """Read a frab/pretalx ``schedule.json`` leniently; bad input raises `ScheduleFormatError`,
    and so does a schedule over ``limits`` (bytes first, before parsing)."""
    if len(data) > limits.max_bytes:
        raise ScheduleFormatError(
            f"{len(data):,} bytes, more than the {limits.max_bytes:,} a schedule may have",
            source=source,
        )
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ScheduleFormatError(
            f"not valid JSON: {exc.msg}",
            source=source,
            place=f"line {exc.lineno}, column {exc.colno}",
        ) from None
    schedule = _Reader(source).parse(document)
    check_schedule_limits(schedule, source=source, limits=limits)
    return schedule


# --- writing ---------------------------------------------------------------------------


def _uri(url: str | None, base_url: str | None) -> str | None:
    """An absolute URI: as given, or resolved against the conference's base URL."""
    if not url:
        return None
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url):
        return url
    return urljoin(base_url, url) if base_url else None


def _person(person: Person) -> dict[str, Any]:
    # The schema's Person is oneOf FrabPerson {id, public_name} / PretalxPerson {name}: a
    # person carrying both `public_name` and `name` would match both and fail.
    data: dict[str, Any] = (
        {"id": person.id, "public_name": person.name}
        if person.id is not None
        else {"name": person.name}
    )
    if person.guid and UUID_PATTERN.match(person.guid):
        data["guid"] = person.guid
    if person.code and re.fullmatch(r"[A-Z0-9]+", person.code):
        data["code"] = person.code
    if person.biography:
        data["biography"] = person.biography
    return data


def _reference(link: Link) -> dict[str, Any]:
    data: dict[str, Any] = {"url": link.url, "title": link.title}
    if link.type in _REFERENCE_TYPES:
        data["type"] = link.type
    return data


def _event(
    event: ScheduleEvent, identity: Any, base_url: str | None, zone: tzinfo | None
) -> dict[str, Any]:
    data: dict[str, Any] = {"guid": identity.guid, "id": identity.id}
    if event.code and re.fullmatch(r"[A-Z0-9]+", event.code):
        data["code"] = event.code
    start = local_time(event.start, zone)  # the declared zone's wall clock (see frab_xml)
    data |= {
        "date": start.isoformat(timespec="seconds"),
        "start": start.strftime("%H:%M"),
        "end": local_time(event.end, zone).isoformat(timespec="seconds"),
        "duration": format_duration(event.duration),
        "room": event.room,
        "slug": identity.slug,
        # `url` is required; without a page of its own the event is named by its guid.
        "url": _uri(event.url, base_url) or f"urn:uuid:{identity.guid}",
        "title": event.title,
        "subtitle": event.subtitle,
        "track": event.track,
        "type": event.type,
        "language": event.language,
        "abstract": event.abstract,
        "description": event.description,
        "persons": [_person(person) for person in event.persons],
        "links": [_reference(link) for link in event.links],
        "attachments": [_reference(link) for link in event.attachments],
    }
    feedback = _uri(event.feedback_url, base_url)
    if feedback:
        data["feedback_url"] = feedback
    if event.logo:
        data["logo"] = _uri(event.logo, base_url) or event.logo
    if event.do_not_record:
        data["do_not_record"] = True
    if event.recording_license:
        data["recording_license"] = event.recording_license
    return data


def _conference(schedule: Schedule, days: tuple[Day, ...]) -> dict[str, Any]:
    conference = schedule.conference
    zone = zone_for(conference.time_zone)
    acronym = export_acronym(conference.acronym, json=True)
    first = conference.start or days[0].date
    last = conference.end or days[-1].date
    data: dict[str, Any] = {
        "acronym": acronym,
        "title": conference.title,
        "start": export_moment(first, zone),
        "end": export_moment(last, zone),
        "daysCount": len(days),
        # Required by the schema; frab's customary 5-minute grid when the source has none.
        "timeslot_duration": format_duration(conference.timeslot_duration or timedelta(minutes=5)),
    }
    if conference.time_zone and re.match(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$", conference.time_zone):
        data["time_zone_name"] = conference.time_zone
    url = _uri(conference.url, None)
    if url:
        data["url"] = url
    data["tracks"] = [_track(track) for track in schedule.tracks]
    data["rooms"] = [
        {
            "name": room.name,
            "guid": room.guid
            if room.guid and UUID_PATTERN.match(room.guid)
            else str(uuid.uuid5(IMMERSE_SCHEDULE_NAMESPACE, f"{acronym}/room/{room.name}")),
        }
        for room in schedule.rooms
    ]
    return data


def _track(track: Track) -> dict[str, Any]:
    data: dict[str, Any] = {"name": track.name}
    if track.slug and re.fullmatch(r"[a-z0-9_-]+[a-z0-9]", track.slug):
        data["slug"] = track.slug
    if track.color and re.fullmatch(r"#[0-9a-fA-F]{6}", track.color):
        data["color"] = track.color
    return data


def _day(
    day: Day,
    position: int,
    room_order: dict[str, int],
    events: list[dict[str, Any]],
    zone: tzinfo | None,
) -> dict[str, Any]:
    start, end = export_day_bounds(day, zone)
    names = sorted(day_room_names(day), key=lambda name: room_order.get(name, len(room_order)))
    rooms: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    for event, exported in zip(day.events, events, strict=True):
        rooms[event.room].append(exported)
    return {
        "index": position,
        "date": day.date.isoformat(),
        "day_start": start.isoformat(timespec="seconds"),
        "day_end": end.isoformat(timespec="seconds"),
        "rooms": rooms,
    }


def schedule_to_json(schedule: Schedule) -> bytes:
    """Write `schedule` as ``schedule.json`` valid against c3voc's current JSON schema.

    Acronym, slugs, ids and guids are normalised to the schema's patterns (see
    `export_acronym`, `export_event_identities`); rooms get uuid5 guids when they lack one.
    Times, days and texts are written as `schedule_to_frab_xml` writes them.
    """
    identities = export_event_identities(schedule)
    days = export_days(schedule)
    zone = zone_for(schedule.conference.time_zone)
    base_url = _uri(schedule.conference.base_url, None)
    room_order = {room.name: position for position, room in enumerate(schedule.rooms)}
    conference = _conference(schedule, days)
    conference["days"] = [
        _day(
            day,
            position,
            room_order,
            [_event(event, identities[id(event)], base_url, zone) for event in day.events],
            zone,
        )
        for position, day in enumerate(days, 1)
    ]
    body: dict[str, Any] = {"version": schedule.version or "1.0"}
    if base_url:
        body["base_url"] = base_url
    body["conference"] = conference
    document = {"$schema": SCHEMA_URL, "generator": {"name": "immerse"}, "schedule": body}
    return orjson.dumps(_printable(document), option=orjson.OPT_INDENT_2) + b"\n"


def _printable(value: Any) -> Any:
    """Every text of the document without what a schedule cannot carry (see `printable`)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable(key): _printable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_printable(item) for item in value]
    return value


@lru_cache(maxsize=4)
def _validator(path: str) -> Any:
    import jsonschema  # only needed when validating

    schema = orjson.loads(Path(path).read_bytes())
    validator_class = jsonschema.validators.validator_for(schema)
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


def validate_schedule_json(data: bytes, schema_path: str | Path) -> None:
    """Raise `ScheduleFormatError` listing (up to five) schema violations, by JSON path."""
    errors = sorted(
        _validator(str(schema_path)).iter_errors(orjson.loads(data)),
        key=lambda error: list(map(str, error.absolute_path)),
    )
    if errors:
        details = "; ".join(
            f"{json_path(list(error.absolute_path)) or '$'}: {error.message[:200]}"
            for error in errors[:5]
        )
        raise ScheduleFormatError(
            f"{len(errors)} schema violation(s): {details}", source=str(schema_path)
        )
