"""Event pages: the list of events and a background run's progress (the program listing is
the program app's: it shows an attendee their own level and sessions)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.timezone import localdate
from django.views.decorators.http import require_safe

from immerse.events import selectors
from immerse.events.access import organizer_required
from immerse.events.models import Event
from immerse.events.roles import may_create_events


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    upcoming, past = selectors.events_home(today=localdate())
    return render(request, "events/home.html", {
        "events": upcoming, "past": past, "may_create": may_create_events(request.user)})


@require_safe
@organizer_required
def task_run(request: HttpRequest, event: Event, run_id: int) -> HttpResponse:
    """A rotation's, an import's or an upload's run on this event: live progress (the page
    polls itself for JSON), then its result and the way on."""
    run = selectors.event_task_run(event=event, run_id=run_id)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"status": run.status, "progress": run.progress,
                             "message": run.message})
    return render(request, "events/run.html", {"event": event, "run": run})
