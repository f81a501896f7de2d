"""The attendee's check-in card (QR and code) and the release announcement, for pages of
apps below this one (the personal agenda, the hub), which include them by template name."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import mark_safe

from immerse.checkin.codes import checkin_code, qr_svg
from immerse.checkin.selectors import release_announcement
from immerse.events.models import Event
from immerse.people.models import Registration

register = template.Library()


@register.inclusion_tag("checkin/_my_code.html")
def checkin_card(registration: Registration) -> dict[str, Any]:
    """A confirmed registration's code as a QR (segno's SVG: only our own markup)."""
    confirmed = registration.status == Registration.Status.CONFIRMED
    code = checkin_code(event_id=registration.event_id, registration_id=registration.pk)
    return {"confirmed": confirmed, "code": code,
            "qr": mark_safe(qr_svg(code)) if confirmed else "",
            "release": release_announcement(event=registration.event)}


@register.inclusion_tag("checkin/_release.html")
def checkin_release(event: Event) -> dict[str, Any]:
    return {"release": release_announcement(event=event)}
