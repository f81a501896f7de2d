"""What one request of the room costs the server: CPU seconds per request of `immerse serve`
(all its processes, from /proc) and wall time, one client at a time, so no queue and no
other client weighs on it. The room is bench/room_audience.py's.

    .venv/bin/python bench/room_costs.py                 # embedded server, SQLite
    DATABASE_URL=postgres://… REDIS_URL=redis://…/11 \\
        .venv/bin/python bench/room_costs.py --workers 4  # gunicorn, PostgreSQL, Redis

Prints figures; it is not a test. The server it starts is stopped.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import room_audience as room_bench  # the room and its helpers
import tasks  # bench/tasks.py: its server wrapper
from openloop import KeptConnection, get_request


async def costs(port: int, pid: int, room: dict[str, object]) -> None:
    people: list[tuple[str, str]] = room["people"]  # type: ignore[assignment]
    page = f"/events/{room_bench.SLUG}/sessions/{room['session']}/questions/"
    browser = KeptConnection(port)
    _, answer, body = await browser.exchange(get_request(
        page, port=port, headers={"Cookie": people[0][1]}, keep_alive=True))
    cookie = room_bench.kept_cookie(people[0][1], answer)
    held = re.search(rb'data-live-etag="([^"]*)"', body)
    etag = held.group(1).decode().replace("&quot;", '"') if held else ""

    async def many(label: str, make: Callable[[], bytes], n: int, kept: bool = True) -> None:
        cpu, wall, statuses = room_bench.tree_cpu(pid), time.perf_counter(), Counter[str]()
        for _ in range(n):
            if kept:
                status = (await browser.exchange(make()))[0]
            else:
                status = (await room_bench.exchange(port, make()))[0]
            statuses[status] += 1
        print(f"  {label:<46} server {1000 * (room_bench.tree_cpu(pid) - cpu) / n:6.2f} ms "
              f"CPU, wall {1000 * (time.perf_counter() - wall) / n:6.2f} ms  {dict(statuses)}",
              flush=True)

    poll = {"Cookie": cookie, "If-None-Match": etag, **room_bench.POLL}
    no_grant = {"Cookie": people[0][1], "If-None-Match": etag, **room_bench.POLL}
    await many("/healthz, kept connection",
               lambda: get_request("/healthz", port=port, keep_alive=True), 400)
    await many("poll with a grant (the cheap 304), kept",
               lambda: get_request(page + "live/", port=port, headers=poll, keep_alive=True),
               400)
    await many("poll with a grant, a new connection each",
               lambda: get_request(page + "live/", port=port, headers=poll), 400, kept=False)
    await many("poll without a grant (full check, 304)",
               lambda: get_request(page + "live/", port=port, headers=no_grant,
                                   keep_alive=True), 200)
    await many("the questions page (a viewer's first)",
               lambda: get_request(page, port=port, headers={"Cookie": cookie},
                                   keep_alive=True), 100)
    await many("the program page",
               lambda: get_request(f"/events/{room_bench.SLUG}/program/", port=port,
                                   keep_alive=True), 200)
    browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=0,
                        help="gunicorn workers (`immerse serve --workers`); 0: embedded")
    options = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="room-costs-"))
    env = {"IMMERSE_DATA_DIR": str(workdir / "data"), "IMMERSE_LOG_LEVEL": "WARNING",
           "DJANGO_SETTINGS_MODULE": "immerse.config.settings"}
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        env["DATABASE_URL"] = url.rstrip("/") + "_bench_room"
        admin, name = env["DATABASE_URL"].rsplit("/", 1)
        subprocess.run(["psql", admin + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"],
                       check=True)
        subprocess.run(["psql", admin + "/postgres", "-qc", f"CREATE DATABASE {name}"],
                       check=True)
    (workdir / "data").mkdir()
    servers = None
    try:
        room = room_bench.build(env)
        served = f"gunicorn, {options.workers} workers" if options.workers else "embedded"
        print(f"load average {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores); {served}")
        servers = tasks.Servers(env, serve_args=(
            "--no-task-worker", *(("--workers", str(options.workers)) if options.workers
                                  else ())), log=workdir / "server.log")
        asyncio.run(costs(servers.port, servers.processes[0].pid, room))
        print(f"load average {os.getloadavg()[0]:.1f}")
    finally:
        if servers is not None:
            servers.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
