"""The Celery app and task backend, used when CELERY_BROKER_URL is set.

Run a worker with `celery -A immerse.config.celery worker`.
"""

from __future__ import annotations

import os
from typing import Any

import django
from celery import Celery
from django.db import transaction

from immerse.common.tasks import tasks_discover

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "immerse.config.settings")

app = Celery("immerse")
app.conf.broker_url = os.environ.get("CELERY_BROKER_URL", "")
app.conf.task_acks_late = True  # a worker that dies mid-task leaves it for another


@app.on_after_configure.connect
def _register(sender: Celery, **_: object) -> None:
    django.setup()
    for name, func in tasks_discover().items():
        sender.task(name=f"immerse.{name}")(func)


class CeleryBackend:
    """Sends tasks to the broker once the current transaction commits."""

    def send(self, name: str, args: tuple[Any, ...]) -> None:
        # After commit: the worker must find the rows this request just wrote.
        transaction.on_commit(lambda: app.send_task(f"immerse.{name}", args=args))
