"""Which cache and which task backend, from the environment (read by settings).

Kept as functions of the environment so tests can ask what a deployment would get without
reloading settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DATABASE_QUEUE = "immerse.common.taskqueue.DatabaseQueueBackend"
CELERY = "immerse.config.celery.CeleryBackend"


def task_backend(environ: Mapping[str, str]) -> str:
    """IMMERSE_TASK_BACKEND if given; Celery when CELERY_BROKER_URL is set; else the
    database queue. Never the inline backend unless asked for by name (tests)."""
    return environ.get("IMMERSE_TASK_BACKEND") or (
        CELERY if environ.get("CELERY_BROKER_URL") else DATABASE_QUEUE)


def cache_settings(*, redis_url: str, production: bool) -> dict[str, Any]:
    if redis_url:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url, "KEY_PREFIX": "immerse",
                # A cache that does not answer must not hold requests for long.
                "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2}}
    if production:
        return {"BACKEND": "immerse.common.dbcache.DatabaseCache", "LOCATION": "immerse_cache"}
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "immerse_cache"}
