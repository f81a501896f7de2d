"""Reads: a person's in-app list and unread count, an event's outbox, preferences, templates.

Lists render each row's subject from its kind's template or the event's override; the
overrides of a page come in one query, so a list runs a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from immerse.notify.kinds import KINDS, NOT_EDITABLE, Kind
from immerse.notify.models import Broadcast, Message, MessageTemplate, Suppression
from immerse.notify.rendering import message_subject
from immerse.notify.services import unread_cache_key

#: How long a cached unread count may lag when a change was not seen by this process
#: (development's per-process cache; the shared cache is told of every change).
UNREAD_CACHE_SECONDS = 60


@dataclass(frozen=True)
class Row:
    """A message and its rendered subject, for lists."""

    message: Message
    subject: str


def with_subjects(messages: list[Message]) -> list[Row]:
    """Each message with its subject; one query for the overrides of all of them."""
    wanted = Q(pk__in=[])
    for event_id, kind in {(m.event_id, m.kind) for m in messages if m.event_id}:
        wanted |= Q(event_id=event_id, kind=kind)
    overrides: dict[tuple[int | None, str], MessageTemplate] = {
        (t.event_id, t.kind): t for t in MessageTemplate.objects.filter(wanted)} \
        if any(m.event_id for m in messages) else {}
    return [Row(m, message_subject(m, override=overrides.get((m.event_id, m.kind))))
            for m in messages]


# --- the in-app list --------------------------------------------------------------------

def inbox_of(user: Any) -> QuerySet[Message]:
    """The user's messages, newest first (those queued for their person); not those still
    waiting for the organizer's "Tell them now"."""
    return (Message.objects.filter(person__user=user).exclude(status=Message.Status.WAITING)
            .select_related("event"))


def unread_count(user: Any) -> int:
    """Unread in-app messages; cached (the navigation shows it on every page) and forgotten
    by every write that changes it."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return unread_answer(user, cached=cache.get(unread_cache_key(user.pk)))


def unread_answer(user: Any, *, cached: int | None) -> int:
    """``unread_count`` for a caller that read ``unread_cache_key`` already (``cached``:
    its value, None when absent): the navigation reads both its badges at once."""
    if not getattr(user, "is_authenticated", False):
        return 0
    if cached is None:
        cached = inbox_of(user).filter(read_at__isnull=True).count()
        cache.set(unread_cache_key(user.pk), cached, UNREAD_CACHE_SECONDS)
    return int(cached)


def inbox_latest(user: Any, *, limit: int = 5) -> list[Row]:
    return with_subjects(list(inbox_of(user)[:limit]))


def inbox_message(user: Any, message_id: int) -> Message | None:
    return inbox_of(user).filter(pk=message_id).first()


# --- the organizer's outbox -------------------------------------------------------------

def outbox_of(event: Any, *, status: str = "", kind: str = "") -> QuerySet[Message]:
    rows = Message.objects.filter(event=event).select_related("event")
    if status in Message.Status.values:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind=kind)
    return rows


def outbox_counts(event: Any) -> dict[str, int]:
    """Messages of the event per status (every status, zeros included)."""
    counts = {status: 0 for status in Message.Status.values}
    for row in (Message.objects.filter(event=event).order_by().values("status")
                .annotate(n=Count("id"))):
        counts[row["status"]] = row["n"]
    return counts


def outbox_kinds(event: Any) -> list[tuple[Kind, int]]:
    """The kinds the event has messages of, with their counts, in the catalogue's order."""
    found = dict(Message.objects.filter(event=event).order_by().values_list("kind")
                 .annotate(n=Count("id")))
    return [(kind, found[kind.key]) for kind in KINDS if kind.key in found]


def outbox_message(event: Any, message_id: int) -> Message | None:
    return Message.objects.filter(event=event, pk=message_id).select_related("event").first()


# --- preferences and wording ------------------------------------------------------------

@dataclass(frozen=True)
class Preferences:
    everything_optional: bool  # opted out of every kind that is not transactional
    opted_out: frozenset[str]


def preferences_of(email: str) -> Preferences:
    kinds = set(Suppression.objects.filter(email=email.strip().lower())
                .values_list("kind", flat=True))
    return Preferences("" in kinds, frozenset(kinds - {""}))


def optional_kinds() -> list[Kind]:
    """What a person may opt out of: every kind that is not transactional."""
    return [kind for kind in KINDS if not kind.transactional]


def editable_kinds() -> list[Kind]:
    return [kind for kind in KINDS if kind.key not in NOT_EDITABLE]


def templates_of(event: Any) -> dict[str, MessageTemplate]:
    return {t.kind: t for t in MessageTemplate.objects.filter(event=event)
            .select_related("updated_by")}



def broadcasts_of(*, event: Any, limit: int = 10) -> list[Broadcast]:
    return list(Broadcast.objects.filter(event=event).select_related("created_by")[:limit])


@dataclass(frozen=True)
class Waiting:
    queued: int
    due: int
    next_retry: Any  # datetime | None


def outbox_waiting(*, now: Any = None) -> Waiting:
    """What the whole outbox still holds: queued, due now, and the next retry after that."""
    now = now or timezone.now()
    queued = Message.objects.filter(status=Message.Status.QUEUED)
    later = queued.filter(next_attempt_at__gt=now).order_by("next_attempt_at").first()
    return Waiting(queued.count(), queued.filter(next_attempt_at__lte=now).count(),
                   later.next_attempt_at if later else None)
