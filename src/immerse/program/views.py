"""Organizer program pages: the builder and pitch editing."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from immerse.engine.catalogue import FORMAT_BY_KEY, LEVEL_LABELS
from immerse.events.models import Event, Session
from immerse.events.views import organizer_required
from immerse.program.builder import program_apply, program_propose, session_pitch_set


@organizer_required
def builder(request: HttpRequest, event: Event) -> HttpResponse:
    proposal = program_propose(event=event)
    if request.method == "POST":
        created = program_apply(event=event, proposal=proposal,
                                replace=request.POST.get("replace") == "on")
        messages.success(request, f"{created} sessions added to the program: edit them freely.")
        return redirect("event-program", slug=event.slug)
    rows = [{"item": item, "format": FORMAT_BY_KEY[item.format_key].label,
             "levels": [LEVEL_LABELS[level] for level in item.levels]}
            for item in proposal.sessions]
    return render(request, "program/builder.html", {
        "event": event, "rows": rows, "notes": proposal.notes,
        "existing": Session.objects.filter(event=event).count()})


@organizer_required
@require_POST
def pitch_edit(request: HttpRequest, event: Event, session_id: int) -> HttpResponse:
    session = get_object_or_404(Session, event=event, pk=session_id)
    text = request.POST.get("pitch", "")[:2000]
    session_pitch_set(session=session, pitch=None if "reset" in request.POST else text)
    messages.success(request, "Pitch saved.")
    return redirect("session-detail", slug=event.slug, session_id=session.pk)


def _ics(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def calendar_event(request: HttpRequest, slug: str) -> HttpResponse:
    from immerse.events.views import _visible_event
    from immerse.program.calendars import calendar_public

    event = _visible_event(request, slug)
    return _ics(calendar_public(event=event), f"{event.slug}.ics")


@require_safe
def calendar_personal(request: HttpRequest, token: str) -> HttpResponse:
    """Private feed: the URL's token is the key, since calendar apps cannot log in."""
    from immerse.people.models import Registration
    from immerse.program.calendars import calendar_personal as build

    registration = (Registration.objects.select_related("event", "person")
                    .filter(calendar_token=token).exclude(status="cancelled").first())
    if registration is None or len(token) < 20:
        raise Http404("No such calendar")
    return _ics(build(registration=registration), f"{registration.event.slug}-my-agenda.ics")
