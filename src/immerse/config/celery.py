"""The Celery app, used only when CELERY_BROKER_URL is set.

Run a worker with `celery -A immerse.config.celery worker`.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "immerse.config.settings")

app = Celery("immerse")
app.conf.broker_url = os.environ.get("CELERY_BROKER_URL", "")
app.conf.task_acks_late = True  # a worker that dies mid-task leaves it for another


@app.on_after_configure.connect
def _register(sender: Celery, **_: object) -> None:
    import django

    django.setup()
    from immerse.tasks import TASKS

    for name, func in TASKS.items():
        sender.task(name=f"immerse.{name}")(func)
