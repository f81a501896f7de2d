"""Open space: the event's proposals, proposing one, and voting for those you would attend.

A closed (or not yet open, or already placed) proposals period answers 409; a bad field 422
naming it; another event's proposal 404.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field, StringConstraints

from immerse.api.auth import required
from immerse.api.errors import ApiError, error_responses
from immerse.api.events import visible_event
from immerse.api.inputs import NO_NUL, InputSchema, RowId
from immerse.events import roles
from immerse.openspace.models import OFFER_MAX, TITLE_MAX, Proposal
from immerse.openspace.selectors import UNPLACED_REASONS, proposals_list
from immerse.openspace.services import (
    OpenSpaceError,
    proposal_create,
    proposal_vote,
    proposing_too_fast,
)
from immerse.people.access import my_registration, my_registration_or_none

router = Router(tags=["open space"])


class ProposalIn(InputSchema):
    title: Annotated[str, StringConstraints(max_length=TITLE_MAX, pattern=NO_NUL)]
    offer: Annotated[str, StringConstraints(max_length=OFFER_MAX, pattern=NO_NUL)]
    levels: Annotated[list[Annotated[int, Field(ge=1, le=4)]], Field(min_length=1, max_length=4)]
    format: Annotated[str, StringConstraints(max_length=20, pattern=NO_NUL)]


class ProposalOut(Schema):
    id: int
    title: str
    offer: str
    format: str
    levels: list[int]
    host: str
    votes: int
    voted: bool
    session_id: int | None
    unplaced: str


class VoteOut(Schema):
    proposal_id: int
    voted: bool
    votes: int


def _refused(error: OpenSpaceError) -> ApiError:
    if error.closed:
        return ApiError(409, str(error))
    return ApiError(422, _("The request has invalid fields."),
                    [{"field": error.field, "message": str(error)}])


def _out(proposal: Proposal, voted: bool) -> dict[str, Any]:
    return {"id": proposal.pk, "title": proposal.title, "offer": proposal.offer,
            "format": proposal.format, "levels": proposal.levels,
            "host": proposal.registration.person.name,
            "votes": getattr(proposal, "n_votes", None) or proposal.votes.count(),
            "voted": voted, "session_id": proposal.session_id,
            "unplaced": str(UNPLACED_REASONS.get(proposal.unplaced, ""))}


@router.get("/events/{slug}/proposals", auth=required,
            response={200: list[ProposalOut], **error_responses(401, 403, 404)},
            summary="The event's open-space proposals, most voted first")
def proposals(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    event = visible_event(request, slug)
    mine = my_registration_or_none(request, event)
    if mine is None and not roles.is_facilitator(request.user, event):
        my_registration(request, event)  # the 404 with its sentence
    return [_out(p, bool(getattr(p, "mine", False)))
            for p in proposals_list(event=event, registration=mine)]


@router.post("/events/{slug}/proposals", auth=required,
             response={201: ProposalOut, **error_responses(401, 403, 404, 409)},
             summary="Propose an open-space session you will host")
def proposal_add(request: HttpRequest, slug: str, body: ProposalIn) -> Status[Any]:
    registration = my_registration(request, visible_event(request, slug))
    if proposing_too_fast(request, registration):
        raise ApiError(429, _("Too many proposals at once: wait a minute."))
    try:
        proposal = proposal_create(registration=registration, title=body.title,
                                   offer=body.offer, levels=body.levels,
                                   format_key=body.format)
    except OpenSpaceError as error:
        raise _refused(error) from None
    return Status(201, _out(proposal, False))


def _vote(request: HttpRequest, slug: str, proposal_id: int, on: bool) -> dict[str, Any]:
    event = visible_event(request, slug)
    registration = my_registration(request, event)
    proposal = get_object_or_404(Proposal, event=event, pk=proposal_id)
    try:
        voted = proposal_vote(proposal=proposal, registration=registration, on=on)
    except OpenSpaceError as error:
        raise _refused(error) from None
    return {"proposal_id": proposal.pk, "voted": voted, "votes": proposal.votes.count()}


@router.post("/events/{slug}/proposals/{proposal_id}/votes", auth=required,
             response={200: VoteOut, **error_responses(401, 403, 404, 409)},
             summary="Vote for a proposal (again: no change)")
def vote_add(request: HttpRequest, slug: str, proposal_id: RowId) -> dict[str, Any]:
    return _vote(request, slug, proposal_id, True)


@router.delete("/events/{slug}/proposals/{proposal_id}/votes", auth=required,
               response={200: VoteOut, **error_responses(401, 403, 404, 409)},
               summary="Withdraw your vote (none: no change)")
def vote_remove(request: HttpRequest, slug: str, proposal_id: RowId) -> dict[str, Any]:
    return _vote(request, slug, proposal_id, False)
