"""Shared fixtures. Django is imported lazily so engine tests run without it."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    if config.pluginmanager.hasplugin("django"):
        from django.conf import settings

        # Tests create many accounts; production-strength hashing only slows them down.
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache(request: pytest.FixtureRequest):
    """Each test starts with an empty cache (rate-limit counters, cached summaries)."""
    if not request.config.pluginmanager.hasplugin("django"):
        yield
        return
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    """The generated demo, built once per test module; tests must not change it.

    Module scope, not session scope: transactional tests elsewhere flush the database.
    """
    from immerse.demo.build import demo_build, demo_remove

    with django_db_blocker.unblock():
        summary = demo_build(seed=2009)
    yield summary
    with django_db_blocker.unblock():
        demo_remove()


@pytest.fixture
def http_server(transactional_db):
    """The real WSGI app on a loopback port, threaded, with a deep accept queue.

    Django's own live server accepts only a short queue, so bursts of concurrent requests
    get connections reset before the app even sees them.
    """
    import threading

    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    class DeepQueueServer(ThreadedWSGIServer):
        request_queue_size = 256

    server = DeepQueueServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(StaticFilesHandler(get_wsgi_application()))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)
