"""Who may use the check-in desk: the event's organizers and facilitators."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from immerse.events import roles, selectors


def staff_required(view: Callable[..., HttpResponse]) -> Any:
    """Resolve ``slug`` to an event the user staffs; log in first; anyone else gets 404
    (another event's organizer learns nothing about this desk)."""

    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        event = selectors.event_get(slug=slug)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not roles.is_facilitator(request.user, event):
            raise Http404(_("No check-in desk here"))
        return view(request, event, *args, **kwargs)

    return wrapped
