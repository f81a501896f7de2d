"""Setting an event up over the API: rooms, slots and sessions, for the event's organizers.

The operations join the events router's paths (the reads stay public there); every write
needs an organizer of the event (another event's organizer gets 404), and goes through
``studio.services.setup``, the same rules as the set-up pages.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal
from zoneinfo import ZoneInfo

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Status

from immerse.api.auth import required
from immerse.api.errors import ApiError, error_responses
from immerse.api.events import RoomOut, SessionOut, SlotOut, router
from immerse.api.inputs import MAX_ROW_ID, NOT_BLANK, InputSchema, RowId
from immerse.engine.catalogue import FORMAT_BY_KEY
from immerse.events import roles, selectors
from immerse.events.models import Event, Room, Session, TimeSlot
from immerse.people.models import Person
from immerse.studio.services import setup
from immerse.studio.services.grid import PlacementClash, PlacementError
from immerse.studio.services.setup import SessionData, SetupError

#: A catalogue format's key (the schema lists them; another is a 422 naming ``format``).
if TYPE_CHECKING:  # a Literal built from the catalogue at runtime; a key to mypy
    FormatKey = str
else:
    FormatKey = Literal[tuple(FORMAT_BY_KEY)]
Level = Literal[1, 2, 3, 4]
Topic = Annotated[str, Field(max_length=100)]
#: A row named in a body (a person, a room, a slot): one that does not exist is a 404.
RowRef = Annotated[int, Field(ge=1, le=MAX_ROW_ID)]


def organized_event(request: HttpRequest, slug: str) -> Event:
    """The event if the caller organizes it; 404 otherwise (it may not even exist)."""
    event = Event.objects.filter(slug=slug).first()
    if event is None or not roles.is_organizer(request.user, event):
        raise Http404(_("No event called %(slug)s that you organize") % {"slug": repr(slug)})
    return event


def _refused(error: SetupError | PlacementClash | PlacementError) -> ApiError:
    """A 409 naming the session already there (the grid's one placement rule), else a 422
    naming the field."""
    if isinstance(error, PlacementError):
        return ApiError(422, _("The request has invalid fields."),
                        [{"field": "slot", "message": str(error)}])
    if isinstance(error, PlacementClash):
        there = error.session_there
        return ApiError(409, _("%(refusal)s (session %(pk)s)")
                        % {"refusal": error.message, "pk": there.pk},
                        [{"field": "slot", "message": error.message}])
    return ApiError(422, _("The request has invalid fields."),
                    [{"field": error.field, "message": error.message}])


def _aware(moment: datetime, event: Event, field: str) -> datetime:
    """A time without an offset is in the event's time zone; stored in UTC, so an offset
    PostgreSQL does not take (beyond ±15:59) or a year past 9999 in UTC is a 422 naming the
    field, never a 500."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(event.time_zone))
    try:
        return aware.astimezone(UTC)
    except OverflowError:
        raise ApiError(422, _("The request has invalid fields."), [
            {"field": field, "message": _("This time is out of range.")}]) from None


# Rooms ----------------------------------------------------------------------------------

class RoomIn(InputSchema):
    name: str = Field(..., min_length=1, max_length=120, pattern=NOT_BLANK)
    capacity: int = Field(..., ge=1, le=100000)
    accessibility: str = Field("", max_length=2000)


class RoomPatch(InputSchema):
    name: str | None = Field(None, min_length=1, max_length=120, pattern=NOT_BLANK)
    capacity: int | None = Field(None, ge=1, le=100000)
    accessibility: str | None = Field(None, max_length=2000)


ROOM_ERRORS = error_responses(401, 403, 404)


@router.post("/events/{slug}/rooms", auth=required, response={201: RoomOut, **ROOM_ERRORS},
             summary="Add a room (organizers)")
def room_create(request: HttpRequest, slug: str, payload: RoomIn) -> Status[Room]:
    event = organized_event(request, slug)
    try:
        room = setup.room_save(event=event, room=None, by=request.user,
                               **payload.model_dump())
    except SetupError as error:
        raise _refused(error) from error
    return Status(201, room)


@router.patch("/events/{slug}/rooms/{room_id}", auth=required,
              response={200: RoomOut, **ROOM_ERRORS}, summary="Change a room (organizers)")
def room_update(request: HttpRequest, slug: str, room_id: RowId, payload: RoomPatch) -> Room:
    event = organized_event(request, slug)
    room = get_object_or_404(Room, event=event, pk=room_id)
    given = {key: value for key, value in payload.model_dump(exclude_unset=True).items()
             if value is not None}
    values = {"name": room.name, "capacity": room.capacity,
              "accessibility": room.accessibility, **given}
    try:
        return setup.room_save(event=event, room=room, by=request.user, **values)
    except SetupError as error:
        raise _refused(error) from error


@router.delete("/events/{slug}/rooms/{room_id}", auth=required,
               response={204: None, **ROOM_ERRORS},
               summary="Delete a room; its sessions become unplaced (organizers)")
def room_remove(request: HttpRequest, slug: str, room_id: RowId) -> Status[None]:
    event = organized_event(request, slug)
    setup.room_delete(room=get_object_or_404(Room, event=event, pk=room_id),
                      by=request.user)
    return Status(204, None)


# Slots ----------------------------------------------------------------------------------

class SlotIn(InputSchema):
    label: str = Field("", max_length=80)
    start: datetime = Field(..., description="Without an offset: the event's time zone.")
    end: datetime


class SlotPatch(InputSchema):
    label: str | None = Field(None, max_length=80)
    start: datetime | None = None
    end: datetime | None = None


@router.post("/events/{slug}/slots", auth=required, response={201: SlotOut, **ROOM_ERRORS},
             summary="Add a time slot (organizers)")
def slot_create(request: HttpRequest, slug: str, payload: SlotIn) -> Status[TimeSlot]:
    event = organized_event(request, slug)
    try:
        slot = setup.slot_save(event=event, slot=None, by=request.user, label=payload.label,
                               start=_aware(payload.start, event, "start"),
                               end=_aware(payload.end, event, "end"))
    except SetupError as error:
        raise _refused(error) from error
    return Status(201, slot)


@router.patch("/events/{slug}/slots/{slot_id}", auth=required,
              response={200: SlotOut, **ROOM_ERRORS}, summary="Change a time slot (organizers)")
def slot_update(request: HttpRequest, slug: str, slot_id: RowId,
                payload: SlotPatch) -> TimeSlot:
    event = organized_event(request, slug)
    slot = get_object_or_404(TimeSlot, event=event, pk=slot_id)
    try:
        return setup.slot_save(
            by=request.user,
            event=event, slot=slot,
            label=slot.label if payload.label is None else payload.label,
            start=slot.start if payload.start is None else _aware(payload.start, event, "start"),
            end=slot.end if payload.end is None else _aware(payload.end, event, "end"))
    except SetupError as error:
        raise _refused(error) from error


@router.delete("/events/{slug}/slots/{slot_id}", auth=required,
               response={204: None, **ROOM_ERRORS},
               summary="Delete a time slot; its sessions become unplaced (organizers)")
def slot_remove(request: HttpRequest, slug: str, slot_id: RowId) -> Status[None]:
    event = organized_event(request, slug)
    setup.slot_delete(slot=get_object_or_404(TimeSlot, event=event, pk=slot_id),
                      by=request.user)
    return Status(204, None)


# Sessions -------------------------------------------------------------------------------

class SessionIn(InputSchema):
    title: str = Field(..., min_length=1, max_length=300, pattern=NOT_BLANK)
    format: FormatKey
    target_levels: list[Level] = Field(..., min_length=1, max_length=4)
    topics: list[Topic] = Field([], max_length=20)
    abstract: str = Field("", max_length=10000)
    capacity: int | None = Field(None, ge=1, le=100000)
    hosts: list[RowRef] = Field([], max_length=50,
                                description="Person ids of hosts and experts.")
    room: int | None = Field(None, ge=1, le=MAX_ROW_ID, description="Room id (placement).")
    slot: int | None = Field(None, ge=1, le=MAX_ROW_ID, description="Slot id (placement).")
    pitch: str | None = Field(None, max_length=4000, description=(
        "Your own pitch; empty: the generated one, which follows levels, format and topics."))


class SessionPatch(SessionIn):
    title: str | None = Field(None, min_length=1, max_length=300,  # type: ignore[assignment]
                              pattern=NOT_BLANK)
    format: FormatKey | None = None  # type: ignore[assignment]
    target_levels: list[Level] | None = Field(None, min_length=1,  # type: ignore[assignment]
                                              max_length=4)
    topics: list[Topic] | None = Field(None, max_length=20)  # type: ignore[assignment]
    abstract: str | None = Field(None, max_length=10000)  # type: ignore[assignment]
    hosts: list[RowRef] | None = Field(None, max_length=50)  # type: ignore[assignment]


SESSION_ERRORS = error_responses(401, 403, 404, 409)


def _placement(event: Event, values: dict[str, Any]) -> tuple[Room | None, TimeSlot | None]:
    found: list[Any] = []
    for field, model in (("room", Room), ("slot", TimeSlot)):
        pk = values.get(field)
        row = model.objects.filter(event=event, pk=pk).first() if pk else None
        if pk and row is None:
            detail = (_("This event has no room %(pk)s.") if field == "room"
                      else _("This event has no slot %(pk)s.")) % {"pk": pk}
            raise ApiError(404, detail, [
                {"field": field, "message": detail}])
        found.append(row)
    return found[0], found[1]


def _hosts(ids: list[int]) -> tuple[Person, ...]:
    people = list(Person.objects.filter(pk__in=ids))
    missing = sorted(set(ids) - {person.pk for person in people})
    if missing:
        raise ApiError(404, _("No person %(pk)s.") % {"pk": missing[0]}, [
            {"field": "hosts", "message": _("No person %(pk)s.") % {"pk": missing[0]}}])
    return tuple(people)


def _save(event: Event, session: Session | None, values: dict[str, Any],
          place: bool, by: Any) -> Session:
    room, slot = _placement(event, values)
    data = SessionData(
        title=values["title"], format_key=values["format"],
        levels=tuple(values["target_levels"]), topics=tuple(values["topics"]),
        abstract=values["abstract"], capacity=values["capacity"],
        hosts=_hosts(values["hosts"]), pitch=values.get("pitch"))
    try:
        saved = setup.session_save(event=event, session=session, data=data, by=by,
                                   room=room, slot=slot, place=place)
    except (SetupError, PlacementClash, PlacementError) as error:
        raise _refused(error) from error
    return get_object_or_404(selectors.sessions_for_program(event=event), pk=saved.pk)


@router.post("/events/{slug}/sessions", auth=required,
             response={201: SessionOut, **SESSION_ERRORS},
             summary="Add a session; its pitch is generated (organizers)")
def session_create(request: HttpRequest, slug: str, payload: SessionIn) -> Status[Session]:
    event = organized_event(request, slug)
    values = payload.model_dump()
    return Status(201, _save(event, None, values, place=True, by=request.user))


@router.patch("/events/{slug}/sessions/{session_id}", auth=required,
              response={200: SessionOut, **SESSION_ERRORS},
              summary="Change a session, or place it in a room and slot (organizers)")
def session_update(request: HttpRequest, slug: str, session_id: RowId,
                   payload: SessionPatch) -> Session:
    event = organized_event(request, slug)
    session = get_object_or_404(Session, event=event, pk=session_id)
    given = payload.model_dump(exclude_unset=True)
    values = {"title": session.title, "format": session.format,
              "target_levels": session.target_levels, "topics": session.topics,
              "abstract": session.abstract, "capacity": session.capacity,
              "hosts": list(session.facilitators.values_list("pk", flat=True)),
              "room": session.room_id, "slot": session.slot_id, "pitch": None}
    values.update({key: value for key, value in given.items()
                   if value is not None or key in ("capacity", "room", "slot", "pitch")})
    return _save(event, session, values, place="room" in given or "slot" in given,
                 by=request.user)


@router.delete("/events/{slug}/sessions/{session_id}", auth=required,
               response={204: None, **error_responses(401, 403, 404)},
               summary="Delete a session (organizers)")
def session_remove(request: HttpRequest, slug: str, session_id: RowId) -> Status[None]:
    event = organized_event(request, slug)
    setup.session_delete(session=get_object_or_404(Session, event=event, pk=session_id),
                         by=request.user)
    return Status(204, None)
