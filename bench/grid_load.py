"""The schedule grid of a FOSDEM-size event under the open-loop load of 200 people.

Builds (once) its own PostgreSQL database ``immerse_grid``: the real FOSDEM 2024 schedule
(876 sessions, 35 rooms, 547 slots over two days) imported as the load bench does, and one
organizer with a web session. Serves it with gunicorn (2 sync workers, production
settings, ``bench/load.py``'s server) on 127.0.0.1, a fresh server per page, and offers
each page 200 people thinking 2 s on average (~100 req/s, ``bench/openloop.py``): the
ceiling page (``/accounts/login/``, no query) and the grid of each day. Then profiles one
grid request in-process (queries, time, bytes).

    .venv/bin/python bench/grid_load.py            # 40 s per page
    .venv/bin/python bench/grid_load.py --quick    # 10 s per page

Prints figures; it is not a test. Every run is bounded in time and stops its server.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import load  # bench/load.py: its server, open-loop runner and settings
from openloop import OpenLoopResult

DB_URL = "postgres://immerse:immerse@127.0.0.1:5432/immerse_grid"
load.SERVER_ENV["DATABASE_URL"] = DB_URL
sys.path.insert(0, str(load.ROOT))
from tests.shared_data import shared_data  # noqa: E402  (the project root is on the path now)

# The worktree-proof lookup (load.py's ../shared only works from the main checkout).
load.FOSDEM = shared_data("formats", "examples", "fosdem-2024.schedule.xml")
load.SERVER_ENV["IMMERSE_STATIC_ROOT"] = str(Path(tempfile.gettempdir()) / "immerse-grid-static")
GRID = f"/events/{load.FOSDEM_SLUG}/organize/setup/grid/"


def database_ensure() -> bool:
    """Create ``immerse_grid`` if missing; True when it must be filled."""
    import psycopg

    name = urlsplit(DB_URL).path.lstrip("/")
    with psycopg.connect(load.ADMIN_URL.replace("postgres://", "postgresql://"),
                         autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        conn.execute(f'CREATE DATABASE "{name}"')
    return True


def data_build() -> None:
    from immerse.program.services.schedule import parse_schedule, schedule_import

    schedule = parse_schedule(load.FOSDEM.read_bytes(), source=load.FOSDEM.name)
    schedule_import(schedule=schedule, slug=load.FOSDEM_SLUG)


def organizer_cookie() -> str:
    """A web session of an organizer of the FOSDEM event."""
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    from immerse.events.models import Event, EventRole

    user, _ = get_user_model().objects.get_or_create(username="grid-organizer")
    EventRole.objects.get_or_create(event=Event.objects.get(slug=load.FOSDEM_SLUG), user=user,
                                    role="organizer")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}"


def profile(path: str, cookie: str) -> str:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies.load(cookie)
    client.get(path)  # warm
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    took = (time.perf_counter() - started) * 1000
    return (f"{path}: {response.status_code}, {took:.0f} ms, {len(queries)} queries, "
            f"{len(response.content) / 1024:.0f} KiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 s per page instead of 40.")
    args = parser.parse_args()
    if not load.FOSDEM.is_file():
        raise SystemExit(f"{load.FOSDEM} is absent")
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()}")
    fill = database_ensure()
    load.django_start()
    if fill:
        data_build()
    cookie = organizer_cookie()
    from immerse.events.models import TimeSlot

    days = sorted({s.start.date() for s in TimeSlot.objects.filter(
        event__slug=load.FOSDEM_SLUG)})
    pages = [("ceiling: /accounts/login/ (no query)", "/accounts/login/", "")]
    pages += [(f"grid, day {n}", f"{GRID}?day={day.isoformat()}", cookie)
              for n, day in enumerate(days, start=1)]
    for label, path, with_cookie in pages[1:]:
        print("profile:", label, profile(path, with_cookie), flush=True)
    from django.db import connections

    connections.close_all()
    workdir = Path(tempfile.mkdtemp(prefix="immerse-grid-"))
    (workdir / "cookies.txt").write_text(cookie + "\n")
    seconds = 10 if args.quick else 40
    results: list[tuple[str, OpenLoopResult]] = []
    for label, path, with_cookie in pages:
        with load.served(workdir) as port:
            result = load.people(port, path, mode="cookie" if with_cookie else "get",
                                 lines=workdir / "cookies.txt" if with_cookie else None,
                                 bearer="", seconds=seconds, think=2.0)
        results.append((label, result))
        print(f"  {label}: {result.achieved_rps:.1f} of {result.offered_rps:.0f} req/s, p50 "
              f"{result.percentile(50):.0f} ms, p95 {result.percentile(95):.0f} ms, "
              f"{dict(result.statuses)}", flush=True)
    ceiling = results[0][1]
    print(f"\n| page | achieved req/s of {ceiling.offered_rps:.0f} offered (÷ ceiling) | "
          "p50 ms | p95 ms | p99 ms | statuses |")
    print("|---|---|---|---|---|---|")
    for label, result in results:
        print(f"| {label} | {result.achieved_rps:.1f} "
              f"({result.achieved_rps / ceiling.achieved_rps:.3f}) | "
              f"{result.percentile(50):.0f} | {result.percentile(95):.0f} | "
              f"{result.percentile(99):.0f} | {dict(result.statuses)} |")


if __name__ == "__main__":
    sys.exit(main())
