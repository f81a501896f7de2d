"""Background work benchmark: how fast the planning API answers, and what a throttle costs.

Builds the demo in a fresh database (SQLite under a temporary folder, or DATABASE_URL's
PostgreSQL database with ``_bench_tasks`` appended to its name), then:

1. serves it with `immerse serve` (real processes on 127.0.0.1) and POSTs the API planning
   call for the demo's 600-person conference (time limit 30 s, as a client would):
   * the embedded default: the time to the ``202`` over several calls, and how long the
     run then takes on the worker `serve` started;
   * for comparison, the same call with the inline backend: the request holds the whole
     run (what every request did before background work);
   * with ``--redis URL`` on PostgreSQL also Celery: `immerse worker` on Redis;
2. in-process: one anonymous API call's database statements, commits and service time with
   the throttles' cache on Django's database cache, immerse's, and Redis (``--redis``);
3. with ``--scale-out``: stateless scale-out, one app server (gunicorn, 1 worker,
   production settings) against two on different ports, each page driven by ``wrk``
   (Debian's package) for 10 s at 32 connections split over the servers: the throughput
   ratio.

    .venv/bin/python bench/tasks.py
    DATABASE_URL=postgres://immerse:immerse@127.0.0.1:5432/immerse \\
        .venv/bin/python bench/tasks.py --redis redis://127.0.0.1:6379/3

Prints figures; it is not a test. Every server it starts is stopped; requests go to
loopback only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

SLUG = "social-media-2-0"
ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--redis", default="", help="a Redis URL: also Celery and the cache")
    parser.add_argument("--calls", type=int, default=5, help="planning calls timed per setup")
    parser.add_argument("--scale-out", action="store_true",
                        help="also one app server against two (needs wrk)")
    parser.add_argument("--only-scale-out", action="store_true", help="skip 1. and 2.")
    options = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-tasks-"))
    env = environment(workdir)
    os.environ.update(env)
    try:
        token = build(env)
        if not options.only_scale_out:
            report_planning(env, token, options)
            report_throttles(options.redis)
        if options.scale_out or options.only_scale_out:
            report_scale_out(options.redis)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def environment(workdir: Path) -> dict[str, str]:
    env = {"IMMERSE_DATA_DIR": str(workdir / "data"), "IMMERSE_LOG_LEVEL": "WARNING",
           "DJANGO_SETTINGS_MODULE": "immerse.config.settings"}
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        env["DATABASE_URL"] = url.rstrip("/") + "_bench_tasks"
    return env


def build(env: dict[str, str]) -> str:
    """A fresh database with the demo; returns an API token of the demo's organizer."""
    if "DATABASE_URL" in env:
        name = env["DATABASE_URL"].rsplit("/", 1)[1]
        admin = env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
        subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "immerse.cli", "demo", "--no-serve"], env={
        **os.environ, **env}, check=True, stderr=subprocess.DEVNULL)
    print(f"demo built in {time.perf_counter() - started:.0f} s")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from immerse.events.models import Event
    from immerse.people.models import Registration
    from immerse.people.tokens import token_create

    event = Event.objects.get(slug=SLUG)
    confirmed = Registration.objects.filter(event=event, status="confirmed").count()
    print(f"{SLUG}: {confirmed} confirmed attendees")
    organizer = get_user_model().objects.get(username="organizer")
    return token_create(user=organizer, name="bench")[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def call(url: str, *, method: str = "GET", body: object = None, token: str = "",
         timeout: float = 900) -> tuple[int, dict, dict]:
    request = urllib.request.Request(url, method=method,
                                     data=None if body is None else json.dumps(body).encode())
    request.add_header("Content-Type", "application/json")
    request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read()), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}"), dict(exc.headers)


