"""Program pages: the event hub, a session, the builder, pitch editing, agenda planning runs,
personal agendas (swaps, waitlists, stars) and calendars."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.timezone import localdate
from django.utils.translation import get_language, get_language_info, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from immerse.common.http import AuthedRequest
from immerse.common.ids import id_parse
from immerse.common.labels import format_label, level_label
from immerse.events import roles
from immerse.events import selectors as event_selectors
from immerse.events.access import organizer_required, visible_event
from immerse.events.models import Event, Session
from immerse.events.services import session_pitch_set
from immerse.people.access import (
    my_person,
    my_registration,
    my_registration_at,
    my_registration_or_none,
)
from immerse.people.roles import is_participant
from immerse.people.selectors import (
    registration_counts,
    room_summary,
)
from immerse.program import selectors
from immerse.program.agenda_page import agenda_of, agenda_timetable_html
from immerse.program.listing import program_listing
from immerse.program.services.agendas import (
    SwapRefused,
    agenda_confirm,
    agenda_swap,
    calendar_token_ensure,
    session_wait_join,
    wish_toggle,
)
from immerse.program.services.builder import ProgramApplied, program_apply, proposal_cells
from immerse.program.services.planning import agenda_run_start
from immerse.program.session_texts import session_texts

# ---- the hub and a session ----------------------------------------------------------------


@require_safe
def event_hub(request: HttpRequest, slug: str) -> HttpResponse:
    event = visible_event(request, slug)
    registration = my_registration_or_none(request, event)
    is_organizer = roles.is_organizer(request.user, event)
    context = {
        "event": event, "registration": registration,
        "listing": program_listing(request, event, show_pitch=False,
                                   registration=registration, show_recording=is_organizer),
        "counts": registration_counts(event=event),
        "is_organizer": is_organizer,
        "room_summary": room_summary(event=event, language=get_language()),
    }
    return render(request, "program/hub.html", context)


@require_safe
def event_program(request: HttpRequest, slug: str) -> HttpResponse:
    event = visible_event(request, slug)
    registration = my_registration_or_none(request, event)
    return render(request, "program/program.html", {
        "event": event, "listing": program_listing(
            request, event, show_pitch=True, registration=registration,
            show_recording=roles.is_organizer(request.user, event))})


@require_safe
def session_detail(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    event = visible_event(request, slug)
    session = get_object_or_404(
        event_selectors.sessions_for_program(event=event), pk=session_id
    )
    person = my_person(request)
    return render(request, "program/session.html", {
        "event": event, "session": session, "texts": session_texts(session=session),
        "is_organizer": roles.is_organizer(request.user, event),
        "may_check_in": roles.is_facilitator(request.user, event),
        "can_star": person is not None and is_participant(request.user, event),
        "starred": session.pk in selectors.wished_sessions(person=person, event=event)})


# ---- the builder and pitches (organizers) -------------------------------------------------


def _topics(request: HttpRequest) -> list[str]:
    """The topics the organizer names: a comma-separated line (no JSON typed by hand)."""
    line = (request.POST if request.method == "POST" else request.GET).get("topics", "")
    return list(dict.fromkeys(t.strip()[:80] for t in line[:1000].split(",") if t.strip()))


@organizer_required
def builder(request: HttpRequest, event: Event) -> HttpResponse:
    topics = _topics(request)
    reader = get_language() or "en"
    proposal = selectors.program_propose(event=event, topics=topics, reader=reader)
    if request.method == "POST":
        applied = program_apply(event=event, proposal=proposal,
                                replace=request.POST.get("replace") == "on")
        messages.success(request, builder_applied_text(applied))
        return redirect("event-program", slug=event.slug)
    cells = proposal_cells(event=event, proposal=proposal)
    rows = [{"item": item, "format": format_label(item.format_key),
             "levels": [level_label(level) for level in item.levels],
             "room": cell[0] if cell else "", "moved": cell is not None and cell[0] != item.room}
            for item, cell in zip(proposal.sessions, cells, strict=True)]
    signups = selectors.confirmed_count(event=event)
    return render(request, "program/builder.html", {
        "event": event, "rows": rows, "notes": proposal.notes, "topics": ", ".join(topics),
        "signups": signups, "kind": event.get_kind_display(),
        "unplaced": sum(1 for cell in cells if cell is None),
        "existing": selectors.sessions_count(event=event),
        "written_in": _written_in(event, reader)})


def _written_in(event: Event, reader: str) -> str:
    """The proposals' language by name when it is not the page's (else "")."""
    written = selectors.proposal_language(event=event, reader=reader)
    if written == selectors.notes_language(reader):
        return ""
    return str(get_language_info(written)["name_translated"])


def builder_applied_text(applied: ProgramApplied) -> str:
    text = ngettext("%(count)d session added to the program",
                    "%(count)d sessions added to the program", applied.created) % {
        "count": applied.created}
    if applied.unplaced:
        text += "; " + ngettext(
            "%(count)d of them waits unplaced: every room was taken in its slot.",
            "%(count)d of them wait unplaced: every room was taken in their slot.",
            applied.unplaced) % {"count": applied.unplaced}
    else:
        text += "."
    if applied.moved:
        text += " " + ngettext("%(count)d went to another free room of its slot.",
                               "%(count)d went to another free room of their slot.",
                               applied.moved) % {"count": applied.moved}
    return text + " " + _("Edit them freely, and place or move them in the schedule grid.")


@organizer_required
@require_POST
def pitch_edit(request: HttpRequest, event: Event, session_id: int) -> HttpResponse:
    session = get_object_or_404(Session, event=event, pk=session_id)
    text = request.POST.get("pitch", "")[:2000]
    session_pitch_set(session=session, pitch=None if "reset" in request.POST else text)
    messages.success(request, _("Pitch saved."))
    return redirect("session-detail", slug=event.slug, session_id=session.pk)


# ---- agenda planning runs (organizers) ----------------------------------------------------


@organizer_required
def plan(request: AuthedRequest, event: Event) -> HttpResponse:
    if request.method == "POST":
        try:
            time_limit = min(600.0, max(1.0, float(request.POST.get("time_limit", "30"))))
        except ValueError:
            time_limit = 30.0
        run = agenda_run_start(event=event, user=request.user,
                               keep_confirmed=request.POST.get("replan_all") != "on",
                               fair=request.POST.get("fair") == "on", time_limit=time_limit)
        return redirect("agenda-run", slug=event.slug, run_id=run.pk)
    return render(request, "program/plan.html", {
        "event": event, "runs": selectors.agenda_runs_recent(event=event)})


@require_safe
@organizer_required
def run_detail(request: HttpRequest, event: Event, run_id: int) -> HttpResponse:
    run = selectors.agenda_run_get(event=event, run_id=run_id)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"status": run.status, "progress": run.progress,
                             "message": run.message})
    return render(request, "program/run.html", {"event": event, "run": run, "gap": run.gap})


# ---- personal agendas and stars (attendees) -----------------------------------------------


@require_safe
@login_required
def my_agenda(request: HttpRequest, slug: str) -> HttpResponse:
    registration = my_registration_at(request, slug)
    # Reading the page writes nothing: the private calendar link is made on request (POST).
    token = registration.calendar_token
    timetable = agenda_timetable_html(
        registration=registration, slots=agenda_of(registration=registration),
        today=localdate(), csrf_token=get_token(request))
    return render(request, "program/my_agenda.html", {
        "event": registration.event, "registration": registration, "timetable": timetable,
        "calendar_url": request.build_absolute_uri(f"/calendar/{token}.ics") if token else ""})


@login_required
@require_POST
def agenda_action(request: HttpRequest, slug: str) -> HttpResponse:
    registration = my_registration(request, event_selectors.event_get(slug=slug))
    action = request.POST.get("action")
    if action == "confirm":
        agenda_confirm(registration=registration)
        messages.success(request, _("Your agenda is confirmed: re-planning will keep it."))
        return redirect("my-agenda", slug=slug)
    if action == "calendar":
        calendar_token_ensure(registration=registration)
        messages.success(request,
                         _("Your private calendar link is ready: keep it to yourself."))
        return redirect("my-agenda", slug=slug)
    session = get_object_or_404(Session, event=registration.event,
                                pk=id_parse(request.POST.get("session")) or 0)
    try:
        if action == "swap":
            agenda_swap(registration=registration, session=session)
            messages.success(request, _("You are in %(session)s.") % {"session": session.title})
        elif action == "wait":
            place = session_wait_join(registration=registration, session=session)
            messages.success(request, _("You are number %(place)d in line for %(session)s.")
                             % {"place": place, "session": session.title})
        else:
            messages.error(request, _("Unknown action."))
    except SwapRefused as exc:
        messages.error(request, str(exc))
    return redirect("my-agenda", slug=slug)


@login_required
@require_POST
def star(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    event = event_selectors.event_get(slug=slug)
    if not is_participant(request.user, event):
        raise Http404(_("Sign up first to star sessions."))
    session = get_object_or_404(Session, event=event, pk=session_id)
    person = my_person(request)
    if person is None:  # staff without an attendee profile
        raise Http404(_("Sign up first to star sessions."))
    starred = wish_toggle(person=person, session=session)
    text = _("Starred: %(session)s.") if starred else _("Unstarred: %(session)s.")
    messages.success(request, text % {"session": session.title})
    return redirect("session-detail", slug=slug, session_id=session.pk)


# ---- calendars ----------------------------------------------------------------------------


def _ics(request: HttpRequest, feed: selectors.CalendarFeed, filename: str, *,
         private: bool) -> HttpResponse:
    """The feed, or a 304 when the client's If-None-Match / If-Modified-Since still holds:
    calendar apps poll, and an unchanged program costs them one small query."""
    response = HttpResponse(feed.body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = feed.etag
    response["Last-Modified"] = http_date(feed.last_modified.timestamp())
    # Revalidate every time (the program may change); a personal feed stays out of shared
    # caches.
    response["Cache-Control"] = "private, no-cache" if private else "no-cache"
    # A 304 keeps the ETag, Last-Modified and Cache-Control headers of ``response``.
    return get_conditional_response(
        request, etag=feed.etag, last_modified=int(feed.last_modified.timestamp()),
        response=response) or response  # never None when given a response


@require_safe
def calendar_event(request: HttpRequest, slug: str) -> HttpResponse:
    event = visible_event(request, slug)
    return _ics(request, selectors.calendar_public(event=event), f"{event.slug}.ics",
                private=not event.published)


@require_safe
def calendar_personal(request: HttpRequest, token: str) -> HttpResponse:
    """Private feed: the URL's token is the key, since calendar apps cannot log in."""
    registration = selectors.registration_for_calendar(token=token)
    if registration is None:
        raise Http404(_("No such calendar"))
    return _ics(request, selectors.calendar_personal(registration=registration),
                f"{registration.event.slug}-my-agenda.ics", private=True)
