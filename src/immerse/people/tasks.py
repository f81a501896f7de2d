"""People's background work: thin, a run id in, the service does the rest."""

from __future__ import annotations

from immerse.common.tasks import task
from immerse.people.services.imports import IMPORT_TASK, attendees_import_run


@task(IMPORT_TASK)
def attendees_import(run_id: int) -> None:
    attendees_import_run(run_id)
