"""Who takes part in an event: the participant role, which needs registrations.

The staff roles (organizer, facilitator) are in ``events.roles``, below this app.
"""

from __future__ import annotations

from immerse.events.models import Event
from immerse.events.roles import AnyUser, is_facilitator
from immerse.people.models import Registration


def is_participant(user: AnyUser, event: Event) -> bool:
    """Confirmed or waitlisted attendees, and the event's staff."""
    if is_facilitator(user, event):
        return True
    if not user.is_authenticated:
        return False
    return Registration.objects.filter(
        event=event,
        person__user=user,
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED],
    ).exists()
