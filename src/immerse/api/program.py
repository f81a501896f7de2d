"""Agendas (read yours; plan as an organizer), tables, posts, stories and feedback."""

import csv
import io
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from immerse.api.auth import optional, required
from immerse.api.errors import ApiError, error_responses
from immerse.api.events import visible_event
from immerse.api.paging import PageIn
from immerse.backchannel.models import Post
from immerse.backchannel.services import posts_ingest
from immerse.events import roles
from immerse.events.models import Session
from immerse.learning.selectors import stories_search
from immerse.learning.services import LearningError, feedback_submit
from immerse.people.access import my_registration
from immerse.people.selectors import person_for_user
from immerse.program.models import AgendaItem, AgendaRun
from immerse.program.services.planning import agenda_run_start
from immerse.tables.models import TableSeat
from immerse.tables.services import tables_of

router = Router(tags=["program"])


class AgendaItemOut(Schema):
    session_id: int
    title: str
    start: datetime | None
    end: datetime | None
    room: str | None
    reason: str
    confirmed: bool


class PlanIn(Schema):
    keep_confirmed: bool = True
    fair: bool = False
    time_limit: float = Field(30.0, ge=1, le=600)
    seed: int = Field(0, ge=0, le=2**31 - 1)


class RunOut(Schema):
    id: int
    status: str
    progress: float
    message: str
    objective: float | None
    lower_bound: float | None
    seconds: float | None
    inputs_digest: str
    stats: dict[str, object]


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


class PostOut(Schema):
    id: int
    source: str
    source_id: str
    author: str
    text: str
    created_at: datetime
    reply_to_id: str
    hashtags: list[str]
    sentiment: str
    is_question: bool


class PostPage(Schema):
    count: int
    items: list[PostOut]


class PostFilter(Schema):
    tag: str | None = Field(None, max_length=100)
    author: str | None = Field(None, max_length=200)
    questions: bool = False


class PostIn(Schema):
    id: str = Field(..., min_length=1, max_length=200)
    author: str = Field(..., min_length=1, max_length=200)
    text: str = Field(..., max_length=20_000)
    created_at: datetime
    reply_to_id: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=500)
    source: str = Field("api", min_length=1, max_length=40)


class IngestOut(Schema):
    read: int
    created: int
    duplicates: int


class StoryOut(Schema):
    id: int
    kind: str
    title: str
    context: str
    what_was_done: str
    outcome: str
    privacy: str
    level: int | None
    event: str | None

    @staticmethod
    def resolve_event(obj: object) -> str | None:
        event = getattr(obj, "event", None)
        return event.slug if event else None


class StoryFilter(Schema):
    q: str = Field("", max_length=200)
    event: str | None = Field(None, max_length=80)
    tool: str = Field("", max_length=40)
    level: int | None = Field(None, ge=1, le=4)


class FeedbackIn(Schema):
    rating: int = Field(..., ge=1, le=5)
    what_worked: str = Field("", max_length=4000)
    next_step: str = Field("", max_length=4000)
    story_line: str = Field("", max_length=300)


class FeedbackOut(Schema):
    session_id: int
    rating: int


@router.get("/events/{slug}/agenda/me", auth=required,
            response={200: list[AgendaItemOut], **error_responses(401, 403, 404)},
            summary="Your personal agenda, with the reason for each session")
