"""Organizers form tables and move people; attendees see their table and tablemates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from immerse.common.http import AuthedRequest
from immerse.common.ids import id_parse, number_parse
from immerse.events.access import organizer_required
from immerse.events.models import Event, Session
from immerse.events.selectors import event_get, event_task_runs_active
from immerse.people.access import my_registration
from immerse.people.models import Registration
from immerse.tables.runs import TASK as TABLES_TASK
from immerse.tables.runs import tables_run_start
from immerse.tables.selectors import (
    table_plan_get,
    table_plans,
    table_sessions,
    tablemate_repeats_of,
    tablemates_of,
    tables_of,
)
from immerse.tables.services import TablesRefused, table_move


@organizer_required
def overview(request: AuthedRequest, event: Event) -> HttpResponse:
    if request.method == "POST":
        # Forming tables takes seconds (a rotation: its 10 s time limit): a worker does it
        # while the run's page shows the progress.
        try:
            asked = number_parse(request.POST.get("table_size", "8"), lowest=-10**9,
                                 highest=10**9)
            if asked is None:
                raise ValueError(_("People per table: a whole number, please."))
            size = max(3, min(20, asked))
            session = None
            if not request.POST.get("rotation"):
                session = get_object_or_404(Session, event=event,
                                            pk=id_parse(request.POST.get("session")) or 0)
            run = tables_run_start(
                event=event, user=request.user, session=session, table_size=size,
                time_limit=10 if session is None else 5,
                return_url=reverse("tables", args=[event.slug]) if session is None
                else reverse("tables-session", args=[event.slug, session.pk]))
        except (TablesRefused, ValueError) as exc:
            messages.error(request, str(exc))
            return redirect("tables", slug=event.slug)
        return redirect("event-run", slug=event.slug, run_id=run.pk)
    sessions = table_sessions(event=event)
    plans = table_plans(sessions=sessions)
    return render(request, "tables/overview.html", {
        "event": event, "rows": [(s, plans.get(s.pk)) for s in sessions],
        "repeats": tablemate_repeats_of(event=event),
        "active_runs": event_task_runs_active(event=event, task_name=TABLES_TASK)})


def _session(event: Event, session_id: int) -> Session:
    return get_object_or_404(Session.objects.select_related("slot", "room"), event=event,
                             pk=session_id)


@organizer_required
def session_tables(request: HttpRequest, event: Event, session_id: int) -> HttpResponse:
    session = _session(event, session_id)
    if request.method == "POST":
        registration = get_object_or_404(Registration, event=event,
                                         pk=id_parse(request.POST.get("registration")) or 0)
        try:
            seat = table_move(session=session, registration=registration,
                              table=number_parse(request.POST.get("table"), lowest=0,
                                                 highest=10**9) or 0)
            messages.success(request, _("%(name)s moved to table %(table)d.")
                             % {"name": registration.person.name, "table": seat.table})
        except (TablesRefused, ValueError) as exc:
            messages.error(request, str(exc))
        return redirect("tables-session", slug=event.slug, session_id=session.pk)
    plan = table_plan_get(session=session)
    return render(request, "tables/session.html", {
        "event": event, "session": session, "plan": plan, "tables": tables_of(session=session),
        "numbers": range(1, (plan.tables if plan else 0) + 1)})


@require_safe
@organizer_required
def cards(request: HttpRequest, event: Event, session_id: int) -> HttpResponse:
    session = _session(event, session_id)
    return render(request, "tables/cards.html", {
        "event": event, "session": session, "tables": tables_of(session=session)})


@require_safe
@login_required
def my_tables(request: HttpRequest, slug: str) -> HttpResponse:
    event = event_get(slug=slug)
    registration = my_registration(request, event)
    rows = [(mine.seat, mine.mates) for mine in tablemates_of(registration=registration)]
    return render(request, "tables/mine.html", {"event": event, "rows": rows})
