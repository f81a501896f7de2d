"""Shared fixtures. Django is imported lazily so engine tests run without it."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    if config.pluginmanager.hasplugin("django"):
        from django.conf import settings

        from immerse.config.catalogues import catalogues_compile

        # The .mo files are build output: a test run straight from a checkout compiles the
        # translations it needs (`make test` has already; then this finds nothing stale).
        catalogues_compile()

        # Tests create many accounts; production-strength hashing only slows them down.
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        # Unit tests run a task at once where the task is what they test; the deployed
        # default is the database queue (tests/common/test_task_backends.py proves that a
        # request then only enqueues, and tests/integration runs real workers).
        settings.IMMERSE_TASK_BACKEND = "immerse.common.tasks.InlineBackend"


@pytest.fixture(autouse=True)
def _fresh_cache(request: pytest.FixtureRequest):
    """Each test starts with an empty cache (rate-limit counters, cached summaries)."""
    if not request.config.pluginmanager.hasplugin("django"):
        yield
        return
    from django.core.cache import caches

    for alias in ("default", "live"):  # live: the live regions' versions (common.live)
        caches[alias].clear()
    yield
    for alias in ("default", "live"):
        caches[alias].clear()


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


class SmtpSink:
    """What a real SMTP server on loopback received, parsed with the ``email`` package.

    ``refuse`` makes it answer every DATA with a temporary error (451), ``reject`` with a
    permanent one (550), ``drop`` closes the connection instead, and ``stall`` waits that
    many seconds before a 451 (longer than the client's timeout): the outbox must keep the
    temporary failures for a retry and fail the permanent one at once.
    """

    def __init__(self) -> None:
        self.received: list = []
        self.refuse = False
        self.reject = False
        self.drop = False
        self.stall = 0.0
        self.port = 0
        self.sessions = 0  # SMTP greetings: one per connection

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.sessions += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        import asyncio

        if self.drop:
            server.transport.close()  # the SMTP protocol's own connection
            return "421 closing"
        if self.stall:
            await asyncio.sleep(self.stall)
            return "451 4.3.0 too slow"
        if self.refuse:
            return "451 4.3.0 try again later"
        if self.reject:
            return "550 5.1.1 no such mailbox"
        from email import message_from_bytes, policy

        self.received.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 OK"

    def last(self):
        assert self.received, "no message reached the SMTP server"
        return self.received[-1]


@pytest.fixture
def smtp_server(settings):
    """A real aiosmtpd server on a free loopback port, and Django's SMTP backend aimed at it."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:  # aiosmtpd's start-up check cannot use port 0
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sink = SmtpSink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    sink.port = port
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield sink
    controller.stop()


@pytest.fixture
def task_worker(transactional_db, settings):
    """The deployed default in-process: tasks go to the database queue, and the queue
    library's own worker loop works it in a thread (as `immerse worker` does in its process),
    so a page shows a run queued, then running, then done."""
    import threading

    from django.db import connection
    from django_tasks_db.management.commands.db_worker import Worker

    settings.IMMERSE_TASK_BACKEND = "immerse.common.taskqueue.DatabaseQueueBackend"
    worker = Worker(queue_names=["*"], interval=0.2, batch=False, backend_name="default",
                    startup_delay=False, max_tasks=None, worker_id="test-worker",
                    excluded_queue_names=[])

    def work() -> None:
        try:
            worker.run()
        finally:
            connection.close()

    thread = threading.Thread(target=work, name="task-worker", daemon=True)
    thread.start()
    yield worker
    worker.running = False
    thread.join(timeout=60)
