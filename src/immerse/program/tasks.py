"""The program's background work: thin, ids in, the service does the rest."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from immerse.common.tasks import task
from immerse.program.models import AgendaRun
from immerse.program.services.joins import agenda_join as agenda_join_plan
from immerse.program.services.joins import agenda_joins_enqueue
from immerse.program.services.notifications import reminders_queue
from immerse.program.services.planning import agenda_run_execute


@task("agenda_plan")
def agenda_plan(run_id: int) -> AgendaRun:
    return agenda_run_execute(run_id)


@task("reminders", every=timedelta(hours=1))
def reminders() -> int:
    """Remind each event's attendees the day before it starts, with their first sessions."""
    return reminders_queue(now=timezone.now())


@task("agenda_join")
def agenda_join(*registration_ids: int) -> int:
    """An agenda for late joiners (sign-up after planning, promotion from the waiting list)
    in the seats left; everyone else's agenda stays. Then their table seats."""
    return sum(agenda_join_plan(registration_ids=registration_ids).values())


@task("agenda_join_sweep", every=timedelta(minutes=1))
def agenda_join_sweep() -> int:
    """Give an agenda to confirmed people of a planned event who have none yet."""
    return agenda_joins_enqueue()
