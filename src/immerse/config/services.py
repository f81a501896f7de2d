"""Which cache and which task backend, from the environment (read by settings).

Kept as functions of the environment so tests can ask what a deployment would get without
reloading settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DATABASE_QUEUE = "immerse.common.taskqueue.DatabaseQueueBackend"
CELERY = "immerse.config.celery.CeleryBackend"
#: The database cache's size before it culls (a third of the entries, expired first).
DATABASE_CACHE_ENTRIES = 20_000


def live_cache_settings(*, redis_url: str, production: bool, shared: bool) -> dict[str, Any]:
    """The cache of live regions' versions (common.live): it must be one for every process
    that serves the site, or a write in one would leave another's viewers on the old
    version. The default cache where it is shared (Redis; the database in production);
    process memory for the embedded server's one process, the database once ``shared``
    (``immerse serve --workers N`` outside production)."""
    if redis_url or production:
        return cache_settings(redis_url=redis_url, production=production)
    if shared:
        return {"BACKEND": "immerse.common.dbcache.DatabaseCache", "LOCATION": "immerse_cache",
                "KEY_PREFIX": "live", "OPTIONS": {"MAX_ENTRIES": DATABASE_CACHE_ENTRIES}}
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "immerse_live"}


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
        # Django's default of 300 entries is less than one large event's per-person entries
        # (each active attendee's two navigation badges and agenda timetable, ~14 KB): the
        # cache would cull them, and the shared pages' entries with them, on every few sets.
        return {"BACKEND": "immerse.common.dbcache.DatabaseCache", "LOCATION": "immerse_cache",
                "OPTIONS": {"MAX_ENTRIES": DATABASE_CACHE_ENTRIES}}
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "immerse_cache"}
