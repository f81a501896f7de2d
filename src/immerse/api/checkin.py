"""Check-in: the list of who arrived (event staff) and checking someone in by code or id.

A check-in is idempotent: the same code twice answers 200 with the first check-in (a new
one answers 201), so a desk replaying its offline queue changes nothing. A code that is
not ours, or of another event, is a 422 naming ``code``; a cancelled or waitlisted
registration a 409 saying why (``reason`` tells which)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from immerse.api.auth import required
from immerse.api.errors import ApiError, error_responses
from immerse.api.events import visible_event
from immerse.api.inputs import MAX_ROW_ID, NO_NUL, InputSchema
from immerse.api.paging import PageIn
from immerse.checkin.codes import CODE_MAX
from immerse.checkin.models import CheckIn
from immerse.checkin.selectors import checkins_of
from immerse.checkin.services import (
    CheckinRefused,
    checkin_record,
    registration_by_code,
    registration_by_id,
)
from immerse.events import roles
from immerse.events.models import Event

router = Router(tags=["checkin"])


class CheckinOut(Schema):
    registration_id: int
    name: str
    at: datetime
    how: str


class CheckinPage(Schema):
    count: int
    items: list[CheckinOut]


class CheckinIn(InputSchema):
    """Exactly one of ``code`` (scanned or typed) and ``registration_id`` (picked)."""

    code: str | None = Field(None, min_length=1, max_length=CODE_MAX, pattern=NO_NUL)
    registration_id: int | None = Field(None, ge=1, le=MAX_ROW_ID)
    at: datetime | None = Field(None, description="When it was tapped (a replayed offline "
                                "check-in keeps it); a future time counts as now, one before "
                                "the event's first day is refused")


class RefusalOut(Schema):
    detail: str
    reason: str
    registration_id: int | None = None


def _out(row: CheckIn) -> dict[str, Any]:
    return {"registration_id": row.registration_id, "name": row.registration.person.name,
            "at": row.at, "how": row.how}


def _staff_event(request: HttpRequest, slug: str) -> Event:
    event = visible_event(request, slug)
    if not roles.is_facilitator(request.user, event):
        raise PermissionDenied(_("Only this event's organizers and facilitators check people in."))
    return event


@router.get("/events/{slug}/checkins", auth=required,
            response={200: CheckinPage, **error_responses(401, 403, 404)},
            summary="Who has checked in (event staff)")
def checkins_list(request: HttpRequest, slug: str, page: Query[PageIn]) -> dict[str, object]:
    rows = checkins_of(event=_staff_event(request, slug))
    return {"count": rows.count(),
            "items": [_out(r) for r in rows[page.offset:page.offset + page.limit]]}


@router.post("/events/{slug}/checkins", auth=required,
             response={200: CheckinOut, 201: CheckinOut, 409: RefusalOut,
                       **error_responses(401, 403, 404)},
             summary="Check someone in by code or registration id (idempotent)")
def checkin_create(request: HttpRequest, slug: str, payload: CheckinIn) -> Status[Any]:
    event = _staff_event(request, slug)
    if (payload.code is None) == (payload.registration_id is None):
        field = "code" if payload.code is None else "registration_id"
        raise ApiError(422, _("Give either a code or a registration_id, not both or neither."),
                       [{"field": field, "message": _("give exactly one of code and "
                         "registration_id")}])
    field = "code" if payload.code is not None else "registration_id"
    try:
        registration = (registration_by_code(event=event, code=payload.code)
                        if payload.code is not None
                        else registration_by_id(event=event,
                                                registration_id=payload.registration_id or 0))
        done = checkin_record(registration=registration, by=request.user,
                              how=CheckIn.How.API, at=payload.at)
    except CheckinRefused as exc:
        if exc.reason == "time":
            field = "at"
        if exc.registration is None or exc.reason == "time":
            raise ApiError(422, exc.message, [{"field": field, "message": exc.message}]) from None
        return Status(409, {"detail": exc.message, "reason": exc.reason,
                            "registration_id": exc.registration.pk})
    done.checkin.registration = registration
    return Status(201 if done.created else 200, _out(done.checkin))
