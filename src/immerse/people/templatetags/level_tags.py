"""``{% level_guess_notice registration %}``: pages about an event (the personal agenda)
say when the level they follow is a guess, and how to fix it in two minutes."""

from __future__ import annotations

from typing import Any

from django import template

from immerse.people.access import latest_assessment
from immerse.people.models import Registration

register = template.Library()


@register.inclusion_tag("people/_level_guess.html")
def level_guess_notice(registration: Registration) -> dict[str, Any]:
    """The person's latest assessment, whose answers say whether it guessed (read with the
    registration by ``my_registration_at``, else one query)."""
    latest = latest_assessment(registration)
    return {"assessment": latest, "event": registration.event,
            "guessed": latest is None or latest.is_guess}
