"""The program's background work: thin, ids in, the service does the rest."""

from __future__ import annotations

from immerse.common.tasks import task
from immerse.program.models import AgendaRun
from immerse.program.services.planning import agenda_run_execute


@task("agenda_plan")
def agenda_plan(run_id: int) -> AgendaRun:
    return agenda_run_execute(run_id)
