"""The program's background work: thin, ids in, the service does the rest."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from immerse.common.tasks import task
from immerse.program.models import AgendaRun
from immerse.program.services.notifications import reminders_queue
from immerse.program.services.planning import agenda_run_execute


@task("agenda_plan")
def agenda_plan(run_id: int) -> AgendaRun:
    return agenda_run_execute(run_id)


@task("reminders", every=timedelta(hours=1))
def reminders() -> int:
    """Remind each event's attendees the day before it starts, with their first sessions."""
    return reminders_queue(now=timezone.now())
