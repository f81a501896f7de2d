"""Round tables in the background: thin, ids in, the services do the rest."""

from __future__ import annotations

from datetime import timedelta

from immerse.common.tasks import task
from immerse.tables.runs import TASK, tables_run_execute
from immerse.tables.services import tables_join as tables_join_seat
from immerse.tables.services import tables_joins_enqueue


@task(TASK)
def tables_form(run_id: int) -> None:
    tables_run_execute(run_id)


@task("tables_join")
def tables_join(*registration_ids: int) -> int:
    """Seats at the tables already formed for late joiners; nobody else moves."""
    return tables_join_seat(registration_ids=registration_ids)


@task("tables_join_sweep", every=timedelta(minutes=1))
def tables_join_sweep() -> int:
    """Seat people who should sit at tables already formed but have no seat."""
    return tables_joins_enqueue()
