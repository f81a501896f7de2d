"""The embedded server (`immerse serve`, Django's threaded server) answers at once on a
connection the browser keeps: Python's WSGI server writes a reply in pieces, and Nagle's
algorithm held each piece after the first until the browser's delayed acknowledgement
(40 ms on Linux), so every live poll on a kept connection took at least 40 ms."""

from __future__ import annotations

import http.client
import time
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow,
              pytest.mark.django_db(transaction=True)]


def test_the_embedded_server_answers_a_kept_connection_without_the_40_ms_stall(
        topology_factory) -> None:
    topology = topology_factory()
    topology.serve("--no-task-worker")
    where = urlsplit(topology.base_url)
    browser = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
    times = []
    try:
        for _ in range(30):
            started = time.perf_counter()
            browser.request("GET", "/healthz")
            response = browser.getresponse()
            response.read()
            times.append(time.perf_counter() - started)
            assert (response.status, response.will_close) == (200, False)
    finally:
        browser.close()

    # The first requests of a connection are acknowledged at once (quick-ack), so look at
    # the rest: with the stall not one of them took less than 40 ms.
    assert min(times[10:]) < 0.030, [f"{t * 1000:.1f} ms" for t in times]
