"""The deployed topology in miniature: real `immerse serve`, `immerse worker` and `immerse
beat` processes on the test database (and Redis for the Celery topology).

The processes are started with the environment a deployment would give them, pointed at
the database pytest-django created; the tests drive them over HTTP and read the rows.
Without PostgreSQL or Redis the Celery topology is skipped saying what is missing; CI sets
IMMERSE_REQUIRE_INTEGRATION=1, which turns that skip into a failure.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from celery import Celery

from immerse.config.celery import CeleryBackend

pytestmark = [pytest.mark.integration, pytest.mark.slow]
TEST_REDIS_ENV = "IMMERSE_TEST_REDIS_URL"


def require(condition: bool, why: str) -> None:
    """Skip (or, in CI, fail) when the topology cannot be built here."""
    if condition:
        return
    if os.environ.get("IMMERSE_REQUIRE_INTEGRATION") == "1":
        pytest.fail(f"integration suite required but {why}")
    pytest.skip(why)


def redis_url_or_skip() -> str:
    url = os.environ.get(TEST_REDIS_ENV, "")
    require(bool(url), f"{TEST_REDIS_ENV} is not set (e.g. redis://127.0.0.1:6379/3)")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).flushdb()
    except redis.ConnectionError as exc:
        require(False, f"Redis at {url} does not answer: {exc}")
    return url


class TopologyCeleryBackend(CeleryBackend):
    """This test process's sends, on its own app bound to the topology's Redis: the module's
    app keeps the connection pool of whatever broker an earlier test used."""

    app: Celery | None = None  # type: ignore[assignment]


def database_url() -> str:
    """The test database (as pytest-django named it) as a DATABASE_URL for the processes."""
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return (f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Topology:
    """Processes of one deployment, their logs, and an HTTP client for its web server."""

    env: dict[str, str]
    logs: Path
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    base_url: str = ""

    def start(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        # A session of its own: SIGKILL to the group kills a Celery worker and its children.
        with (self.logs / f"{name}.log").open("ab") as log:
            process = subprocess.Popen([sys.executable, "-m", "immerse.cli", *args],
                                       env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        self.processes[name] = process
        return process

    def kill(self, name: str) -> None:
        """SIGKILL, as a crashed machine or the OOM killer would: no clean-up at all."""
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        self.processes.clear()

    def serve(self, *args: str) -> None:
        port = free_port()
        self.base_url = f"http://127.0.0.1:{port}"
        self.start("serve", "serve", "--port", str(port), *args)
        wait_for(lambda: self.get("/healthz")[0] == 200, timeout=90, what="the web server",
                 logs=self.logs)

    def request(self, method: str, path: str, body: Any = None,
                token: str = "") -> tuple[int, dict[str, Any], dict[str, str]]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"{}"), dict(
                    response.headers)
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"{}"), dict(exc.headers)
        except OSError:
            return 0, {}, {}

    def get(self, path: str, token: str = "") -> tuple[int, dict[str, Any]]:
        status, body, _ = self.request("GET", path, token=token)
        return status, body


def wait_for(condition: Callable[[], bool], *, timeout: float, what: str,
             logs: Path | None = None, every: float = 0.25) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(every)
    tail = ""
    if logs is not None:
        for log in sorted(logs.glob("*.log")):
            tail += f"\n--- {log.name} ---\n" + log.read_text(errors="replace")[-3000:]
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}{tail}")


def base_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("CELERY_", "REDIS_", "IMMERSE_", "DJANGO_"))}
    env.update(DATABASE_URL=database_url(), IMMERSE_DATA_DIR=str(tmp_path / "data"),
               IMMERSE_LOG_LEVEL="INFO", PYTHONUNBUFFERED="1",
               # Short leases: a killed worker's run is taken back in seconds, not a minute.
               IMMERSE_TASK_LEASE_SECONDS="4")
    env.update(extra)
    return env


@pytest.fixture
def topology_factory(tmp_path: Path) -> Iterator[Callable[..., Topology]]:
    made: list[Topology] = []

    def make(**extra: str) -> Topology:
        logs = tmp_path / "logs"
        logs.mkdir(exist_ok=True)
        topology = Topology(env=base_env(tmp_path, **extra), logs=logs)
        made.append(topology)
        return topology

    yield make
    for topology in made:
        topology.stop_all()
