"""Background work: one entry point, the backend chosen by settings.

Apps declare their tasks in their own ``tasks.py`` with ``@task("name")``; tasks take ids,
not objects, so any worker can pick them up and the web servers keep no state.
``enqueue`` hands a task to ``settings.IMMERSE_TASK_BACKEND``: inline by default, or
``immerse.config.celery.CeleryBackend`` when a broker is configured.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import cache
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import autodiscover_modules, import_string

TaskFunc = Callable[..., Any]

#: Every registered task by name; filled as the apps' ``tasks`` modules are imported.
TASKS: dict[str, TaskFunc] = {}
#: Periodic tasks (name -> cadence), run without arguments by the scheduler.
SCHEDULE: dict[str, timedelta] = {}


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


class InlineBackend:
    """Runs the task at once, in this process: the zero-set-up default."""

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
