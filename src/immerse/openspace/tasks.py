"""Open space in the background: place the proposals whose time has come, or on demand."""

from __future__ import annotations

from datetime import timedelta

from immerse.common.tasks import task
from immerse.openspace.placing import open_spaces_due
from immerse.openspace.runs import TASK, open_space_run_execute


@task("open_spaces_place", every=timedelta(minutes=1))
def open_spaces_place() -> int:
    """Place each open space at its set time (once: the service locks and marks it)."""
    return open_spaces_due()


@task(TASK)
def open_space_place_run(run_id: int) -> None:
    """The organizer's "Place now", followed on the run's page."""
    open_space_run_execute(run_id)