class Servers:
    """`immerse serve` (and `immerse worker` for Celery) with extra environment."""

    def __init__(self, env: dict[str, str], *, worker: bool = False,
                 serve_args: tuple[str, ...] = (), log: Path | None = None) -> None:
        """``log``: a file for the server's output (its tracebacks), else it is dropped."""
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        full = {**os.environ, **env}
        output = log.open("w") if log is not None else subprocess.DEVNULL
        self.processes = [subprocess.Popen(
            [sys.executable, "-m", "immerse.cli", "serve", "--port", str(self.port),
             *serve_args], env=full, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True)]
        if worker:
            self.processes.append(subprocess.Popen(
                [sys.executable, "-m", "immerse.cli", "worker"], env=full,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if call(self.base + "/healthz", timeout=2)[0] == 200:
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("the server did not start")

    def stop(self) -> None:
        for process in self.processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def plan_calls(servers: Servers, token: str, calls: int) -> tuple[list[float], float]:
    """Seconds to each 202 (or 202 with the run done, inline), and the last run's seconds
    from its creation to done as the worker reports it."""
    answers, location = [], ""
    for _ in range(calls):
        started = time.perf_counter()
        status, run, headers = call(f"{servers.base}/api/v1/events/{SLUG}/agendas/runs",
                                    method="POST", body={"time_limit": 30}, token=token)
        answers.append(time.perf_counter() - started)
        assert status == 202, (status, run)
        location = headers["Location"]
    started = time.perf_counter()
    while True:
        _, run, _ = call(servers.base + location, token=token)
        if run["status"] in ("done", "failed"):
            break
        time.sleep(0.5)
    return answers, run.get("seconds") or 0.0


def report_planning(env: dict[str, str], token: str, options: argparse.Namespace) -> None:
    print(f"\nAPI planning call on {SLUG} (time limit 30 s), {options.calls} calls each")
    setups = [("embedded default (serve + its worker)", {}, False, options.calls),
              ("inline backend (the request plans)",
               {"IMMERSE_TASK_BACKEND": "immerse.common.tasks.InlineBackend"}, False, 1)]
    if options.redis and "DATABASE_URL" in env:
        setups.append(("Celery on Redis (serve + immerse worker)",
                       {"CELERY_BROKER_URL": options.redis, "REDIS_URL": options.redis},
                       True, options.calls))
    for label, extra, worker, calls in setups:
        servers = Servers(extra, worker=worker)
        try:
            answers, run_seconds = plan_calls(servers, token, calls)
        finally:
            servers.stop()
        print(f"  {label}: time to the response median {1000 * statistics.median(answers):.0f}"
              f" ms, max {1000 * max(answers):.0f} ms; a run solves in {run_seconds:.1f} s")


SCALE_PAGES = ("/events/", "/events/social-media-2-0/program/", "/api/v1/events",
               "/api/v1/events/social-media-2-0/sessions")
PRODUCTION = {"IMMERSE_ENV": "production", "DJANGO_SECRET_KEY": "bench-" + "k" * 50,
              "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DJANGO_SECURE_SSL_REDIRECT": "0",
              # The throttles would answer 429 to one busy address: out of the way here.
              "IMMERSE_API_RATE_ANON": "1000000/min"}


def wrk_rate(urls: list[str], connections: int) -> float:
    """Requests per second of ``wrk`` runs against ``urls`` at once, connections split."""
    runs = [subprocess.Popen(["wrk", "-t1", f"-c{max(1, connections // len(urls))}", "-d10s",
                              url], stdout=subprocess.PIPE, text=True) for url in urls]
    total = 0.0
    for run in runs:
        output, _ = run.communicate(timeout=60)
        total += float(next(line.split()[1] for line in output.splitlines()
                            if line.startswith("Requests/sec")))
    return total


def report_scale_out(redis_url: str) -> None:
    env = {**PRODUCTION, **({"REDIS_URL": redis_url} if redis_url else {})}
    print("\nStateless scale-out: one app server (gunicorn, 1 worker) against two, "
          "wrk 32 connections, 10 s per page")
    servers = [Servers(env, serve_args=("--workers", "1", "--no-task-worker"))
               for _ in range(2)]
    try:
        for page in SCALE_PAGES:
            one = wrk_rate([servers[0].base + page], 32)
            two = wrk_rate([server.base + page for server in servers], 32)
            print(f"  {page}: one {one:.0f} req/s, two {two:.0f} req/s, ratio {two / one:.2f}")
    finally:
        for server in servers:
            server.stop()


def report_throttles(redis_url: str) -> None:
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    print("\nOne anonymous API call (GET /api/v1/tools, both throttles), 300 calls")
    backends = [("Django's DatabaseCache", "django.core.cache.backends.db.DatabaseCache",
                 "immerse_cache"),
                ("immerse's DatabaseCache", "immerse.common.dbcache.DatabaseCache",
                 "immerse_cache"),
                ("process memory (no sharing)", "django.core.cache.backends.locmem.LocMemCache",
                 "bench")]
    if redis_url:
        backends.append(("Redis", "django.core.cache.backends.redis.RedisCache", redis_url))
    for label, backend, location in backends:
        with override_settings(CACHES={"default": {"BACKEND": backend, "LOCATION": location}},
                               ALLOWED_HOSTS=["*"]):
            if "DatabaseCache" in backend:
                call_command("createcachetable", verbosity=0)
            caches["default"].clear()
            client = Client()
            client.get("/api/v1/tools")
            with CaptureQueriesContext(connection) as queries:
                client.get("/api/v1/tools")
            statements = [q["sql"] for q in queries.captured_queries]
            times = []
            for _ in range(300):
                started = time.perf_counter()
                client.get("/api/v1/tools", REMOTE_ADDR=f"10.0.{_ % 250}.1")
                times.append(time.perf_counter() - started)
        writes = sum(1 for sql in statements if sql.startswith(("INSERT", "UPDATE")))
        print(f"  {label}: {len(statements)} statements ({writes} writes); service time "
              f"median {1000 * statistics.median(times):.2f} ms, "
              f"p95 {1000 * sorted(times)[int(0.95 * len(times))]:.2f} ms")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
