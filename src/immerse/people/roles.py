"""Who takes part in an event: the participant role, which needs registrations.

The staff roles (organizer, facilitator) are in ``events.roles``, below this app.
"""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import Exists, OuterRef

from immerse.events.models import Event
from immerse.events.roles import AnyUser, may_facilitate, rule
from immerse.people.models import Person, Registration


@rule
def has_active_registration(user: AnyUser, event: Event) -> bool:
    """A confirmed or waitlisted registration for the event."""
    if not user.is_authenticated:
        return False
    return Registration.objects.filter(
        event=event,
        person__user=user,
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED],
    ).exists()


may_take_part = may_facilitate | has_active_registration


def is_participant(user: AnyUser, event: Event) -> bool:
    """Confirmed or waitlisted attendees, and the event's staff."""
    return may_take_part(user, event)


def profiles_correctable(*, event: Event, person_ids: Collection[int]) -> set[int]:
    """Of ``person_ids``, the people whose site-wide profile (name, organization,
    discipline, region, channels) the organizers of ``event`` may still correct: no account
    of their own and no registration in another event. Everyone else changes their profile
    only themselves: an organizer of one event must not rewrite who someone is elsewhere."""
    elsewhere = Registration.objects.filter(person_id=OuterRef("pk")).exclude(event=event)
    return set(Person.objects.filter(pk__in=list(person_ids), user__isnull=True)
               .exclude(Exists(elsewhere)).values_list("pk", flat=True))
