"""Setting an event up on the web: days and slots, rooms, sessions, hub channels, sign-up.

Every write takes plain values (the forms and the API have checked their shape) and raises
:class:`SetupError` naming the field when the event's own rules refuse them; nothing is
written then.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from immerse.engine.catalogue import FORMAT_BY_KEY
from immerse.engine.slot_grid import GridBreak, GridError, slot_grid
from immerse.events.models import Event, Room, Session, TimeSlot
from immerse.events.services import session_create, session_pitch_set
from immerse.notify.links import absolute
from immerse.notify.services import AddressRefused, address_clean, message_queue
from immerse.people.models import Person
from immerse.people.services.registrations import seats_lock, waitlist_promote
from immerse.studio.services.audit import audit_record
from immerse.studio.services.grid import session_place


class SetupError(ValueError):
    """A set-up write refused; ``field`` names the input at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


# Days and slots ---------------------------------------------------------------------------

#: engine.slot_grid's messages, marked for translation (the engine has no Django).
GRID_MESSAGES = (gettext_noop("must be a time of day"), gettext_noop("must be after the start"),
                 gettext_noop("must be at least one minute"),
                 gettext_noop("is longer than the day"), gettext_noop("cannot be negative"),
                 gettext_noop("must end after it starts"))

def event_days(event: Event) -> list[date]:
    """Every day of the event, first to last."""
    count = (event.end_date - event.start_date).days + 1
    return [event.start_date + timedelta(days=n) for n in range(count)]


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _at(day: date, minutes: int, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone) + timedelta(minutes=minutes)


@transaction.atomic
def slots_generate(*, event: Event, days: Sequence[date], start: time, end: time,
                   session_minutes: int, gap_minutes: int = 0,
                   breaks: Sequence[tuple[time, time]] = (), by: Any = None) -> list[TimeSlot]:
    """The grid of :func:`engine.slot_grid.slot_grid` on each of ``days``, in the event's
    time zone. A slot that already exists (same start and end) is kept, not doubled; the
    new ones are returned."""
    outside = [day for day in days if not event.start_date <= day <= event.end_date]
    if outside:
        raise SetupError("days", _("%(day)s is not a day of the event.") % {"day": outside[0]})
    try:
        grid = slot_grid(start=_minutes(start), end=_minutes(end) or 24 * 60,
                         session_minutes=session_minutes, gap_minutes=gap_minutes,
                         breaks=[GridBreak(start=_minutes(a), end=_minutes(b))
                                 for a, b in breaks])
    except GridError as error:
        # The engine speaks English; its fixed messages are listed below for translators.
        raise SetupError(error.field, _(error.message)) from error
    zone = ZoneInfo(event.time_zone)
    existing = set(TimeSlot.objects.filter(event=event).values_list("start", "end"))
    made = [TimeSlot(event=event, start=_at(day, slot.start, zone), end=_at(day, slot.end, zone))
            for day in days for slot in grid]
    fresh = [slot for slot in made if (slot.start, slot.end) not in existing]
    created = TimeSlot.objects.bulk_create(fresh)
    audit_record(event=event, actor=by, action="slots.generated",
                 summary=_("Generated %(n)d slots") % {"n": len(created)},
                 details={"days": list(days), "start": start, "end": end,
                          "session_minutes": session_minutes})
    return created


def slot_save(*, event: Event, slot: TimeSlot | None, label: str, start: datetime,
              end: datetime, by: Any = None) -> TimeSlot:
    """Create or change one slot (its sessions stay in it)."""
    if end <= start:
        raise SetupError("end", _("The end must be after the start."))
    created = slot is None
    slot = slot or TimeSlot(event=event)
    slot.label, slot.start, slot.end = label.strip(), start, end
    slot.save()
    audit_record(event=event, actor=by, action="slot.created" if created else "slot.changed",
                 summary=(_("Added the slot %(when)s") if created else
                          _("Changed the slot %(when)s")) % {"when": _when(slot)},
                 details={"slot": slot.pk, "label": slot.label, "start": start, "end": end})
    return slot


def _when(slot: TimeSlot) -> str:
    zone = ZoneInfo(slot.event.time_zone)
    return f"{slot.start.astimezone(zone):%Y-%m-%d %H:%M}–{slot.end.astimezone(zone):%H:%M}"


@transaction.atomic
def slot_delete(*, slot: TimeSlot, by: Any = None) -> int:
    """Delete a slot; its sessions become unplaced (no room, no slot). Returns how many."""
    unplaced = Session.objects.filter(slot=slot).update(slot=None, room=None)
    audit_record(event=slot.event, actor=by, action="slot.deleted",
                 summary=_("Deleted the slot %(when)s") % {"when": _when(slot)},
                 details={"slot": slot.pk, "unplaced": unplaced})
    slot.delete()
    return unplaced


