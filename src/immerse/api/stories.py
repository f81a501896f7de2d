"""The stories and cases library, searched in full text under each story's privacy."""

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from immerse.api.auth import optional
from immerse.api.errors import error_responses
from immerse.api.events import visible_event
from immerse.api.paging import PageIn
from immerse.learning.models import Story
from immerse.learning.selectors.stories import stories_search

# Tag and operation ids are those of the one "program" router this area came from: clients
# generated from the schema name their methods after them.
router = Router(tags=["program"])


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


@router.get("/stories", auth=optional, response={200: list[StoryOut], **error_responses(404)},
            summary="Stories and cases you may read, searched in full text",
            operation_id="immerse_api_program_stories_list")
def stories_list(request: HttpRequest, filters: Query[StoryFilter],
                 page: Query[PageIn]) -> list[Story]:
    event = visible_event(request, filters.event) if filters.event else None
    found = stories_search(user=request.user, text=filters.q, event=event, tool=filters.tool,
                           level=filters.level)
    return list(found[page.offset:page.offset + page.limit])
