"""Small factories for Django tests: explicit keyword arguments, sensible defaults."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from immerse.events.models import Event, EventRole, Room, Session, TimeSlot
from immerse.people.models import Person, Registration, Tool

_counter = itertools.count(1)
PASSWORD = "a-long-test-password-1"


def make_user(username: str | None = None, *, staff: bool = False):
    n = next(_counter)
    return get_user_model().objects.create_user(
        username=username or f"user{n}", password=PASSWORD, is_staff=staff,
        email=f"user{n}@test.example",
    )


def make_event(*, slug: str | None = None, capacity: int = 50, published: bool = True,
               **fields: object) -> Event:
    n = next(_counter)
    defaults: dict[str, object] = {
        "kind": "workshop", "title": f"Workshop {n}", "start_date": date(2027, 5, 1),
        "end_date": date(2027, 5, 1), "hashtags": ["#test"],
    }
    defaults.update(fields)
    return Event.objects.create(slug=slug or f"event-{n}", capacity=capacity,
                                published=published, **defaults)


def make_person(*, user=None, email: str | None = None, **fields: object) -> Person:
    n = next(_counter)
    defaults: dict[str, object] = {"name": f"Person {n}", "organization": f"Org {n % 5}"}
    defaults.update(fields)
    return Person.objects.create(user=user, email=email or f"person{n}@test.example", **defaults)


def make_registration(*, event: Event, person: Person | None = None,
                      status: str = "confirmed", **fields: object) -> Registration:
    return Registration.objects.create(event=event, person=person or make_person(),
                                       status=status, **fields)


def make_role(*, event: Event, user, role: str = "organizer") -> EventRole:
    return EventRole.objects.create(event=event, user=user, role=role)


def make_session(*, event: Event, title: str = "A session", fmt: str = "story",
                 levels: tuple[int, ...] = (1, 2), start_hour: int = 9,
                 **fields: object) -> Session:
    zone = ZoneInfo(event.time_zone)
    start = datetime.combine(event.start_date, datetime.min.time(), tzinfo=zone) + timedelta(
        hours=start_hour
    )
    slot = TimeSlot.objects.create(event=event, start=start, end=start + timedelta(hours=1))
    room, _ = Room.objects.get_or_create(event=event, name="Main room",
                                         defaults={"capacity": 40})
    return Session.objects.create(event=event, title=title, format=fmt,
                                  target_levels=list(levels), slot=slot, room=room, **fields)


def side_by_side(session: Session, slot: TimeSlot) -> Session:
    """Move ``session`` into ``slot`` beside what runs there, in a room of its own (one
    session per room and slot)."""
    rooms = Room.objects.filter(event=session.event).count()
    session.room = Room.objects.create(event=session.event, name=f"Room {rooms + 1}",
                                       capacity=40, position=rooms)
    session.slot = slot
    session.save(update_fields=["room", "slot"])
    return session


def session_started(session: Session) -> Session:
    """Move ``session`` a year into the past: feedback on it opens when it starts."""
    TimeSlot.objects.filter(pk=session.slot_id).update(
        start=session.slot.start - timedelta(days=365), end=session.slot.end - timedelta(days=365))
    session.slot.refresh_from_db()
    return session


def catalogue_tool(key: str) -> Tool:
    """The catalogue's tool ``key``: seeded by a migration, but a transactional test
    elsewhere in the same worker flushes the database, seed included."""
    from immerse.engine.catalogue import TOOLS

    position, found = next((i, t) for i, t in enumerate(TOOLS) if t.key == key)
    tool, _ = Tool.objects.get_or_create(key=key, defaults={
        "label": found.label, "examples": found.examples, "position": position})
    return tool
