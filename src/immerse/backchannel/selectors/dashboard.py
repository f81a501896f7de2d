"""Reads for listening: the event's posts as engine columns (one query), and the analyses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Q

from immerse.backchannel.models import Post
from immerse.engine.listening.analysis import (
    sentiment_summary,
    top_hashtags,
    top_voices,
    volume_over_time,
)
from immerse.engine.listening.analysis_questions import organizer_response, unanswered_questions
from immerse.engine.listening.analysis_topics import topics
from immerse.engine.listening.columns import PostColumns, columns_from_rows
from immerse.events.models import Event

FIELDS = ("source_id", "author", "created_at", "text", "reply_to_id", "reply_to_author",
          "kind", "mentions", "hashtags", "sentiment", "is_question")


def posts_columns(*, event: Event, tag: str | None = None, source: str | None = None
                  ) -> tuple[PostColumns, list[int]]:
    """All (or one hashtag's / one source's) posts as columns, plus their database ids."""
    posts = Post.objects.filter(event=event)
    if tag:
        posts = posts.filter(_has_tag(tag.lstrip("#")))
    if source:
        posts = posts.filter(source=source)
    rows = list(posts.order_by("created_at", "id").values_list("id", *FIELDS))
    ids = [row[0] for row in rows]
    if not rows:
        return columns_from_rows(ids=[], authors=[], created=[], texts=[],
                                 reply_to_ids=[]), ids
    cols = list(zip(*rows, strict=True))
    return columns_from_rows(
        ids=cols[1], authors=cols[2], created=[int(t.timestamp()) for t in cols[3]],
        texts=cols[4], reply_to_ids=[v or None for v in cols[5]],
        reply_to_authors=[v or None for v in cols[6]], kinds=cols[7], mentions=cols[8],
        hashtags=cols[9], sentiments=[v or None for v in cols[10]], questions=cols[11]), ids


def _has_tag(tag: str) -> Q:
    # JSON containment differs between databases; a text match on the stored list is
    # portable and exact enough because tags are stored without '#' and quoted.
    return Q(hashtags__icontains=f'"{tag}"')


@dataclass
class Listening:
    posts: int
    volume: list[tuple[str, int]]
    voices: list[object]
    hashtags: list[tuple[str, int]]
    sentiment: object
    topics: list[tuple[str, float]]
    unanswered: list[Post]
    unanswered_count: int
    pending: int
    response_rate: float | None
    response_median_minutes: float | None
    response_questions: int


def listening_for(*, event: Event, tag: str | None = None, source: str | None = None,
                  answer_within_minutes: int = 60, now: datetime | None = None) -> Listening:
    columns, ids = posts_columns(event=event, tag=tag, source=source)
    volume = volume_over_time(columns, bucket_seconds=3600)
    labels = [datetime.fromtimestamp(int(t), tz=UTC).strftime("%d %b %H:%M")
              for t in volume.bucket_start]
    open_questions = unanswered_questions(
        columns, within_seconds=answer_within_minutes * 60,
        now=int((now or datetime.now(tz=UTC)).timestamp()))
    newest_first = [ids[int(row)] for row in open_questions.rows[::-1][:20]]
    waiting = Post.objects.in_bulk(newest_first)
    handles = [h.lstrip("@") for h in event.organizer_handles]
    response = organizer_response(columns, organizers=handles) if handles else None
    found = topics(columns, n_topics=6, stop_tags=[t.lstrip("#") for t in event.hashtags])
    return Listening(
        posts=len(columns),
        volume=list(zip(labels, (int(c) for c in volume.counts), strict=True)),
        voices=top_voices(columns, limit=10),
        hashtags=top_hashtags(columns, limit=12, exclude=tuple(event.hashtags)),
        sentiment=sentiment_summary(columns),
        topics=list(zip(found.labels, (float(s) for s in found.share), strict=True)),
        unanswered=[waiting[pk] for pk in newest_first if pk in waiting],
        unanswered_count=len(open_questions.rows), pending=open_questions.pending,
        response_rate=response.rate if response else None,
        response_median_minutes=(response.median_seconds / 60
                                 if response and response.median_seconds is not None
                                 else None),
        response_questions=response.questions if response else 0,
    )
