"""Planning runs for organizers; personal agendas, swaps, waitlists and stars for attendees."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from immerse.events.access import organizer_required
from immerse.events.models import Event, Session
from immerse.events.selectors import event_get
from immerse.people.access import my_registration
from immerse.people.roles import is_participant
from immerse.people.selectors import person_for_user
from immerse.program.agendas import (
    SwapRefused,
    agenda_confirm,
    agenda_of,
    agenda_swap,
    session_wait_join,
    wish_toggle,
)
from immerse.program.calendars import calendar_token_ensure
from immerse.program.models import AgendaRun
from immerse.program.planning import agenda_run_start


@organizer_required
def plan(request: HttpRequest, event: Event) -> HttpResponse:
    if request.method == "POST":
        try:
            time_limit = min(600.0, max(1.0, float(request.POST.get("time_limit", "30"))))
        except ValueError:
            time_limit = 30.0
        run = agenda_run_start(event=event, user=request.user,
                               keep_confirmed=request.POST.get("replan_all") != "on",
                               fair=request.POST.get("fair") == "on", time_limit=time_limit)
        return redirect("agenda-run", slug=event.slug, run_id=run.pk)
    runs = AgendaRun.objects.filter(event=event)[:10]
    return render(request, "program/plan.html", {"event": event, "runs": runs})


def _run_for(event: Event, run_id: int) -> AgendaRun:
    return get_object_or_404(AgendaRun, event=event, pk=run_id)


@require_safe
@organizer_required
def run_detail(request: HttpRequest, event: Event, run_id: int) -> HttpResponse:
    run = _run_for(event, run_id)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"status": run.status, "progress": run.progress,
                             "message": run.message})
    gap = None
    if run.objective and run.lower_bound is not None:
        gap = (run.objective - run.lower_bound) / max(abs(run.objective), 1e-9)
    return render(request, "program/run.html", {"event": event, "run": run, "gap": gap})


@require_safe
@login_required
def my_agenda(request: HttpRequest, slug: str) -> HttpResponse:
    registration = my_registration(request, event_get(slug=slug))
    # Reading the page writes nothing: the private calendar link is made on request (POST).
    token = registration.calendar_token
    return render(request, "program/my_agenda.html", {
        "event": registration.event, "registration": registration,
        "slots": agenda_of(registration=registration),
        "calendar_url": request.build_absolute_uri(f"/calendar/{token}.ics") if token else ""})


@login_required
@require_POST
def agenda_action(request: HttpRequest, slug: str) -> HttpResponse:
    registration = my_registration(request, event_get(slug=slug))
    action = request.POST.get("action")
    if action == "confirm":
        agenda_confirm(registration=registration)
        messages.success(request, "Your agenda is confirmed: re-planning will keep it.")
        return redirect("my-agenda", slug=slug)
    if action == "calendar":
        calendar_token_ensure(registration=registration)
        messages.success(request, "Your private calendar link is ready: keep it to yourself.")
        return redirect("my-agenda", slug=slug)
    session = get_object_or_404(Session, event=registration.event,
                                pk=request.POST.get("session") or 0)
    try:
        if action == "swap":
            agenda_swap(registration=registration, session=session)
            messages.success(request, f"You are in {session.title}.")
        elif action == "wait":
            place = session_wait_join(registration=registration, session=session)
            messages.success(request, f"You are number {place} in line for {session.title}.")
        else:
            messages.error(request, "Unknown action.")
    except SwapRefused as exc:
        messages.error(request, str(exc))
    return redirect("my-agenda", slug=slug)


@login_required
@require_POST
def star(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    event = event_get(slug=slug)
    if not is_participant(request.user, event):
        raise Http404("Sign up first to star sessions.")
    session = get_object_or_404(Session, event=event, pk=session_id)
    person = person_for_user(request.user)
    if person is None:  # staff without an attendee profile
        raise Http404("Sign up first to star sessions.")
    starred = wish_toggle(person=person, session=session)
    messages.success(request, f"{'Starred' if starred else 'Unstarred'}: {session.title}.")
    return redirect("session-detail", slug=slug, session_id=session.pk)
