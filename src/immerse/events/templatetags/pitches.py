"""``{{ session|pitch_shown }}``: a session's pitch in the reader's language."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from immerse.events.models import Session
from immerse.events.selectors import session_pitch_shown

register = template.Library()


@register.filter
def pitch_shown(session: Session) -> str:
    """The organizer's own pitch as written, else the generated one in the active language."""
    return session_pitch_shown(session=session, language=get_language())
