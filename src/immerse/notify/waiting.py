"""Messages that wait for the organizer: planning agendas and forming tables tell nobody by
themselves. The organizer sees how many people would be told, a preview, and chooses
"Tell them now" (the messages are queued) or "Don't tell yet" (they keep waiting, and can
be sent later from the same place).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from immerse.events.models import Event
from immerse.notify.kinds import Kind, kind_get
from immerse.notify.models import Message
from immerse.notify.rendering import Rendered
from immerse.notify.services import message_rendered, messages_kick, unread_cache_key

#: The kinds planning and forming tables leave waiting.
WAITING_KINDS = ("agenda_ready", "table_seat")


@dataclass(frozen=True)
class Waiting:
    """What would go out on "Tell them now": how many people, and one message as a sample."""

    kind: Kind
    people: int
    sample: Message | None
    preview: Rendered | None


def _waiting(event: Event, kind: str) -> QuerySet[Message]:
    return Message.objects.filter(event=event, kind=kind, status=Message.Status.WAITING)


def waiting_of(*, event: Event, kind: str) -> Waiting:
    rows = _waiting(event, kind)
    people = rows.values("to_email").distinct().count()
    sample = rows.select_related("event").order_by("-created_at", "-id").first()
    return Waiting(kind_get(kind), people, sample,
                   message_rendered(sample) if sample is not None else None)


def waiting_counts(*, event: Event) -> dict[str, int]:
    """People waiting to be told, per kind (kinds with none left out); one query."""
    rows = (Message.objects.filter(event=event, kind__in=WAITING_KINDS,
                                   status=Message.Status.WAITING)
            .values("kind").annotate(people=Count("to_email", distinct=True)).order_by("kind"))
    return {row["kind"]: row["people"] for row in rows}


@transaction.atomic
def messages_release(*, event: Event, kind: str) -> int:
    """"Tell them now": queue the newest waiting message of ``kind`` for each person (an
    older one was superseded by a later run before anyone was told, so it is dropped).
    Returns how many people will be told."""
    kind_get(kind)
    # Lock the messages only: PostgreSQL locks no row of an outer join's nullable side.
    rows = list(_waiting(event, kind).select_for_update(of=("self",)).order_by("-created_at", "-id")
                .values_list("pk", "to_email", "person__user_id"))
    newest: dict[str, int] = {}
    for pk, email, _user in rows:
        newest.setdefault(email, pk)
    superseded = [pk for pk, _email, _user in rows if pk not in newest.values()]
    Message.objects.filter(pk__in=superseded).delete()
    Message.objects.filter(pk__in=list(newest.values())).update(
        status=Message.Status.QUEUED, next_attempt_at=timezone.now())
    keys = [unread_cache_key(user) for _pk, _email, user in rows if user is not None]
    if keys:
        transaction.on_commit(lambda: cache.delete_many(keys))
    if newest:
        messages_kick()
    return len(newest)
