"""The demo's messages: one of every kind an event sends, as its trigger makes it — except
"How was…?", which only follows sessions that happened (the demo's immersion is ahead).

The demo's people are fictional, so their messages are *held*: in the outbox and in the
in-app lists, never handed to a mail server (the demo needs none). The periodic messages
are made by their own functions with the clock set to the moment they belong to (the day
before the immersion, the evening after its first day, a month after the conference).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from immerse.events.models import Event
from immerse.learning import notifications
from immerse.learning.models import Plan, PlanComment
from immerse.notify.models import Message
from immerse.notify.services import messages_held
from immerse.people.models import Registration
from immerse.people.selectors import Segment
from immerse.people.services.broadcasts import broadcast_send
from immerse.program.services.notifications import reminders_queue

#: Where a plan made at the immersion is revisited: the next step of the course path.
NEXT_EVENT = "social-media-deep-dive"


def _at(event: Event, day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo(event.time_zone))


@transaction.atomic
@messages_held()
def demo_messages_seed() -> dict[str, int]:
    """Queue (held) the demo's periodic and learning messages; returns counts per kind.
    Agenda and table messages come from planning itself (``demo_plan``), held the same way."""
    immersion = Event.objects.get(slug="mobile-immersion")
    conference = Event.objects.get(slug="social-media-2-0")
    reminders_queue(now=_at(immersion, immersion.start_date - timedelta(days=1), 10))
    # "How was…?" only for sessions that have happened: never for a future immersion.
    evening = _at(immersion, immersion.start_date, 23)
    if evening <= timezone.now():
        notifications.feedback_requests_queue(now=evening)
    # The course's and the immersion's people all re-assessed already (demo.learning).
    after = conference.end_date + timedelta(days=settings.IMMERSE_REASSESS_AFTER_DAYS)
    notifications.reassess_invites_queue(now=_at(conference, after, 10))
    for plan in Plan.objects.filter(event=immersion).select_related("person", "event"):
        for reviewer in plan.reviewers.all():
            notifications.plan_review_invite_queue(plan=plan, reviewer=reviewer)
    for comment in PlanComment.objects.filter(plan__event=immersion).select_related(
            "plan__person", "plan__event", "author"):
        notifications.plan_comment_queue(comment=comment)
    _checkins(immersion)
    broadcast_send(event=immersion, segment=Segment(levels=(1,)),
                   subject="Bring your phone on Monday",
                   body="Day one is hands-on: bring a charged phone. The wifi password is on "
                        "the back of your badge.", nonce="demo-broadcast")
    return dict(Counter(Message.objects.filter(status=Message.Status.HELD)
                        .values_list("kind", flat=True)))


def _checkins(immersion: Event) -> None:
    """Three plan authors come back for the deep dive, where step 1 is asked about."""
    deep_dive = Event.objects.filter(slug=NEXT_EVENT).first()
    if deep_dive is None:
        return
    authors = list(Plan.objects.filter(event=immersion).values_list("person_id", flat=True)[:3])
    Registration.objects.bulk_create(
        [Registration(event=deep_dive, person_id=person_id, status="confirmed", level=3,
                      source="demo") for person_id in authors], ignore_conflicts=True)
    notifications.plan_checkins_queue(now=_at(deep_dive, deep_dive.start_date, 10))
