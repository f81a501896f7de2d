"""The tables' background work: thin, a run id in, the run module does the rest."""

from __future__ import annotations

from immerse.common.tasks import task
from immerse.tables.runs import TASK, tables_run_execute


@task(TASK)
def tables_form(run_id: int) -> None:
    tables_run_execute(run_id)
