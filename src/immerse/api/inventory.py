"""Room inventory aggregates: full for the event's staff, anonymous sentences for everyone."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from immerse.api.auth import optional, required
from immerse.api.errors import error_responses
from immerse.api.events import visible_event
from immerse.events import roles
from immerse.people.selectors import event_inventory, room_summary

router = Router(tags=["inventory"])


class PublicSummaryOut(Schema):
    lines: list[str]


@router.get("/events/{slug}/inventory", auth=required,
            response={200: dict[str, Any], **error_responses(401, 403, 404)},
            summary="The room's inventory (organizers and facilitators)")
def inventory(request: HttpRequest, slug: str) -> dict[str, Any]:
    """Same shape as `immerse inventory --format json` (see docs/formats.md)."""
    event = visible_event(request, slug)
    if not roles.is_facilitator(request.user, event):
        raise PermissionDenied(_("Only the event's organizers and facilitators see the inventory."))
    return event_inventory(event=event).to_json()


@router.get("/events/{slug}/inventory/public", auth=optional,
            response={200: PublicSummaryOut, **error_responses(404)},
            summary="Anonymous aggregate of the room (small groups suppressed)")
def inventory_public(request: HttpRequest, slug: str) -> dict[str, list[str]]:
    return {"lines": room_summary(event=visible_event(request, slug))}
