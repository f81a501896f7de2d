"""The Celery app and task backend, used when CELERY_BROKER_URL is set (Redis in production).

``immerse worker`` runs ``celery worker`` on this app and ``immerse beat`` runs ``celery
beat``; both read the same registry as the embedded runner (``common.tasks``): each task
is a Celery task named ``immerse.<name>``, and each periodic task is a beat entry at its
cadence, expiring after one period so a backlog never piles up duplicates.
"""

from __future__ import annotations

import os
from typing import Any

import django
from celery import Celery, signals
from django.conf import settings
from django.db import transaction

from immerse.common.requestid import current_request_id
from immerse.common.tasks import periodic_tasks, task_execute, tasks_discover

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "immerse.config.settings")

app = Celery("immerse")
app.conf.update(
    broker_url=os.environ.get("CELERY_BROKER_URL", ""),
    # A worker that dies mid-task leaves its message for another; runs are claimed by id,
    # so a second delivery of a run that is already taken or done does nothing.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,  # long tasks: a worker takes one at a time
    task_ignore_result=True,  # results live in the rows the tasks write (runs, outbox)
    broker_connection_retry_on_startup=True,
    # Redis redelivers an unacknowledged message after this; longer than any task.
    broker_transport_options={"visibility_timeout": 3600},
    worker_hijack_root_logger=False,  # Django's LOGGING, with the request id, stays
    timezone="UTC",
)


def _runner(name: str) -> Any:
    def run(*args: Any, request_id: str = "") -> None:
        task_execute(name, args, request_id)

    run.__name__ = run.__qualname__ = f"immerse_{name}"
    return run


@app.on_after_configure.connect  # type: ignore[untyped-decorator]  # celery is untyped
def _register(sender: Celery, **_: object) -> None:
    django.setup()
    for name in tasks_discover():
        sender.task(name=f"immerse.{name}")(_runner(name))
    sender.conf.beat_schedule = beat_schedule()


def beat_schedule() -> dict[str, dict[str, Any]]:
    """The registry's periodic tasks as Celery beat entries."""
    return {name: {"task": f"immerse.{name}", "schedule": every.total_seconds(),
                   "options": {"expires": every.total_seconds()}}
            for name, every in sorted(periodic_tasks().items())}


@signals.worker_ready.connect  # type: ignore[untyped-decorator]  # celery is untyped
def _reap_on_start(**_: object) -> None:
    """A (re)started worker takes back the runs a killed predecessor left behind."""
    from immerse.common.runs import runs_reap  # needs the app registry, ready only now

    runs_reap()


class CeleryBackend:
    """Sends tasks to the broker once the current transaction commits."""

    app: Celery = app

    def send(self, name: str, args: tuple[Any, ...]) -> None:
        request_id, sender = current_request_id(), self.app
        # After commit: the worker must find the rows this request just wrote.
        transaction.on_commit(lambda: sender.send_task(
            f"immerse.{name}", args=args, kwargs={"request_id": request_id}))


def broker_url() -> str:
    return str(app.conf.broker_url or settings.CELERY_BROKER_URL)
