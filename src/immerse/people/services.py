"""Writes about people: profiles, tool inventory, registrations with capacity, assessments."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from immerse.engine.catalogue import TOOLS
from immerse.events.models import Event
from immerse.people.models import Person, Registration, Tool, ToolUse

Status = Registration.Status


def tools_sync() -> dict[str, Tool]:
    """Make the Tool table match the catalogue; returns tools by key."""
    for position, tool in enumerate(TOOLS):
        Tool.objects.update_or_create(
            key=tool.key,
            defaults={"label": tool.label, "examples": tool.examples, "position": position},
        )
    return {tool.key: tool for tool in Tool.objects.all()}


def tools_by_key(keys: set[str] | None = None) -> dict[str, Tool]:
    """Catalogue tools by key, re-seeding the table if any asked-for tool is missing."""
    tools = {tool.key: tool for tool in Tool.objects.all()}
    if not tools or (keys and not keys <= tools.keys()):
        tools = tools_sync()
    return tools


@dataclass(frozen=True)
class ToolAnswer:
    frequency: str
    confidence: int


def person_upsert(*, email: str, name: str, **profile: object) -> tuple[Person, bool]:
    """Find a person by e-mail (case-insensitive) and update the profile; create if new."""
    email = email.strip().lower()
    person = Person.objects.filter(email__iexact=email).first()
    created = person is None
    if person is None:
        person = Person(email=email)
    person.name = name
    for field, value in profile.items():
        setattr(person, field, value)
    person.full_clean(exclude=["user"])
    person.save()
    return person, created


def tool_uses_set(*, person: Person, uses: Mapping[str, ToolAnswer]) -> None:
    """Replace the person's inventory entries for the tools given (others are kept)."""
    tools = tools_by_key(set(uses))
    # One upsert for all tools: a sign-up with a dozen tools was six queries per tool.
    ToolUse.objects.bulk_create(
        [ToolUse(person=person, tool=tools[key], frequency=answer.frequency,
                 confidence=answer.confidence) for key, answer in uses.items()],
        update_conflicts=True, unique_fields=["person", "tool"],
        update_fields=["frequency", "confidence"])


def _lock_event(event: Event) -> None:
    # Row lock on PostgreSQL; on SQLite the IMMEDIATE transaction already holds the single
    # write lock, so counting and inserting cannot interleave with another sign-up.
    Event.objects.select_for_update().filter(pk=event.pk).order_by().values_list("pk").first()


def registration_create(
    *, event: Event, person: Person, source: str = "web", **details: object
) -> Registration:
    """Register a person: confirmed while seats remain, else waitlisted.

    Re-registering an existing, non-cancelled registration updates its details and keeps
    its place; a cancelled one re-enters at the back of the queue.
    """
    with transaction.atomic():
        _lock_event(event)
        registration = Registration.objects.filter(event=event, person=person).first()
        if registration is not None and registration.status != Status.CANCELLED:
            for field, value in details.items():
                setattr(registration, field, value)
            registration.save()
            return registration
        confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED).count()
        status = Status.CONFIRMED if confirmed < event.capacity else Status.WAITLISTED
        returning = registration is not None
        if registration is None:
            registration = Registration(event=event, person=person)
        registration.status = status
        registration.source = source
        for field, value in details.items():
            setattr(registration, field, value)
        registration.save()
        if returning and status == Status.WAITLISTED:
            # A returning person queues from now, not from their first sign-up.
            Registration.objects.filter(pk=registration.pk).update(created_at=timezone.now())
        return registration


def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel; a freed confirmed seat goes to the first person waiting. Returns who moved up."""
    with transaction.atomic():
        _lock_event(registration.event)
        registration.refresh_from_db()
        was_confirmed = registration.status == Status.CONFIRMED
        registration.status = Status.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        if not was_confirmed:
            return None
        return _promote_next(registration.event)


def _promote_next(event: Event) -> Registration | None:
    confirmed = Registration.objects.filter(event=event, status=Status.CONFIRMED).count()
    if confirmed >= event.capacity:
        return None
    nxt = (
        Registration.objects.filter(event=event, status=Status.WAITLISTED)
        .order_by("created_at", "id")
        .first()
    )
    if nxt is not None:
        nxt.status = Status.CONFIRMED
        nxt.save(update_fields=["status", "updated_at"])
    return nxt


def waitlist_position(registration: Registration) -> int | None:
    """1-based place in the queue, or None when not waiting."""
    if registration.status != Status.WAITLISTED:
        return None
    earlier = Q(created_at__lt=registration.created_at) | Q(
        created_at=registration.created_at, id__lt=registration.id
    )
    ahead = Registration.objects.filter(
        earlier, event=registration.event, status=Status.WAITLISTED
    ).count()
    return ahead + 1
