"""A room: an event, a session, two attendees with accounts and a facilitator."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from immerse.events.models import Event, Session
from tests.factories import (
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
)


@dataclass
class RoomWorld:
    event: Event
    session: Session
    ann: Any
    bob: Any
    facilitator: Any
    organizer: Any


def make_room(*, slug: str = "room") -> RoomWorld:
    event = make_event(slug=slug)
    session = make_session(event=event, title="Listening first")
    users = {}
    for name in ("ann", "bob"):
        users[name] = make_user(f"{slug}-{name}")
        make_registration(event=event, person=make_person(user=users[name],
                                                          name=name.title()))
    facilitator, organizer = make_user(f"{slug}-fac"), make_user(f"{slug}-org")
    make_role(event=event, user=facilitator, role="facilitator")
    make_role(event=event, user=organizer)
    return RoomWorld(event, session, users["ann"], users["bob"], facilitator, organizer)
