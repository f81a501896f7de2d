"""Tell organizers when questions on the backchannel wait too long for an answer.

Checked every few minutes for the events listening now: a question asked by anyone and
unanswered (no reply by another author) for longer than the event's threshold counts. Each
organizer gets at most one message per event per hour (the key names the hour), in the app
and by mail.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from immerse.backchannel.selectors.dashboard import posts_columns
from immerse.backchannel.selectors.sources import events_listening, question_alert_minutes
from immerse.engine.listening.analysis_questions import unanswered_questions
from immerse.events.models import Event, EventRole
from immerse.notify.models import Message
from immerse.notify.services import AddressRefused, message_queue, messages_kick

log = logging.getLogger(__name__)


def questions_waiting(*, event: Event, now: datetime) -> tuple[int, int]:
    """(questions unanswered for longer than the threshold, minutes the oldest waits)."""
    minutes = question_alert_minutes(event)
    columns, _ = posts_columns(event=event)
    waiting = unanswered_questions(columns, within_seconds=minutes * 60,
                                   now=int(now.timestamp()),
                                   organizers=event.organizer_handles)
    if not len(waiting.rows):
        return 0, 0
    oldest = int(columns.created[waiting.rows].min())
    return len(waiting.rows), max(int(now.timestamp()) - oldest, 0) // 60


def questions_alert_send(*, now: datetime | None = None) -> int:
    """Queue the alerts due now; returns how many messages were queued (new ones only)."""
    now = now or timezone.now()
    queued = 0
    for event in events_listening(now=now):
        try:  # one event's failure is logged; the other events' alerts still go out
            count, oldest = questions_waiting(event=event, now=now)
            if count:
                queued += _alert(event, count, oldest, now)
        except Exception:
            log.exception("questions alert of event %s failed", event.pk)
    if queued:
        messages_kick()
    return queued


def _alert(event: Event, count: int, oldest: int, now: datetime) -> int:
    hour = now.strftime("%Y%m%d%H")
    dashboard = settings.IMMERSE_SITE_URL + reverse("listening", kwargs={"slug": event.slug})
    organizers = (EventRole.objects.filter(event=event, role=EventRole.Role.ORGANIZER)
                  .select_related("user", "user__person"))
    queued = 0
    with transaction.atomic():
        for role in organizers:
            user = role.user
            if not user.email:
                continue
            key = f"questions_waiting:{event.pk}:{user.pk}:{hour}"
            if Message.objects.filter(key=key).exists():
                continue  # this hour's alert is out already
            try:
                message_queue(
                    kind="questions_waiting", to_email=user.email,
                    to_name=user.get_full_name() or user.get_username(), key=key,
                    # An organizer with a profile also sees it in the app.
                    person=getattr(user, "person", None), event=event, kick=False,
                    context={"count": count, "oldest_minutes": oldest,
                             "dashboard_url": dashboard})
            except AddressRefused:
                continue
            queued += 1
    return queued
