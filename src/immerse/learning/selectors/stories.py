"""Reads of the stories and cases library: what a user may read, filtered and full-text
searched on the database in use (FTS5 on SQLite, tsvector on PostgreSQL)."""

from __future__ import annotations

import re
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from immerse.events import roles
from immerse.events.models import Event
from immerse.learning import access
from immerse.learning.models import Story

_WORD = re.compile(r"\w+", re.UNICODE)


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


def _fts5_query(text: str) -> str:
    """Each word quoted (FTS5 syntax characters are data, not operators), all required."""
    return " ".join(f'"{word}"' for word in _WORD.findall(text))


def stories_matching(queryset: QuerySet[Story], text: str) -> QuerySet[Story]:
    """Narrow ``queryset`` to stories whose text matches every word of ``text``, best first.

    Both back ends stem English words ("planning" finds "plans").
    """
    words = _WORD.findall(text)
    if not words:
        return queryset
    vendor = connection.vendor
    if vendor == "sqlite":
        ranked = RawSQL(
            "SELECT bm25(learning_story_fts) FROM learning_story_fts "
            "WHERE learning_story_fts.rowid = learning_story.id "
            "AND learning_story_fts MATCH %s", (_fts5_query(text),))
        matching = RawSQL("SELECT rowid FROM learning_story_fts WHERE learning_story_fts "
                          "MATCH %s", (_fts5_query(text),))
        # bm25 is lower for better matches.
        return (queryset.filter(id__in=matching).annotate(rank=ranked)
                .order_by("rank", "-created_at"))
    if vendor == "postgresql":
        # Only on PostgreSQL: the module needs psycopg, which a SQLite install may lack.
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("search_text", config="english")
        query = SearchQuery(" ".join(words), config="english", search_type="plain")
        return (queryset.annotate(search=vector).filter(search=query)
                .annotate(rank=SearchRank(vector, query)).order_by("-rank", "-created_at"))
    for word in words:  # other back ends: a plain substring match per word
        queryset = queryset.filter(search_text__icontains=word)
    return queryset
