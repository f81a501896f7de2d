"""The embedded queue: tasks as rows in the application's own database.

Built on django-tasks (the backport of Django 6's ``django.tasks``) and its ORM backend
django-tasks-db: ``enqueue`` writes a row in the same transaction as the caller's writes
(a rolled-back request enqueues nothing), and ``immerse worker`` (started by ``immerse
serve``) claims rows with ``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL or an exclusive
transaction on SQLite, so any number of workers on any number of machines share one queue
with no other server. Every immerse task goes through the one ``execute`` task, named
in its arguments, so the registry in ``common.tasks`` stays the only list of tasks.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django_tasks import task as django_task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from immerse.common.requestid import current_request_id
from immerse.common.tasks import task, task_execute

#: Finished queue rows are kept this long (for the admin), then pruned.
KEEP_FINISHED = timedelta(days=2)


@django_task()
def execute(name: str, args: list[Any], request_id: str = "") -> None:
    """The queue's one task: run the registered task ``name`` (its result lives in the
    rows it writes, such as a run; the queue row only says that it ran)."""
    task_execute(name, tuple(args), request_id)


class DatabaseQueueBackend:
    """``enqueue`` onto the database queue.

    A task without arguments (a periodic kick such as ``mail_send``) that is already
    waiting is not queued twice: tasks are idempotent, so the waiting one does the work.
    """

    def send(self, name: str, args: tuple[Any, ...]) -> None:
        if not args and _waiting(name):
            return
        execute.enqueue(name=name, args=list(args), request_id=current_request_id())


def _waiting(name: str) -> bool:
    waiting = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=execute.module_path,
        args_kwargs__kwargs__name=name).values_list("args_kwargs", flat=True)
    return any(not row["kwargs"].get("args") for row in waiting[:20])


@task("task_queue_prune", every=timedelta(hours=1))
def task_queue_prune() -> dict[str, int]:
    """Delete the database queue's finished rows after two days (the embedded queue)."""
    deleted, _ = DBTaskResult.objects.finished().filter(
        finished_at__lt=timezone.now() - KEEP_FINISHED).delete()
    return {"deleted": deleted}