# Rooms ------------------------------------------------------------------------------------

def room_save(*, event: Event, room: Room | None, name: str, capacity: int,
              accessibility: str = "", by: Any = None) -> Room:
    """Create or change a room; names are unique within the event."""
    name = " ".join(name.split())
    if not name:
        raise SetupError("name", _("A room needs a name."))
    same_name = Room.objects.filter(event=event, name__iexact=name)
    if room is not None:
        same_name = same_name.exclude(pk=room.pk)
    if same_name.exists():
        raise SetupError("name", _("This event already has a room called “%(name)s”.")
                         % {"name": name})
    is_new = room is None
    if room is None:
        position = Room.objects.filter(event=event).count()
        room = Room(event=event, position=position)
    room.name, room.capacity, room.accessibility = name, capacity, accessibility.strip()
    try:
        with transaction.atomic():
            room.save()
    except IntegrityError as error:  # a concurrent twin got there first
        raise SetupError("name", _("This event already has a room called “%(name)s”.")
                         % {"name": name}) from error
    audit_record(event=event, actor=by, action="room.created" if is_new else "room.changed",
                 summary=(_("Added the room %(name)s") if is_new else
                          _("Changed the room %(name)s")) % {"name": name},
                 details={"room": room.pk, "capacity": capacity})
    return room


@transaction.atomic
def room_delete(*, room: Room, by: Any = None) -> int:
    """Delete a room; its sessions become unplaced (no room, no slot). Returns how many."""
    unplaced = Session.objects.filter(room=room).update(slot=None, room=None)
    audit_record(event=room.event, actor=by, action="room.deleted",
                 summary=_("Deleted the room %(name)s") % {"name": room.name},
                 details={"room": room.pk, "unplaced": unplaced})
    room.delete()
    return unplaced


# Sessions ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class SessionData:
    """What an organizer says about a session (placement is the grid's job; the API may
    pass ``room``/``slot`` too)."""

    title: str
    format_key: str
    levels: tuple[int, ...]
    topics: tuple[str, ...] = ()
    abstract: str = ""
    capacity: int | None = None
    hosts: tuple[Person, ...] = ()
    #: The organizer's own pitch; blank: back to the generated one (kept up to date);
    #: None: as it is.
    pitch: str | None = None


def _check_session(data: SessionData) -> None:
    if not data.title.strip():
        raise SetupError("title", _("A session needs a title."))
    if data.format_key not in FORMAT_BY_KEY:
        raise SetupError("format", _("“%(key)s” is not a session format (%(known)s).") % {
            "key": data.format_key, "known": ", ".join(FORMAT_BY_KEY)})
    if not data.levels:
        raise SetupError("target_levels", _("Choose at least one level."))
    if any(level not in (1, 2, 3, 4) for level in data.levels):
        raise SetupError("target_levels", _("Levels are 1 to 4."))


@transaction.atomic
def session_save(*, event: Event, session: Session | None, data: SessionData,
                 room: Room | None = None, slot: TimeSlot | None = None,
                 place: bool = False, by: Any = None) -> Session:
    """Create or change a session. Its pitch is generated on creation and again when its
    levels, format or topics change, unless the organizer wrote their own (``data.pitch``,
    or an earlier edit). ``place``: set ``room`` and ``slot`` too (the API's placement),
    through the grid's one placement rule (``session_place``: PlacementClash, PlacementError),
    in this transaction: a refused placement saves nothing."""
    _check_session(data)
    is_new = session is None
    levels, topics = sorted(set(data.levels)), [t for t in data.topics if t.strip()]
    if session is None:
        session = session_create(
            event=event, title=data.title.strip(), format_key=data.format_key, levels=levels,
            topics=topics, tools=[], room=None, slot=None, abstract=data.abstract,
            capacity=data.capacity)
        changed = False
    else:
        changed = (session.format != data.format_key or sorted(session.target_levels) != levels
                   or list(session.topics) != topics)
        session.title, session.format = data.title.strip(), data.format_key
        session.target_levels, session.topics = levels, topics
        session.abstract, session.capacity = data.abstract, data.capacity
        session.save()
    if place and ((room.pk if room else None, slot.pk if slot else None)
                  != (session.room_id, session.slot_id)):
        session_place(session=session, room=room, slot=slot, by=by)
    session.facilitators.set(data.hosts)
    _pitch_follow(session, data.pitch, changed=changed)
    audit_record(event=event, actor=by,
                 action="session.created" if is_new else "session.changed",
                 summary=(_("Added the session “%(title)s”") if is_new else
                          _("Changed the session “%(title)s”")) % {"title": session.title},
                 details={"session": session.pk, "format": session.format, "levels": levels,
                          "room": session.room_id, "slot": session.slot_id})
    return session


