"""Who may do what in the room: the session's people ask and vote; its staff moderate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from immerse.events import roles
from immerse.events.access import visible_event
from immerse.events.models import Event, Session
from immerse.people.access import my_registration_or_none


class LoginNeeded(Exception):
    """The visitor must log in first (views answer with the log-in redirect)."""


@dataclass(frozen=True)
class Room:
    """A session as the signed-in user sees it: may they take part, may they moderate."""

    event: Event
    session: Session
    user: Any
    name: str  # shown beside a named question
    staff: bool


def room_for(request: HttpRequest, slug: str, session_id: int | None) -> Room:
    """The session of the visible event ``slug`` for its attendees and staff; anonymous
    visitors raise ``LoginNeeded``, others are refused (403; 404 for a session elsewhere)."""
    event = visible_event(request, slug)
    if session_id is None:
        raise Http404(_("No such session"))
    session = Session.objects.filter(event=event, pk=session_id).first()
    if session is None:
        raise Http404(_("No such session"))
    return _room(request, event, session)


def _room(request: HttpRequest, event: Event, session: Session) -> Room:
    if not request.user.is_authenticated:
        raise LoginNeeded
    staff = roles.is_facilitator(request.user, event)
    registration = None if staff else my_registration_or_none(request, event)
    if not staff and registration is None:
        raise PermissionDenied(_("Only this event's attendees and staff take part in the room."))
    name = registration.person.name if registration else (
        request.user.get_full_name() or request.user.get_username())
    return Room(event, session, request.user, name, staff)


def room_of(request: HttpRequest, event: Event, session: Session) -> Room:
    return _room(request, event, session)


def staff_required(room: Room) -> None:
    if not room.staff:
        raise PermissionDenied(_("Only the session's facilitators and organizers do this."))


def login_redirect(request: HttpRequest) -> HttpResponse:
    return redirect_to_login(request.get_full_path())
