"""Who may do what on an event: one place for the role rules of web, API and CLI."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Permission
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q, QuerySet

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


#: The Django permission that lets an account create events (``immerse organizer add``).
CREATE_EVENTS_PERMISSION = "events.add_event"


def may_create_events(user: AnyUser) -> bool:
    """Whether ``user`` may create events: active staff, and accounts holding the
    ``events.add_event`` permission (given by ``immerse organizer add``)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return is_active_staff(user) or bool(user.has_perm(CREATE_EVENTS_PERMISSION))


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
    """Whether the navigation offers "Organize": staff, organizers of any event, and those
    who may create one. Cached per user (every page asks), and forgotten by
    ``event_role_grant`` and ``organizer_add``."""
    if not user.is_authenticated:
        return False
    if is_active_staff(user):
        return True
    key = organizes_cache_key(user.pk)
    answer = cache.get(key)
    if answer is None:
        answer = _organizes_or_may_create(user)
        cache.set(key, answer, ORGANIZES_CACHE_SECONDS)
    return bool(answer)


def _organizes_or_may_create(user: AnyUser) -> bool:
    """One query: an organizer role anywhere, or the permission to create events (held
    directly or through a group; an active superuser holds every permission)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    app_label, codename = CREATE_EVENTS_PERMISSION.split(".")
    account = OuterRef("pk")
    may_create = Permission.objects.filter(
        Q(user=account) | Q(group__user=account), codename=codename,
        content_type__app_label=app_label)
    organizes = EventRole.objects.filter(user=account, role=EventRole.Role.ORGANIZER)
    return get_user_model().objects.filter(pk=user.pk, is_active=True).filter(
        Exists(organizes) | Exists(may_create)).exists()


def organizes_cache_key(user_id: object) -> str:
    return f"organizes:{user_id}"
