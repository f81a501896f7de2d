"""The learning cycle's periodic messages: thin, the notifications module does the work."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from immerse.common.tasks import task
from immerse.learning import notifications


@task("feedback_requests", every=timedelta(minutes=15))
def feedback_requests() -> int:
    """Ask attendees for feedback on each session of their agenda that just ended."""
    return notifications.feedback_requests_queue(now=timezone.now())


@task("plan_checkins", every=timedelta(hours=1))
def plan_checkins() -> int:
    """At a person's next event, ask whether the first step of their plan happened."""
    return notifications.plan_checkins_queue(now=timezone.now())


@task("reassess_invites", every=timedelta(hours=1))
def reassess_invites() -> int:
    """Invite attendees to re-assess their level some weeks after an event."""
    return notifications.reassess_invites_queue(now=timezone.now())
