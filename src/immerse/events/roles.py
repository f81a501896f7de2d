"""Who may do what on an event: one place for the role rules of web, API and CLI."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.cache import cache
from django.db.models import QuerySet

from immerse.events.models import Event, EventRole

AnyUser = AbstractBaseUser | AnonymousUser


def is_active_staff(user: AnyUser) -> bool:
    """Staff manage every event (an inactive staff account manages none)."""
    return bool(getattr(user, "is_staff", False) and user.is_active)


def _has_role(user: AnyUser, event: Event, roles: tuple[str, ...]) -> bool:
    if not user.is_authenticated:
        return False
    return EventRole.objects.filter(event=event, user=user, role__in=roles).exists()


def is_organizer(user: AnyUser, event: Event) -> bool:
    """Organizers of this event, and staff, manage it."""
    if is_active_staff(user):
        return True
    return _has_role(user, event, (EventRole.Role.ORGANIZER,))


def is_facilitator(user: AnyUser, event: Event) -> bool:
    """Facilitators/experts see the room (levels, tools) but not private contact data."""
    return is_organizer(user, event) or _has_role(user, event, (EventRole.Role.FACILITATOR,))


def can_view_event(user: AnyUser, event: Event) -> bool:
    return event.published or is_facilitator(user, event)


def organized_events(user: AnyUser) -> QuerySet[Event]:
    """The events ``user`` may organize: all of them for staff, else those of their
    organizer roles (none for anonymous users)."""
    if not user.is_authenticated:
        return Event.objects.none()
    if is_active_staff(user):
        return Event.objects.all()
    return Event.objects.filter(roles__user=user, roles__role=EventRole.Role.ORGANIZER)


#: How long the navigation trusts its "organizes an event" answer: a role granted or taken
#: away elsewhere (the admin, a restore) shows in the menu within this time; access itself is
#: always checked afresh.
ORGANIZES_CACHE_SECONDS = 60


def organizes_any(user: AnyUser) -> bool:
    """Whether the navigation offers "Organize": staff, and organizers of any event. Cached
    per user (every page asks), and forgotten by ``event_role_grant``."""
    if not user.is_authenticated:
        return False
    return organizes_answer(user, cached=cache.get(organizes_cache_key(user.pk)))


def organizes_answer(user: AnyUser, *, cached: bool | None) -> bool:
    """``organizes_any`` for a caller that read ``organizes_cache_key`` already (``cached``:
    its value, None when absent): the navigation reads both its badges at once."""
    if not user.is_authenticated:
        return False
    if is_active_staff(user):
        return True
    if cached is None:
        cached = organized_events(user).exists()
        cache.set(organizes_cache_key(user.pk), cached, ORGANIZES_CACHE_SECONDS)
    return bool(cached)


def organizes_cache_key(user_id: object) -> str:
    return f"organizes:{user_id}"
