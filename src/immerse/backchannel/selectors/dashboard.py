"""Reads for listening: the event's posts as engine columns (one query), and the analyses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from statistics import median
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils.translation import pgettext

from immerse.backchannel.models import Post
from immerse.backchannel.selectors.sources import event_window
from immerse.common.waiting import waiting_for
from immerse.engine.listening.analysis import (
    Int64,
    Voice,
    Volume,
    sentiment_summary,
    top_hashtags,
    top_voices,
    volume_over_time,
)
from immerse.engine.listening.analysis_links import activity_spikes, top_links
from immerse.engine.listening.analysis_questions import organizer_response, unanswered_questions
from immerse.engine.listening.analysis_topics import topics
from immerse.engine.listening.columns import PostColumns, columns_from_rows
from immerse.engine.listening.networks import (
    cohashtag_graph,
    conversation_graph,
    top_edges,
    top_nodes,
)
from immerse.engine.listening.records import WORDS_KINDS
from immerse.events.models import Event, Session

FIELDS = ("source_id", "author", "created_at", "text", "reply_to_id", "reply_to_author",
          "kind", "mentions", "hashtags", "sentiment", "is_question", "attachments",
          "local_id", "author_id", "reply_to_author_id")


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
        texts=[_words(text, extra) for text, extra in zip(cols[4], cols[12], strict=True)],
        reply_to_ids=[v or None for v in cols[5]],
        reply_to_authors=[v or None for v in cols[6]], kinds=cols[7], mentions=cols[8],
        hashtags=cols[9], sentiments=[v or None for v in cols[10]], questions=cols[11],
        local_ids=[v or None for v in cols[13]], author_ids=[v or None for v in cols[14]],
        reply_to_author_ids=[v or None for v in cols[15]]), ids


def _words(text: str, attachments: list[list[str]] | None) -> str:
    """The post's text with what its author wrote beside it (poll options, image
    descriptions, a link card's address): topics and links count them; a quoted post is
    someone else's words and is left out."""
    extra = [item[1] for item in attachments or () if item[0] in WORDS_KINDS]
    return "\n".join([text, *extra]) if extra else text


def _has_tag(tag: str) -> Q:
    # JSON containment differs between databases; a text match on the stored list is
    # portable and exact enough because tags are stored without '#' and quoted.
    return Q(hashtags__icontains=f'"{tag}"')


@dataclass
class Listening:
    posts: int
    volume: list[tuple[str, int]]
    voices: list[Voice]
    hashtags: list[tuple[str, int]]
    sentiment: object
    #: (label, posts) for negative, neutral, positive and unlabelled: they add up to posts.
    sentiment_rows: list[tuple[str, int]]
    topics: list[tuple[str, float, str]]  # top terms, share, a post in its words
    unanswered: list[Post]
    unanswered_count: int
    pending: int
    response_rate: float | None
    response_median_minutes: float | None
    response_questions: int
    #: Questions waiting elsewhere (the rooms: ``common.waiting``), beside ``unanswered_count``.
    others_waiting: int
    #: Median wait of every answered question, backchannel and rooms together.
    answer_median_minutes: float | None
    links: list[tuple[str, int]]
    spikes: list[tuple[str, int, float, list[str]]]  # when, posts, usual, sessions then
    talkers: list[tuple[str, int]]  # accounts by replies and mentions, both ways
    tag_pairs: list[tuple[str, str, int]]  # hashtags used together most
    as_of: datetime


#: Hosts of the platforms' own post pages: a quote or a "via" link is not a shared link.
PLATFORM_HOSTS = ("bsky.app", "twitter.com", "x.com")


