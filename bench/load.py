"""Load benchmark: the demo conference grown to 10,000 attendees, served by gunicorn.

Builds (once) a PostgreSQL database ``immerse_load``: the seeded demo, 9,400 more
registrations for ``social-media-2-0`` with realistic profiles, their planned agendas and
the FOSDEM 2024 schedule (876 sessions, 35 rooms). Then serves it with gunicorn (2 sync
workers, production settings) on 127.0.0.1 and measures each endpoint on loopback only,
on a fresh server each time:

* closed loop (``wrk``, no think time): throughput and p50/p95/p99 at 200 clients, i.e.
  saturation (latency ≈ 200 / throughput by Little's law), and at 2 clients (service
  time without queueing); a minimal view gives the ceiling;
* people (``bench/openloop.py``): 200 users who each wait an exponential think time (mean
  2 s) between requests, so ~100 req/s offered: achieved rate and p50/p95/p99, the latency
  people see at that rate, with the generator's own CPU;
* a sign-up burst of 500 concurrent requests for the last 100 seats.

Then profiles each page in-process (queries, SQL time, Python time).

    .venv/bin/python bench/load.py                 # full run (~15 s + 40 s per endpoint)
    .venv/bin/python bench/load.py --quick         # shorter runs, same figures
    .venv/bin/python bench/load.py --rebuild       # rebuild the database first
    .venv/bin/python bench/load.py --profile-only  # only the in-process profile
    .venv/bin/python bench/load.py --cpu           # CPU per request and worker memory
    .venv/bin/python bench/load.py --cpu-in-process  # the same in this process, no server

Prints figures; it is not a test. Every run is bounded in time and stops its server.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from load_report import (  # bench/load_report.py
    cpu_in_process,
    print_tables,
    profile_pages,
    signup_body,
)
from openloop import OpenLoopResult, get_request, open_loop  # bench/openloop.py

ROOT = Path(__file__).resolve().parents[1]
# The shared data folder sits beside the checkout, or two levels up from a worktree.
FOSDEM = next((found for found in (ROOT / ".." / "shared", ROOT / ".." / ".." / "shared")
               if (found / "data").is_dir()), ROOT / ".." / "shared") \
    / "data" / "formats" / "examples" / "fosdem-2024.schedule.xml"
ADMIN_URL = "postgres://immerse:immerse@127.0.0.1:5432/immerse"
DB_URL = "postgres://immerse:immerse@127.0.0.1:5432/immerse_load"
SLUG, FOSDEM_SLUG = "social-media-2-0", "fosdem-2024"
ATTENDEES = 10_000
LOGGED_IN = 400  # attendees with a web session for the agenda pages
CLIENTS = 200
TARGETS_MS = {"hub": 100, "agenda (HTML)": 100, "agenda (iCal)": 100,
              "program (FOSDEM)": 150}
# Production settings, high API rates (the default 120/min anonymous would turn the run
# into 429s), and the same secret in this process and the server (session hashes). The
# rates are per second: a throttle keeps every request time of its window in the cache, so
# a per-minute window at these rates would make each API call rewrite a ~70 KB list.
SERVER_ENV = {
    "IMMERSE_ENV": "production", "DJANGO_SECRET_KEY": "bench-load-" + "x" * 50,
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DATABASE_URL": DB_URL, "IMMERSE_API_RATE_ANON": "100000/s",
    "IMMERSE_API_RATE_USER": "100000/s",
    "IMMERSE_STATIC_ROOT": str(Path(tempfile.gettempdir()) / "immerse-load-static"),
}

REPORT_LUA = """
local counter, lines = 0, {}
local function load(path)
  if path == nil or path == "" then return end
  for line in io.lines(path) do lines[#lines + 1] = line end
end
load(os.getenv("BENCH_LINES"))
local mode, tag = os.getenv("BENCH_MODE") or "get", os.getenv("BENCH_TAG") or "0"
local id = 0
function setup(thread) id = id + 1; thread:set("tid", id) end
request = function()
  counter = counter + 1
  if mode == "cookie" then
    local line = lines[(counter % #lines) + 1]
    return wrk.format("GET", wrk.path, {Cookie = line})
  elseif mode == "bearer" then
    return wrk.format("GET", wrk.path, {Authorization = os.getenv("BENCH_BEARER")})
  elseif mode == "paths" then
    return wrk.format("GET", lines[(counter % #lines) + 1])
  elseif mode == "signup" then
    local email = string.format("load-%s-%s-%d@bench.example", tag, tostring(tid), counter)
    local body = string.format('{"name": "Load %d", "email": "%s", "organization": '
      .. '"Bench BV", "discipline": "marketing", "tool_uses": {"blogging": {"frequency": '
      .. '"weekly", "confidence": 3}}, "answers": {"work_use": "job"}, "problems": '
      .. '"How do we start a team blog?"}', counter, email)
    return wrk.format("POST", wrk.path, {["Content-Type"] = "application/json"}, body)
  end
  return wrk.format("GET", wrk.path)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCH {"requests": %d, "seconds": %.3f, "p50": %.3f, '
    .. '"p95": %.3f, "p99": %.3f, "errors": %d, "status_errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3, latency:percentile(99) / 1e3,
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


# ---------------------------------------------------------------- database and data


def database_ensure(rebuild: bool) -> bool:
    """Create ``immerse_load`` if missing; returns True when it must be (re)filled."""
    import psycopg

    name = urlsplit(DB_URL).path.lstrip("/")
    with psycopg.connect(ADMIN_URL.replace("postgres://", "postgresql://"),
                         autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                              [name]).fetchone()
        if exists and rebuild:
            conn.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return not exists


def django_start() -> None:
    os.environ.update(SERVER_ENV)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "immerse.config.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def data_build(*, quick: bool, plan_all: bool) -> dict[str, float]:
    """Demo + 9,400 attendees + planned agendas + FOSDEM; returns seconds per step."""
    from immerse.demo.build import _assess, _register, _save_people, demo_build
    from immerse.demo.people import draw_people, level_mix
    from immerse.events.models import Event, Room
    from immerse.people.services.tools import tools_sync
    from immerse.program.services.planning import agenda_run_create, agenda_run_execute
    from immerse.program.services.schedule import parse_schedule, schedule_import

    seconds: dict[str, float] = {}
    started = time.perf_counter()
    summary = demo_build(seed=2009)
    seconds["demo_build"] = time.perf_counter() - started

    event = Event.objects.get(slug=SLUG)
    # Seventeen times the rooms' seats: the venue grew with the crowd.
    for room in Room.objects.filter(event=event):
        room.capacity *= 17
        room.save(update_fields=["capacity"])
    started = time.perf_counter()
    run = agenda_run_execute(agenda_run_create(event=event, user=None, keep_confirmed=False,
                                               time_limit=20.0 if quick else 60.0, seed=1).pk)
    seconds[f"agenda_run ({summary.events[SLUG]} attendees)"] = time.perf_counter() - started
    print(f"  agenda run: {run.status} {run.message!r} objective={run.objective}")

    started = time.perf_counter()
    grow = ATTENDEES - summary.events[SLUG]
    rng = random.Random(2010)
    crowd = draw_people(rng, level_mix(rng, (3000, 2800, 2200, grow - 8000)))
    for i, draft in enumerate(crowd):  # unique beside the demo's own people
        draft.email = f"grown{i}.{draft.email}"
    event.capacity = ATTENDEES
    event.save(update_fields=["capacity"])
    persons = _save_people(crowd, tools_sync())
    _assess(crowd, persons)
    _register(event, persons, crowd)
    seconds[f"grow {grow:,} registrations"] = time.perf_counter() - started

    started = time.perf_counter()
    if plan_all:
        run = agenda_run_execute(agenda_run_create(
            event=event, user=None, keep_confirmed=False,
            time_limit=20.0 if quick else 60.0, seed=1).pk)
        print(f"  agenda run: {run.status} {run.message!r} objective={run.objective}")
    else:
        agendas_copy(event=event, run=run)
    seconds["agendas for the grown crowd"] = time.perf_counter() - started

    started = time.perf_counter()
    schedule = parse_schedule(FOSDEM.read_bytes(), source=FOSDEM.name)
    schedule_import(schedule=schedule, slug=FOSDEM_SLUG)
    seconds["FOSDEM import"] = time.perf_counter() - started
    return seconds


def agendas_copy(*, event, run) -> None:
    """Each grown attendee gets the planned agenda of a planned attendee at the same level.

    The planner does not finish 10,000 attendees in its time limit on this machine (see
    RESULTS.md, --plan-all); copying keeps the agendas realistic and the rows the same.
    """
    from immerse.people.models import Registration
    from immerse.program.models import AgendaItem

    planned: dict[int, list[list[AgendaItem]]] = {}
    by_reg: dict[int, list[AgendaItem]] = {}
    for item in AgendaItem.objects.filter(registration__event=event):
        by_reg.setdefault(item.registration_id, []).append(item)
    levels = dict(Registration.objects.filter(pk__in=by_reg).values_list("pk", "level"))
    for reg_id, items in sorted(by_reg.items()):
        planned.setdefault(levels[reg_id], []).append(items)
    rows = []
    grown = Registration.objects.filter(event=event, status="confirmed").exclude(pk__in=by_reg)
    for n, (reg_id, level) in enumerate(grown.values_list("pk", "level").order_by("pk")):
        choices = planned.get(level) or next(iter(planned.values()))
        rows += [AgendaItem(registration_id=reg_id, session_id=item.session_id, run=run,
                            reason=item.reason) for item in choices[n % len(choices)]]
    AgendaItem.objects.bulk_create(rows, batch_size=5000)


def credentials(workdir: Path) -> dict[str, str]:
    """Fresh web sessions and calendar tokens for attendees with agendas, an organizer token."""
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import transaction

    from immerse.people.models import Registration
    from immerse.people.tokens import token_create
    from immerse.program.services.agendas import calendar_token_ensure

    User = get_user_model()
    regs = list(Registration.objects.filter(event__slug=SLUG, status="confirmed",
                                            agenda__isnull=False, source="demo")
                .select_related("person").distinct().order_by("id")[:LOGGED_IN])
    cookies, paths = [], []
    with transaction.atomic():
        for reg in regs:
            person = reg.person
            if person.user_id is None:
                person.user = User.objects.create_user(username=f"load{person.pk}",
                                                       email=person.email)
                person.save(update_fields=["user"])
            user = person.user
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            cookies.append(f"sessionid={session.session_key}")
            paths.append(f"/calendar/{calendar_token_ensure(registration=reg)}.ics")
    (workdir / "cookies.txt").write_text("\n".join(cookies) + "\n")
    (workdir / "calendars.txt").write_text("\n".join(paths) + "\n")
    organizer = User.objects.get(username="organizer")
    _, key = token_create(user=organizer, name="load benchmark")
    return {"token": key, "cookie": cookies[0], "calendar": paths[0],
            "users": str(len(cookies))}


# ---------------------------------------------------------------- server and load


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_start(port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, **SERVER_ENV, "PYTHONPATH": str(ROOT / "src")}
    # As `immerse serve --workers 2` (sync workers), without the access log, and with a
    # long worker timeout so a slow page is measured rather than killed.
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--timeout", "120", "--backlog", "2048", "immerse.config.wsgi:application"],
        env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status = get(port, "/api/v1/tools")[0]
            if status == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit(f"gunicorn did not start; see {log}")


@contextmanager
def served(workdir: Path, pids: list[int] | None = None) -> Iterator[int]:
    """A fresh gunicorn on a free loopback port, stopped at once afterwards (queue dropped).

    ``pids``, when given, receives the worker processes' ids.
    """
    port = free_port()
    server = server_start(port, workdir / f"gunicorn-{port}.log")
    try:
        get(port, "/api/v1/tools")
        if pids is not None:
            pids.extend(worker_pids(server.pid))
        yield port
    finally:
        server.send_signal(signal.SIGINT)  # quick shutdown: drop what is still queued
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def worker_pids(master: int) -> list[int]:
    """The gunicorn master's children (its workers), from /proc."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if len(children) >= 2:
            return [int(pid) for pid in children]
        time.sleep(0.2)
    raise SystemExit("gunicorn's workers did not show up")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (fields 14 and 15 of /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of a process, MB (VmRSS)."""
    line = next(x for x in Path(f"/proc/{pid}/status").read_text().splitlines()
                if x.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wrk(port: int, path: str, *, clients: int, seconds: int, workdir: Path,
        mode: str = "get", lines: Path | None = None, bearer: str = "") -> dict[str, float]:
    script = workdir / "report.lua"
    env = {**os.environ, "BENCH_MODE": mode, "BENCH_LINES": str(lines or ""),
           "BENCH_TAG": f"{int(time.time())}{clients}", "BENCH_BEARER": bearer}
    threads = 1 if clients < 2 else 2
    out = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(clients), "-d", f"{seconds}s", "--timeout", "60s",
         "-s", str(script), f"http://127.0.0.1:{port}{path}"],
        env=env, capture_output=True, text=True, timeout=seconds + 120, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("BENCH "))
    result = json.loads(line[6:])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def burst(port: int, *, requests: int, tag: str) -> Counter[str]:
    """``requests`` sign-ups released at once; counts the returned statuses."""
    gate = threading.Barrier(requests)
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def one(i: int) -> None:
        body = json.dumps({"name": f"Burst {i}", "email": f"burst-{tag}-{i}@bench.example",
                           "discipline": "pr", "answers": {"work_use": "occasional"}})
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            conn.connect()
            gate.wait(timeout=60)
            conn.request("POST", f"/api/v1/events/{SLUG}/registrations", body=body,
                         headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            data = response.read()
            key = (json.loads(data).get("status", "?") if response.status == 201
                   else f"HTTP {response.status}")
        except Exception as exc:  # counted, reported: a burst must show every failure
            key = type(exc).__name__
        finally:
            conn.close()
        with lock:
            outcomes[key] += 1

    workers = [threading.Thread(target=one, args=(i,)) for i in range(requests)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=180)
    return outcomes


def people(port: int, path: str, *, mode: str, lines: Path | None, bearer: str,
           seconds: float, think: float) -> OpenLoopResult:
    """CLIENTS people with a think time on one endpoint (see bench/openloop.py)."""
    import asyncio

    rows = lines.read_text().split() if lines else []
    counter = iter(range(10**9))

    def make(user: int) -> bytes:
        if mode == "cookie":
            return get_request(path, port=port, headers={"Cookie": rows[user % len(rows)]})
        if mode == "paths":
            return get_request(rows[user % len(rows)], port=port)
        if mode == "bearer":
            return get_request(path, port=port, headers={"Authorization": bearer})
        if mode == "signup":
            body = signup_body(f"open-{time.time_ns()}-{next(counter)}").encode()
            return get_request(path, port=port, method="POST", body=body)
        return get_request(path, port=port)

    # Warm both workers first (imports, templates, cached summaries): a fresh server's
    # first requests would otherwise weigh on a short run's tail.
    asyncio.run(open_loop(port, make, users=4, think=0.05, seconds=2, seed=0))
    return asyncio.run(open_loop(port, make, users=CLIENTS, think=think, seconds=seconds,
                                 seed=1))


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="Shorter load runs.")
    parser.add_argument("--rebuild", action="store_true", help="Rebuild the database.")
    parser.add_argument("--plan-all", action="store_true",
                        help="Plan all 10,000 agendas with the planner (slow: see RESULTS.md).")
    parser.add_argument("--think", type=float, default=2.0,
                        help="Mean think time (s) of the simulated people (default 2).")
    parser.add_argument("--profile-only", action="store_true",
                        help="Only the in-process profile of each page (no server, no load).")
    parser.add_argument("--cpu", action="store_true",
                        help="Only CPU per request and worker memory, page by page.")
    parser.add_argument("--cpu-in-process", action="store_true",
                        help="Only CPU per request of the ceiling, hub and agenda in-process.")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    if not FOSDEM.is_file():
        raise SystemExit(f"{FOSDEM} is absent")
    seconds = 6 if args.quick else 15
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()}")

    fill = database_ensure(args.rebuild)
    django_start()
    from immerse.events.models import Event
    from immerse.people.models import Registration

    if (fill or args.plan_all or not Event.objects.filter(slug=FOSDEM_SLUG).exists()
            or Registration.objects.filter(event__slug=SLUG).count() < ATTENDEES):
        print("building the data …")
        for step, took in data_build(quick=args.quick, plan_all=args.plan_all).items():
            print(f"  {step}: {took:.1f} s")
    confirmed = Registration.objects.filter(event__slug=SLUG, status="confirmed").count()
    print(f"{SLUG}: {confirmed} confirmed")

    workdir = Path(tempfile.mkdtemp(prefix="immerse-load-"))
    (workdir / "report.lua").write_text(REPORT_LUA)
    creds = credentials(workdir)
    if args.profile_only:
        profile_pages(profiled_pages(creds))
        return
    if args.cpu_in_process:
        cpu_in_process([("ceiling /accounts/login/", "/accounts/login/", ""),
                        ("hub", f"/events/{SLUG}/", ""),
                        ("personal agenda", f"/events/{SLUG}/me/agenda/", creds["cookie"])])
        return
    from django.db import connections

    connections.close_all()
    bearer = f"Bearer {creds['token']}"
    if args.cpu:
        cpu_run(workdir, seconds=seconds)
        return
    runs = [
        ("minimal view /accounts/login/ (no DB)", "/accounts/login/", "get", None),
        ("API /api/v1/tools (throttle only)", "/api/v1/tools", "get", None),
        ("hub", f"/events/{SLUG}/", "get", None),
        ("program (FOSDEM)", f"/events/{FOSDEM_SLUG}/program/", "get", None),
        ("agenda (HTML)", f"/events/{SLUG}/me/agenda/", "cookie", workdir / "cookies.txt"),
        ("agenda (iCal)", "/", "paths", workdir / "calendars.txt"),
        ("API sessions", f"/api/v1/events/{SLUG}/sessions", "get", None),
        ("API registrations (organizer)", f"/api/v1/events/{SLUG}/registrations",
         "bearer", None),
        ("API sign-up (POST)", f"/api/v1/events/{SLUG}/registrations", "signup", None),
    ]
    print(f"gunicorn (2 sync workers), a fresh server per endpoint so that one endpoint's "
          f"queue never delays the next; {creds['users']} attendee sessions")
    open_seconds = 10 if args.quick else 40
    rows = []
    for label, path, mode, lines in runs:
        with served(workdir) as port:
            low = wrk(port, path, clients=2, seconds=max(3, seconds // 3), workdir=workdir,
                      mode=mode, lines=lines, bearer=bearer)
            high = wrk(port, path, clients=CLIENTS, seconds=seconds, workdir=workdir,
                       mode=mode, lines=lines, bearer=bearer)
        with served(workdir) as port:
            thinking = people(port, path, mode=mode, lines=lines, bearer=bearer,
                              seconds=open_seconds, think=args.think)
        rows.append((label, low, high, thinking))
        print(f"  {label}: {high['rps']:.1f} req/s ({high['requests']} done), p50 "
              f"{high['p50']:.0f} ms, p95 {high['p95']:.0f} ms, p99 {high['p99']:.0f} ms, "
              f"errors {high['errors'] + high['status_errors']} | 2 clients: "
              f"{low['rps']:.1f} req/s p50 {low['p50']:.1f} ms | {CLIENTS} people: "
              f"{thinking.achieved_rps:.1f} of {thinking.offered_rps:.0f} req/s, p95 "
              f"{thinking.percentile(95):.0f} ms, {dict(thinking.statuses)}", flush=True)

    event = Event.objects.get(slug=SLUG)
    confirmed = Registration.objects.filter(event=event, status="confirmed").count()
    event.capacity = confirmed + 100
    event.save(update_fields=["capacity"])
    connections.close_all()
    with served(workdir) as port:
        started = time.perf_counter()
        outcomes = burst(port, requests=500, tag=str(int(time.time())))
        took = time.perf_counter() - started
    after = Registration.objects.filter(event=event, status="confirmed").count()
    print(f"  burst: 500 sign-ups for 100 seats in {took:.1f} s -> {dict(outcomes)}; "
          f"confirmed in the database {after} (capacity {event.capacity}, "
          f"{after - confirmed} new)")

    print_tables(rows, seconds=seconds, open_seconds=open_seconds, think=args.think,
                 targets=TARGETS_MS, clients=CLIENTS)
    print(f"burst: {dict(outcomes)}, {after - confirmed} confirmed for 100 seats")

    profile_pages(profiled_pages(creds))
    print(f"\nlogs and scripts: {workdir}")


def cpu_run(workdir: Path, *, seconds: int) -> None:
    """CPU per request of each page in the web workers, and one worker's memory.

    Per page, a fresh server; 2 closed-loop clients (both workers busy, no queue) for
    ``seconds``; the workers' user + system CPU over the run divided by the requests done.
    The ratio to the ceiling is the ceiling's CPU per request over the page's, so load from
    other jobs on the machine, which stretches wall times, leaves it nearly unchanged. RSS:
    the larger worker, right after start (one request served) and after the run.
    """
    pages = [("ceiling: /accounts/login/ (no DB)", "/accounts/login/", "get", None),
             ("hub", f"/events/{SLUG}/", "get", None),
             ("personal agenda (HTML)", f"/events/{SLUG}/me/agenda/", "cookie",
              workdir / "cookies.txt")]
    print("\n| page | requests | CPU ms per request | ÷ ceiling | worker RSS MB after start "
          "| after the run |\n|---|---|---|---|---|---|")
    ceiling = None
    for label, path, mode, lines in pages:
        pids: list[int] = []
        with served(workdir, pids) as port:
            started_rss = max(rss_mb(pid) for pid in pids)
            wrk(port, path, clients=2, seconds=2, workdir=workdir, mode=mode, lines=lines)
            before = sum(cpu_seconds(pid) for pid in pids)
            done = wrk(port, path, clients=2, seconds=seconds, workdir=workdir, mode=mode,
                       lines=lines)
            per_request = (sum(cpu_seconds(pid) for pid in pids) - before) / done["requests"]
            after_rss = max(rss_mb(pid) for pid in pids)
        ceiling = ceiling or per_request
        print(f"| {label} | {done['requests']} | {per_request * 1000:.2f} | "
              f"{ceiling / per_request:.3f} | {started_rss:.0f} | {after_rss:.0f} |", flush=True)


def profiled_pages(creds: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(label, path, session cookie, authorization) of each page to profile in-process."""
    bearer = f"Bearer {creds['token']}"
    return [
        ("hub", f"/events/{SLUG}/", "", ""),
        ("program (FOSDEM)", f"/events/{FOSDEM_SLUG}/program/", "", ""),
        ("agenda (HTML)", f"/events/{SLUG}/me/agenda/", creds["cookie"], ""),
        ("agenda (iCal)", creds["calendar"], "", ""),
        ("API registrations", f"/api/v1/events/{SLUG}/registrations", "", bearer),
        ("API registrations, waitlisted",
         f"/api/v1/events/{SLUG}/registrations?status=waitlisted", "", bearer),
        ("API sessions", f"/api/v1/events/{SLUG}/sessions", "", ""),
        ("API sign-up (POST)", f"/api/v1/events/{SLUG}/registrations", "", "")]




if __name__ == "__main__":
    main()
