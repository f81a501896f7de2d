"""Full-text search over stories on the database in use: FTS5 (SQLite) or tsvector (PG)."""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from immerse.learning.models import Story

_WORD = re.compile(r"\w+", re.UNICODE)


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
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector("search_text", config="english")
        query = SearchQuery(" ".join(words), config="english", search_type="plain")
        return (queryset.annotate(search=vector).filter(search=query)
                .annotate(rank=SearchRank(vector, query)).order_by("-rank", "-created_at"))
    for word in words:  # other back ends: a plain substring match per word
        queryset = queryset.filter(search_text__icontains=word)
    return queryset
