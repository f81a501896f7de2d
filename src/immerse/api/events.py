"""Events, their program, rooms and slots (public when published)."""

from datetime import date, datetime

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from immerse.api.auth import optional
from immerse.api.errors import error_responses
from immerse.api.inputs import MAX_ROW_ID, RowId
from immerse.events import roles, selectors
from immerse.events.models import Event, Room, Session, TimeSlot

router = Router(tags=["events"], auth=optional)


class LinkOut(Schema):
    label: str = ""
    url: str


class EventOut(Schema):
    slug: str
    title: str
    kind: str
    tagline: str
    description: str
    start_date: date
    end_date: date
    time_zone: str
    venue: str
    region: str
    capacity: int
    hashtags: list[str]
    video_uplinks: list[LinkOut]
    blogs: list[LinkOut]
    wiki_url: str
    content_guide: str


class RoomOut(Schema):
    id: int
    name: str
    capacity: int
    accessibility: str


class SlotOut(Schema):
    id: int
    label: str
    start: datetime
    end: datetime


class SessionOut(Schema):
    id: int
    title: str
    abstract: str
    format: str
    target_levels: list[int]
    topics: list[str]
    tools: list[str]
    capacity: int | None = Field(None, description="Seats; the room's size when not set.")
    room: str | None
    slot_id: int | None
    start: datetime | None
    end: datetime | None
    pitch: str
    facilitators: list[str]

    @staticmethod
    def resolve_tools(obj: Session) -> list[str]:
        return [tool.key for tool in obj.tools.all()]

    @staticmethod
    def resolve_capacity(obj: Session) -> int | None:
        return obj.seats

    @staticmethod
    def resolve_room(obj: Session) -> str | None:
        return obj.room.name if obj.room else None

    @staticmethod
    def resolve_start(obj: Session) -> datetime | None:
        return obj.slot.start if obj.slot else None

    @staticmethod
    def resolve_end(obj: Session) -> datetime | None:
        return obj.slot.end if obj.slot else None

    @staticmethod
    def resolve_facilitators(obj: Session) -> list[str]:
        return [person.name for person in obj.facilitators.all()]


class EventFilter(Schema):
    kind: str | None = None
    q: str | None = Field(None, description="Text in the title or tagline.")


class SessionFilter(Schema):
    level: int | None = Field(None, ge=1, le=4, description="Sessions targeting this level.")
    format: str | None = None
    slot_id: int | None = Field(None, ge=1, le=MAX_ROW_ID)


def visible_event(request: HttpRequest, slug: str) -> Event:
    event = selectors.event_get(slug=slug)
    if not roles.can_view_event(request.user, event):
        raise Http404(_("No event called %(slug)s") % {"slug": repr(slug)})
    return event


@router.get("/events", response={200: list[EventOut], **error_responses(422)},
            summary="Published events")
@paginate
def events_list(request: HttpRequest, filters: Query[EventFilter]) -> QuerySet[Event]:
    events = Event.objects.filter(published=True, listed=True)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.q:
        events = events.filter(Q(title__icontains=filters.q) | Q(tagline__icontains=filters.q))
    return events.order_by("start_date", "id")


@router.get("/events/{slug}", response={200: EventOut, **error_responses(404)})
def event_detail(request: HttpRequest, slug: str) -> Event:
    return visible_event(request, slug)


@router.get("/events/{slug}/sessions", response={200: list[SessionOut], **error_responses(404)})
@paginate
def sessions_list(request: HttpRequest, slug: str,
                  filters: Query[SessionFilter]) -> QuerySet[Session]:
    event = visible_event(request, slug)
    sessions = selectors.sessions_for_program(event=event)
    if filters.format:
        sessions = sessions.filter(format=filters.format)
    if filters.slot_id:
        sessions = sessions.filter(slot_id=filters.slot_id)
    if filters.level:
        # JSON containment differs per database; the program is small, so filter in Python.
        levels = Session.objects.filter(event=event).values_list("id", "target_levels")
        ids = [pk for pk, targets in levels if filters.level in targets]
        sessions = sessions.filter(pk__in=ids)
    return sessions.order_by("slot__start", "room__position", "id")


@router.get("/events/{slug}/sessions/{session_id}",
            response={200: SessionOut, **error_responses(404)})
def session_detail(request: HttpRequest, slug: str, session_id: RowId) -> Session:
    event = visible_event(request, slug)
    return get_object_or_404(selectors.sessions_for_program(event=event), pk=session_id)


@router.get("/events/{slug}/rooms", response={200: list[RoomOut], **error_responses(404)})
def rooms_list(request: HttpRequest, slug: str) -> list[Room]:
    return list(Room.objects.filter(event=visible_event(request, slug)))


@router.get("/events/{slug}/slots", response={200: list[SlotOut], **error_responses(404)})
def slots_list(request: HttpRequest, slug: str) -> list[TimeSlot]:
    return list(TimeSlot.objects.filter(event=visible_event(request, slug)))
