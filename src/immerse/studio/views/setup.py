"""The set-up pages: an index of the steps, days and slots, rooms, sessions, the hub and
sign-up. Views parse and answer; every change is a service in studio.services.setup."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from immerse.common.labels import format_name, level_label
from immerse.engine.catalogue import FORMATS
from immerse.events.access import organizer_page
from immerse.events.models import Event, Room, Session, TimeSlot
from immerse.people.models import Person
from immerse.studio.forms.setup import RoomForm, SessionForm, SlotForm, SlotGridForm
from immerse.studio.services import setup
from immerse.studio.services.setup import SessionData, SetupError

View = Callable[..., HttpResponse]


def _refused(form: Any, error: SetupError) -> None:
    """A service's refusal shown on the field it names (or the form's top)."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _crumbs(event: Event, here: str) -> dict[str, Any]:
    return {"event": event, "here": here}


@require_http_methods(["GET", "HEAD"])
@organizer_page
def setup_index(request: HttpRequest, event: Event) -> HttpResponse:
    """The steps of setting an event up, each with what is done."""
    counts = {"slots": TimeSlot.objects.filter(event=event).count(),
              "rooms": Room.objects.filter(event=event).count(),
              **Session.objects.filter(event=event).aggregate(
                  sessions=Count("pk"), unplaced=Count("pk", filter=Q(slot=None)))}
    channels = len(event.hashtags) + len(event.video_uplinks) + len(event.blogs) + \
        len(event.organizer_handles) + bool(event.wiki_url) + bool(event.content_guide)
    steps = [
        ("studio-slots", _("Days and slots"),
         ngettext("%(n)d slot", "%(n)d slots", counts["slots"]) % {"n": counts["slots"]},
         counts["slots"] > 0),
        ("studio-rooms", _("Rooms"),
         ngettext("%(n)d room", "%(n)d rooms", counts["rooms"]) % {"n": counts["rooms"]},
         counts["rooms"] > 0),
        ("studio-sessions", _("Sessions"),
         ngettext("%(n)d session", "%(n)d sessions", counts["sessions"])
         % {"n": counts["sessions"]}, counts["sessions"] > 0),
        ("studio-hub", _("The hub: hashtags, video, blogs, wiki"),
         ngettext("%(n)d channel", "%(n)d channels", channels) % {"n": channels}, channels > 0),
        ("studio-signup", _("Sign-up"), _signup_state(event), True),
    ]
    return render(request, "studio/setup_index.html", {
        **_crumbs(event, "index"), "steps": steps, "unplaced": counts["unplaced"]})


def _signup_state(event: Event) -> str:
    now = timezone.now()
    if event.signup_opens_at and now < event.signup_opens_at:
        return _("opens %(when)s") % {"when": localtime(event.signup_opens_at)
                                      .strftime("%Y-%m-%d %H:%M")}
    if event.signup_closes_at and now >= event.signup_closes_at:
        return _("closed")
    return ngettext("open, %(n)d seat", "open, %(n)d seats", event.capacity) % {"n": event.capacity}


# Days and slots -------------------------------------------------------------------------

