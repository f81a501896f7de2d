"""An event's team over the API: its members and pending invitations, and inviting someone
(organizers of the event only; another event's organizer gets 404). The invitation's link
is mailed to the invitee and never in an answer."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema, Status

from immerse.api.auth import required
from immerse.api.errors import ApiError, error_responses
from immerse.api.events import router
from immerse.api.inputs import EMAIL, InputSchema
from immerse.api.studio_setup import organized_event
from immerse.events.models import EventRole
from immerse.studio.models import TeamInvitation
from immerse.studio.services import team
from immerse.studio.services.team import TeamError


class InvitationIn(InputSchema):
    email: str = Field(..., min_length=3, max_length=254, pattern=EMAIL)
    role: Literal["organizer", "facilitator"]


class InvitationOut(Schema):
    id: int
    email: str
    role: str
    invited_by: str
    created_at: datetime
    expires_at: datetime


class MemberOut(Schema):
    user_id: int
    name: str
    email: str
    role: str
    since: datetime | None


class TeamOut(Schema):
    members: list[MemberOut]
    pending: list[InvitationOut]


def _invitation_out(invitation: TeamInvitation) -> InvitationOut:
    by = invitation.invited_by
    return InvitationOut(id=invitation.pk, email=invitation.email, role=invitation.role,
                         invited_by=team.display_name(by) if by else "",
                         created_at=invitation.created_at, expires_at=invitation.expires_at)


TEAM_ERRORS = error_responses(401, 403, 404)


@router.get("/events/{slug}/team", auth=required, response={200: TeamOut, **TEAM_ERRORS},
            summary="The event's organizers, facilitators and pending invitations "
            "(organizers)")
def team_read(request: HttpRequest, slug: str) -> TeamOut:
    event = organized_event(request, slug)
    roles = EventRole.objects.filter(event=event).select_related("user__person").order_by(
        "role", "user__username")
    pending = TeamInvitation.objects.filter(
        event=event, accepted_at=None, revoked_at=None, expires_at__gt=timezone.now()
    ).select_related("invited_by__person")
    return TeamOut(
        members=[MemberOut(user_id=row.user_id, name=team.display_name(row.user),
                           email=row.user.email, role=row.role, since=row.since)
                 for row in roles],
        pending=[_invitation_out(invitation) for invitation in pending])


@router.post("/events/{slug}/team", auth=required,
             response={201: InvitationOut, **TEAM_ERRORS},
             summary="Invite someone to the team by e-mail (organizers); the link goes "
             "only to them")
def team_invite(request: HttpRequest, slug: str, payload: InvitationIn) -> Status[InvitationOut]:
    event = organized_event(request, slug)
    try:
        invitation = team.invitation_create(event=event, email=payload.email,
                                            role=payload.role, by=request.user)
    except TeamError as error:
        raise ApiError(422, _("The request has invalid fields."),
                       [{"field": error.field, "message": error.message}]) from error
    return Status(201, _invitation_out(invitation))
