"""``{% level_guess_notice registration %}``: pages about an event (the personal agenda)
say when the level they follow is a guess, and how to fix it in two minutes;
``{{ assessment|explanation_shown }}`` and ``{{ assessment|advice_shown }}``: why this
level and what to look for, in the reader's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from immerse.people.access import latest_assessment
from immerse.people.models import Assessment, Registration
from immerse.people.selectors import assessment_advice_shown, assessment_explanation_shown

register = template.Library()


@register.inclusion_tag("people/_level_guess.html")
def level_guess_notice(registration: Registration) -> dict[str, Any]:
    """The person's latest assessment, whose answers say whether it guessed (read with the
    registration by ``my_registration_at``, else one query)."""
    latest = latest_assessment(registration)
    return {"assessment": latest, "event": registration.event,
            "guessed": latest is None or latest.is_guess}


@register.filter
def explanation_shown(assessment: Assessment) -> str:
    """The level explanation in the active language (the stored words where the engine did
    not write them)."""
    return assessment_explanation_shown(assessment=assessment, language=get_language())


@register.filter
def advice_shown(assessment: Assessment) -> str:
    """What to look for at this level, in the active language."""
    return assessment_advice_shown(assessment=assessment, language=get_language())
