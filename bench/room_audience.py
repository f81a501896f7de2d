"""The room under load (issue 28): questions, upvotes and polls from 100 attendees at once.

Against the embedded server (`immerse serve`, a fresh SQLite database in a temporary
directory; with DATABASE_URL=postgres://… a fresh PostgreSQL database instead):

1. **attendees**: 100 people, each acting every ~3 s (exponential think time, open loop):
   upvote or take back an upvote (40 %), answer a poll (30 %), read the questions (20 %),
   ask (10 %), all through the API with their own tokens. p95 per kind.
2. **projector delay**: meanwhile a probe upvotes the pinned question and reads the
   projector's live fragment (with its ETag, as `live.js` does) every 100 ms until the new
   count shows: the server-side delay. A browser polls every 1.5 s, so a phone or the
   projector sees a vote within that delay + 1.5 s.
3. **viewers**: the rest of the site (the program page, 20 people every ~2 s) without and
   then with 500 viewers keeping the questions' live region open (a conditional request
   every 1.5 s ±10 % each, 304 while unchanged): p95 of the site in both runs and their
   ratio. The viewers arrive over 15 s before the measured phase, each opening the
   questions page (its ETag and grant to watch, kept like a browser keeps cookies) on a
   connection it keeps for its polls (keep-alive, as a browser tab does); the measured
   phase starts once the last viewer has its page.

Each phase prints the machine's load average before and after it and the CPU seconds used
by the generator (this process) and by the server's processes: all share the same cores.

    .venv/bin/python bench/room_audience.py [--quick]   # --quick: 30 s per phase, not 120

Prints figures; it is not a test. The server it starts is stopped.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import tasks  # bench/tasks.py: its server wrapper and free port
from openloop import KeptConnection, OpenLoopResult, get_request

SLUG = "room-bench"
ATTENDEES, VIEWERS = 100, 500
#: Seconds over which the viewers arrive, before the measured phase.
ARRIVAL = 15.0
#: What live.js sends with each poll: the server then leaves the session unread on a 304
#: (common.language_choice.live_poll). Without it every poll read the session.
POLL = {"X-Live": "1"}


def build(env: dict[str, str]) -> dict[str, Any]:
    """Migrate a fresh database and seed the room: an event, a session, a pinned question,
    an open poll, 100 attendees with tokens and session cookies, a facilitator."""
    subprocess.run([sys.executable, "-m", "immerse.cli", "manage", "migrate", "-v", "0"],
                   env={**os.environ, **env}, check=True)
    os.environ.update(env)
    # Imported here: Django reads its settings from the environment set just above.
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from immerse.audience import services
    from immerse.people.tokens import token_create
    from tests.factories import (
        make_event,
        make_person,
        make_registration,
        make_role,
        make_session,
        make_user,
    )

    def cookie(user: Any) -> str:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"

    event = make_event(slug=SLUG, capacity=ATTENDEES + 10)
    session = make_session(event=event, title="Listening first")
    people = []
    for n in range(ATTENDEES):
        user = make_user(f"attendee{n}")
        make_registration(event=event, person=make_person(user=user, name=f"Attendee {n}"))
        people.append((token_create(user=user, name="bench")[1], cookie(user)))
    facilitator = make_user("facilitator")
    make_role(event=event, user=facilitator, role="facilitator")
    pinned = services.question_ask(session=session, user=facilitator, name="F",
                                   text="Probe: how fast does the projector see a vote?")
    services.question_moderate(question=pinned, action="pin")
    seeds = [services.question_ask(session=session, user=facilitator, name="F",
                                   text=f"Seed question {n}?").pk for n in range(20)]
    poll = services.poll_create(session=session, kind="single", prompt="Which first?",
                                choices=["Listen", "Share", "Blog"])
    services.poll_status_set(poll=poll, status="open")
    return {"session": session.pk, "pinned": pinned.pk, "questions": seeds, "poll": poll.pk,
            "people": people, "facilitator": cookie(facilitator),
            "probe": token_create(user=facilitator, name="probe")[1]}


async def exchange(port: int, request: bytes) -> tuple[str, dict[str, str], bytes]:
    """One request on its own connection: status, headers, body. A refused, reset or timed
    out exchange gives the error's name as its status (counted, never hidden)."""
    try:
        return await asyncio.wait_for(_exchange(port, request), 60.0)
    except OSError as exc:  # TimeoutError included
        return type(exc).__name__, {}, b""


