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
                method: str = "GET", body: bytes = b"") -> bytes:
    """The bytes of one HTTP/1.1 request that closes its connection afterwards."""
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
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
