"""Reads: a person's in-app list, an event's outbox."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from immerse.notify.models import Message


def inbox_of(person: Any) -> QuerySet[Message]:
    return Message.objects.filter(person=person).select_related("event")


def unread_count(person: Any) -> int:
    if person is None:
        return 0
    return Message.objects.filter(person=person, read_at__isnull=True).count()


def outbox_of(event: Any, status: str | None = None) -> QuerySet[Message]:
    rows = Message.objects.filter(event=event)
    return rows.filter(status=status) if status else rows


def outbox_counts(event: Any) -> dict[str, int]:
    counts = {status: 0 for status in Message.Status.values}
    for row in Message.objects.filter(event=event).values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts
