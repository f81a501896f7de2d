"""A room of attendees for forming tables: mixed organizations, disciplines and levels."""

from __future__ import annotations

from immerse.events.models import Event
from immerse.people.models import Registration
from tests.factories import make_person, make_registration


def room(event: Event, n: int = 24) -> list[Registration]:
    """``n`` confirmed attendees of 8 organizations and 6 disciplines; three experts."""
    disciplines = ["marketing", "pr", "technology", "communications", "hr", "other"]
    return [make_registration(
        event=event, level=1 + k % 4,
        person=make_person(organization=f"Org {k % 8}", discipline=disciplines[k % 6],
                           is_expert=k < 3))
        for k in range(n)]
