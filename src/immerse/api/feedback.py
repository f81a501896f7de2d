"""Session feedback from the people who attended it."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from immerse.api.auth import required
from immerse.api.errors import error_responses
from immerse.api.events import visible_event
from immerse.api.inputs import InputSchema, RowId
from immerse.events.models import Session
from immerse.learning.services import LearningError, feedback_submit
from immerse.people.access import my_person

# Tag and operation ids are those of the one "program" router this area came from: clients
# generated from the schema name their methods after them.
router = Router(tags=["program"])


class FeedbackIn(InputSchema):
    rating: int = Field(..., ge=1, le=5)
    what_worked: str = Field("", max_length=4000)
    next_step: str = Field("", max_length=4000)
    story_line: str = Field("", max_length=300)


class FeedbackOut(Schema):
    session_id: int
    rating: int


@router.post("/events/{slug}/sessions/{session_id}/feedback", auth=required,
             response={201: FeedbackOut, **error_responses(401, 403, 404, 422)},
             summary="Give feedback on a session you attended",
             operation_id="immerse_api_program_feedback_give")
def feedback_give(request: HttpRequest, slug: str, session_id: RowId,
                  payload: FeedbackIn) -> Status[Any]:
    event = visible_event(request, slug)
    session = get_object_or_404(Session, event=event, pk=session_id)
    person = my_person(request)
    if person is None:
        raise PermissionDenied(_("Only this event's confirmed attendees give feedback."))
    try:
        feedback = feedback_submit(session=session, person=person, **payload.dict())
    except LearningError as exc:
        raise PermissionDenied(str(exc)) from exc
    return Status(201, {"session_id": session.pk, "rating": feedback.rating})
