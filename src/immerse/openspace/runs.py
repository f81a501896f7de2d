"""Placing in the background: the organizer's "Place now" starts a run and follows it.

Placing 200 proposals takes seconds (the timetable engine's search), so a worker does it
as a ``TaskRun`` on the event while the run's page shows the progress.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from immerse.common.models import TaskRun
from immerse.common.runs import Refused, task_run_execute, task_run_start
from immerse.events.models import Event
from immerse.openspace.services import OpenSpaceError

TASK = "open_space_place"


def open_space_run_start(*, event: Event, user: User | None, return_url: str) -> TaskRun:
    return task_run_start(task_name=TASK, target=event, user=user, return_url=return_url,
                          message="Waiting for a worker")


def open_space_run_execute(run_id: int) -> TaskRun | None:
    return task_run_execute(run_id, _place)


def _place(run: TaskRun, report: Any) -> dict[str, Any]:
    # Imported here, in the worker: the timetable engine brings SciPy and Numba, which the
    # web process never loads (the views import this module to start a run).
    from immerse.openspace.placing import open_space_place

    event = Event.objects.get(pk=run.target_id)
    report(0.05, "Placing the most wanted proposals")
    try:
        placed = open_space_place(event=event)
    except OpenSpaceError as exc:
        raise Refused(str(exc)) from exc
    summary = (f"{placed.sessions} proposals placed, {placed.unplaced} not placed; "
               f"{placed.agenda_items} agenda entries added.")
    return {"summary": summary, "lines": []}
