"""Who may do what on an event: one place for the role rules of web, API and CLI."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from immerse.events.models import Event, EventRole

AnyUser = AbstractBaseUser | AnonymousUser


def _has_role(user: AnyUser, event: Event, roles: tuple[str, ...]) -> bool:
    if not user.is_authenticated:
        return False
    return EventRole.objects.filter(event=event, user=user, role__in=roles).exists()


def is_organizer(user: AnyUser, event: Event) -> bool:
    """Organizers of this event, and staff, manage it."""
    if getattr(user, "is_staff", False) and user.is_active:
        return True
    return _has_role(user, event, (EventRole.Role.ORGANIZER,))


def is_facilitator(user: AnyUser, event: Event) -> bool:
    """Facilitators/experts see the room (levels, tools) but not private contact data."""
    return is_organizer(user, event) or _has_role(user, event, (EventRole.Role.FACILITATOR,))


def can_view_event(user: AnyUser, event: Event) -> bool:
    return event.published or is_facilitator(user, event)
