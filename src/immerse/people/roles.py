"""Who takes part in an event: the participant role, which needs registrations.

The staff roles (organizer, facilitator) are in ``events.roles``, below this app.
"""

from __future__ import annotations

from immerse.events.models import Event
from immerse.events.roles import AnyUser, may_facilitate, rule
from immerse.people.models import Registration


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
