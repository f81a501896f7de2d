"""Background work: `immerse worker` and `immerse beat`, and the runner `serve` starts.

Which queue they work is the deployment's choice (docs/deployment.md): with
CELERY_BROKER_URL set, `worker` is a Celery worker and `beat` is Celery beat; without it,
`worker` works the database queue and `beat` is the embedded scheduler. `immerse serve`
starts one worker with the scheduler beside the web server when the queue is the
database's, so a laptop or a small event needs nothing else.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from immerse.cli.django_setup import open_database, setup_django

CELERY = "immerse.config.celery.CeleryBackend"


def worker(
    concurrency: Annotated[int, typer.Option(
        help="Tasks run at once (Celery: child processes; the database queue: one per "
             "`immerse worker`, so start more of them).")] = 1,
    with_scheduler: Annotated[bool, typer.Option(
        "--with-scheduler", help="Also send the periodic tasks (database queue; only the "
                                 "holder of the scheduler lease sends).")] = False,
    parent_pid: Annotated[int, typer.Option(hidden=True, help="Exit when this process ends.")]
    = 0,
) -> None:
    """Run background tasks: planning, rotations, imports, mail, polling."""
    open_database()
    # Django is set up only now (see cli/__init__).
    from django.conf import settings

    if settings.IMMERSE_TASK_BACKEND == CELERY:
        _celery(["worker", "--loglevel=INFO", f"--concurrency={concurrency}",
                 "--pool=prefork" if concurrency > 1 else "--pool=solo"])
        return
    _database_worker(with_scheduler=with_scheduler, parent_pid=parent_pid)


def beat(
    show: Annotated[bool, typer.Option(
        "--list", help="Print the periodic tasks and their cadence (Markdown), and exit.")]
    = False,
) -> None:
    """Send the periodic tasks at their cadence (run exactly one, beside the workers)."""
    if show:  # reads only the registry: no database needed
        setup_django()
        # Django is set up only now (see cli/__init__).
        from immerse.common.tasks import schedule_table

        typer.echo(schedule_table())
        return
    open_database()
    # Django is set up only now (see cli/__init__).
    from django.conf import settings

    if settings.IMMERSE_TASK_BACKEND == CELERY:
        schedule = Path(settings.DATA_DIR) / "celerybeat-schedule"
        schedule.parent.mkdir(parents=True, exist_ok=True)
        _celery(["beat", "--loglevel=INFO", f"--schedule={schedule}"])
        return
    # The embedded scheduler alone (lease-guarded); workers started with `immerse worker`.
    from immerse.common.scheduler import Scheduler

    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    Scheduler().run(stop)


def _celery(argv: list[str]) -> None:
    # Celery is imported only by the commands that run it.
    from immerse.config.celery import app

    app.start(argv)


def _database_worker(*, with_scheduler: bool, parent_pid: int) -> None:
    # Django is set up by the caller; these need the app registry.
    from django.core.management import call_command

    from immerse.common.runs import runs_reap
    from immerse.common.scheduler import Scheduler

    runs_reap()  # take back what a killed predecessor left (beats stopped long enough)
    stop = threading.Event()
    if with_scheduler:
        threading.Thread(target=Scheduler().run, args=(stop,), name="scheduler",
                         daemon=True).start()
    if parent_pid:
        threading.Thread(target=_exit_with_parent, args=(parent_pid, stop), name="parent",
                         daemon=True).start()
    try:
        call_command(_quiet_db_worker(), queue_name="*", interval=1.0, reload=False,
                     startup_delay=False, verbosity=1, worker_id=f"{os.getpid()}-{time.time():.0f}")
    finally:
        stop.set()


def _quiet_db_worker() -> Any:
    """django-tasks-db's worker command, logging warnings and errors only: its INFO lines
    (each task RUNNING, then SUCCESSFUL) doubled the one line ``task_execute`` writes per
    task, with the request id, and filled the console every minute."""
    # Django is set up by the caller (see the module docstring).
    from django_tasks_db.management.commands import db_worker

    class QuietWorker(db_worker.Command):
        def configure_logging(self, verbosity: int) -> None:
            super().configure_logging(verbosity)
            # TASKS_LOGGER is imported there from django_tasks, not re-exported
            for name in (db_worker.TASKS_LOGGER,  # type: ignore[attr-defined]
                         db_worker.logger.name):
                logging.getLogger(name).setLevel(logging.WARNING)

    return QuietWorker()


def _exit_with_parent(parent_pid: int, stop: threading.Event) -> None:
    """The embedded runner must not outlive its `immerse serve`, even one killed hard."""
    while not stop.wait(2.0):
        if os.getppid() != parent_pid:
            os.kill(os.getpid(), signal.SIGTERM)  # the worker finishes its task, then exits
            return


def embedded_runner_start() -> subprocess.Popen[bytes] | None:
    """`serve`'s worker with scheduler, in its own process, when the queue is the
    database's (with Celery, `immerse worker` and `immerse beat` run separately)."""
    # Django is set up by the caller (`serve`).
    from django.conf import settings

    if settings.IMMERSE_TASK_BACKEND != "immerse.common.taskqueue.DatabaseQueueBackend":
        return None
    return subprocess.Popen([sys.executable, "-m", "immerse.cli", "worker", "--with-scheduler",
                             "--parent-pid", str(os.getpid())])


def embedded_runner_stop(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)  # a running task finishes; its run stays consistent
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()  # its run's heartbeat stops: the next worker takes it back
