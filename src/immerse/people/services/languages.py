"""A person's chosen language: stored with their account, remembered in their session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from immerse.common.languages import KNOWN, SESSION_KEY
from immerse.people.models import Person


def person_language_set(*, user: Any, language: str) -> int:
    """Store ``language`` on the user's person (their pages and every message to them);
    returns how many people were updated (0: an account without a person)."""
    if language not in KNOWN:
        raise ValueError(f"language: {language!r} is not one of {', '.join(KNOWN)}")
    return Person.objects.filter(user=user).update(language=language)


def language_remember(sender: Any, request: HttpRequest | None, user: Any,
                      **kwargs: Any) -> None:
    """On log-in (Django's ``user_logged_in`` signal): the person's stored language into the
    session, where the language middleware finds it without reading the person."""
    if request is None or not hasattr(request, "session"):
        return
    stored = Person.objects.filter(user=user).values_list("language", flat=True).first()
    if stored:
        request.session[SESSION_KEY] = stored
