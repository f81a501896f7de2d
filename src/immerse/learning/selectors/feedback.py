"""Reads of session feedback: who may give it, what one person gave, what works for whom."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from immerse.common.labels import format_label, level_label
from immerse.events.models import Event, Session
from immerse.learning.models import Feedback
from immerse.people.models import Person, Registration


def attendee_registration(*, event: Event, person: Person | None) -> Registration | None:
    """The person's confirmed registration for the event: feedback and plans need one."""
    if person is None:
        return None
    return Registration.objects.filter(event=event, person=person,
                                       status=Registration.Status.CONFIRMED).first()


def feedback_get(*, session: Session, person: Person) -> Feedback | None:
    return Feedback.objects.filter(session=session, person=person).first()


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
    cells = [FeedbackRow(f"{format_label(fmt)} · {level_label(level) if level else _('no level')}",
                         len(items), round(sum(i.rating for i in items) / len(items), 2),
                         format_key=fmt, level=level, comments=items)
             for (fmt, level), items in sorted(by_cell.items(),
                                               key=lambda kv: (kv[0][0], kv[0][1] or 0))]
    return FeedbackSummary(sessions, cells, len(rows))