@require_http_methods(["GET", "HEAD", "POST"])
@organizer_page
def slots(request: HttpRequest, event: Event) -> HttpResponse:
    grid = SlotGridForm(request.POST or None, event=event, prefix="grid")
    single = SlotForm(None, prefix="slot")
    if request.method == "POST" and "add" in request.POST:
        single = SlotForm(request.POST, prefix="slot")
        grid = SlotGridForm(None, event=event, prefix="grid")
        if single.is_valid():
            setup.slot_save(event=event, slot=None, by=request.user, **single.cleaned_data)
            messages.success(request, _("Slot added."))
            return redirect("studio-slots", event.slug)
    elif request.method == "POST" and grid.is_valid():
        data = grid.cleaned_data
        try:
            made = setup.slots_generate(
                by=request.user,
                event=event, days=data["days"], start=data["start"], end=data["end"],
                session_minutes=data["session_minutes"], gap_minutes=data["gap_minutes"],
                breaks=grid.breaks())
        except SetupError as error:
            if error.field.startswith("break"):  # the form's one break is "break 1"
                error = SetupError("break_end", error.message)
            _refused(grid, error)
        else:
            messages.success(request, ngettext("%(n)d slot made.", "%(n)d slots made.",
                                               len(made)) % {"n": len(made)})
            return redirect("studio-slots", event.slug)
    rows = TimeSlot.objects.filter(event=event).annotate(placed=Count("sessions"))
    days = [(day, list(group)) for day, group in
            groupby(rows, key=lambda slot: localtime(slot.start).date())]
    return render(request, "studio/setup_slots.html", {
        **_crumbs(event, "slots"), "grid": grid, "single": single, "days": days})


@require_http_methods(["GET", "HEAD", "POST"])
@organizer_page
def slot_edit(request: HttpRequest, event: Event, slot_id: int) -> HttpResponse:
    slot = get_object_or_404(TimeSlot, event=event, pk=slot_id)
    form = SlotForm(request.POST or None, initial={
        "label": slot.label, "start": localtime(slot.start), "end": localtime(slot.end)})
    if request.method == "POST" and form.is_valid():
        setup.slot_save(event=event, slot=slot, by=request.user, **form.cleaned_data)
        messages.success(request, _("Slot saved."))
        return redirect("studio-slots", event.slug)
    sessions = list(Session.objects.filter(slot=slot).select_related("room"))
    return render(request, "studio/setup_slot_edit.html", {
        **_crumbs(event, "slots"), "form": form, "slot": slot, "sessions": sessions})


@require_POST
@organizer_page
def slot_delete(request: HttpRequest, event: Event, slot_id: int) -> HttpResponse:
    slot = get_object_or_404(TimeSlot, event=event, pk=slot_id)
    unplaced = setup.slot_delete(slot=slot, by=request.user)
    messages.success(request, _("Slot deleted.") + (" " + ngettext(
        "%(n)d session in it is now unplaced: place it again in the grid.",
        "%(n)d sessions in it are now unplaced: place them again in the grid.",
        unplaced) % {"n": unplaced} if unplaced else ""))
    return redirect("studio-slots", event.slug)


# Rooms ----------------------------------------------------------------------------------

@require_http_methods(["GET", "HEAD", "POST"])
@organizer_page
def rooms(request: HttpRequest, event: Event) -> HttpResponse:
    form = RoomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            room = setup.room_save(event=event, room=None, by=request.user,
                                   **form.cleaned_data)
        except SetupError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Room “%(name)s” added.") % {"name": room.name})
            return redirect("studio-rooms", event.slug)
    rows = Room.objects.filter(event=event).annotate(placed=Count("sessions"))
    return render(request, "studio/setup_rooms.html", {
        **_crumbs(event, "rooms"), "form": form, "rooms": rows})


@require_http_methods(["GET", "HEAD", "POST"])
@organizer_page
def room_edit(request: HttpRequest, event: Event, room_id: int) -> HttpResponse:
    room = get_object_or_404(Room, event=event, pk=room_id)
    form = RoomForm(request.POST or None, initial={
        "name": room.name, "capacity": room.capacity, "accessibility": room.accessibility})
    if request.method == "POST" and form.is_valid():
        try:
            setup.room_save(event=event, room=room, by=request.user, **form.cleaned_data)
        except SetupError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Room saved."))
            return redirect("studio-rooms", event.slug)
    return render(request, "studio/setup_room_edit.html", {
        **_crumbs(event, "rooms"), "form": form, "room": room,
        "placed": Session.objects.filter(room=room).count()})


