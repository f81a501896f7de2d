"""CPU per request of the whole event's iCal feed, FOSDEM 2024 imported (876 sessions).

Builds a throwaway SQLite database, imports the real FOSDEM 2024 schedule from
``../shared/data/formats`` and asks ``/events/fosdem-2024/calendar.ics`` through Django's
test client, as a calendar app polls it: cold (the cache emptied before each request),
warm (the same feed again), and conditional (``If-None-Match`` with the feed's ETag: a
304 when the program has not changed). Prints CPU milliseconds per request (process
time, the figure that limits a 2-core server) and the wall time.

    .venv/bin/python bench/ical_feed.py [--repeat 10]

Prints figures; bench/RESULTS.md records them (section "iCal feed").
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.shared_data: where the real schedules live
FEED = "/events/fosdem-2024/calendar.ics"


def measure(label: str, repeat: int, request: Callable[[], object]) -> None:
    cpu, wall = [], []
    for _ in range(repeat):
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        request()
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started_wall) * 1000)
    print(f"| {label} | {statistics.median(cpu):.1f} | {min(cpu):.1f} | "
          f"{statistics.median(wall):.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    from tests.shared_data import shared_data

    schedule_file = shared_data("formats", "examples", "fosdem-2024.schedule.xml")
    if not schedule_file.is_file():
        sys.exit(f"FOSDEM 2024 schedule not found at {schedule_file}")
    os.environ["IMMERSE_DATA_DIR"] = tempfile.mkdtemp(prefix="immerse-bench-ical-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    from immerse.cli.django_setup import setup_django

    setup_django(migrate=True)
    from django.core.cache import cache
    from django.test import Client

    from immerse.events.models import Event
    from immerse.program.services.schedule import parse_schedule, schedule_import

    data = schedule_file.read_bytes()
    schedule_import(schedule=parse_schedule(data, source=schedule_file.name),
                    slug="fosdem-2024")
    Event.objects.filter(slug="fosdem-2024").update(venue="ULB Solbosch, Brussels")
    client = Client(HTTP_HOST="127.0.0.1")
    first = client.get(FEED)
    assert first.status_code == 200, first.status_code
    print(f"feed: {len(first.content):,} bytes, {first.content.count(b'BEGIN:VEVENT')} events")

    def cold() -> None:
        cache.clear()
        assert client.get(FEED).status_code == 200

    def warm() -> None:
        assert client.get(FEED).status_code == 200

    etag = first.get("ETag")

    def conditional() -> None:
        response = client.get(FEED, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304, response.status_code

    print("| request | CPU ms (median) | CPU ms (min) | wall ms (median) |")
    print("|---|---|---|---|")
    measure("cold (cache emptied)", args.repeat, cold)
    measure("warm (same feed again)", args.repeat, warm)
    if etag:
        measure("If-None-Match → 304", args.repeat, conditional)
    else:
        print("| If-None-Match → 304 | (no ETag: not supported) | | |")


if __name__ == "__main__":
    main()
