"""The check-in desk (staff), the door of a session (printable page and self check-in),
and the no-show release setting."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from immerse.checkin import selectors
from immerse.checkin.access import staff_required
from immerse.checkin.codes import door_key, door_key_valid, qr_svg
from immerse.checkin.forms import ReleaseForm, WalkinForm
from immerse.checkin.models import CheckIn
from immerse.checkin.services import (
    Checked,
    CheckinRefused,
    attendance_record,
    checkin_record,
    checkin_settings_set,
    checkin_undo,
    registration_by_code,
    registration_by_id,
    walkin_register,
    walkin_seat,
)
from immerse.common.ids import id_parse
from immerse.common.live import live_fragment
from immerse.events import roles
from immerse.events.access import visible_event
from immerse.events.models import Event, Session
from immerse.people.access import my_registration_or_none
from immerse.people.models import Registration


def _settings_form(event: Event) -> ReleaseForm:
    found = selectors.checkin_settings_of(event=event)
    at = found.release_at if found else None
    local = at.astimezone(ZoneInfo(event.time_zone)).strftime("%Y-%m-%dT%H:%M") if at else ""
    return ReleaseForm(initial={"release_at": local})


@staff_required
@require_safe
def desk(request: HttpRequest, event: Event) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    return render(request, "checkin/desk.html", {
        "event": event, "query": query, "counts": selectors.checkin_counts(event=event),
        "found": selectors.checkin_search(event=event, query=query) if query.strip() else [],
        "organizer": roles.is_organizer(request.user, event),
        "form": _settings_form(event), "walkin": WalkinForm(),
        "release": selectors.release_announcement(event=event)})


@staff_required
@require_safe
def counts(request: HttpRequest, event: Event) -> HttpResponse:
    return live_fragment(request, version=selectors.checkin_version(event=event),
                         render=lambda: render(request, "checkin/_counts.html", {
                             "counts": selectors.checkin_counts(event=event)}))


@staff_required
@require_safe
def search(request: HttpRequest, event: Event) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    return render(request, "checkin/_found.html", {
        "event": event, "query": query,
        "found": selectors.checkin_search(event=event, query=query) if query.strip() else []})


def _answer(request: HttpRequest, event: Event, *, ok: bool, message: str,
            registration: Registration | None = None, reason: str = "") -> HttpResponse:
    """JSON for the desk's script (it queues and replays), a message and redirect without."""
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({
            "ok": ok, "message": message, "reason": reason,
            "registration_id": registration.pk if registration else None,
            "name": registration.person.name if registration else ""},
            status=200 if ok else 409)
    (messages.success if ok else messages.error)(request, message)
    back = reverse("checkin-desk", args=[event.slug])
    query = request.POST.get("q", "")[:100]
    return redirect(f"{back}?q={query}" if query else back)


def _target(request: HttpRequest, event: Event) -> Registration:
    code = request.POST.get("code", "")
    if code.strip():
        return registration_by_code(event=event, code=code)
    found = id_parse(request.POST.get("registration"))
    if found is None:
        raise CheckinRefused(_("Scan or type a code, or pick a name."), reason="code")
    return registration_by_id(event=event, registration_id=found)


def _tapped(request: HttpRequest) -> datetime | None:
    """The moment the desk's script says the tap happened (it sends ``at`` so a check-in
    replayed from its offline queue keeps it); none from a plain form."""
    raw = request.POST.get("at", "").strip()[:40]
    if not raw:
        return None
    try:
        at = parse_datetime(raw)
    except ValueError:
        at = None
    if at is None or at.tzinfo is None:
        raise CheckinRefused(_("The check-in time %(at)s is not a date and time with a zone.")
                             % {"at": raw}, reason="time")
    return at


