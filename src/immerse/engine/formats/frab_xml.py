"""frab/Pentabarf ``schedule.xml``: a lenient reader and a writer that passes the newest XSD.

The reader goes through defusedxml, so entity declarations (billion laughs) and external
entities are refused before they expand. It accepts what real generators emit (frab 2014,
pretalx for FOSDEM 2024: ``conference/subtitle``, a ``<tracks>`` block, base64 guids,
unknown elements) and only fails on what it cannot interpret, naming line, column and the
element path. The writer emits what c3voc's current ``schedule.xml.xsd`` requires.

>>> schedule = parse_frab_xml(b'''<schedule><version>1</version>
... <conference><acronym>demo</acronym><title>Demo</title></conference>
... <day index="1" date="2024-02-03"><room name="Main">
... <event id="7"><date>2024-02-03T09:30:00+01:00</date><duration>00:25</duration>
... <title>Welcome</title></event></room></day></schedule>''')
>>> [(event.title, event.room, str(event.duration)) for event in schedule.events]
[('Welcome', 'Main', '0:25:00')]
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta, tzinfo
from functools import lru_cache
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden

from immerse.engine.formats.schedule import (
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

__all__ = ["parse_frab_xml", "schedule_to_frab_xml", "validate_frab_xml"]

_HTTP = re.compile(r"^https?://\S+$")
_CODE = re.compile(r"^[0-9A-Z]{6}$")
_POSITION_SUFFIX = re.compile(r": line \d+, column \d+$")  # we report the place ourselves


# --- reading ---------------------------------------------------------------------------


class _LineTreeBuilder(ET.TreeBuilder):
    """Remembers where each element starts, so errors can name a line and column."""

    def __init__(self) -> None:
        super().__init__()
        self.expat: Any = None
        self.positions: dict[int, tuple[int, int]] = {}

    def start(self, tag: Any, attrs: Any) -> ET.Element:
        element = super().start(tag, attrs)
        self.positions[id(element)] = (
            self.expat.CurrentLineNumber,
            self.expat.CurrentColumnNumber + 1,
        )
        return element


class _Reader:
    """Walks the tree; knows the source name and element positions for error messages."""

    def __init__(self, source: str, positions: dict[int, tuple[int, int]]) -> None:
        self.source = source
        self.positions = positions
        self.base_url: str | None = None

    def error(self, element: ET.Element | None, path: str, message: str) -> ScheduleFormatError:
        line, column = self.positions.get(id(element), (0, 0))
        return ScheduleFormatError(
            message, source=self.source, place=f"line {line}, column {column} ({path})"
        )

    def text(self, element: ET.Element, tag: str) -> str | None:
        child = element.find(tag)
        return None if child is None else _clean(child.text)

    def parse(self, root: ET.Element) -> Schedule:
        if root.tag != "schedule":
            raise self.error(
                root, root.tag, f"the root element is <{root.tag}>, expected <schedule>"
            )
        conference_element = root.find("conference")
        conference = self.conference(
            conference_element if conference_element is not None else ET.Element("c")
        )
        zone = zone_for(conference.time_zone)
        self.base_url = conference.base_url
        days = tuple(
            self.day(element, position, zone)
            for position, element in enumerate(root.findall("day"), 1)
        )
        generator = root.find("generator")
        return Schedule(
            conference=conference,
            days=days,
            rooms=self.rooms(root, days),
            tracks=self.tracks(root, days),
            version=self.text(root, "version") or "",
            generator=None if generator is None else generator.get("name"),
        )

    def conference(self, element: ET.Element) -> Conference:
        zone = zone_for(self.text(element, "time_zone_name"))

        def when(tag: str) -> date | datetime | None:
            # A date-time keeps its time of day (congresses start at 10:00, not midnight).
            value = self.text(element, tag)
            if not value:
                return None
            try:
                if "T" in value:
                    return parse_datetime(value, zone=zone)
                return date.fromisoformat(value)
            except ValueError:
                raise self.error(
                    element.find(tag), f"conference/{tag}", f"not a date: {value!r}"
                ) from None

        slot = self.text(element, "timeslot_duration")
        try:
            timeslot = parse_duration(slot) if slot else None
        except ValueError as exc:
            raise self.error(
                element.find("timeslot_duration"), "conference/timeslot_duration", str(exc)
            ) from None
        return Conference(
            title=self.text(element, "title") or "",
            acronym=self.text(element, "acronym") or "",
            start=when("start"),
            end=when("end"),
            time_zone=self.text(element, "time_zone_name") or None,
            timeslot_duration=timeslot,
            base_url=self.text(element, "base_url") or None,
            url=self.text(element, "url") or None,
        )

    def day(self, element: ET.Element, position: int, zone: tzinfo | None) -> Day:
        path = f"day[{position}]"

        def moment(name: str) -> datetime | None:
            value = element.get(name)
            try:
                return parse_datetime(value, zone=zone) if value else None
            except ValueError:
                raise self.error(
                    element, f"{path}/@{name}", f"not a date-time: {value!r}"
                ) from None

        start, end = moment("start"), moment("end")
        index = element.get("index", str(position))
        if not index.isdigit():
            raise self.error(element, f"{path}/@index", f"not a day number: {index!r}")
        raw_date = element.get("date")
        try:
            day_date = date.fromisoformat(raw_date) if raw_date else None
        except ValueError:
            raise self.error(element, f"{path}/@date", f"not a date: {raw_date!r}") from None
        day_date = day_date or (start.date() if start else None)
        if day_date is None:
            raise self.error(element, path, "a <day> needs a date or a start attribute")
        day = Day(index=int(index), date=day_date, start=start, end=end)
        rooms: list[str] = []
        events: list[ScheduleEvent] = []
        for room in element.findall("room"):
            name = room.get("name") or ""
            rooms.append(name)
            room_path = f'{path}/room[@name="{name}"]'
            for number, event in enumerate(room.findall("event"), 1):
                events.append(self.event(event, f"{room_path}/event[{number}]", day, name, zone))
        return Day(
            index=day.index,
            date=day.date,
            start=start,
            end=end,
            rooms=tuple(rooms),
            events=tuple(events),
        )

    def event(
        self, element: ET.Element, path: str, day: Day, room: str, zone: tzinfo | None
    ) -> ScheduleEvent:
        raw_id = element.get("id", "")
        path = f'{path}[@id="{raw_id}"]' if raw_id else path
        return ScheduleEvent(
            id=int(raw_id) if raw_id.isdigit() else None,
            guid=element.get("guid") or None,
            code=element.get("code") or None,
            title=self.text(element, "title") or "",
            room=self.text(element, "room") or room,
            start=self.event_start(element, path, day, zone),
            duration=self.event_duration(element, path),
            subtitle=self.text(element, "subtitle") or "",
            abstract=self.text(element, "abstract") or "",
            description=self.text(element, "description") or "",
            track=self.text(element, "track") or None,
            type=self.text(element, "type") or "",
            language=self.text(element, "language") or None,
            slug=self.text(element, "slug") or None,
            url=self.text(element, "url") or None,
            feedback_url=self.text(element, "feedback_url") or None,
            persons=tuple(
                self.person(person, f"{path}/persons/person")
                for person in element.iterfind("persons/person")
            ),
            links=tuple(self.link(link) for link in element.iterfind("links/link")),
            attachments=tuple(
                self.link(link) for link in element.iterfind("attachments/attachment")
            ),
            do_not_record=(self.text(element, "recording/optout") or "").lower()
            in ("true", "1"),
            recording_license=self.text(element, "recording/license") or "",
            logo=logo_url(self.text(element, "logo"), self.base_url),
        )

    def event_start(
        self, element: ET.Element, path: str, day: Day, zone: tzinfo | None
    ) -> datetime:
        # `date` carries the offset and wins; older files only have the wall-clock `start`.
        raw_date, raw_start = self.text(element, "date"), self.text(element, "start")
        try:
            if raw_date and "T" in raw_date:
                return parse_datetime(raw_date, zone=zone)
            if raw_start:
                return start_from_day(day, parse_time_of_day(raw_start), zone=zone)
        except ValueError as exc:
            tag = "date" if raw_date and "T" in raw_date else "start"
            raise self.error(element.find(tag), f"{path}/{tag}", str(exc)) from None
        raise self.error(element, path, "the event has neither <date> nor <start>")

    def event_duration(self, element: ET.Element, path: str) -> timedelta:
        raw = self.text(element, "duration")
        if raw is None:
            raise self.error(element, path, "the event has no <duration>")
        try:
            return parse_duration(raw)
        except ValueError as exc:
            raise self.error(element.find("duration"), f"{path}/duration", str(exc)) from None

    def person(self, element: ET.Element, path: str) -> Person:
        raw_id = (element.get("id") or "").strip()
        return Person(
            name=_clean(element.text),
            id=int(raw_id) if raw_id.isdigit() else None,
            guid=element.get("guid") or None,
            code=element.get("code") or None,
        )

    def link(self, element: ET.Element) -> Link:
        return Link(
            url=(element.get("href") or "").strip(),
            title=_clean(element.text),
            type=element.get("type"),
        )

    def rooms(self, root: ET.Element, days: tuple[Day, ...]) -> tuple[Room, ...]:
        declared = [
            Room(name=element.get("name") or (element.text or "").strip(), guid=element.get("guid"))
            for element in [*root.iterfind("rooms/room"), *root.iterfind("day/room")]
        ]
        return complete_rooms(declared, days)

    def tracks(self, root: ET.Element, days: tuple[Day, ...]) -> tuple[Track, ...]:
        declared = [
            Track(
                name=element.get("name") or (element.text or "").strip(),
                color=element.get("color"),
                slug=element.get("slug"),
            )
            for element in [*root.iterfind("tracks/track"), *root.iterfind("conference/track")]
        ]
        return complete_tracks(declared, days)


def _clean(text: str | None) -> str:
    # `&#13;` survives XML's own line-end handling as a CR (docs/formats.md, "Line ends").
    return normalise_line_ends(text or "").strip()


def parse_frab_xml(
    data: bytes, *, source: str = "<input>", limits: ScheduleLimits = SCHEDULE_LIMITS
) -> Schedule:
    """Read a frab/Pentabarf ``schedule.xml`` leniently.

    Raises `ScheduleFormatError` for XML that is not well-formed, declares entities or
    references external ones, or has a value that cannot be interpreted (a date, a
    duration), naming line, column and element path; and a schedule over ``limits`` (bytes
    first, before parsing; then events, days, rooms and field lengths).
    """
    if len(data) > limits.max_bytes:
        raise ScheduleFormatError(
            f"{len(data):,} bytes, more than the {limits.max_bytes:,} a schedule may have",
            source=source,
        )
    builder = _LineTreeBuilder()
    parser = SafeET.DefusedXMLParser(
        target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    builder.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except ET.ParseError as exc:
        line, column = exc.position
        raise ScheduleFormatError(
            f"not well-formed XML: {_POSITION_SUFFIX.sub('', str(exc))}",
            source=source,
            place=f"line {line}, column {column + 1}",
        ) from None
    except (EntitiesForbidden, ExternalReferenceForbidden, DefusedXmlException) as exc:
        where = f"line {parser.parser.CurrentLineNumber}"
        reason = (
            "entity declarations" if isinstance(exc, EntitiesForbidden) else "external references"
        )
        raise ScheduleFormatError(
            f"{reason} are refused (XML bomb / external entity protection): {exc}",
            source=source,
            place=where,
        ) from None
    schedule = _Reader(source, builder.positions).parse(root)
    check_schedule_limits(schedule, source=source, limits=limits)
    return schedule


# --- writing ---------------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(
        parent, tag, {name: printable(value) for name, value in attributes.items()}
    )
    if text is not None:
        element.text = printable(text)
    return element


def _conference_element(schedule: Schedule, days: tuple[Day, ...], parent: ET.Element) -> None:
    conference = schedule.conference
    zone = zone_for(conference.time_zone)
    element = _sub(parent, "conference")
    _sub(element, "acronym", export_acronym(conference.acronym, json=False))
    _sub(element, "title", conference.title)
    first = conference.start or days[0].date
    last = conference.end or days[-1].date
    _sub(element, "start", export_moment(first, zone))
    _sub(element, "end", export_moment(last, zone))
    _sub(element, "days", str(len(days)))
    if conference.timeslot_duration is not None:
        _sub(element, "timeslot_duration", format_duration(conference.timeslot_duration))
    for tag, url in (("base_url", conference.base_url), ("url", conference.url)):
        if url and _HTTP.match(url):
            _sub(element, tag, url)
    if conference.time_zone:
        _sub(element, "time_zone_name", conference.time_zone)
    for track in schedule.tracks:
        attributes = {"name": track.name}
        if track.color and re.fullmatch(r"#[0-9a-fA-F]{6}", track.color):
            attributes["color"] = track.color
        if track.slug and re.fullmatch(r"[a-z][a-z0-9-]+", track.slug):
            attributes["slug"] = track.slug
        _sub(element, "track", track.name, **attributes)


def _event_element(
    parent: ET.Element,
    event: ScheduleEvent,
    identity: Any,
    codes: set[str],
    zone: tzinfo | None,
) -> None:
    attributes = {"id": str(identity.id), "guid": identity.guid}
    if event.code and _CODE.match(event.code) and event.code not in codes:
        codes.add(event.code)
        attributes["code"] = event.code
    element = _sub(parent, "event", **attributes)
    # `start` is the wall clock of the declared zone (readers without `date` rely on it), and
    # `date` carries the same moment with that zone's offset.
    start = local_time(event.start, zone)
    _sub(element, "date", start.isoformat(timespec="seconds"))
    _sub(element, "start", start.strftime("%H:%M"))
    _sub(element, "duration", format_duration(event.duration))
    _sub(element, "room", event.room)
    _sub(element, "slug", identity.slug)
    if event.url and _HTTP.match(event.url):
        _sub(element, "url", event.url)
    _sub(element, "title", event.title)
    _sub(element, "subtitle", event.subtitle)
    _sub(element, "track", event.track or "")
    _sub(element, "type", event.type)
    if event.language:
        _sub(element, "language", event.language)
    if event.logo and _HTTP.match(event.logo):
        _sub(element, "logo", event.logo)
    if event.do_not_record or event.recording_license:
        recording = _sub(element, "recording")
        _sub(recording, "license", event.recording_license)
        _sub(recording, "optout", "true" if event.do_not_record else "false")
    _sub(element, "abstract", event.abstract)
    _sub(element, "description", event.description)
    if event.feedback_url and _HTTP.match(event.feedback_url):
        _sub(element, "feedback_url", event.feedback_url)
    persons = _sub(element, "persons")
    for person in event.persons:
        person_attributes = {"id": str(person.id)} if person.id is not None else {}
        if person.guid and UUID_PATTERN.match(person.guid):
            person_attributes["guid"] = person.guid
        _sub(persons, "person", person.name, **person_attributes)
    for group, tag, references in (
        ("links", "link", event.links),
        ("attachments", "attachment", event.attachments),
    ):
        container = _sub(element, group)
        for reference in references:
            link_attributes = {"href": reference.url}
            if reference.type:
                link_attributes["type"] = reference.type
            _sub(container, tag, reference.title, **link_attributes)


def schedule_to_frab_xml(schedule: Schedule) -> bytes:
    """Write `schedule` as ``schedule.xml`` valid against c3voc's current XSD.

    Missing ids, non-UUID guids and schema-breaking slugs are filled deterministically (see
    `export_event_identities`); relative URLs are left out, as the XSD wants absolute ones.
    Times are written on the wall clock of the conference's ``time_zone_name``; a schedule
    without events lists the conference's dates as empty days (`export_days`). Characters
    XML cannot hold are dropped (`printable`).
    """
    identities = export_event_identities(schedule)
    days = export_days(schedule)
    zone = zone_for(schedule.conference.time_zone)
    root = ET.Element("schedule")
    _sub(root, "generator", name="immerse")
    _sub(root, "version", schedule.version or "1.0")
    _conference_element(schedule, days, root)
    room_order = {room.name: position for position, room in enumerate(schedule.rooms)}
    room_guids = {room.name: room.guid for room in schedule.rooms if room.guid}
    codes: set[str] = set()
    # Rooms no day mentions would vanish from XML, which has no room list: park them empty
    # in the first day so a round trip keeps them.
    mentioned = {name for day in days for name in day_room_names(day)}
    unplaced = [room.name for room in schedule.rooms if room.name not in mentioned]
    for position, day in enumerate(days, 1):
        start, end = export_day_bounds(day, zone)
        day_element = _sub(
            root, "day", index=str(position), date=day.date.isoformat(),
            start=start.isoformat(timespec="seconds"), end=end.isoformat(timespec="seconds"),
        )  # fmt: skip
        names = day_room_names(day) + (unplaced if position == 1 else [])
        for name in sorted(names, key=lambda room: room_order.get(room, len(room_order))):
            guid = room_guids.get(name)
            room_attributes = {"guid": guid} if guid and UUID_PATTERN.match(guid) else {}
            room_element = _sub(day_element, "room", name=name, **room_attributes)
            for event in (event for event in day.events if event.room == name):
                _event_element(room_element, event, identities[id(event)], codes, zone)
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


@lru_cache(maxsize=4)
def _xml_schema(path: str) -> Any:
    import xmlschema  # heavy; only needed when validating

    return xmlschema.XMLSchema(path)


def validate_frab_xml(data: bytes, xsd_path: str | Path) -> None:
    """Raise `ScheduleFormatError` listing (up to five) XSD violations of `data`."""
    schema = _xml_schema(str(xsd_path))
    errors = list(schema.iter_errors(io.BytesIO(data)))
    if errors:
        details = "; ".join(f"{error.path}: {error.reason}" for error in errors[:5])
        raise ScheduleFormatError(
            f"{len(errors)} XSD violation(s): {details}", source=str(xsd_path)
        )
