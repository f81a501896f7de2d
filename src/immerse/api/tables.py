"""Round tables: yours and your tablemates; a session's tables with figures (event staff)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema

from immerse.api.auth import required
from immerse.api.errors import error_responses
from immerse.api.events import visible_event
from immerse.api.inputs import RowId
from immerse.events import roles
from immerse.events.models import Session
from immerse.people.access import my_registration
from immerse.tables.selectors import tablemates_of, tables_of

# Tag and operation ids are those of the one "program" router this area came from: clients
# generated from the schema name their methods after them.
router = Router(tags=["program"])


class TableOut(Schema):
    session_id: int
    session: str
    table: int
    tablemates: list[str]


class SessionTableOut(Schema):
    number: int
    people: list[str]
    figures: dict[str, int]
    experts: list[str]


@router.get("/events/{slug}/tables/me", auth=required,
            response={200: list[TableOut], **error_responses(401, 403, 404)},
            summary="Your tables and tablemates",
            operation_id="immerse_api_program_tables_mine")
def tables_mine(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    reg = my_registration(request, visible_event(request, slug))
    return [{"session_id": mine.seat.session_id, "session": mine.seat.session.title,
             "table": mine.seat.table, "tablemates": [r.person.name for r in mine.mates]}
            for mine in tablemates_of(registration=reg)]


@router.get("/events/{slug}/sessions/{session_id}/tables", auth=required,
            response={200: list[SessionTableOut], **error_responses(401, 403, 404)},
            summary="A session's tables with diversity figures (event staff)",
            operation_id="immerse_api_program_session_tables")
def session_tables(request: HttpRequest, slug: str, session_id: RowId) -> list[dict[str, object]]:
    event = visible_event(request, slug)
    if not roles.is_facilitator(request.user, event):
        raise PermissionDenied(_("Only the event's organizers and facilitators see all tables."))
    session = get_object_or_404(Session, event=event, pk=session_id)
    return [{"number": t.number, "people": [s.registration.person.name for s in t.seats],
             "figures": t.figures, "experts": t.experts} for t in tables_of(session=session)]