@staff_required
@require_POST
def act(request: HttpRequest, event: Event) -> HttpResponse:
    """Check in (by code or picked name), undo, or give a waiting walk-in a seat."""
    action = request.POST.get("action", "checkin")
    try:
        registration = _target(request, event)
        name = registration.person.name
        if action == "undo":
            checkin_undo(registration=registration)
            return _answer(request, event, ok=True, registration=registration,
                           message=_("%(name)s is no longer checked in.") % {"name": name})
        if action == "seat":
            done: Checked = walkin_seat(registration=registration, by=request.user)
        else:
            how = CheckIn.How.CODE if request.POST.get("code", "").strip() else CheckIn.How.LIST
            done = checkin_record(registration=registration, by=request.user, how=how,
                                  at=_tapped(request))
    except CheckinRefused as exc:
        return _answer(request, event, ok=False, message=exc.message, reason=exc.reason,
                       registration=exc.registration)
    message = (_("%(name)s is checked in.") if done.created
               else _("%(name)s was already checked in.")) % {"name": name}
    return _answer(request, event, ok=True, registration=registration, message=message)


@staff_required
@require_POST
def walkin(request: HttpRequest, event: Event) -> HttpResponse:
    """Someone who never signed up: registered, seated (capacity raised if full), checked in."""
    form = WalkinForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("New walk-in: %(errors)s") % {"errors": " ".join(
            f"{form.fields[name].label}: {' '.join(str(e) for e in errors)}"
            for name, errors in form.errors.items())})
        return redirect("checkin-desk", slug=event.slug)
    try:
        done = walkin_register(event=event, by=request.user, **form.cleaned_data)
    except CheckinRefused as exc:
        messages.error(request, exc.message)
        return redirect("checkin-desk", slug=event.slug)
    name = done.checkin.registration.person.name
    messages.success(request, (_("%(name)s has a seat and is checked in.") if done.created
                               else _("%(name)s was already checked in.")) % {"name": name})
    return redirect("checkin-desk", slug=event.slug)


@staff_required
@require_POST
def release_set(request: HttpRequest, event: Event) -> HttpResponse:
    if not roles.is_organizer(request.user, event):
        raise Http404(_("Only organizers set the release time"))
    with timezone.override(ZoneInfo(event.time_zone)):
        form = ReleaseForm(request.POST)
        valid = form.is_valid()
    if not valid:
        messages.error(request, _("Release time: %(error)s")
                       % {"error": " ".join(str(e) for e in form.errors.get("release_at", []))})
    else:
        checkin_settings_set(event=event, release_at=form.cleaned_data["release_at"])
        messages.success(request, _("Release time saved."))
    return redirect("checkin-desk", slug=event.slug)


def _session(event: Event, session_id: int) -> Session:
    return get_object_or_404(Session.objects.select_related("room", "slot"),
                             event=event, pk=session_id)


@staff_required
@require_safe
def door(request: HttpRequest, event: Event, session_id: int) -> HttpResponse:
    """A printable page for the session's door: its QR opens the self check-in."""
    session = _session(event, session_id)
    url = request.build_absolute_uri(reverse(
        "checkin-here", args=[event.slug, session.pk, door_key(session_id=session.pk)]))
    # segno writes the whole SVG from the URL's bits: no text of ours goes in unescaped.
    qr = mark_safe(qr_svg(url, scale=8))
    return render(request, "checkin/door.html", {
        "event": event, "session": session, "url": url, "qr": qr})


@login_required
def here(request: HttpRequest, slug: str, session_id: int, key: str) -> HttpResponse:
    """Self check-in at a session's door: the attendee confirms with one tap (a GET that
    wrote would check in whoever's browser prefetched the link)."""
    event = visible_event(request, slug)
    session = _session(event, session_id)
    if not door_key_valid(session_id=session.pk, key=key):
        raise Http404(_("Not this session's door"))
    registration = my_registration_or_none(request, event)
    refusal, done = "", False
    if registration is None:
        refusal = _("You are not signed up for %(event)s.") % {"event": event.title}
    elif request.method == "POST":
        try:
            attendance_record(registration=registration, session=session, by=request.user)
            done = True
        except CheckinRefused as exc:
            refusal = exc.message
    elif request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405)
    else:  # scanned again: say so rather than offer the button once more
        done = selectors.attended(registration=registration, session=session)
    status = 403 if registration is None else 409 if refusal else 200
    return render(request, "checkin/here.html", {
        "event": event, "session": session, "refusal": refusal, "done": done}, status=status)