async def kept_exchange(browser: KeptConnection, request: bytes
                        ) -> tuple[str, dict[str, str], bytes]:
    """``exchange`` on a browser's kept connection."""
    try:
        return await asyncio.wait_for(browser.exchange(request), 60.0)
    except (OSError, asyncio.IncompleteReadError) as exc:  # TimeoutError included
        browser.close()
        return type(exc).__name__, {}, b""


async def _exchange(port: int, request: bytes) -> tuple[str, dict[str, str], bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        await writer.drain()
        raw = await reader.read()
    finally:
        writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers: dict[str, str] = {}
    for name, value in (line.split(": ", 1) for line in lines[1:] if ": " in line):
        # Several Set-Cookie lines (the grant to watch, the CSRF cookie): one per line.
        headers[name] = f"{headers[name]}\n{value}" if name in headers else value
    parts = lines[0].split()
    return (parts[1] if len(parts) > 1 else "?"), headers, body


def kept_cookie(cookie: str, answer: dict[str, str]) -> str:
    """``cookie`` with the one the answer sets (the live region's grant to watch, as a
    browser keeps it: common.live.watch_grant), replacing an older value of the same name."""
    for line in answer.get("Set-Cookie", "").split("\n"):
        pair = line.split(";", 1)[0]
        if "=" in pair:
            name = pair.split("=", 1)[0]
            kept = [c for c in cookie.split("; ") if c and not c.startswith(f"{name}=")]
            cookie = "; ".join([*kept, pair])
    return cookie


def api(port: int, token: str, method: str, path: str, body: bytes = b"") -> bytes:
    return get_request(f"/api/v1/events/{SLUG}{path}", port=port, method=method, body=body,
                       headers={"Authorization": f"Bearer {token}"})


async def attendees(port: int, room: dict[str, Any], seconds: float) -> dict[str, OpenLoopResult]:
    kinds = ("vote", "poll", "read", "ask")
    results = {k: OpenLoopResult(users=ATTENDEES, think=3.0, seconds=seconds) for k in kinds}
    deadline = time.monotonic() + seconds
    people: list[tuple[str, str]] = room["people"]

    async def person(n: int) -> None:
        rng, token = random.Random(n), people[n][0]
        await asyncio.sleep(rng.expovariate(1 / 3.0))
        while time.monotonic() < deadline:
            kind = rng.choices(kinds, weights=(40, 30, 20, 10))[0]
            if kind == "vote":
                question = rng.choice(room["questions"])
                request = api(port, token, rng.choice(("POST", "POST", "DELETE")),
                              f"/questions/{question}/votes")
            elif kind == "poll":
                request = api(port, token, "POST", f"/polls/{room['poll']}/votes",
                              b'{"answer": [%d]}' % rng.randrange(3))
            elif kind == "read":
                request = api(port, token, "GET", f"/sessions/{room['session']}/questions")
            else:
                request = api(port, token, "POST", f"/sessions/{room['session']}/questions",
                              b'{"text": "Question %d from %d?"}' % (rng.randrange(10**6), n))
            sent = time.perf_counter()
            status, _, _ = await exchange(port, request)
            results[kind].latencies_ms.append((time.perf_counter() - sent) * 1000)
            results[kind].statuses[status] += 1
            await asyncio.sleep(min(rng.expovariate(1 / 3.0),
                                    max(0.0, deadline - time.monotonic())))

    await asyncio.gather(*(person(n) for n in range(ATTENDEES)))
    return results


async def projector_probe(port: int, room: dict[str, Any], seconds: float) -> list[float]:
    """Seconds from a vote's answer until the projector's fragment shows the new count."""
    path = f"/events/{SLUG}/sessions/{room['session']}/questions/projector/live/"
    cookie, delays, etag, on = room["facilitator"], [], "", True
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        method = "POST" if on else "DELETE"
        await exchange(port, api(port, room["probe"], method,
                                 f"/questions/{room['pinned']}/votes"))
        wanted = "1 vote" if on else "0 votes"
        voted = time.perf_counter()
        while time.monotonic() < deadline:
            headers = {"Cookie": cookie, **POLL, **({"If-None-Match": etag} if etag else {})}
            status, answer, text = await exchange(port, get_request(path, port=port,
                                                                    headers=headers))
            cookie = kept_cookie(cookie, answer)
            if status == "200":
                etag = answer.get("ETag", "")
                first = re.search(rb'votes">(\d+ votes?)<', text)
                if first and first.group(1).decode() == wanted:
                    delays.append(time.perf_counter() - voted)
                    break
            await asyncio.sleep(0.1)
        on = not on
        await asyncio.sleep(1.0)
    return delays


async def site_and_viewers(port: int, room: dict[str, Any], seconds: float, viewers: int,
                           server_pid: int) -> tuple[OpenLoopResult, OpenLoopResult]:
    """The program page's people for ``seconds``, once ``viewers`` have arrived: each opens
    the questions page over ARRIVAL seconds (its ETag and grant to watch, kept as a browser
    keeps them) and then polls. The measured window starts when the last one has its page,
    so it holds the viewers' steady state, not the queue of their first pages."""
    site = OpenLoopResult(users=20, think=2.0, seconds=seconds)
    live = OpenLoopResult(users=viewers, think=1.5, seconds=seconds)
    pages = OpenLoopResult(users=viewers, think=ARRIVAL, seconds=ARRIVAL)
    window = {"start": math.inf, "deadline": math.inf}
    all_in = asyncio.Event()
    people: list[tuple[str, str]] = room["people"]
    path = f"/events/{SLUG}/sessions/{room['session']}/questions/live/"
    connections: list[int] = []

    def arrived() -> None:
        if len(pages.latencies_ms) == viewers:
            window["start"] = time.monotonic()
            window["deadline"] = window["start"] + seconds
            all_in.set()

    async def browse(n: int) -> None:
        rng = random.Random(10_000 + n)
        await all_in.wait()
        await asyncio.sleep(rng.expovariate(1 / 2.0))
        while time.monotonic() < window["deadline"]:
            sent = time.perf_counter()
            status, _, _ = await exchange(port, get_request(f"/events/{SLUG}/program/",
                                                            port=port))
            site.latencies_ms.append((time.perf_counter() - sent) * 1000)
            site.statuses[status] += 1
            await asyncio.sleep(rng.expovariate(1 / 2.0))

    async def view(n: int) -> None:
        # A browser's tab: one keep-alive connection for the page and every poll after it.
        rng, etag, browser = random.Random(20_000 + n), "", KeptConnection(port)
        cookie = people[n % len(people)][1]
        await asyncio.sleep(rng.uniform(0, ARRIVAL))
        sent = time.perf_counter()
        status, answer, page = await kept_exchange(browser, get_request(
            path.removesuffix("live/"), port=port, headers={"Cookie": cookie},
            keep_alive=True))
        pages.latencies_ms.append((time.perf_counter() - sent) * 1000)
        pages.statuses[status] += 1
        arrived()
        cookie = kept_cookie(cookie, answer)
        held = re.search(rb'data-live-etag="([^"]*)"', page)
        etag = held.group(1).decode().replace("&quot;", '"') if held else ""
        while time.monotonic() < window["deadline"]:
            await asyncio.sleep(1.5 * rng.uniform(0.9, 1.1))  # live.js's jitter
            headers = {"Cookie": cookie, **POLL, **({"If-None-Match": etag} if etag else {})}
            sent = time.perf_counter()
            status, answer, _ = await kept_exchange(browser, get_request(
                path, port=port, headers=headers, keep_alive=True))
            if time.monotonic() >= window["start"]:
                live.latencies_ms.append((time.perf_counter() - sent) * 1000)
                live.statuses[status] += 1
            etag, cookie = answer.get("ETag", etag), kept_cookie(cookie, answer)
        browser.close()
        connections.append(browser.opened)

    async def measured_window() -> None:
        if viewers:
            with measured(f"{viewers} viewers open their page", server_pid):
                await all_in.wait()
        else:
            window["start"] = time.monotonic()
            window["deadline"] = window["start"] + seconds
            all_in.set()
        with measured(f"site with {viewers} viewers", server_pid):
            await asyncio.sleep(seconds)

    await asyncio.gather(measured_window(), *(browse(n) for n in range(20)),
                         *(view(n) for n in range(viewers)))
    if viewers:
        print(line("viewers' first page", pages))
        print(f"  the viewers opened {sum(connections)} connections ({len(connections)} "
              "browsers, a new one only when the server closed the last)")
    return site, live


def line(name: str, result: OpenLoopResult) -> str:
    return (f"  {name:<22} {len(result.latencies_ms):>6} requests  p50 "
            f"{result.percentile(50):7.1f} ms  p95 {result.percentile(95):7.1f} ms  "
            f"statuses {dict(result.statuses)}")


def tree_cpu(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` and its living descendants (/proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:  # gone meanwhile
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(tree_cpu(int(child)) for child in children)


@contextmanager
def measured(label: str, server_pid: int) -> Iterator[None]:
    """Prints the machine's load average before and after a phase, and the CPU seconds the
    generator (this process) and the server (all its processes) used in it: the generator
    shares the cores with the server, so both are shown, neither subtracted."""
    load, wall = os.getloadavg()[0], time.monotonic()
    mine, server = time.process_time(), tree_cpu(server_pid)
    yield
    took = time.monotonic() - wall
    print(f"  [{label}: {took:.0f} s; load average {load:.1f} -> {os.getloadavg()[0]:.1f}; "
          f"CPU s used: generator {time.process_time() - mine:.1f}, server "
          f"{tree_cpu(server_pid) - server:.1f}]", flush=True)


async def run(port: int, room: dict[str, Any], seconds: float, server_pid: int) -> None:
    print(f"1-2. {ATTENDEES} attendees for {seconds:.0f} s, and the projector probe:")
    with measured("attendees", server_pid):
        acted, delays = await asyncio.gather(attendees(port, room, seconds),
                                             projector_probe(port, room, seconds))
    for kind, result in acted.items():
        print(line(kind, result))
    delays.sort()
    if delays:
        print(f"  projector shows a vote after (server side, {len(delays)} probes): median "
              f"{delays[len(delays) // 2]:.2f} s, max {delays[-1]:.2f} s; in a browser add "
              "up to the 1.5 s polling interval")
    print(f"3. the rest of the site (program page) for {seconds:.0f} s, without viewers, "
          f"then with {VIEWERS} viewers of the live questions (arriving over {ARRIVAL:.0f} s "
          "first, measured from the last one's page on):", flush=True)
    alone, _ = await site_and_viewers(port, room, seconds, 0, server_pid)
    watched, live = await site_and_viewers(port, room, seconds, VIEWERS, server_pid)
    print(line("site, no viewers", alone))
    print(line("site, with viewers", watched))
    print(line("viewers' live region", live))
    print(f"  site p95 ratio with/without viewers: "
          f"{watched.percentile(95) / alone.percentile(95):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="30 s per phase instead of 120")
    parser.add_argument("--workers", type=int, default=0,
                        help="gunicorn workers (`immerse serve --workers`); 0: the embedded "
                             "threaded server. REDIS_URL in the environment is the cache")
    parser.add_argument("--log", type=Path, default=Path(tempfile.gettempdir())
                        / "room-audience-server.log",
                        help="where the server's output (tracebacks, access log) is kept")
    options = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="room-bench-"))
    env = {"IMMERSE_DATA_DIR": str(workdir / "data"), "IMMERSE_LOG_LEVEL": "WARNING",
           "DJANGO_SETTINGS_MODULE": "immerse.config.settings",
           # A room of 100 behind one address: the API's per-user limit, not the anonymous
           # one, applies; asking stays limited per account.
           "IMMERSE_API_RATE_USER": "100000/min"}
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        env["DATABASE_URL"] = url.rstrip("/") + "_bench_room"
        base = env["DATABASE_URL"].rsplit("/", 1)
        admin = base[0] + "/postgres"
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {base[1]}"], check=True)
        subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {base[1]}"], check=True)
    (workdir / "data").mkdir()
    servers = None
    try:
        room = build(env)
        load = os.getloadavg()
        print(f"machine load before: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} "
              f"({os.cpu_count()} cores)")
        servers = tasks.Servers(env, serve_args=(
            "--no-task-worker", *(("--workers", str(options.workers)) if options.workers else ())),
            log=options.log)
        asyncio.run(run(servers.port, room, 30.0 if options.quick else 120.0,
                        servers.processes[0].pid))
    finally:
        if servers is not None:
            servers.stop()
            print(f"server log: {options.log}")
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
