"""The schedule grid: one day's rooms × slots, drag and drop (studio/grid.js) and the "move
to" form that does the same from a keyboard or a phone."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from immerse.common.ids import id_parse
from immerse.events.access import organizer_page
from immerse.events.models import Event, Session
from immerse.notify.models import Message
from immerse.notify.rendering import message_render
from immerse.notify.services import jsonable
from immerse.studio.forms.grid import MoveForm, slot_label
from immerse.studio.selectors.grid_page import grid_day_html
from immerse.studio.services.grid import (
    PlacementClash,
    PlacementError,
    affected_registrations,
    session_moved_drafts,
    session_moved_tell,
    session_place,
)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@require_safe
@organizer_page
def grid_page(request: HttpRequest, event: Event) -> HttpResponse:
    return render(request, "studio/grid.html", {
        "event": event, "day_html": grid_day_html(event=event, day=_day(request.GET.get("day")))})


def _was(session: Session) -> dict[str, Any]:
    return {"room": session.room.name if session.room else "",
            "starts_at": session.slot.start if session.slot else None,
            "day": session.slot.start.astimezone(ZoneInfo(session.event.time_zone)).date()
            if session.slot else None}


def _preview(session: Session, target: MoveForm, people: list[Any], was: dict[str, Any]
             ) -> str:
    """The message the first affected person would get, as text (nothing is saved)."""
    if not people or not target.is_valid():
        return ""
    moved = Session(pk=session.pk, event=session.event, title=session.title,
                    room=target.cleaned_data["room"], slot=target.cleaned_data["slot"])
    draft = session_moved_drafts(session=moved, registrations=people[:1], was=was,
                                 key="preview")[0]
    message = Message(kind=draft.kind, to_email=draft.to_email, to_name=draft.to_name,
                      event=session.event, context=jsonable(dict(draft.context)))
    return message_render(message).text


@organizer_page
def grid_move(request: HttpRequest, event: Event) -> HttpResponse:
    """GET: the "move to" form for ``?session=``; POST: place, move or unplace it."""
    data = request.POST if request.method == "POST" else request.GET
    session_id = id_parse(data.get("session"))
    if session_id is None and request.method != "POST":
        # Which session to move is chosen on the grid (a bare or mistyped link lands there).
        return redirect("studio-grid", slug=event.slug)
    session = get_object_or_404(Session.objects.select_related("room", "slot", "event"),
                                event=event, pk=session_id or 0)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    people = affected_registrations(session=session)
    was = _was(session)
    form = MoveForm(data if ("room" in data or "unplace" in data) else None, event=event,
                    initial={"room": session.room, "slot": session.slot,
                             "nonce": secrets.token_hex(8)})
    status = 200
    if request.method == "POST" and form.is_valid():
        if people and form.cleaned_data["tell"] not in ("yes", "no"):
            if wants_json:  # the drop asks first: the organizer decides on this page
                return JsonResponse({"confirm": _confirm_url(event, data)})
            form.add_error("tell", _("Choose whether to tell them."))
        else:
            try:
                session_place(session=session, room=form.cleaned_data["room"],
                              slot=form.cleaned_data["slot"], by=request.user)
            except PlacementClash as clash:
                return _refused(request, wants_json, form, clash, event, session, people)
            except PlacementError as exc:
                form.add_error(None, str(exc))
            else:
                return _moved(request, wants_json, form, session, people, was)
        status = 400 if wants_json else 200
        if wants_json:
            errors = [str(error) for error in form.non_field_errors()] or [_("Check the form.")]
            return JsonResponse({"error": " ".join(errors)}, status=400)
    elif request.method == "POST":
        status = 400
        if wants_json:
            return JsonResponse({"error": _("Choose a room and a time slot.")}, status=400)
    return _move_page(request, event, session, form, people, was, status)


def _confirm_url(event: Event, data: QueryDict) -> str:
    query = urlencode({key: data.get(key, "") for key in ("session", "room", "slot")})
    return f"{reverse('studio-grid-move', kwargs={'slug': event.slug})}?{query}"


def _refused(request: HttpRequest, wants_json: bool, form: MoveForm, clash: PlacementClash,
             event: Event, session: Session, people: list[Any]) -> HttpResponse:
    there = clash.session_there
    text = _("“%(title)s” is already in %(room)s at that time: choose a free cell, or move "
             "that session first.") % {"title": there.title,
                                         "room": there.room.name if there.room else ""}
    if wants_json:
        return JsonResponse({"error": text, "session_there": there.pk}, status=409)
    form.add_error(None, text)
    return _move_page(request, event, session, form, people, _was(session), 409)


def _moved(request: HttpRequest, wants_json: bool, form: MoveForm, session: Session,
           people: list[Any], was: dict[str, Any]) -> HttpResponse:
    told = 0
    if people and form.cleaned_data["tell"] == "yes":
        told = session_moved_tell(session=session, registrations=people, was=was,
                                  key=form.cleaned_data["nonce"] or secrets.token_hex(8))
    where = (_("“%(title)s” moved to %(room)s.") % {"title": session.title,
                                                   "room": session.room.name}
             if session.room else _("“%(title)s” is unplaced.") % {"title": session.title})
    if told:
        where += " " + ngettext("%(count)d person will be told.",
                                "%(count)d people will be told.", told) % {"count": told}
    messages.success(request, where)
    day = _was(session)["day"] or was["day"]
    url = reverse("studio-grid", kwargs={"slug": session.event.slug})
    url += f"?day={day.isoformat()}" if day else ""
    if wants_json:
        return JsonResponse({"ok": True, "url": url})
    return redirect(url)


def _move_page(request: HttpRequest, event: Event, session: Session, form: MoveForm,
               people: list[Any], was: dict[str, Any], status: int) -> HttpResponse:
    return render(request, "studio/grid_move.html", {
        "event": event, "session": session, "form": form, "people": people,
        "preview": _preview(session, form, people, was) if form.is_bound else "",
        "was": slot_label(session.slot, ZoneInfo(event.time_zone)) if session.slot else "",
        "grid_url": reverse("studio-grid", kwargs={"slug": event.slug})
        + (f"?day={was['day'].isoformat()}" if was["day"] else "")}, status=status)
