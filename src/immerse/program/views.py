"""Program pages: the event hub, a session, the builder, pitch editing and calendars."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from immerse.engine.catalogue import FORMAT_BY_KEY, LEVEL_LABELS
from immerse.events import roles
from immerse.events import selectors as event_selectors
from immerse.events.access import organizer_required, visible_event
from immerse.events.models import Event, Session
from immerse.people.models import Registration
from immerse.people.roles import is_participant
from immerse.people.selectors import person_for_user, registration_counts, room_summary
from immerse.program.agendas import wished_sessions
from immerse.program.builder import program_apply, program_propose, session_pitch_set
from immerse.program.calendars import calendar_personal as build
from immerse.program.calendars import calendar_public


@require_safe
def event_hub(request: HttpRequest, slug: str) -> HttpResponse:
    event = visible_event(request, slug)
    context = {
        "event": event,
        "program_html": event_selectors.program_html(event=event, show_pitch=False),
        "counts": registration_counts(event=event),
        "is_organizer": roles.is_organizer(request.user, event),
        "room_summary": room_summary(event=event),
    }
    return render(request, "program/hub.html", context)


@require_safe
def session_detail(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    event = visible_event(request, slug)
    session = get_object_or_404(
        event_selectors.sessions_for_program(event=event), pk=session_id
    )
    person = person_for_user(request.user)
    return render(request, "program/session.html", {
        "event": event, "session": session,
        "is_organizer": roles.is_organizer(request.user, event),
        "can_star": person is not None and is_participant(request.user, event),
        "starred": session.pk in wished_sessions(person=person, event=event)})


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
    event = visible_event(request, slug)
    return _ics(calendar_public(event=event), f"{event.slug}.ics")


@require_safe
def calendar_personal(request: HttpRequest, token: str) -> HttpResponse:
    """Private feed: the URL's token is the key, since calendar apps cannot log in."""
    registration = (Registration.objects.select_related("event", "person")
                    .filter(calendar_token=token).exclude(status="cancelled").first())
    if registration is None or len(token) < 20:
        raise Http404("No such calendar")
    return _ics(build(registration=registration), f"{registration.event.slug}-my-agenda.ics")
