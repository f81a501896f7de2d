"""The backchannel: read it and add posts (event staff); retried batches are harmless."""

import bisect
import csv
import io
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from immerse.api.auth import required
from immerse.api.errors import ApiError, error_responses
from immerse.api.events import visible_event
from immerse.api.inputs import NOT_BLANK, InputSchema
from immerse.api.paging import PageIn
from immerse.backchannel.models import Post
from immerse.backchannel.selectors.sources import event_belonging
from immerse.backchannel.services import IngestAborted, posts_ingest
from immerse.events import roles
from immerse.events.models import Event

# Tag and operation ids are those of the one "program" router this area came from: clients
# generated from the schema name their methods after them.
router = Router(tags=["program"])

MAX_POSTS_PER_REQUEST = 5000


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


class PostIn(InputSchema):
    id: str = Field(..., min_length=1, max_length=200, pattern=NOT_BLANK)
    author: str = Field(..., min_length=1, max_length=200, pattern=NOT_BLANK)
    text: str = Field(..., min_length=1, max_length=20_000, pattern=NOT_BLANK)
    created_at: datetime
    reply_to_id: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=500)
    source: str = Field("api", min_length=1, max_length=40)


class IngestOut(Schema):
    read: int
    created: int
    duplicates: int
    #: Posts left out, by reason ("before the event window", "empty text", …).
    skipped: dict[str, int]


def _staff_event(request: HttpRequest, slug: str) -> Event:
    event = visible_event(request, slug)
    if not roles.is_facilitator(request.user, event):
        raise PermissionDenied(_("Only the event's organizers and facilitators manage posts."))
    return event


@router.get("/events/{slug}/posts", auth=required,
            response={200: PostPage, **error_responses(401, 403, 404, 422)},
            summary="The backchannel, newest first (event staff)",
            operation_id="immerse_api_program_posts_list")
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
             summary="Add posts (deduplicated by source and id: retries are safe); posts "
             "outside the event's listening window are left out and counted",
             operation_id="immerse_api_program_posts_add")
def posts_add(request: HttpRequest, slug: str, payload: list[PostIn]) -> dict[str, object]:
    event = _staff_event(request, slug)
    if len(payload) > MAX_POSTS_PER_REQUEST:
        raise ApiError(422, _("At most %(n)d posts per request.") % {"n": MAX_POSTS_PER_REQUEST})
    data, first_lines = _as_generic_csv(payload)
    try:
        report = posts_ingest(event=event, data=data, fmt="csv", source_name="api",
                              strict=True, belonging=event_belonging(event))
    except IngestAborted as refused:  # all or nothing: nothing was stored
        index = bisect.bisect_right(first_lines, refused.problem.line) - 1
        reason = refused.problem.reason
        field = reason.partition("field '")[2].rstrip("'") or (
            "created_at" if "timestamp" in reason else "post")
        raise ApiError(422, _("The request has invalid posts; none was stored."),
                       [{"field": f"{index}.{field}", "message": reason}]
                       ) from refused
    return {"read": report.read, "created": report.created, "duplicates": report.duplicates,
            "skipped": report.as_json()["skipped"]}


def _as_generic_csv(posts: list[PostIn]) -> tuple[bytes, list[int]]:
    """The generic CSV the listening parser documents, so API posts share its one path,
    and the line each post starts on (a text may span lines), to name a refused post."""
    row = io.StringIO()
    writer = csv.writer(row)
    writer.writerow(["id", "author", "text", "created_at", "source", "reply_to_id", "url"])
    rows, first_lines, line = [row.getvalue()], [], 2
    for p in posts:
        row.seek(0)
        row.truncate()
        writer.writerow([p.id, p.author, p.text, p.created_at.isoformat(), p.source,
                         p.reply_to_id or "", p.url or ""])
        rows.append(row.getvalue())
        first_lines.append(line)
        line += rows[-1].count("\n")
    return "".join(rows).encode(), first_lines
