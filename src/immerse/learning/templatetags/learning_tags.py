"""``{% session_cases session %}``: the cases attached to a session, and the feedback link."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth.models import AnonymousUser

from immerse.engine.catalogue import format_keys
from immerse.learning import access
from immerse.learning.selectors.feedback import attendee_registration
from immerse.learning.selectors.stories import cases_for_session
from immerse.learning.services import FeedbackNotOpen, feedback_open_check

register = template.Library()


@register.inclusion_tag("learning/_session_cases.html", takes_context=True)
def session_cases(context: dict[str, Any], session: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        user = AnonymousUser()
    registration = attendee_registration(event=session.event, person=access.person_of(user))
    not_open = ""
    try:
        feedback_open_check(session=session)
    except FeedbackNotOpen as exc:
        not_open = str(exc)
    return {"session": session, "cases": list(cases_for_session(session=session, user=user)),
            "can_give_feedback": registration is not None, "feedback_not_open": not_open,
            "can_draft_plan": registration is not None
            and session.format in format_keys(lambda f: f.yields_plan)}
