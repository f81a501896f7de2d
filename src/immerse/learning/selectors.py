"""Reads of the learning cycle for views, exports and the CLI (no N+1)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Avg, Count, Prefetch, QuerySet

from immerse.engine.catalogue import FORMAT_BY_KEY, LEVEL_LABELS
from immerse.events import roles
from immerse.events.models import Event
from immerse.learning import access
from immerse.learning.models import Feedback, Plan, PlanComment, Story
from immerse.learning.search import stories_matching


def stories_visible(*, user: roles.AnyUser) -> QuerySet[Story]:
    queryset = Story.objects.select_related("person", "event").prefetch_related("tools")
    visible = access.story_visibility(user)
    return queryset if visible is None else queryset.filter(visible)


def stories_search(*, user: roles.AnyUser, text: str = "", event: Event | None = None,
                   tool: str = "", topic: str = "", level: int | None = None,
                   discipline: str = "", kind: str = "") -> QuerySet[Story]:
    """Stories ``user`` may read, filtered, and ranked by full-text match when ``text``."""
    queryset = stories_visible(user=user)
    if event is not None:
        queryset = queryset.filter(event=event)
    if tool:
        queryset = queryset.filter(tools__key=tool)
    if topic:
        queryset = _with_topic(queryset, topic)
    if level:
        queryset = queryset.filter(level=level)
    if discipline:
        queryset = queryset.filter(discipline=discipline)
    if kind:
        queryset = queryset.filter(kind=kind)
    return stories_matching(queryset, text).distinct()


def _with_topic(queryset: QuerySet[Story], topic: str) -> QuerySet[Story]:
    if connection.vendor == "postgresql":
        return queryset.filter(topics__contains=[topic])
    # SQLite has no JSON containment lookup: read the small topic lists instead.
    ids = [pk for pk, topics in queryset.values_list("id", "topics") if topic in (topics or [])]
    return queryset.filter(pk__in=ids)


def story_topics(*, user: roles.AnyUser) -> list[str]:
    """Topics of the stories ``user`` may read (a private story's topics stay private)."""
    visible = stories_visible(user=user).values_list("topics", flat=True)
    return sorted({t for topics in visible for t in (topics or [])})


def cases_for_session(*, session: Any, user: roles.AnyUser) -> QuerySet[Story]:
    return stories_visible(user=user).filter(sessions=session)


# --- feedback ------------------------------------------------------------------------------

@dataclass(frozen=True)
class FeedbackRow:
    label: str
    count: int
    average: float
    format_key: str = ""
    level: int | None = None
    comments: list[Feedback] = field(default_factory=list)


@dataclass(frozen=True)
class FeedbackSummary:
    sessions: list[FeedbackRow]
    by_format_level: list[FeedbackRow]
    total: int


def feedback_summary(*, event: Event) -> FeedbackSummary:
    """What works for whom: per session, and per format × level (the level at the time)."""
    rows = list(Feedback.objects.filter(session__event=event)
                .select_related("session", "person").order_by("session_id", "created_at"))
    by_session: dict[int, list[Feedback]] = defaultdict(list)
    by_cell: dict[tuple[str, int | None], list[Feedback]] = defaultdict(list)
    for item in rows:
        by_session[item.session_id].append(item)
        by_cell[(item.session.format, item.level)].append(item)
    sessions = [FeedbackRow(items[0].session.title, len(items),
                            round(sum(i.rating for i in items) / len(items), 2),
                            format_key=items[0].session.format, comments=items)
                for items in by_session.values()]
    cells = [FeedbackRow(f"{_format_label(fmt)} · {LEVEL_LABELS.get(level or 0, 'no level')}",
                         len(items), round(sum(i.rating for i in items) / len(items), 2),
                         format_key=fmt, level=level, comments=items)
             for (fmt, level), items in sorted(by_cell.items(),
                                               key=lambda kv: (kv[0][0], kv[0][1] or 0))]
    return FeedbackSummary(sessions, cells, len(rows))


def _format_label(key: str) -> str:
    found = FORMAT_BY_KEY.get(key)
    return found.label if found else key


def session_ratings(*, event: Event) -> dict[int, tuple[float, int]]:
    return {row["session_id"]: (row["avg"], row["n"]) for row in Feedback.objects.filter(
        session__event=event).values("session_id").annotate(avg=Avg("rating"), n=Count("id"))}


# --- plans ---------------------------------------------------------------------------------

def plans_of(*, person: Any) -> QuerySet[Plan]:
    return (Plan.objects.filter(person=person).select_related("event", "session")
            .prefetch_related("versions", "checkins__event")
            .annotate(version_count=Count("versions", distinct=True)))


def plan_for_page(*, plan_id: int) -> Plan:
    comments = PlanComment.objects.select_related("author", "version")
    return (Plan.objects.select_related("person", "event", "session")
            .prefetch_related("versions", "reviewers", Prefetch("comments", queryset=comments),
                              "checkins__event")
            .get(pk=plan_id))