@require_POST
@organizer_page
def room_delete(request: HttpRequest, event: Event, room_id: int) -> HttpResponse:
    room = get_object_or_404(Room, event=event, pk=room_id)
    name, unplaced = room.name, setup.room_delete(room=room, by=request.user)
    messages.success(request, _("Room “%(name)s” deleted.") % {"name": name} + (" " + ngettext(
        "%(n)d session in it is now unplaced: place it again in the grid.",
        "%(n)d sessions in it are now unplaced: place them again in the grid.",
        unplaced) % {"n": unplaced} if unplaced else ""))
    return redirect("studio-rooms", event.slug)


# Sessions -------------------------------------------------------------------------------

@require_http_methods(["GET", "HEAD"])
@organizer_page
def sessions(request: HttpRequest, event: Event) -> HttpResponse:
    rows = Session.objects.filter(event=event).select_related("room", "slot").prefetch_related(
        "facilitators").order_by("slot__start", "room__position", "title")
    return render(request, "studio/setup_sessions.html", {
        **_crumbs(event, "sessions"), "sessions": rows})


def host_candidates(event: Event, session: Session | None) -> QuerySet[Person]:
    """Who may host: experts, the event's practitioners (level 4) and facilitators, and
    whoever hosts this session already."""
    query = Q(is_expert=True) | Q(registrations__event=event, registrations__level=4) | \
        Q(user__event_roles__event=event)
    if session is not None:
        query |= Q(hosting=session)
    return Person.objects.filter(query).distinct().order_by("name")


def _formats() -> list[dict[str, Any]]:
    """Each catalogue format with what it offers, and to which levels."""
    return [{"key": f.key, "label": format_name(f), "description": f.description,
             "levels": ", ".join(level_label(level) for level in f.levels)}
            for f in FORMATS]


@require_http_methods(["GET", "HEAD", "POST"])
@organizer_page
def session_edit(request: HttpRequest, event: Event, session_id: int | None = None
                 ) -> HttpResponse:
    session = get_object_or_404(Session, event=event, pk=session_id) if session_id else None
    initial = {} if session is None else {
        "title": session.title, "format": session.format,
        "target_levels": session.target_levels, "topics": ", ".join(session.topics),
        "abstract": session.abstract, "capacity": session.capacity,
        "hosts": list(session.facilitators.all()),
        "pitch": session.pitch if session.pitch_edited else ""}
    form = SessionForm(request.POST or None, initial=initial,
                       hosts=host_candidates(event, session))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        hosts = list(data["hosts"])
        try:
            saved = setup.session_save(
                event=event, session=session, by=request.user, data=SessionData(
                title=data["title"], format_key=data["format"],
                levels=tuple(data["target_levels"]), topics=data["topics"],
                abstract=data["abstract"], capacity=data["capacity"], hosts=tuple(hosts),
                pitch=data["pitch"]))
            if data["invite_email"]:
                setup.host_invite(event=event, session=saved, name=data["invite_name"],
                                  email=data["invite_email"])
        except SetupError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Session “%(title)s” saved.") % {"title": saved.title})
            return redirect("studio-session-edit", event.slug, saved.pk)
    return render(request, "studio/setup_session_edit.html", {
        **_crumbs(event, "sessions"), "form": form, "session": session,
        # Each radio with its catalogue entry (the same order: both come from FORMATS).
        "format_choices": list(zip(form["format"], _formats(), strict=True))})


@require_http_methods(["GET", "HEAD", "POST"])
@organizer_page
def session_delete(request: HttpRequest, event: Event, session_id: int) -> HttpResponse:
    session = get_object_or_404(Session, event=event, pk=session_id)
    if request.method == "POST":
        title = session.title
        setup.session_delete(session=session, by=request.user)
        messages.success(request, _("Session “%(title)s” deleted.") % {"title": title})
        return redirect("studio-sessions", event.slug)
    return render(request, "studio/setup_session_delete.html", {
        **_crumbs(event, "sessions"), "session": session,
        "agenda_count": session.agenda_items.count()})
