"""Which language a request is answered in; the order is documented in docs/languages.md.

1. a logged-in person's stored language (kept in the session: ``languages.SESSION_KEY``),
2. the switcher's choice (Django's language cookie),
3. on an event's pages, the event's default language (``event_language_apply``, called by
   ``events.access`` once the event is known),
4. the browser's Accept-Language,
5. English.

Only offered languages (``settings.LANGUAGES``) are ever activated; a stored or chosen code
that is no longer offered falls through to the next rule.
"""

from __future__ import annotations

from typing import Literal

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from immerse.common.languages import SESSION_KEY

#: Where the active language came from; only a negotiated one yields to an event's default.
Source = Literal["stored", "chosen", "negotiated", "deferred"]


def supported(code: str | None) -> str | None:
    """``code`` if it is offered (or its offered base language: "de-at" → "de"), else None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def live_poll(request: HttpRequest) -> bool:
    """A live region's conditional poll (``common.live``): most are answered 304 with no
    body, so the session (a database query) is read only once a fragment is rendered
    (``language_settle``)."""
    return "X-Live" in request.headers and "If-None-Match" in request.headers


def language_choose(request: HttpRequest, *, defer: bool = True) -> tuple[str, Source]:
    """The language for ``request`` before its event is known, and why."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:  # no session, nothing stored
        if defer and live_poll(request):
            return translation.get_language_from_request(request), "deferred"
        stored = supported(request.session.get(SESSION_KEY))
        if stored:
            return stored, "stored"
    chosen = supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    if chosen:
        return chosen, "chosen"
    # Accept-Language, then LANGUAGE_CODE (Django's negotiation, cookie already ruled out).
    return translation.get_language_from_request(request), "negotiated"


def language_activate(request: HttpRequest, code: str, source: Source) -> None:
    translation.activate(code)
    request.LANGUAGE_CODE = translation.get_language()
    request.language_source = source  # type: ignore[attr-defined]


def language_settle(request: HttpRequest) -> None:
    """Before rendering a live fragment: the choice a deferred poll left out (its session)."""
    if getattr(request, "language_source", None) == "deferred":
        code, source = language_choose(request, defer=False)
        language_activate(request, code, source)


def event_language_apply(request: HttpRequest, event_language: str) -> None:
    """On an event's page: its default language, unless the visitor stored or chose one."""
    code = supported(event_language)
    if code and getattr(request, "language_source", None) == "negotiated":
        language_activate(request, code, "negotiated")
