"""Writes about events: sessions with their generated pitch, and staff roles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import transaction

from immerse.engine.pitch import session_pitch
from immerse.events import roles
from immerse.events.models import Event, EventRole, Room, Session, TimeSlot


@transaction.atomic
def session_create(*, event: Event, title: str, format_key: str, levels: Sequence[int],
                   topics: Sequence[str], tools: Sequence[Any], room: Room | None,
                   slot: TimeSlot | None, abstract: str = "",
                   capacity: int | None = None) -> Session:
    """A session with its generated pitch (who it is for, who gains what); ``tools`` are the
    catalogue's Tool rows (people's model, passed in: this app sits below people)."""
    session = Session.objects.create(
        event=event, title=title, abstract=abstract, format=format_key,
        target_levels=list(levels), topics=list(topics), capacity=capacity, room=room,
        slot=slot, pitch=session_pitch(format_key=format_key, levels=levels,
                                       topics=topics, tools=[tool.key for tool in tools]))
    session.tools.set(tools)
    return session


def session_pitch_set(*, session: Session, pitch: str | None) -> Session:
    """An organizer's own wording sticks; ``None`` or blank goes back to the generated pitch."""
    if pitch is None or not pitch.strip():
        session.pitch = session_pitch(
            format_key=session.format, levels=session.target_levels,
            topics=session.topics, tools=[t.key for t in session.tools.all()])
        session.pitch_edited = False
    else:
        session.pitch, session.pitch_edited = pitch.strip(), True
    session.save(update_fields=["pitch", "pitch_edited"])
    return session


def event_role_grant(*, event: Event, user: User, role: str) -> EventRole:
    """Give ``user`` a staff role on ``event`` (idempotent)."""
    granted, _ = EventRole.objects.get_or_create(event=event, user=user, role=role)
    cache.delete(roles.organizes_cache_key(user.pk))  # the navigation's "Organize" entry
    return granted
