"""Reads for the wall: what it shows now (and a version to tell whether that changed), what
waits for a moderator, and how people join in."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from immerse.backchannel.kinds import describe
from immerse.backchannel.models import AuthorReview, ListeningSettings, Post, Source
from immerse.backchannel.selectors.sources import listening_settings
from immerse.events.models import Event

WALL_SIZE = 40
PINNED_MAX = 5
#: Posts typed in by the event's own staff never wait for review.
TRUSTED_SOURCES = ("note",)


def _decided(event: Event, decision: str) -> Exists:
    return Exists(AuthorReview.objects.filter(event=event, source=OuterRef("source"),
                                              author=OuterRef("author"), decision=decision))


def _held(event: Event, choices: ListeningSettings) -> Q | None:
    """Posts waiting for a moderator: by new authors (when the wall holds them), with a
    content warning not yet let through (when the wall holds those); None: nothing waits."""
    waiting = []
    if choices.hold_new_authors:
        waiting.append(~Q(_decided(event, AuthorReview.Decision.APPROVED))
                       & ~Q(source__in=TRUSTED_SOURCES))
    if choices.warned_posts == ListeningSettings.Warned.HOLD:
        waiting.append(Q(sensitive=True, reviewed=False))
    if not waiting:
        return None
    return waiting[0] if len(waiting) == 1 else waiting[0] | waiting[1]


def _on_wall(event: Event, choices: ListeningSettings) -> QuerySet[Post]:
    """Posts the wall may show: not hidden, not reposts (their original is there), not by
    a blocked author, and not waiting for a moderator (``_held``)."""
    posts = (Post.objects.filter(event=event, hidden=False).exclude(kind="repost")
             .exclude(_decided(event, AuthorReview.Decision.BLOCKED)))
    held = _held(event, choices)
    return posts.exclude(held) if held is not None else posts


@dataclass(frozen=True)
class Wall:
    pinned: list[Post]
    posts: list[Post]
    version: str  # changes whenever what the wall shows changes (an ETag)
    public: bool
    holding: bool


def wall_for(*, event: Event, limit: int = WALL_SIZE) -> Wall:
    """The pinned posts and the newest ``limit`` others, newest first (two queries, plus
    one for the settings)."""
    choices = listening_settings(event)
    shown = _on_wall(event, choices)
    pinned = list(shown.filter(pinned=True).order_by("-created_at", "-id")[:PINNED_MAX])
    posts = list(shown.filter(pinned=False).order_by("-created_at", "-id")[:limit])
    ids = ",".join(str(p.pk) for p in pinned) + "|" + ",".join(str(p.pk) for p in posts)
    key = (f"{choices.moderation_version}|{choices.hold_new_authors}|{choices.warned_posts}"
           f"|{ids}")
    return Wall(pinned, posts, hashlib.blake2b(key.encode(), digest_size=12).hexdigest(),
                choices.wall_public, choices.hold_new_authors)


@dataclass(frozen=True)
class Moderation:
    held: list[Post]
    held_count: int
    recent: list[tuple[Post, str]]  # each with its author's decision ("" for none)
    blocked: list[AuthorReview]


def moderation_for(*, event: Event, limit: int = 50) -> Moderation:
    """What moderators decide on: posts held for review (new authors, content warnings,
    as the wall holds them), the newest posts with hidden ones included, and the blocked
    authors."""
    choices = listening_settings(event)
    waiting = _held(event, choices)
    held_qs = (Post.objects.filter(event=event, hidden=False).exclude(kind="repost")
               .exclude(_decided(event, AuthorReview.Decision.BLOCKED)))
    held_qs = held_qs.filter(waiting) if waiting is not None else held_qs.none()
    held = list(held_qs.order_by("-created_at", "-id")[:limit]) if waiting is not None else []
    recent = list(Post.objects.filter(event=event).exclude(kind="repost")
                  .order_by("-created_at", "-id")[:limit])
    reviews = list(AuthorReview.objects.filter(event=event).order_by("author"))
    decided = {(r.source, r.author): r.decision for r in reviews}
    return Moderation(
        held=held, held_count=held_qs.count() if waiting is not None else 0,
        recent=[(post, decided.get((post.source, post.author), "")) for post in recent],
        blocked=[r for r in reviews if r.decision == AuthorReview.Decision.BLOCKED])


@dataclass(frozen=True)
class JoinWay:
    where: str
    how: str


def join_ways(*, event: Event) -> list[JoinWay]:
    """How to get onto the wall, from the event's tags and accounts and the sources it
    listens to (as the hub's "Join the conversation" does)."""
    ways: list[JoinWay] = []
    tags = " ".join(event.hashtags)
    # Paused sources count too: they are still where the event's conversation is.
    for source in Source.objects.filter(event=event).order_by("kind", "url"):
        kind = source.polled_kind
        if kind is not None:  # each kind's own line, from its entry in backchannel.kinds
            ways.append(JoinWay(_(kind.platform),
                                describe(_(kind.join), url=source.url, tag=source.tag)))
    if tags and not ways:
        ways.append(JoinWay(_("Everywhere"), _("post with %(tags)s") % {"tags": tags}))
    if event.organizer_handles:
        ways.append(JoinWay(_("Ask the organizers"), " ".join(event.organizer_handles)))
    return ways
