"""Operations: the probes, the request id, and what an API throttle costs on each cache."""

from __future__ import annotations

import logging
import os

import pytest
import redis
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from immerse.common.requestid import RequestIdLogFilter, RequestIdMiddleware
from immerse.config.logs import JsonFormatter

pytestmark = pytest.mark.django_db
REDIS_URL = os.environ.get("IMMERSE_TEST_REDIS_URL", "redis://127.0.0.1:6379/3")


def test_healthz_answers_without_touching_the_database() -> None:
    with CaptureQueriesContext(connection) as queries:
        response = Client().get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    assert len(queries) == 0


def test_readyz_reports_each_dependency() -> None:
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {
        "database": "ok", "cache": "ok", "broker": "ok"}}


def test_readyz_is_503_naming_the_cache_that_does_not_answer(settings) -> None:
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens
                                   "OPTIONS": {"socket_connect_timeout": 1}}}
    response = Client().get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == "ok" and checks["cache"].startswith("failed: ConnectionError")


def test_readyz_is_503_naming_the_broker_that_does_not_answer(settings) -> None:
    from immerse.config.celery import app

    settings.IMMERSE_TASK_BACKEND = "immerse.config.celery.CeleryBackend"
    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = Client().get("/readyz")
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 503
    assert response.json()["checks"]["broker"].startswith("failed:")


def test_a_request_id_is_made_or_taken_and_answered() -> None:
    made = Client().get("/healthz")["X-Request-ID"]
    assert len(made) == 32
    given = Client().get("/healthz", HTTP_X_REQUEST_ID="lb-0123456789")["X-Request-ID"]
    assert given == "lb-0123456789"
    # Not a token (spaces, a line break): a log line must not be forged through it.
    forged = Client().get("/healthz", HTTP_X_REQUEST_ID="x\nFAKE log line")["X-Request-ID"]
    assert forged != "x\nFAKE log line" and len(forged) == 32


def test_log_lines_of_a_request_carry_its_id(caplog, rf) -> None:
    caplog.handler.addFilter(RequestIdLogFilter())  # as the console handler has

    def view(request):
        logging.getLogger("immerse.test").warning("inside the request")
        return HttpResponse("ok")

    response = RequestIdMiddleware(view)(rf.get("/", HTTP_X_REQUEST_ID="req-abcdef12"))
    logging.getLogger("immerse.test").warning("after the request")
    assert response["X-Request-ID"] == "req-abcdef12"
    assert [r.request_id for r in caplog.records] == ["req-abcdef12", "-"]


def test_json_log_lines_carry_the_request_id() -> None:
    record = logging.LogRecord("immerse.tasks", logging.INFO, __file__, 1, "task %s", ("x",),
                               None)
    record.request_id = "req-1"
    line = JsonFormatter().format(record)
    assert '"request_id": "req-1"' in line and '"message": "task x"' in line


def _throttle_queries(settings, cache: dict[str, object]) -> list[str]:
    """The cache-table queries of one anonymous API call, warmed up (both throttles)."""
    settings.CACHES = {"default": cache}
    if "db" in str(cache["BACKEND"]) or "dbcache" in str(cache["BACKEND"]):
        call_command("createcachetable")
    client = Client()
    assert client.get("/api/v1/tools").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/tools").status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def test_api_throttles_on_the_database_cache_cost_four_statements_not_twelve(settings) -> None:
    django_cache = _throttle_queries(settings, {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "immerse_cache"})
    ours = _throttle_queries(settings, {
        "BACKEND": "immerse.common.dbcache.DatabaseCache", "LOCATION": "immerse_cache"})
    assert len(django_cache) == 12  # two throttles: read, count, savepoint, read, write, commit
    assert len(ours) == 4  # two throttles: read, upsert
    assert not any("SAVEPOINT" in sql or "COUNT" in sql for sql in ours)


def test_api_throttles_on_redis_run_no_database_query(settings) -> None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL} (.ci/run starts one)")
    queries = _throttle_queries(settings, {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
        "KEY_PREFIX": "test-throttle"})
    assert queries == []


def test_the_database_cache_set_still_reads_back_and_expires(settings) -> None:
    settings.CACHES = {"default": {"BACKEND": "immerse.common.dbcache.DatabaseCache",
                                   "LOCATION": "immerse_cache"}}
    call_command("createcachetable")
    from django.core.cache import cache

    cache.set("k", {"a": 1}, 30)
    cache.set("k", {"a": 2}, 30)
    cache.set("gone", 1, -1)
    cache.set("forever", 3, None)
    assert (cache.get("k"), cache.get("gone"), cache.get("forever")) == ({"a": 2}, None, 3)


def test_the_production_database_cache_keeps_a_large_events_per_person_entries(
        settings) -> None:
    """1,000 attendees' entries (a badge, a timetable) all read back: Django's default of 300
    entries would cull a third of them at each check."""
    from immerse.config.services import cache_settings

    settings.CACHES = {"default": cache_settings(redis_url="", production=True)}
    call_command("createcachetable")
    from django.core.cache import cache

    keys = [f"agenda-html:{n}" for n in range(1000)]
    for key in keys:
        cache.set(key, "<section>…</section>", 300)

    assert len(cache.get_many(keys)) == 1000
