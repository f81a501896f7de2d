"""The site's refusal pages: a visitor who is not logged in is sent to log in (and back
here afterwards) instead of meeting a bare 403; a logged-in user without the right gets
the friendly 403 page, saying why and where to go. 400, 404 and 500 use Django's own views
with the site's templates (templates/400.html, 404.html, 500.html); the API keeps its JSON
bodies (api.errors.JsonErrorBodyMiddleware)."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler403``: anonymous visitors of a page log in first; everyone else gets 403."""
    user = getattr(request, "user", None)
    if user is not None and not user.is_authenticated and _a_person_navigating(request):
        return redirect_to_login(_back_after_login(request))
    return defaults.permission_denied(request, exception)


def _a_person_navigating(request: HttpRequest) -> bool:
    """A page opened or a form sent by a person, not the API nor a page's script (the wall
    refreshing itself must get a 403, not the log-in page's HTML pasted into the wall).
    Browsers say which in ``Sec-Fetch-Mode``; a client that does not send it navigates."""
    mode = request.headers.get("Sec-Fetch-Mode", "navigate")
    return mode == "navigate" and not request.path.startswith("/api/")


def _back_after_login(request: HttpRequest) -> str:
    """Where to return after logging in: this page, or for a form's POST the page the form
    was on (a POST cannot be replayed by a redirect)."""
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return referer
    return "/"


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: the site's page for a form sent without its token (an old
    page, cookies off), with Django's ``reason`` in the context as its own view has it."""
    return render(request, "403_csrf.html", {
        "reason": reason, "no_cookie": reason == REASON_NO_CSRF_COOKIE}, status=403)