def listening_for(*, event: Event, tag: str | None = None, source: str | None = None,
                  answer_within_minutes: int = 60, now: datetime | None = None) -> Listening:
    columns, ids = posts_columns(event=event, tag=tag, source=source)
    zone = ZoneInfo(event.time_zone)
    volume = _hourly_volume(columns, event_window(event))
    labels = [datetime.fromtimestamp(int(t), tz=zone).strftime("%d %b %H:%M")
              for t in volume.bucket_start]
    # Questions are judged as of now, or as of the newest post when the posts are dated
    # later (an archive of a future-dated event, the demo): "waiting" means something then.
    # (No later than the window's end: a post dated 9999 does not move "now" there.)
    newest = min(int(columns.created.max()), int(event_window(event)[1].timestamp())) \
        if len(columns) else 0
    as_of = max(int((now or datetime.now(tz=UTC)).timestamp()), newest)
    handles = event.organizer_handles  # "@" or not: handle_codes reads both
    open_questions = unanswered_questions(
        columns, within_seconds=answer_within_minutes * 60, now=as_of, organizers=handles)
    newest_first = [ids[int(row)] for row in open_questions.rows[::-1][:20]]
    waiting = Post.objects.in_bulk(newest_first)
    response = organizer_response(columns, organizers=handles) if handles else None
    others = waiting_for(event, datetime.fromtimestamp(as_of, tz=UTC)).values()
    waits = [*(response.delays if response else ()),
             *(wait for other in others for wait in other.answer_seconds)]
    found = topics(columns, n_topics=6, stop_tags=[t.lstrip("#") for t in event.hashtags])
    mood = sentiment_summary(columns, include_reposts=True)
    return Listening(
        posts=len(columns),
        volume=list(zip(labels, (int(c) for c in volume.counts), strict=True)),
        voices=top_voices(columns, limit=10),
        hashtags=top_hashtags(columns, limit=12, exclude=tuple(event.hashtags)),
        sentiment=mood,
        sentiment_rows=[*zip((pgettext("sentiment", "negative"), pgettext("sentiment", "neutral"),
                              pgettext("sentiment", "positive")),
                             (int(n) for n in mood.totals), strict=True),
                        (pgettext("sentiment", "unlabelled"), mood.unknown)],
        # A topic no post belongs to (more topics asked than the posts hold) is left out.
        topics=sorted(((label, float(share), columns.texts[row])
                       for label, share, row in zip(found.labels, found.share, found.examples,
                                                    strict=True) if row >= 0),
                      key=lambda topic: -topic[1]),
        unanswered=[waiting[pk] for pk in newest_first if pk in waiting],
        unanswered_count=len(open_questions.rows), pending=open_questions.pending,
        response_rate=response.rate if response else None,
        response_median_minutes=(response.median_seconds / 60
                                 if response and response.median_seconds is not None
                                 else None),
        response_questions=response.questions if response else 0,
        others_waiting=sum(other.count for other in others),
        answer_median_minutes=median(waits) / 60 if waits else None,
        links=top_links(columns, limit=10, exclude_hosts=PLATFORM_HOSTS),
        spikes=_spikes(event, volume.counts, volume.bucket_start, zone),
        talkers=top_nodes(conversation_graph(columns), limit=10),
        tag_pairs=top_edges(cohashtag_graph(columns, exclude=tuple(event.hashtags)), limit=8),
        as_of=datetime.fromtimestamp(as_of, tz=zone),
    )


def _hourly_volume(columns: PostColumns, window: tuple[datetime, datetime]) -> Volume:
    """Posts per hour inside the event's window (margins included), from its first post
    there to its last: a post dated year 1 or 9999 (stored with ``--any-date``, or before
    the window was enforced) must not make the chart span millennia."""
    low, high = (int(moment.timestamp()) for moment in window)
    created = columns.created
    inside = created[(created >= low) & (created < high)]
    if len(inside) == 0 and len(created):
        # An archive studied after the fact: a window's length from its first post.
        low, high = int(created.min()), int(created.min()) + high - low
        inside = created[created < high]
    first = int(inside.min()) if len(inside) else low
    return volume_over_time(columns, bucket_seconds=3600, origin=first - first % 3600,
                            until=high)


def _spikes(event: Event, counts: Int64, starts: Int64, zone: ZoneInfo
            ) -> list[tuple[str, int, float, list[str]]]:
    """Spikes with the sessions running in that hour (what the room was reacting to)."""
    found = activity_spikes(counts, starts, min_posts=5)
    if not found:
        return []
    sessions = list(Session.objects.filter(event=event, slot__isnull=False)
                    .select_related("slot").only("title", "slot__start", "slot__end"))
    rows = []
    for spike in found[:8]:
        begin = datetime.fromtimestamp(spike.start, tz=UTC)
        end = begin + timedelta(hours=1)
        running = [s.title for s in sessions
                   if s.scheduled_slot.start < end and s.scheduled_slot.end > begin]
        rows.append((begin.astimezone(zone).strftime("%a %d %b %H:%M"), spike.posts,
                     spike.baseline, running[:3]))
    return rows
