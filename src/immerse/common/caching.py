"""Shared-cache values that are rebuilt by one request at a time.

``cache.get_or_set`` lets every request that finds a value expired rebuild it at once: on
a busy public page, an aggregate that takes a second to build is then built by all the
workers together, just when they are needed most. Here the value outlives its freshness:
the first request past it takes a short lock and rebuilds, the others serve the previous
value until the new one is stored.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")

#: How long a rebuild may hold its lock before another request may try (a crashed worker).
REBUILD_LOCK_SECONDS = 30
#: How much longer than it is fresh a value stays available to serve while stale.
STALE_FACTOR = 10


def cached_with_one_rebuild(key: str, build: Callable[[], T], fresh_seconds: int) -> T:
    """The cached value of ``build()`` under ``key``, at most ``fresh_seconds`` old unless
    another request is rebuilding it right now (then the previous value is served)."""
    entry = cache.get(key)
    if entry is not None:
        value, fresh_until = entry
        if time.time() < fresh_until or not cache.add(f"{key}:rebuild", 1,
                                                      REBUILD_LOCK_SECONDS):
            return value  # type: ignore[no-any-return]
    try:
        value = build()
        cache.set(key, (value, time.time() + fresh_seconds), fresh_seconds * STALE_FACTOR)
    finally:
        if entry is not None:
            cache.delete(f"{key}:rebuild")
    return value
