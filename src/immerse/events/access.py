"""Access to an event's pages: resolve the slug, check the role, redirect or refuse.

The rules themselves live in ``events.roles``; these helpers are what views call.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from immerse.common.language_choice import event_language_apply
from immerse.events import roles, selectors
from immerse.events.models import Event


def visible_event(request: HttpRequest, slug: str) -> Event:
    """The event named by ``slug`` if this user may see it; 404 otherwise (unpublished
    events do not reveal that they exist)."""
    event = selectors.event_get(slug=slug)
    if not roles.can_view_event(request.user, event):
        raise Http404(_("No such event"))
    event_language_apply(request, event.language)
    return event


def organizer_required(view: Callable[..., HttpResponse]) -> Any:
    """Resolve ``slug`` to an event the user organizes; log in first, else 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        event = selectors.event_get(slug=slug)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not roles.is_organizer(request.user, event):
            raise PermissionDenied(_("Only this event's organizers can open this page."))
        event_language_apply(request, event.language)
        return view(request, event, *args, **kwargs)

    return wrapped


def organizer_page(view: Callable[..., HttpResponse]) -> Any:
    """Like `organizer_required` for the organizer's studio, as the API answers: log in first;
    anyone else gets 404 (the page does not say the event exists: a draft stays hidden), and
    the view runs in the event's time zone."""

    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        event = selectors.event_get(slug=slug)
        if not roles.is_organizer(request.user, event):
            raise Http404(_("No such event"))
        event_language_apply(request, event.language)
        with timezone.override(ZoneInfo(event.time_zone)):
            return view(request, event, *args, **kwargs)

    return wrapped
