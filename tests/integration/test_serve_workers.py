"""`immerse serve --workers N`: gunicorn's processes each talk to the database on their own
connection, and keep a browser's connection open between its requests.

The first failed before: `serve` migrates (which connects) and then forks gunicorn's workers,
which inherited that one connection and shared its socket. Under load one worker read
another's rows: 500s (IndexError, TypeError in the row converters) and tokens not found,
whose failures then tripped the token-failure limit (429) for every client on the address
(bench/RESULTS.md, "The room under load").
"""

from __future__ import annotations

import http.client
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow,
              pytest.mark.django_db(transaction=True)]


def _database_handles(pid: int) -> list[str]:
    """The open files of process ``pid`` that are the test database: its SQLite file, or a
    TCP connection to PostgreSQL's port (a socket of this process in /proc/net/tcp*)."""
    from django.db import connection

    links = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            links.append(os.readlink(fd))
        except OSError:  # closed meanwhile
            continue
    if connection.vendor == "sqlite":
        name = str(connection.settings_dict["NAME"])
        return [link for link in links if link.startswith(name)]
    port = f":{int(connection.settings_dict['PORT'] or 5432):04X}"
    sockets = {link[len("socket:["):-1] for link in links if link.startswith("socket:[")}
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            fields = row.split()
            if fields[2].endswith(port) and fields[9] in sockets:
                found.append(f"{table}: {fields[1]} -> {fields[2]}")
    return found


def test_the_gunicorn_master_keeps_no_database_connection_for_its_workers_to_share(
        topology_factory) -> None:
    from tests.factories import make_event

    make_event(slug="workers-own-connection")
    topology = topology_factory()
    topology.serve("--no-task-worker", "--workers", "2")
    assert topology.get("/api/v1/events/workers-own-connection")[0] == 200

    assert _database_handles(topology.processes["serve"].pid) == []


def test_serve_workers_keep_a_browser_s_connection_between_requests(topology_factory) -> None:
    topology = topology_factory()
    topology.serve("--no-task-worker", "--workers", "1")
    where = urlsplit(topology.base_url)
    browser = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    try:
        answers = []
        for _ in range(3):
            browser.request("GET", "/healthz")
            response = browser.getresponse()
            response.read()
            answers.append((response.status, response.will_close))
            socket_used = browser.sock
            assert socket_used is not None
        # A second browser is answered while the first one's connection stays open idle.
        other = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
        other.request("GET", "/healthz")
        assert other.getresponse().status == 200
        other.close()
        browser.request("GET", "/healthz")
        response = browser.getresponse()
        response.read()
        assert browser.sock is socket_used  # the same connection, never reopened
    finally:
        browser.close()

    assert answers == [(200, False)] * 3
    assert response.status == 200
    log = (topology.logs / "serve.log").read_text()
    assert "Using worker: gthread" in log
