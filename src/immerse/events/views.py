"""Public event pages: the list of events and the program listing."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from immerse.events import selectors
from immerse.events.access import visible_event


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "events/home.html", {"events": selectors.events_published()})


@require_safe
def event_program(request: HttpRequest, slug: str) -> HttpResponse:
    event = visible_event(request, slug)
    context = {"event": event, "program_html": selectors.program_html(event=event, show_pitch=True)}
    return render(request, "events/program.html", context)
