"""Reporting for bench/load.py: the in-process profile of a page, and the result tables."""

from __future__ import annotations

import json
import time

from openloop import OpenLoopResult


def signup_body(tag: str) -> str:
    """A unique anonymous sign-up, as the load generators send it."""
    return json.dumps({
        "name": "Load profile", "email": f"profile-{tag}@bench.example",
        "organization": "Bench BV", "discipline": "marketing",
        "tool_uses": {"blogging": {"frequency": "weekly", "confidence": 3}},
        "answers": {"work_use": "job"}, "problems": "How do we start a team blog?"})


def profile(path: str, *, cookie: str = "", bearer: str = "",
            post: bool = False) -> dict[str, object]:
    """One request in-process: total ms, queries, SQL ms, the slowest queries.

    ``post``: a fresh sign-up (JSON POST) instead of a GET.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", **({"HTTP_AUTHORIZATION": bearer} if bearer else {}))
    if cookie:
        name, _, value = cookie.partition("=")
        client.cookies[name] = value

    def request() -> int:
        if post:
            return client.post(path, signup_body(f"{time.time_ns()}"),
                               content_type="application/json").status_code
        return client.get(path).status_code

    request()  # warm caches (templates, connection)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        status = request()
    total = (time.perf_counter() - started) * 1000
    timed = sorted(((float(q["time"]) * 1000, q["sql"]) for q in captured), reverse=True)
    sql = sum(ms for ms, _ in timed)
    return {"status": status, "ms": total, "queries": len(timed), "sql_ms": sql,
            "python_ms": total - sql,
            "slowest": [(round(ms, 1), text[:160]) for ms, text in timed[:3]]}


def profile_pages(pages: list[tuple[str, str, str, str]], *, repeat: int = 5) -> None:
    """The in-process profile of each (label, path, cookie, authorization): median of ``repeat``.

    A label with "POST" profiles fresh sign-ups instead of GETs.
    """
    print(f"\nin-process profile, median of {repeat} requests each (production settings):")
    for label, path, cookie, token in pages:
        runs = sorted((profile(path, cookie=cookie, bearer=token, post="POST" in label)
                       for _ in range(repeat)),
                      key=lambda found: found["ms"])
        found = runs[len(runs) // 2]
        print(f"  {label}: HTTP {found['status']} {found['ms']:.0f} ms, {found['queries']} "
              f"queries, SQL {found['sql_ms']:.0f} ms, Python {found['python_ms']:.0f} ms")
        for ms, text in found["slowest"]:
            print(f"      {ms} ms  {text}")


def print_tables(rows: list[tuple[str, dict, dict, OpenLoopResult]], *, seconds: int,
                 open_seconds: float, think: float, targets: dict[str, int],
                 clients: int) -> None:
    """The closed-loop and the people tables, in Markdown; rows: (label, @2, @200, people)."""
    print(f"\nclosed loop (wrk, no think time: saturation): {clients} clients for {seconds} s, "
          f"2 clients for {max(3, seconds // 3)} s")
    print("\n| endpoint | req/s @200 (÷ ceiling) | done | p50 ms | p95 ms | p99 ms | errors "
          "| req/s @2 | p50 ms @2 |")
    print("|---|---|---|---|---|---|---|---|---|")
    ceiling = rows[0][2]["rps"]
    for label, low, high, _ in rows:
        print(f"| {label} | {high['rps']:.1f} ({high['rps'] / ceiling:.3f}) | {high['requests']} "
              f"| {high['p50']:.0f} | {high['p95']:.0f} | {high['p99']:.0f} | "
              f"{high['errors'] + high['status_errors']} | {low['rps']:.0f} | "
              f"{low['p50']:.1f} |")
    print(f"\npeople (bench/openloop.py): {clients} users, exponential think time of mean "
          f"{think:g} s, {open_seconds} s")
    print("\n| endpoint | offered req/s | achieved req/s | p50 ms | p95 ms | p99 ms | errors "
          "| generator CPU | target p95 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, _, _, thinking in rows:
        target = targets.get(label)
        p95 = thinking.percentile(95)
        verdict = "" if target is None else f"< {target}: {'met' if p95 < target else 'missed'}"
        print(f"| {label} | {thinking.offered_rps:.0f} | {thinking.achieved_rps:.1f} | "
              f"{thinking.percentile(50):.0f} | {p95:.0f} | {thinking.percentile(99):.0f} | "
              f"{thinking.errors} | {thinking.generator_cpu_share:.0%} | {verdict} |")


def cpu_in_process(pages: list[tuple[str, str, str]], *, requests: int = 150,
                   rounds: int = 2) -> None:
    """CPU per request of each (label, path, cookie) in this process: the Django test client,
    5 warm-up requests, then ``requests`` timed with the process CPU clock; pages
    interleaved round by round so that load from other jobs falls on all of them. The
    ratio is the first page's (the ceiling's) CPU per request over each page's."""
    from django.test import Client

    clients = []
    for _, _, cookie in pages:
        client = Client(HTTP_HOST="127.0.0.1")
        if cookie:
            name, _, value = cookie.partition("=")
            client.cookies[name] = value
        clients.append(client)
    print(f"\nin-process CPU per request ({requests} requests after 5 warm-up, {rounds} "
          "rounds interleaved)\n\n| round | " + " | ".join(label for label, _, _ in pages)
          + " |\n" + "|---" * (len(pages) + 1) + "|")
    for number in range(1, rounds + 1):
        cells = []
        for (_, path, _), client in zip(pages, clients, strict=True):
            for _ in range(5):
                assert client.get(path).status_code == 200, path
            started = time.process_time()
            for _ in range(requests):
                client.get(path)
            cells.append((time.process_time() - started) / requests * 1000)
        print(f"| {number} | " + " | ".join(f"{ms:.2f} ms ({cells[0] / ms:.2f})"
                                            for ms in cells) + " |", flush=True)
