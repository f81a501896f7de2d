"""Moderating the wall: pin or hide a post, approve or block an author.

Decisions are read when the wall is drawn (``selectors.wall``), not written into posts at
ingest: blocking an author takes all their posts off at once, and approving one releases
everything they posted while held. Each decision bumps the event's ``moderation_version``
so that open walls redraw within one refresh.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F

from immerse.backchannel.models import AuthorReview, ListeningSettings, Post
from immerse.events.models import Event


def _bump(event: Event) -> None:
    choices, _ = ListeningSettings.objects.get_or_create(event=event)
    ListeningSettings.objects.filter(pk=choices.pk).update(
        moderation_version=F("moderation_version") + 1)


@transaction.atomic
def post_moderate(*, post: Post, action: str) -> None:
    """``pin``, ``unpin``, ``hide`` or ``show`` one post, or ``release`` one held for its
    content warning (it shows, still behind the warning)."""
    field, value = {"pin": ("pinned", True), "unpin": ("pinned", False),
                    "hide": ("hidden", True), "show": ("hidden", False),
                    "release": ("reviewed", True)}[action]
    setattr(post, field, value)
    if action == "hide":
        post.pinned = False
    post.save(update_fields=["pinned", "hidden", "reviewed"])
    _bump(post.event)


@transaction.atomic
def author_decide(*, event: Event, source: str, author: str, decision: str | None,
                  user: Any = None) -> None:
    """Approve or block an author of one platform; ``None`` forgets the decision (an
    unblocked author is then new again, held if the wall holds new authors)."""
    if decision is None:
        AuthorReview.objects.filter(event=event, source=source, author=author).delete()
    else:
        AuthorReview.objects.update_or_create(
            event=event, source=source, author=author,
            defaults={"decision": decision, "decided_by": user})
    _bump(event)


def authors_approve_current(*, event: Event) -> int:
    """Approve every author with a post on the event's wall who has no decision yet."""
    decided = set(AuthorReview.objects.filter(event=event).values_list("source", "author"))
    authors = (Post.objects.filter(event=event, hidden=False).exclude(kind="repost")
               .order_by().values_list("source", "author").distinct())
    fresh = [AuthorReview(event=event, source=source, author=author,
                          decision=AuthorReview.Decision.APPROVED)
             for source, author in authors if (source, author) not in decided]
    AuthorReview.objects.bulk_create(fresh, ignore_conflicts=True)
    return len(fresh)
