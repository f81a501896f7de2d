"""The language switcher's form posts here (every page's footer; no JavaScript needed)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from immerse.common.language_choice import supported
from immerse.common.languages import SESSION_KEY
from immerse.people.services.languages import person_language_set


def _back(request: HttpRequest) -> str:
    """The page the form was on (a path on this site), else the home page."""
    path = request.POST.get("next", "")
    ok = path.startswith("/") and url_has_allowed_host_and_scheme(
        path, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return path[:300] if ok else "/"


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Remember the chosen language: a cookie for everyone, and for a logged-in person
    their account (so their mail follows) and their session (it then beats the cookie)."""
    code = supported(request.POST.get("language"))
    if code is None or code != request.POST.get("language"):
        return HttpResponseBadRequest(_("Choose one of the languages offered."))
    if request.user.is_authenticated:
        person_language_set(user=request.user, language=code)
        request.session[SESSION_KEY] = code
    response = redirect(_back(request))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, code, max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        # Lax like the session's: the choice comes along when a link from elsewhere is followed.
        samesite="Lax")
    return response
