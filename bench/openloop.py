"""A light load generator for people who think between clicks (asyncio, raw sockets).

``wrk`` runs a closed loop with no pause: each client sends its next request the moment
the last one returns, so it measures saturation (at N clients, latency ≈ N / throughput by
Little's law). People do not click like that. Here each of ``users`` virtual users waits an
exponential think time (mean ``think`` seconds) between its requests, so the server is
offered about ``users / think`` requests per second whatever its speed, and the
percentiles show the latency people see at that rate. Arrivals stay independent only
while responses are much shorter than the think time; a server slower than the offered
rate shows up as an achieved rate below the offered one and a growing tail.

One request per connection (``Connection: close``), as gunicorn's sync workers answer.
The generator reports its own CPU time, to show it is not the bottleneck.

    >>> import asyncio
    >>> make = lambda user: get_request("/healthz", port=8000)
    >>> # asyncio.run(open_loop(8000, make, users=200, think=2.0, seconds=30))
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

TIMEOUT_SECONDS = 60.0


def get_request(path: str, *, port: int, headers: dict[str, str] | None = None,
                method: str = "GET", body: bytes = b"", keep_alive: bool = False) -> bytes:
    """The bytes of one HTTP/1.1 request that closes its connection afterwards, or with
    ``keep_alive`` leaves it open for the next (as browsers do)."""
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}"]
    lines += [] if keep_alive else ["Connection: close"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    if body or method == "POST":
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


@dataclass
class OpenLoopResult:
    users: int
    think: float
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    generator_cpu_seconds: float = 0.0
    wall_seconds: float = 0.0

    @property
    def offered_rps(self) -> float:
        return self.users / self.think

    @property
    def achieved_rps(self) -> float:
        """Answered requests per second of the run (those still queued at the end are not)."""
        return len(self.latencies_ms) / self.seconds

    @property
    def errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if not status.startswith("2"))

    @property
    def generator_cpu_share(self) -> float:
        """The generator's CPU time over the run's wall time (1.0 = one core, busy)."""
        return self.generator_cpu_seconds / max(self.wall_seconds, 1e-9)

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]


async def _exchange(port: int, request: bytes) -> str:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        await writer.drain()
        head = await reader.readline()  # b"HTTP/1.1 200 OK\r\n"
        await reader.read()  # the rest, until the server closes
    finally:
        writer.close()
    parts = head.split()
    return parts[1].decode() if len(parts) > 1 else "no status line"


async def open_loop(port: int, make: Callable[[int], bytes], *, users: int, think: float,
                    seconds: float, seed: int = 0) -> OpenLoopResult:
    """``users`` people on 127.0.0.1:``port`` for ``seconds``; ``make(user)`` builds each request.

    Each user starts after a first think time (so arrivals are spread from the start) and
    only requests started before the end are counted.
    """
    result = OpenLoopResult(users=users, think=think, seconds=seconds)
    cpu_before = time.process_time()
    started = time.monotonic()
    deadline = started + seconds

    async def user(number: int) -> None:
        rng = random.Random(seed * 100_003 + number)
        await asyncio.sleep(rng.expovariate(1 / think))
        while time.monotonic() < deadline:
            sent = time.perf_counter()
            try:
                status = await asyncio.wait_for(_exchange(port, make(number)),
                                                TIMEOUT_SECONDS)
                result.latencies_ms.append((time.perf_counter() - sent) * 1000)
            except OSError as exc:  # refused, reset, TimeoutError: counted, never hidden
                status = type(exc).__name__
            result.statuses[status] += 1
            pause = rng.expovariate(1 / think)
            await asyncio.sleep(min(pause, max(0.0, deadline - time.monotonic())))

    await asyncio.gather(*(user(n) for n in range(users)))
    result.wall_seconds = time.monotonic() - started
    result.generator_cpu_seconds = time.process_time() - cpu_before
    return result


class KeptConnection:
    """One browser's HTTP/1.1 connection, kept open between its requests (keep-alive).

    Requests go one after another; the answer is read by its ``Content-Length`` (none on a
    304), so the connection stays usable. When the server closes it (``Connection: close``,
    its keep-alive timeout), the next request opens a new one, and a request that meets a
    connection the server closed while it sat idle is sent again once, on a new one, as
    browsers do. ``opened`` counts the connections made.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.opened = 0
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def exchange(self, request: bytes) -> tuple[str, dict[str, str], bytes]:
        """Status, headers (a repeated one joined by newlines) and body of ``request``."""
        reused = self._writer is not None
        try:
            return await self._exchange(request)
        except (ConnectionError, asyncio.IncompleteReadError):
            self.close()
            if not reused:
                raise
        return await self._exchange(request)  # the kept connection had gone stale

    async def _exchange(self, request: bytes) -> tuple[str, dict[str, str], bytes]:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection("127.0.0.1", self.port)
            self.opened += 1
        assert self._reader is not None
        self._writer.write(request)
        await self._writer.drain()
        head = (await self._reader.readuntil(b"\r\n\r\n")).decode("latin-1")
        lines = head.split("\r\n")
        headers: dict[str, str] = {}
        for name, value in (line.split(": ", 1) for line in lines[1:] if ": " in line):
            headers[name] = f"{headers[name]}\n{value}" if name in headers else value
        status = lines[0].split()[1]
        length = next((int(v) for k, v in headers.items() if k.lower() == "content-length"),
                      None)
        closing = any(k.lower() == "connection" and v.lower() == "close"
                      for k, v in headers.items())
        if status in ("304", "204") or length == 0:
            body = b""
        elif length is not None:
            body = await self._reader.readexactly(length)
        else:  # no length: the body ends where the server closes the connection
            body, closing = await self._reader.read(), True
        if closing:
            self.close()
        return status, headers, body

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None
