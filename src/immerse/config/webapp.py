"""The installable web app: its manifest, its service worker and the page shown offline.

The service worker (templates/webapp/sw.js) keeps the app shell, and keeps readable offline
the pages of one's own that a person opens (their events, their agenda, their tables),
event hubs, programs and session pages: network first, the stored copy only when the
network fails. When it stores a person's agenda it also fetches and stores the event's
program and the session pages the agenda links to, so they open offline too. It never stores a
POST or any other page, drops every stored page when the person using the browser changes
(each page says who in ``X-Immerse-Viewer``, an opaque digest), and the log-out response
clears the site's storage (``Clear-Site-Data``), so a shared phone keeps nobody's agenda.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from functools import cache
from typing import cast

from django.conf import settings
from django.contrib.auth.views import LogoutView
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.backends.django import Template
from django.template.loader import get_template, render_to_string
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

THEME_COLOR = "#1d2433"  # the navigation bar's ink (site.css --ink)
BACKGROUND_COLOR = "#f7f8fb"  # site.css --bg
# What every page needs offline: the style, the scripts, the icons.
SHELL_FILES = ("immerse/site.css", "immerse/program.js", "immerse/webapp.js",
               "immerse/favicon.svg", "immerse/icons/icon-192.png")
SW_TEMPLATE, OFFLINE_TEMPLATE = "webapp/sw.js", "webapp/offline.html"
# Pages kept for offline reading: the visitor's own (by their URL: "me" pages show only
# the logged-in person) and the public hub. Names of URL patterns; a slug stands for any.
OFFLINE_PAGES = ("me", "event-hub", "my-agenda", "my-tables", "event-program",
                 "session-detail")
# Stored along with a kept agenda page: the pages it links to of these kinds.
OFFLINE_LINKED = ("event-program", "session-detail")
OFFLINE_LINKED_FROM = ("my-agenda",)
VIEWER_HEADER = "X-Immerse-Viewer"
ICONS = (("immerse/icons/icon-192.png", 192, "any"), ("immerse/icons/icon-512.png", 512, "any"),
         ("immerse/icons/maskable-192.png", 192, "maskable"),
         ("immerse/icons/maskable-512.png", 512, "maskable"))


@require_safe
def manifest(request: HttpRequest) -> JsonResponse:
    """The web app manifest (https://www.w3.org/TR/appmanifest/)."""
    data = {
        "id": "/", "name": "immerse", "short_name": "immerse",
        "description": _("Your events, your agenda and your round tables, also offline."),
        "lang": get_language() or "en",
        "start_url": reverse("me"), "scope": "/", "display": "standalone",
        "theme_color": THEME_COLOR, "background_color": BACKGROUND_COLOR,
        "icons": [{"src": static(path), "sizes": f"{size}x{size}", "type": "image/png",
                   "purpose": purpose} for path, size, purpose in ICONS]
        + [{"src": static("immerse/favicon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }
    return JsonResponse(data, content_type="application/manifest+json")


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, from the site's root so that its scope is the whole site."""
    config = {
        "version": shell_version(),
        "shell": [static(path) for path in SHELL_FILES],
        "offline": reverse("webapp-offline"),
        "pages": offline_page_patterns(),
        "linked": offline_page_patterns(OFFLINE_LINKED),
        "linkedFrom": offline_page_patterns(OFFLINE_LINKED_FROM),
        "viewerHeader": VIEWER_HEADER,
    }
    script = render_to_string(SW_TEMPLATE, {"config": json.dumps(config)})
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"  # a new version is seen at the next visit
    return response


@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    """Shown by the service worker for a page never opened while online. The same for
    everyone (it is stored once, at install): no name, no navigation of a logged-in user."""
    return render(request, OFFLINE_TEMPLATE, {"theme_color": THEME_COLOR})


def offline_page_patterns(names: tuple[str, ...] = OFFLINE_PAGES) -> list[str]:
    """The paths of the URL patterns ``names`` as regular expressions (JavaScript syntax
    too): a slug stands for any slug, a session id for any number."""
    patterns = []
    for name in names:
        for kwargs in ({"slug": "SLUG", "session_id": 987654321}, {"slug": "SLUG"}, {}):
            try:
                path = reverse(name, kwargs=kwargs)
            except NoReverseMatch:
                continue
            break
        patterns.append("^" + re.escape(path).replace("SLUG", "[^/]+")
                        .replace("987654321", "[0-9]+") + "$")
    return patterns


def shell_version() -> str:
    """A digest of the shell's files and of the worker's own templates: any change makes a
    new worker, which replaces the stored shell (and the stored pages that used it)."""
    if settings.DEBUG:
        return _shell_digest()
    return _shell_digest_cached()


@cache
def _shell_digest_cached() -> str:
    return _shell_digest()


def _shell_digest() -> str:
    digest = hashlib.blake2b(digest_size=8)
    for path in SHELL_FILES:
        found = finders.find(path)
        with open(str(found), "rb") as file:
            digest.update(file.read())
    for name in (SW_TEMPLATE, OFFLINE_TEMPLATE):
        digest.update(cast(Template, get_template(name)).template.source.encode())
    return digest.hexdigest()


def viewer_of(request: HttpRequest) -> str:
    """Who is using the browser, as an opaque digest ("" for nobody logged in)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    return salted_hmac("immerse.webapp.viewer", str(user.pk)).hexdigest()[:20]


class ViewerHeaderMiddleware:
    """Tells the service worker who a page was made for, so that it forgets the pages it
    kept as soon as someone else (or nobody) uses the browser."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            response[VIEWER_HEADER] = viewer_of(request)
        return response


class LogoutClearingSiteData(LogoutView):
    """Log-out that also empties what the browser keeps for this site (the service worker's
    stored pages among it): a shared device keeps nobody's agenda."""

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response
