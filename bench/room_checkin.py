"""Check-in at the door: 100 people checked in within 2 minutes, against the embedded
``immerse serve`` (Django's threaded server on SQLite, as a small event runs it).

Builds a fresh SQLite site in a temporary folder: an event today with 100 confirmed
attendees and a desk user (a bearer token for the API, a web session for the desk page).
Starts ``immerse serve --workers 0 --no-task-worker`` on a free loopback port. Then, over
the window, each attendee is checked in once at a random moment (``POST
/api/v1/events/{slug}/checkins`` with their code, as a scanning desk sends it) while
``DESKS`` desk pages poll the live count every 1.5 s, half as ``immerse/live.js`` does
(with ``If-None-Match``: a 304 while nothing changed), half without (every poll renders).
Prints p50/p95/max of each and the machine's load.

    .venv/bin/python bench/room_checkin.py           # 100 check-ins in 120 s
    .venv/bin/python bench/room_checkin.py --quick   # 100 check-ins in 30 s

Prints figures; it is not a test. The server is stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from load import free_port  # bench/load.py
from openloop import _exchange, get_request  # bench/openloop.py

ROOT = Path(__file__).resolve().parents[1]
SLUG, PEOPLE, DESKS, POLL_SECONDS = "door-day", 100, 4, 1.5


def environment(folder: Path) -> dict[str, str]:
    return {"IMMERSE_DATA_DIR": str(folder), "DJANGO_SECRET_KEY": "bench-checkin-" + "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "IMMERSE_API_RATE_USER": "100000/s",
            "IMMERSE_API_RATE_ANON": "100000/s", "DJANGO_SETTINGS_MODULE":
            "immerse.config.settings"}


def build() -> dict[str, object]:
    """The event, its attendees' codes, a desk token and a desk session cookie."""
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone

    from immerse.checkin.codes import checkin_code
    from immerse.events.models import Event, EventRole
    from immerse.people.models import Person, Registration
    from immerse.people.tokens import token_create

    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    today = timezone.localdate()
    event = Event.objects.create(slug=SLUG, title="Door day", kind="workshop",
                                 start_date=today, end_date=today, capacity=PEOPLE,
                                 published=True)
    desk = get_user_model().objects.create_user("desk")
    EventRole.objects.create(event=event, user=desk, role="facilitator")
    codes = []
    for n in range(PEOPLE):
        person = Person.objects.create(name=f"Guest {n}", email=f"g{n}@bench.example")
        reg = Registration.objects.create(event=event, person=person, status="confirmed")
        codes.append(checkin_code(event_id=event.pk, registration_id=reg.pk))
    session = SessionStore()
    session[SESSION_KEY] = str(desk.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = desk.get_session_auth_hash()
    session.create()
    return {"codes": codes, "token": token_create(user=desk, name="bench")[1],
            "cookie": f"sessionid={session.session_key}"}


def serve(port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    command = [str(Path(sys.executable).parent / "immerse"), "serve", "--port", str(port),
               "--workers", "0", "--no-task-worker"]
    proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log.open("wb"),
                            stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status = asyncio.run(_exchange(port, get_request("/api/v1/tools", port=port)))
            if status == "200":
                return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit(f"immerse serve did not start; see {log}")


async def _exchange_etag(port: int, request: bytes) -> tuple[str, str]:
    """The status and the ETag of one request (the desk keeps it for its next poll)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        await writer.drain()
        head = (await reader.read()).split(b"\r\n\r\n", 1)[0].decode("latin-1")
    finally:
        writer.close()
    lines = head.split("\r\n")
    etag = next((line.split(":", 1)[1].strip() for line in lines[1:]
                 if line.lower().startswith("etag:")), "")
    parts = lines[0].split()
    return (parts[1] if len(parts) > 1 else "no status line"), etag


async def _timed(port: int, request: bytes) -> tuple[str, float]:
    sent = time.perf_counter()
    status = await _exchange(port, request)
    return status, (time.perf_counter() - sent) * 1000


async def run(port: int, data: dict[str, object], seconds: float) -> dict[str, list]:
    rng = random.Random(28)
    found: dict[str, list] = {"checkin": [], "statuses": []}
    auth = {"Authorization": f"Bearer {data['token']}"}
    path = f"/api/v1/events/{SLUG}/checkins"

    async def one(code: str, at: float) -> None:
        await asyncio.sleep(at)
        body = json.dumps({"code": code}).encode()
        status, ms = await _timed(port, get_request(path, port=port, method="POST",
                                                    headers=auth, body=body))
        found["checkin"].append(ms)
        found["statuses"].append(f"checkin {status}")

    async def desk(number: int) -> None:
        """Even desks poll as live.js does (If-None-Match: a 304 while nothing changed),
        odd ones without it (every poll renders the count: the dearer case)."""
        await asyncio.sleep(rng.uniform(0, POLL_SECONDS))
        deadline = time.monotonic() + seconds - POLL_SECONDS
        conditional, etag = number % 2 == 0, ""
        name = "counts (If-None-Match)" if conditional else "counts (full)"
        while time.monotonic() < deadline:
            headers = {"Cookie": str(data["cookie"])}
            if conditional and etag:
                headers["If-None-Match"] = etag
            sent = time.perf_counter()
            status, tag = await _exchange_etag(port, get_request(
                f"/events/{SLUG}/checkin/counts/", port=port, headers=headers))
            found.setdefault(name, []).append((time.perf_counter() - sent) * 1000)
            found["statuses"].append(f"counts {status}")
            etag = tag or etag
            await asyncio.sleep(POLL_SECONDS)

    codes: list[str] = list(data["codes"])  # type: ignore[call-overload]
    moments = sorted(rng.uniform(0, seconds - 1) for _ in codes)
    await asyncio.gather(*(one(code, at) for code, at in zip(codes, moments, strict=True)),
                         *(desk(n) for n in range(DESKS)))
    return found


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="30 s instead of 120 s")
    seconds = 30.0 if parser.parse_args().quick else 120.0
    folder = Path(tempfile.mkdtemp(prefix="immerse-room-checkin-"))
    env = environment(folder)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT / "src"))
    data = build()
    port = free_port()
    server_env = {**os.environ, **env, "PYTHONPATH": str(ROOT / "src")}
    server = serve(port, server_env, folder / "serve.log")
    load_before = os.getloadavg()
    try:
        found = asyncio.run(run(port, data, seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM checkin_checkin")
        checked_in = cursor.fetchone()[0]
    statuses: dict[str, int] = {}
    for status in found["statuses"]:
        statuses[status] = statuses.get(status, 0) + 1
    print(f"immerse serve (embedded: Django's threaded server, SQLite), {PEOPLE} check-ins "
          f"over {seconds:.0f} s, {DESKS} desks polling the count every {POLL_SECONDS} s")
    for name in ("checkin", "counts (full)", "counts (If-None-Match)"):
        values = found[name]
        print(f"  {name:22} n={len(values):4}  p50 {pct(values, 50):6.1f} ms  "
              f"p95 {pct(values, 95):6.1f} ms  max {max(values):6.1f} ms")
    print(f"  statuses {dict(sorted(statuses.items()))}; checked in (DB): {checked_in}")
    print(f"  machine load (1/5/15 min) before {load_before}, after {os.getloadavg()}, "
          f"{os.cpu_count()} cores")


if __name__ == "__main__":
    main()
