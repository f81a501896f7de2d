"""Who may do what on an event: one place for the role rules of web, API and CLI.

The rules are small named predicates of (user, event) combined with ``&`` and ``|``, as
pretalx combines its ``rules`` predicates: ``may_organize = is_staff | has_organizer_role``.
Views and the API ask the functions below (``is_organizer``…), which answer with a rule.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeGuard

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Permission, User
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q, QuerySet

from immerse.events.models import Event, EventRole

AnyUser = User | AnonymousUser


def is_active_staff(user: AnyUser) -> bool:
    """Staff manage every event (an inactive staff account manages none)."""
    return bool(getattr(user, "is_staff", False) and user.is_active)


class Rule:
    """A named yes/no question about a user and an event. ``a & b`` and ``a | b`` make new
    rules that ask ``b`` only when ``a`` has not already decided (no query wasted)."""

    def __init__(self, test: Callable[[AnyUser, Event], bool], name: str) -> None:
        self.test, self.name = test, name

    def __call__(self, user: AnyUser, event: Event) -> bool:
        return self.test(user, event)

    def __and__(self, other: Rule) -> Rule:
        return Rule(lambda user, event: self(user, event) and other(user, event),
                    f"({self.name} & {other.name})")

    def __or__(self, other: Rule) -> Rule:
        return Rule(lambda user, event: self(user, event) or other(user, event),
                    f"({self.name} | {other.name})")

    def __repr__(self) -> str:
        return f"<Rule {self.name}>"


def rule(test: Callable[[AnyUser, Event], bool]) -> Rule:
    """Make ``test`` a rule named after the function."""
    return Rule(test, test.__name__)


def _has_role(user: AnyUser, event: Event, roles: tuple[str, ...]) -> bool:
    if not user.is_authenticated:
        return False
    return EventRole.objects.filter(event=event, user=user, role__in=roles).exists()


@rule
def is_staff(user: AnyUser, event: Event) -> bool:
    return is_active_staff(user)


@rule
def has_organizer_role(user: AnyUser, event: Event) -> bool:
    return _has_role(user, event, (EventRole.Role.ORGANIZER,))


@rule
def has_facilitator_role(user: AnyUser, event: Event) -> bool:
    return _has_role(user, event, (EventRole.Role.FACILITATOR,))


@rule
def is_published(user: AnyUser, event: Event) -> bool:
    return event.published


may_organize = is_staff | has_organizer_role
may_facilitate = may_organize | has_facilitator_role
may_view = is_published | may_facilitate


def is_organizer(user: AnyUser, event: Event) -> TypeGuard[User]:
    """Organizers of this event, and staff, manage it (so they are logged in)."""
    return may_organize(user, event)


def is_facilitator(user: AnyUser, event: Event) -> bool:
    """Facilitators/experts see the room (levels, tools) but not private contact data."""
    return may_facilitate(user, event)


#: The Django permission that lets an account create events (``immerse organizer add``).
CREATE_EVENTS_PERMISSION = "events.add_event"


def may_create_events(user: AnyUser) -> bool:
    """Whether ``user`` may create events: active staff, and accounts holding the
    ``events.add_event`` permission (given by ``immerse organizer add``)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return is_active_staff(user) or bool(user.has_perm(CREATE_EVENTS_PERMISSION))


def can_view_event(user: AnyUser, event: Event) -> bool:
    return may_view(user, event)


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
    return organizes_answer(user, cached=cache.get(organizes_cache_key(user.pk)))


def organizes_answer(user: AnyUser, *, cached: bool | None) -> bool:
    """``organizes_any`` for a caller that read ``organizes_cache_key`` already (``cached``:
    its value, None when absent): the navigation reads both its badges at once."""
    if not user.is_authenticated:
        return False
    if is_active_staff(user):
        return True
    if cached is None:
        cached = _organizes_or_may_create(user)
        cache.set(organizes_cache_key(user.pk), cached, ORGANIZES_CACHE_SECONDS)
    return bool(cached)


def _organizes_or_may_create(user: AnyUser) -> bool:
    """One query: an organizer role anywhere, or the permission to create events (held
    directly or through a group; an active superuser holds every permission)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    if user.pk is None:  # anonymous: no account to hold a role or a permission
        return False
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