def agenda_mine(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    registration = my_registration(request, visible_event(request, slug))
    items = (AgendaItem.objects.filter(registration=registration)
             .select_related("session__slot", "session__room").order_by("session__slot__start"))
    return [{"session_id": i.session_id, "title": i.session.title,
             "start": i.session.slot.start if i.session.slot else None,
             "end": i.session.slot.end if i.session.slot else None,
             "room": i.session.room.name if i.session.room else None,
             "reason": i.reason, "confirmed": i.confirmed} for i in items]


@router.post("/events/{slug}/agendas/runs", auth=required,
             response={201: RunOut, **error_responses(401, 403, 404, 422)},
             summary="Plan everyone's agenda (organizers)")
def agenda_plan(request: HttpRequest, slug: str, payload: PlanIn):
    event = visible_event(request, slug)
    if not roles.is_organizer(request.user, event):
        raise PermissionDenied("Only this event's organizers plan agendas.")
    run = agenda_run_start(event=event, user=request.user, keep_confirmed=payload.keep_confirmed,
                           fair=payload.fair, time_limit=payload.time_limit, seed=payload.seed)
    return Status(201, run)


@router.get("/events/{slug}/agendas/runs/{run_id}", auth=required,
            response={200: RunOut, **error_responses(401, 403, 404)})
def agenda_run(request: HttpRequest, slug: str, run_id: int) -> AgendaRun:
    event = visible_event(request, slug)
    if not roles.is_organizer(request.user, event):
        raise PermissionDenied("Only this event's organizers see planning runs.")
    return get_object_or_404(AgendaRun, event=event, pk=run_id)


@router.get("/events/{slug}/tables/me", auth=required,
            response={200: list[TableOut], **error_responses(401, 403, 404)},
            summary="Your tables and tablemates")
def tables_mine(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    reg = my_registration(request, visible_event(request, slug))
    rows = []
    for seat in TableSeat.objects.filter(registration=reg).select_related("session"):
        mates = (TableSeat.objects.filter(session=seat.session, table=seat.table)
                 .exclude(pk=seat.pk).values_list("registration__person__name", flat=True))
        rows.append({"session_id": seat.session_id, "session": seat.session.title,
                     "table": seat.table, "tablemates": list(mates)})
    return rows


@router.get("/events/{slug}/sessions/{session_id}/tables", auth=required,
            response={200: list[SessionTableOut], **error_responses(401, 403, 404)},
            summary="A session's tables with diversity figures (event staff)")
def session_tables(request: HttpRequest, slug: str, session_id: int) -> list[dict[str, object]]:
    event = visible_event(request, slug)
    if not roles.is_facilitator(request.user, event):
        raise PermissionDenied("Only the event's organizers and facilitators see all tables.")
    session = get_object_or_404(Session, event=event, pk=session_id)
    return [{"number": t.number, "people": [s.registration.person.name for s in t.seats],
             "figures": t.figures, "experts": t.experts} for t in tables_of(session=session)]


def _staff_event(request: HttpRequest, slug: str):
    event = visible_event(request, slug)
    if not roles.is_facilitator(request.user, event):
        raise PermissionDenied("Only the event's organizers and facilitators manage posts.")
    return event


@router.get("/events/{slug}/posts", auth=required,
            response={200: PostPage, **error_responses(401, 403, 404, 422)},
            summary="The backchannel, newest first (event staff)")
def posts_list(request: HttpRequest, slug: str, filters: Query[PostFilter],
               page: Query[PageIn]) -> dict[str, object]:
    posts = Post.objects.filter(event=_staff_event(request, slug))
    if filters.tag:
        posts = posts.filter(hashtags__icontains=f'"{filters.tag.lstrip("#")}"')
    if filters.author:
        posts = posts.filter(author__iexact=filters.author.lstrip("@"))
    if filters.questions:
        posts = posts.filter(is_question=True)
    rows = posts.order_by("-created_at", "-id")[page.offset:page.offset + page.limit]
    return {"count": posts.count(), "items": list(rows)}


@router.post("/events/{slug}/posts", auth=required,
             response={200: IngestOut, **error_responses(401, 403, 404, 422)},
             summary="Add posts (deduplicated by source and id: retries are safe)")
def posts_add(request: HttpRequest, slug: str, payload: list[PostIn]) -> dict[str, int]:
    event = _staff_event(request, slug)
    if len(payload) > 5000:
        raise ApiError(422, "At most 5000 posts per request.")
    report = posts_ingest(event=event, data=_as_generic_csv(payload), fmt="csv",
                          source_name="api", strict=True)
    return {"read": report.read, "created": report.created, "duplicates": report.duplicates}


def _as_generic_csv(posts: list[PostIn]) -> bytes:
    """The generic CSV the listening parser documents, so API posts share its one path."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "author", "text", "created_at", "source", "reply_to_id", "url"])
    for p in posts:
        writer.writerow([p.id, p.author, p.text, p.created_at.isoformat(), p.source,
                         p.reply_to_id or "", p.url or ""])
    return out.getvalue().encode()


@router.get("/stories", auth=optional, response={200: list[StoryOut], **error_responses(422)},
            summary="Stories and cases you may read, searched in full text")
def stories_list(request: HttpRequest, filters: Query[StoryFilter],
                 page: Query[PageIn]) -> list[object]:
    event = visible_event(request, filters.event) if filters.event else None
    found = stories_search(user=request.user, text=filters.q, event=event, tool=filters.tool,
                           level=filters.level)
    return list(found[page.offset:page.offset + page.limit])


@router.post("/events/{slug}/sessions/{session_id}/feedback", auth=required,
             response={201: FeedbackOut, **error_responses(401, 403, 404, 422)},
             summary="Give feedback on a session you attended")
def feedback_give(request: HttpRequest, slug: str, session_id: int,
                  payload: FeedbackIn):
    event = visible_event(request, slug)
    session = get_object_or_404(Session, event=event, pk=session_id)
    person = person_for_user(request.user)
    if person is None:
        raise PermissionDenied("Only this event's confirmed attendees give feedback.")
    try:
        feedback = feedback_submit(session=session, person=person, **payload.dict())
    except LearningError as exc:
        raise PermissionDenied(str(exc)) from exc
    return Status(201, {"session_id": session.pk, "rating": feedback.rating})

