"""Django's database cache, with a ``set`` of one statement instead of five.

Django's ``DatabaseCache.set`` counts the whole table (to cull it), then in a transaction
reads the key and updates or inserts it: five statements and a commit for every API
throttle check. Here a set is a single upsert (``INSERT … ON CONFLICT DO UPDATE``, which
both SQLite and PostgreSQL speak), committed on its own, and the table is counted for
culling on every ``CULL_EVERY``-th set instead of on each. Everything else (get, add, touch,
incr, cull) is Django's. With REDIS_URL set the cache is Redis and none of this runs.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import pickle
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import DatabaseError, connections, router
from django.utils.timezone import now as tz_now

#: One set in this many checks whether the table has outgrown MAX_ENTRIES.
CULL_EVERY = 50


class DatabaseCache(DjangoDatabaseCache):
    def __init__(self, table: str, params: dict[str, Any]) -> None:
        super().__init__(table, params)
        self._sets = itertools.count()  # per process and thread: caches are thread-local

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT,
            version: int | None = None) -> None:
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        if connection.vendor not in ("sqlite", "postgresql"):
            self._base_set("set", key, value, timeout)  # type: ignore[attr-defined]  # private, unstubbed
            return
        timeout = self.get_backend_timeout(timeout)
        # As Django's own set: "never" is a naive maximum, anything else an aware instant.
        expires = (datetime.max if timeout is None else datetime.fromtimestamp(
            timeout, tz=UTC if settings.USE_TZ else None)).replace(microsecond=0)
        encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        quote = connection.ops.quote_name
        table = quote(self._table)  # type: ignore[attr-defined]  # set by BaseDatabaseCache
        with connection.cursor() as cursor:
            if next(self._sets) % CULL_EVERY == CULL_EVERY - 1:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")
                count = cursor.fetchone()[0]
                if count > self._max_entries:
                    self._cull(  # type: ignore[attr-defined]  # Django's own cull, unstubbed
                        db, cursor, tz_now().replace(microsecond=0), count)
            # As Django's: a cache write may fail quietly (a concurrent cull removed the row).
            with contextlib.suppress(DatabaseError):
                cursor.execute(
                    f"INSERT INTO {table} ({quote('cache_key')}, {quote('value')}, "
                    f"{quote('expires')}) VALUES (%s, %s, %s) ON CONFLICT ({quote('cache_key')}) "
                    f"DO UPDATE SET {quote('value')} = excluded.{quote('value')}, "
                    f"{quote('expires')} = excluded.{quote('expires')}",
                    [key, encoded, connection.ops.adapt_datetimefield_value(expires)])
