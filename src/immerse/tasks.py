"""Background work: on a Celery queue when one is configured, inline otherwise.

Tasks take ids, not objects, so any worker can pick them up; the web servers keep no state.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction


def _agenda_plan(run_id: int) -> Any:
    from immerse.program.planning import agenda_run_execute

    return agenda_run_execute(run_id)


TASKS: dict[str, Callable[..., Any]] = {"agenda_plan": _agenda_plan}


def register(name: str, func: Callable[..., Any]) -> None:
    TASKS[name] = func


def enqueue(name: str, *args: Any) -> None:
    """Run ``name`` on the queue after the current transaction commits, or right now."""
    if settings.CELERY_BROKER_URL:
        from immerse.config.celery import app

        # After commit: the worker must find the rows this request just wrote.
        transaction.on_commit(lambda: app.send_task(f"immerse.{name}", args=args))
    else:
        TASKS[name](*args)
