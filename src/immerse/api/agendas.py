"""Agendas: read your own; plan everyone's and follow the run (organizers)."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from immerse.api.auth import required
from immerse.api.errors import error_responses
from immerse.api.events import visible_event
from immerse.api.inputs import InputSchema, RowId
from immerse.events import roles
from immerse.people.access import my_registration
from immerse.program.models import AgendaItem, AgendaRun
from immerse.program.selectors import agenda_items_of, agenda_run_get
from immerse.program.services.planning import agenda_run_start

# Tag and operation ids are those of the one "program" router this area came from: clients
# generated from the schema name their methods after them.
router = Router(tags=["program"])


class AgendaItemOut(Schema):
    session_id: int
    title: str
    start: datetime | None
    end: datetime | None
    room: str | None
    reason: str
    confirmed: bool

    @staticmethod
    def resolve_title(obj: AgendaItem) -> str:
        return obj.session.title

    @staticmethod
    def resolve_start(obj: AgendaItem) -> datetime | None:
        return obj.session.slot.start if obj.session.slot else None

    @staticmethod
    def resolve_end(obj: AgendaItem) -> datetime | None:
        return obj.session.slot.end if obj.session.slot else None

    @staticmethod
    def resolve_room(obj: AgendaItem) -> str | None:
        return obj.session.room.name if obj.session.room else None


class PlanIn(InputSchema):
    keep_confirmed: bool = True
    fair: bool = False
    time_limit: float = Field(30.0, ge=1, le=600)
    seed: int = Field(0, ge=0, le=2**31 - 1)
    notify: bool = Field(False, description="Tell the people whose agenda is new or changed "
                         "at once. By default their messages wait until an organizer chooses "
                         "'Tell them now' on the run's page.")


class RunOut(Schema):
    id: int
    status: str = Field(description="queued, running, done or failed")
    progress: float = Field(description="From 0 to 1")
    message: str
    attempts: int = Field(description="Workers that claimed it (a retry after a lost "
                          "worker adds one)")
    objective: float | None
    lower_bound: float | None
    seconds: float | None
    inputs_digest: str
    stats: dict[str, object]


@router.get("/events/{slug}/agenda/me", auth=required,
            response={200: list[AgendaItemOut], **error_responses(401, 403, 404)},
            summary="Your personal agenda, with the reason for each session",
            operation_id="immerse_api_program_agenda_mine")
def agenda_mine(request: HttpRequest, slug: str) -> list[AgendaItem]:
    registration = my_registration(request, visible_event(request, slug))
    return list(agenda_items_of(registration=registration))


@router.post("/events/{slug}/agendas/runs", auth=required,
             response={202: RunOut, **error_responses(401, 403, 404, 422)},
             summary="Plan everyone's agenda (organizers)",
             description="Answers at once with the queued run (202, its URL in `Location`); "
             "a worker plans. Poll the run until its status is `done` or `failed`.",
             operation_id="immerse_api_program_agenda_plan")
def agenda_plan(request: HttpRequest, response: HttpResponse, slug: str,
                payload: PlanIn) -> Status[Any]:
    event = visible_event(request, slug)
    if not roles.is_organizer(request.user, event):
        raise PermissionDenied(_("Only this event's organizers plan agendas."))
    run = agenda_run_start(event=event, user=request.user, keep_confirmed=payload.keep_confirmed,
                           fair=payload.fair, time_limit=payload.time_limit, seed=payload.seed,
                           notify=payload.notify)
    response["Location"] = reverse("api:agenda_run",
                                   kwargs={"slug": event.slug, "run_id": run.pk})
    return Status(202, run)


@router.get("/events/{slug}/agendas/runs/{run_id}", auth=required,
            response={200: RunOut, **error_responses(401, 403, 404)},
            operation_id="immerse_api_program_agenda_run", url_name="agenda_run")
def agenda_run(request: HttpRequest, slug: str, run_id: RowId) -> AgendaRun:
    event = visible_event(request, slug)
    if not roles.is_organizer(request.user, event):
        raise PermissionDenied(_("Only this event's organizers see planning runs."))
    return agenda_run_get(event=event, run_id=run_id)
