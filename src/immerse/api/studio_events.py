"""Events made and changed by their organizers: create from a template or a copy, and change
dates, visibility and hub channels (the existing read operations are in ``api.events``)."""

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Status
from pydantic import StringConstraints

from immerse.api import events
from immerse.api.auth import required
from immerse.api.errors import error_responses
from immerse.api.events import EventOut
from immerse.api.inputs import ONE_WORD, InputSchema
from immerse.engine.event_templates import TEMPLATE_BY_KEY
from immerse.events import roles, selectors
from immerse.events.models import Event
from immerse.studio.services.events import (
    CHOOSE_ONE,
    HUB_FIELDS,
    EventDetails,
    event_create,
    event_hub_set,
    event_update,
)

# The same router as the read operations: ninja gives each router its own URL patterns, and
# a second router's POST on /events would never be reached behind the first one's GET.
router = events.router

Visibility = Literal["draft", "unlisted", "public"]
# Built from the engine's list, so a new template is offered here with no edit.
if TYPE_CHECKING:  # a Literal built from the engine's list at runtime; a key to mypy
    TemplateKey = str
else:
    TemplateKey = Literal[tuple(TEMPLATE_BY_KEY)]
#: One word: a hashtag or an account (no white space of any kind, as str.split sees it).
Word = Annotated[str, StringConstraints(pattern=ONE_WORD, max_length=100)]
Day = date  # bounds are checked by the service (a year from 2000 to 2999)


class LinkIn(InputSchema):
    label: str = Field("", max_length=100)
    url: str = Field(..., min_length=1, max_length=500, description="An http(s) address.")


class EventCreateIn(InputSchema):
    title: str = Field(..., min_length=1, max_length=200)
    start_date: Day
    end_date: Day | None = Field(None, description="Empty: as many days as the template or "
                                 "the copied event.")
    time_zone: str = Field("Europe/Amsterdam", max_length=64,
                           description="An IANA time zone name.")
    venue: str = Field("", max_length=200)
    capacity: int = Field(..., ge=1, le=100_000)
    visibility: Visibility = "draft"
    template: TemplateKey | None = Field(None, description="Give this or `copy_from`.")
    copy_from: str | None = Field(None, max_length=80, description="The slug of an event you "
                                  "organize: its rooms, slots, sessions, hub, wording and "
                                  "listening sources are copied, never its people.")


class EventPatchIn(InputSchema):
    title: str | None = Field(None, min_length=1, max_length=200)
    start_date: Day | None = None
    end_date: Day | None = None
    time_zone: str | None = Field(None, max_length=64)
    venue: str | None = Field(None, max_length=200)
    capacity: int | None = Field(None, ge=1, le=100_000)
    visibility: Visibility | None = None
    hashtags: list[Word] | None = Field(None, max_length=20)
    organizer_handles: list[Word] | None = Field(None, max_length=20)
    video_uplinks: list[LinkIn] | None = Field(None, max_length=20)
    blogs: list[LinkIn] | None = Field(None, max_length=20)
    wiki_url: str | None = Field(None, max_length=200)
    content_guide: str | None = Field(None, max_length=5000)


class OrganizedEventOut(EventOut):
    visibility: str = Field(description="draft, unlisted (by link) or public")
    organizer_handles: list[str]


def _organized(request: HttpRequest, slug: str) -> Event:
    """The event if the caller organizes it; 404 otherwise (never says it exists)."""
    event = selectors.event_get(slug=slug)
    if not roles.is_organizer(request.user, event):
        raise Http404(_("No event called %(slug)s") % {"slug": repr(slug)})
    return event


@router.post("/events", auth=required,
             response={201: OrganizedEventOut, **error_responses(401, 403, 404)},
             summary="Create an event from a template or a copy (organizers)",
             description="The caller becomes its organizer. A template makes its rooms, time "
             "slots and sessions (with their pitches); a copy takes those of an event the "
             "caller organizes, moved to the new dates.")
def event_new(request: HttpRequest, payload: EventCreateIn) -> Any:
    copy_from = None
    if payload.template is not None and payload.copy_from is not None:
        raise ValidationError({"template": [str(CHOOSE_ONE)]})
    if payload.copy_from is not None:
        copy_from = Event.objects.filter(slug=payload.copy_from).first()
        if copy_from is None or not roles.is_organizer(request.user, copy_from):
            raise Http404(_("No event you organize is called %(slug)s.")
                          % {"slug": repr(payload.copy_from)})
    details = EventDetails(
        title=payload.title, start_date=payload.start_date, end_date=payload.end_date,
        time_zone=payload.time_zone, venue=payload.venue, capacity=payload.capacity,
        visibility=payload.visibility)
    event = event_create(by=request.user, details=details, template=payload.template,
                         copy_from=copy_from)
    return Status(201, event)


@router.patch("/events/{slug}", auth=required,
              response={200: OrganizedEventOut, **error_responses(401, 403, 404)},
              summary="Change an event's dates, visibility or hub channels (organizers)",
              description="Only the fields given change. New dates move the time slots by "
              "as many days, keeping their local times.")
@transaction.atomic
def event_change(request: HttpRequest, slug: str, payload: EventPatchIn) -> Event:
    event = _organized(request, slug)
    given = payload.model_dump(exclude_unset=True)
    for name in ("title", "start_date", "time_zone", "capacity", "venue"):
        if name in given and given[name] is None:
            given.pop(name)  # null means "unchanged" for fields that cannot be empty
    details = EventDetails(
        title=given.get("title", event.title),
        start_date=given.get("start_date", event.start_date),
        end_date=given.get("end_date") or event.end_date,
        time_zone=given.get("time_zone", event.time_zone),
        venue=given.get("venue", event.venue), capacity=given.get("capacity", event.capacity),
        visibility=given.get("visibility") or event.visibility)
    event_update(event=event, details=details, by=request.user)
    hub = {k: v for k, v in given.items() if k in HUB_FIELDS and v is not None}
    if hub:
        event_hub_set(event=event, by=request.user, **hub)
    return event
