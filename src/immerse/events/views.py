"""Public hub and program pages, and the organizer's event dashboard."""

from __future__ import annotations

import hashlib
from functools import cache, wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache as shared_cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from immerse.events import roles, selectors
from immerse.events.models import Event, Session
from immerse.people.selectors import room_summary


def organizer_required(view: Any) -> Any:
    """Resolve ``slug`` to an event the user organizes; log in first, else 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        event = selectors.event_get(slug=slug)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not roles.is_organizer(request.user, event):
            raise PermissionDenied("Only this event's organizers can open this page.")
        return view(request, event, *args, **kwargs)

    return wrapped


def _visible_event(request: HttpRequest, slug: str) -> Event:
    event = selectors.event_get(slug=slug)
    if not roles.can_view_event(request.user, event):
        raise Http404("No such event")
    return event


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "events/home.html", {"events": selectors.events_published()})


#: Rows per page of the organizer's registrations list (a conference has thousands).
REGISTRATIONS_PER_PAGE = 100
PROGRAM_TEMPLATE = "events/_program.html"
PROGRAM_CACHE_SECONDS = 600


@cache
def _template_digest() -> str:
    """Changes with the listing template, so a deploy never serves the old markup."""
    source = get_template(PROGRAM_TEMPLATE).template.source
    return hashlib.blake2b(source.encode(), digest_size=8).hexdigest()


def program_html(*, event: Event, show_pitch: bool) -> str:
    """The rendered program listing, cached under a digest of everything it shows.

    Rendering FOSDEM's 876 sessions costs ~100 ms of template work per view; the digest
    query costs a few. The key holds every input of the fragment, so it is never stale.
    """
    key = ":".join(("program-html", str(event.pk), event.slug, event.time_zone,
                    str(show_pitch), get_language() or "", get_current_timezone_name(),
                    _template_digest(), selectors.program_fingerprint(event=event)))
    html = shared_cache.get(key)
    if html is None:
        html = render_to_string(PROGRAM_TEMPLATE, {
            "event": event, "program": selectors.program_by_day(event=event),
            "show_pitch": show_pitch})
        shared_cache.set(key, html, PROGRAM_CACHE_SECONDS)
    return mark_safe(html)  # rendered just above by the autoescaping template


@require_safe
def event_hub(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(request, slug)
    context = {
        "event": event,
        "program_html": program_html(event=event, show_pitch=False),
        "counts": selectors.registration_counts(event=event),
        "is_organizer": roles.is_organizer(request.user, event),
        "room_summary": room_summary(event=event),
    }
    return render(request, "events/hub.html", context)


@require_safe
def event_program(request: HttpRequest, slug: str) -> HttpResponse:
    event = _visible_event(request, slug)
    context = {"event": event, "program_html": program_html(event=event, show_pitch=True)}
    return render(request, "events/program.html", context)


@require_safe
def session_detail(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    event = _visible_event(request, slug)
    session = get_object_or_404(
        selectors.sessions_for_program(event=event), pk=session_id
    )
    from immerse.people.selectors import person_for_user
    from immerse.program.agendas import wished_sessions

    person = person_for_user(request.user)
    return render(request, "events/session.html", {
        "event": event, "session": session,
        "is_organizer": roles.is_organizer(request.user, event),
        "can_star": person is not None and roles.is_participant(request.user, event),
        "starred": session.pk in wished_sessions(person=person, event=event)})


@require_safe
@organizer_required
def organize(request: HttpRequest, event: Event) -> HttpResponse:
    from immerse.people.models import Registration
    from immerse.people.selectors import registrations_for_organizer

    query = request.GET.get("q", "")[:200]
    status = request.GET.get("status", "")
    registrations = registrations_for_organizer(event=event, query=query, status=status)
    page = Paginator(registrations, REGISTRATIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "event": event,
        "counts": selectors.registration_counts(event=event),
        "page": page,
        "query": query,
        "status": status if status in Registration.Status.values else "",
        "statuses": Registration.Status.choices,
        "session_count": Session.objects.filter(event=event).count(),
    }
    return render(request, "events/organize.html", context)