def _pitch_follow(session: Session, pitch: str | None, *, changed: bool) -> None:
    """The organizer's own pitch sticks; a generated one follows the session's changes."""
    own = (pitch or "").strip()
    if own:
        if own != session.pitch or not session.pitch_edited:
            session_pitch_set(session=session, pitch=own)
    elif (changed and not session.pitch_edited) or (pitch == "" and session.pitch_edited):
        session_pitch_set(session=session, pitch=None)


def session_delete(*, session: Session, by: Any = None) -> None:
    audit_record(event=session.event, actor=by, action="session.deleted",
                 summary=_("Deleted the session “%(title)s”") % {"title": session.title},
                 details={"session": session.pk})
    session.delete()


@transaction.atomic
def host_invite(*, event: Event, session: Session, name: str, email: str) -> Person:
    """Make ``email`` a host of ``session`` (the person is made if new) and tell them; the
    same invitation twice sends one message."""
    try:
        email = address_clean(email)
    except AddressRefused as error:
        raise SetupError("invite_email", str(error)) from error
    person = Person.objects.filter(email=email).first()
    if person is None:
        person = Person.objects.create(email=email, name=" ".join(name.split())[:200])
    session.facilitators.add(person)
    zone = ZoneInfo(event.time_zone)
    message_queue(
        kind="host_invited", key=f"host_invited:{session.pk}:{person.pk}", to_email=email,
        to_name=person.name, person=person, event=event, context={
            "session_title": session.title,
            "session_url": absolute(reverse("session-detail", args=[event.slug, session.pk])),
            "starts_at": session.slot.start.astimezone(zone).strftime("%A %d %B, %H:%M")
            if session.slot else "",
            "room": session.room.name if session.room else "",
            "login_url": absolute(reverse("login-link"))})
    return person


# The hub --------------------------------------------------------------------------------

@dataclass(frozen=True)
class HubData:
    hashtags: tuple[str, ...] = ()
    organizer_handles: tuple[str, ...] = ()
    #: (label, url) pairs.
    video_uplinks: tuple[tuple[str, str], ...] = ()
    blogs: tuple[tuple[str, str], ...] = ()
    wiki_url: str = ""
    content_guide: str = ""


def _tag(text: str) -> str:
    tag = text.strip()
    return tag if tag.startswith("#") else f"#{tag}"


def hub_set(*, event: Event, data: HubData, by: Any = None) -> Event:
    """The hub's channels, stored in the event's own fields (the listening dashboard, the
    wall and the exports read them there)."""
    event.hashtags = list(dict.fromkeys(_tag(t) for t in data.hashtags if t.strip()))
    event.organizer_handles = list(dict.fromkeys(h.strip() for h in data.organizer_handles
                                                 if h.strip()))
    event.video_uplinks = [{"label": label.strip(), "url": url.strip()}
                           for label, url in data.video_uplinks]
    event.blogs = [{"label": label.strip(), "url": url.strip()} for label, url in data.blogs]
    event.wiki_url, event.content_guide = data.wiki_url.strip(), data.content_guide.strip()
    event.full_clean(exclude=["slug"])
    event.save(update_fields=["hashtags", "organizer_handles", "video_uplinks", "blogs",
                              "wiki_url", "content_guide"])
    audit_record(event=event, actor=by, action="hub.changed",
                 summary=_("Changed the hub's channels"),
                 details={"hashtags": event.hashtags, "wiki_url": event.wiki_url})
    return event


# Sign-up settings -----------------------------------------------------------------------

def signup_settings_set(*, event: Event, opens_at: datetime | None,
                        closes_at: datetime | None, capacity: int,
                        waiting_list: bool, by: Any = None) -> Event:
    """When sign-up is open, how many seats, and whether people may wait beyond them."""
    if opens_at and closes_at and closes_at <= opens_at:
        raise SetupError("closes_at", _("Sign-up must close after it opens."))
    if capacity < 1:
        raise SetupError("capacity", _("The capacity must be at least 1."))
    with transaction.atomic():
        seats_lock(event=event)
        event.signup_opens_at, event.signup_closes_at = opens_at, closes_at
        event.capacity, event.waiting_list = capacity, waiting_list
        event.save(update_fields=["signup_opens_at", "signup_closes_at", "capacity",
                                  "waiting_list"])
        # More seats: the people waiting get them first, in their order.
        waitlist_promote(event=event)
        audit_record(event=event, actor=by, action="signup.changed",
                     summary=_("Changed the sign-up settings"),
                     details={"opens_at": opens_at, "closes_at": closes_at,
                              "capacity": capacity, "waiting_list": waiting_list})
    return event
