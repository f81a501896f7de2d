"""Probes for the load balancer and the process manager.

``/healthz`` says the process is alive and serving (it touches nothing else, so a lost
database does not get every app server restarted). ``/readyz`` says whether this server
can do its work: the database, the shared cache and the task broker each answer, or the
response is 503 naming the one that did not (``{"status": …, "checks": {name: "ok" |
"failed: why"}}``). With the database queue the broker is the database itself.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from immerse.config.services import CELERY


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    checks = {name: _outcome(check) for name, check in (
        ("database", _database), ("cache", _cache), ("broker", _broker))}
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ready" if ready else "unavailable", "checks": checks},
                        status=200 if ready else 503)


def _outcome(check: Callable[[], None]) -> str:
    started = time.monotonic()
    try:
        check()
    except Exception as exc:
        return f"failed: {type(exc).__name__}: {str(exc)[:200]}"
    if time.monotonic() - started > 5:
        return "failed: answered, but took more than 5 s"
    return "ok"


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    key, value = "readyz-probe", uuid.uuid4().hex
    cache.set(key, value, 30)
    if cache.get(key) != value:
        raise RuntimeError("a value written was not read back")


def _broker() -> None:
    if settings.IMMERSE_TASK_BACKEND != CELERY:
        return  # the database queue: checked as the database
    # Celery is imported only when it is the backend.
    from immerse.config.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=3)
