"""Background work: one entry point, the backend chosen by settings.

Apps declare their tasks in their own ``tasks.py`` with ``@task("name")``; tasks take ids,
not objects, so any worker can pick them up and the web servers keep no state.
``enqueue`` hands a task to ``settings.IMMERSE_TASK_BACKEND``: by default the database
queue (``common.taskqueue``: a worker process beside the web server, started by
``immerse serve``), ``immerse.config.celery.CeleryBackend`` when a broker is configured, or
``InlineBackend`` (at once, in the caller: unit tests only). Workers run a task through
``task_execute``, which carries the request id of the request that enqueued it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta
from functools import cache
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import autodiscover_modules, import_string

from immerse.common.requestid import request_id_bound

logger = logging.getLogger("immerse.tasks")

TaskFunc = Callable[..., Any]

#: Every registered task by name; filled as the apps' ``tasks`` modules are imported.
TASKS: dict[str, TaskFunc] = {}
#: Periodic tasks (name -> cadence), run without arguments by the scheduler.
SCHEDULE: dict[str, timedelta] = {}
#: A periodic task that ends sooner found (nearly) nothing to do: logged at DEBUG.
ROUTINE_SECONDS = 1.0


class Backend(Protocol):
    def send(self, name: str, args: tuple[Any, ...]) -> None: ...


def task(name: str, *, every: timedelta | None = None) -> Callable[[TaskFunc], TaskFunc]:
    """Register ``func`` under ``name`` (unique across apps); with ``every``, the scheduler
    also runs it (with no arguments) at that cadence."""

    def register(func: TaskFunc) -> TaskFunc:
        if TASKS.get(name, func) is not func:
            raise ValueError(f"task {name!r} is registered twice")
        TASKS[name] = func
        if every is not None:
            SCHEDULE[name] = every
        return func

    return register


@cache
def tasks_discover() -> dict[str, TaskFunc]:
    """Import every installed app's ``tasks`` module (once), as the admin finds ``admin``."""
    autodiscover_modules("tasks")
    return TASKS


def periodic_tasks() -> dict[str, timedelta]:
    """Every periodic task and its cadence (the apps' ``tasks`` modules imported first)."""
    tasks_discover()
    return dict(SCHEDULE)


def task_get(name: str) -> TaskFunc:
    found = tasks_discover().get(name)
    if found is None:
        raise KeyError(f"no task named {name!r}; known: {', '.join(sorted(TASKS))}")
    return found


def task_execute(name: str, args: tuple[Any, ...], request_id: str = "") -> Any:
    """Run one task as a worker does: under the enqueuing request's id, timed in the log.

    One INFO line per task when it ends; a periodic task that ends within a second (most
    minutes: nothing to send, nothing to poll) logs at DEBUG, so a console or a log shows
    the work done, not a dozen lines of clockwork a minute."""
    with request_id_bound(request_id):
        started = time.monotonic()
        logger.debug("task %s%r started", name, args)
        try:
            result = task_get(name)(*args)
        except Exception:
            logger.exception("task %s%r failed after %.2f s", name, args,
                             time.monotonic() - started)
            raise
        took = time.monotonic() - started
        routine = name in SCHEDULE and took < ROUTINE_SECONDS
        logger.log(logging.DEBUG if routine else logging.INFO,
                   "task %s%r finished in %.2f s", name, args, took)
        return result


class InlineBackend:
    """Runs the task at once, in the caller. For unit tests that test the task itself: in
    a web request it would hold the request for the whole task."""

    def send(self, name: str, args: tuple[Any, ...]) -> None:
        task_get(name)(*args)


@cache
def _backend(path: str) -> Backend:
    backend: Backend = import_string(path)()
    return backend


def enqueue(name: str, *args: Any) -> None:
    """Run task ``name`` with ``args`` on the configured backend."""
    task_get(name)  # an unknown name fails here, in the caller, not later in a worker
    _backend(settings.IMMERSE_TASK_BACKEND).send(name, args)


def cadence_label(every: timedelta) -> str:
    """``every minute``, ``every 5 minutes``, ``every hour``, ``every 30 seconds``."""
    seconds = int(every.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1)):
        if seconds % size == 0:
            count = seconds // size
            return f"every {unit}" if count == 1 else f"every {count} {unit}s"
    return f"every {every.total_seconds():g} seconds"


def schedule_table() -> str:
    """The periodic tasks as the Markdown table docs/deployment.md carries (`immerse beat
    --list` prints it; a test keeps the two equal)."""
    lines = ["| task | cadence | what it does |", "|---|---|---|"]
    for name, every in sorted(periodic_tasks().items()):
        doc = (task_get(name).__doc__ or "").strip().splitlines()
        lines.append(f"| `{name}` | {cadence_label(every)} | {doc[0] if doc else ''} |")
    return "\n".join(lines)
