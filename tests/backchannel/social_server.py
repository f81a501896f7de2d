"""A real HTTP server on loopback that answers like Mastodon, Bluesky and a blog.

It serves stored posts (in the services' real shapes, see ``immerse.demo.social_shapes``,
and the recorded pages in ``recorded/``) with the services' paging rules, and can be told
to misbehave: 429 with ``Retry-After`` or ``X-RateLimit-Reset``, 5xx, a hang longer than
the client's timeout, garbage, an HTML error page, a truncated or endless body, a body that
is not UTF-8. Tests, the browser test and ``bench/listening.py`` all poll it over real HTTP.

- ``GET /api/v1/timelines/tag/<tag>``: ``min_id`` / ``since_id`` / ``max_id`` / ``limit``
  exactly as Mastodon (ascending page above ``min_id``, newest first), with ``Link``.
- ``POST /xrpc/com.atproto.server.createSession`` / ``refreshSession`` and
  ``GET /xrpc/app.bsky.feed.searchPosts`` (``q``, ``since``, ``sort=latest``, ``cursor``,
  ``limit``), a Bearer token required; tokens can be made to expire.
- ``GET /feeds/<name>``: stored feed bytes with ``ETag``/``Last-Modified`` and 304.
"""

from __future__ import annotations

import bisect
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import orjson


@dataclass
class Fault:
    """One scripted misbehaviour for requests whose path starts with ``path``."""

    path: str
    kind: str  # 429, 429-reset, 500, 502, 503, timeout, garbage, html, truncated,
    # endless, other-shape, empty; latin1 (the normal answer, é sent as ISO-8859-1)
    times: int = 1
    retry_after: str = "30"
    seconds: float = 3.0
    after: int = 0  # let this many matching requests through first


@dataclass
class Logged:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]


@dataclass(frozen=True)
class Asked:
    """One request, for its route's handler: the path after the route, query, headers
    (lower-case names) and body."""

    rest: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes


#: Path prefix -> the ``_Handler`` method answering it, first match wins. Every polled
#: kind's ``test_route`` (``immerse.backchannel.kinds``) is one of them.
ROUTES: dict[str, str] = {
    "/api/v1/timelines/tag/": "_timeline",
    "/xrpc/com.atproto.server.createSession": "_create_session",
    "/xrpc/com.atproto.server.refreshSession": "_refresh_session",
    "/xrpc/app.bsky.feed.searchPosts": "_search",
    "/feeds/": "_feed",
}


@dataclass
class SocialWorld:
    """What the server holds: posts per hashtag / in the search index, feeds, logins."""

    timelines: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: tag -> (status ids ascending, status of index): timelines made on request, so a
    #: benchmark's 100,000 statuses need not sit in memory.
    generated: dict[str, tuple[list[int], Any]] = field(default_factory=dict)
    search: list[dict[str, Any]] = field(default_factory=list)
    feeds: dict[str, tuple[bytes, str, str, str]] = field(default_factory=dict)
    accounts: dict[str, str] = field(default_factory=dict)  # handle -> app password
    tokens: dict[str, str] = field(default_factory=dict)  # access token -> handle
    refresh_tokens: dict[str, str] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)
    log: list[Logged] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    sessions_created: int = 0


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up early (a size limit, a timeout) is what some tests do: no
    traceback for it on stderr, where it would land outside any test under pytest-xdist."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class SocialServer:
    def __init__(self) -> None:
        self.world = SocialWorld()
        world = self.world

        class Handler(_Handler):
            pass

        Handler.world = world
        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> SocialServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)

    # ---- what it holds ----------------------------------------------------------------
    def add_statuses(self, tag: str, statuses: list[dict[str, Any]]) -> None:
        with self.world.lock:
            timeline = self.world.timelines.setdefault(tag.lower(), [])
            timeline.extend(statuses)
            timeline.sort(key=lambda s: int(s["id"]))

    def add_generated(self, tag: str, ids: list[int], make: Any) -> None:
        """A timeline of ``len(ids)`` statuses; ``make(i)`` builds the one with ``ids[i]``."""
        self.world.generated[tag.lower()] = (ids, make)

    def add_bluesky(self, posts: list[dict[str, Any]]) -> None:
        with self.world.lock:
            self.world.search.extend(posts)
            self.world.search.sort(key=lambda p: p["record"]["createdAt"], reverse=True)

    def set_feed(self, name: str, body: bytes, *, etag: str, modified: datetime | None = None,
                 content_type: str = "application/rss+xml; charset=utf-8") -> str:
        moment = modified or datetime(2027, 3, 15, tzinfo=UTC)
        self.world.feeds[name] = (body, etag, format_datetime(moment, usegmt=True),
                                  content_type)
        return f"{self.url}/feeds/{name}"

    def add_account(self, handle: str, app_password: str) -> None:
        self.world.accounts[handle] = app_password

    def expire_tokens(self) -> None:
        """Every access token issued so far expires (refresh tokens stay valid)."""
        self.world.tokens.clear()

    def fail(self, path: str, kind: str, **options: Any) -> None:
        self.world.faults.append(Fault(path, kind, **options))

    def requests(self, path: str = "") -> list[Logged]:
        return [r for r in self.world.log if r.path.startswith(path)]


@contextmanager
def social_server() -> Iterator[SocialServer]:
    server = SocialServer().start()
    try:
        yield server
    finally:
        server.stop()


class _Handler(BaseHTTPRequestHandler):
    world: SocialWorld
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:  # quiet
        pass

    # ---- plumbing ---------------------------------------------------------------------
    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None,
              content_type: str = "application/json; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    latin1 = False

    def _json(self, status: int, value: object, headers: dict[str, str] | None = None) -> None:
        body = orjson.dumps(value)
        if self.latin1:  # the "latin1" fault: é sent in ISO-8859-1, as a broken proxy would
            body = body.replace("é".encode(), "é".encode("latin-1"))
        self._send(status, body, headers)

    def _fault(self, path: str) -> Fault | None:
        with self.world.lock:
            for fault in self.world.faults:
                if path.startswith(fault.path) and fault.times > 0:
                    if fault.after > 0:
                        fault.after -= 1
                        return None
                    fault.times -= 1
                    return fault
        return None

    def _misbehave(self, fault: Fault) -> None:
        kind = fault.kind
        if kind == "429":
            self._json(429, {"error": "Too many requests"}, {"Retry-After": fault.retry_after})
        elif kind == "429-reset":
            reset = datetime.fromtimestamp(time.time() + float(fault.retry_after), UTC)
            self._json(429, {"error": "Too many requests"}, {
                "X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": reset.strftime("%Y-%m-%dT%H:%M:%S.000Z")})
        elif kind in ("500", "502", "503"):
            self._send(int(kind), b"<html><body><h1>Bad gateway</h1></body></html>",
                       content_type="text/html")
        elif kind == "timeout":
            time.sleep(fault.seconds)
            self._json(200, [])
        elif kind == "garbage":
            self._send(200, bytes(range(256)) * 4, content_type="application/octet-stream")
        elif kind == "html":
            self._send(200, b"<!DOCTYPE html><html><body>We'll be back soon.</body></html>",
                       content_type="text/html")
        elif kind == "other-shape":
            self._json(200, {"error": "Record not found"})
        elif kind == "empty":
            self._send(200, b"")
        elif kind == "truncated":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b'[{"id": "1", "content": "cut')
            self.wfile.flush()
            self.close_connection = True
        elif kind == "endless":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"[" + b'"x",' * 16_000
            try:
                for _ in range(2000):  # ~128 MB if nobody stops reading
                    self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        else:
            raise AssertionError(f"unknown fault {kind}")

    def _route(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        headers = {k.lower(): v for k, v in self.headers.items()}
        length = int(headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        self.world.log.append(Logged(self.command, parts.path, query, headers))
        fault = self._fault(parts.path)
        self.latin1 = fault is not None and fault.kind == "latin1"
        if fault is not None and not self.latin1:
            self._misbehave(fault)
            return
        for prefix, handler in ROUTES.items():
            if parts.path.startswith(prefix):
                getattr(self, handler)(Asked(unquote(parts.path.removeprefix(prefix)), query,
                                             headers, body))
                return
        self._json(404, {"error": "Not found"})

    do_GET = do_POST = do_HEAD = _route

    # ---- Mastodon ---------------------------------------------------------------------
    def _timeline(self, asked: Asked) -> None:
        tag, query = asked.rest, asked.query
        if tag.lower() in self.world.generated:
            ids, make = self.world.generated[tag.lower()]
        else:
            with self.world.lock:
                statuses = list(self.world.timelines.get(tag.lower(), []))
            ids, make = [int(s["id"]) for s in statuses], statuses.__getitem__
        limit = max(1, min(int(query.get("limit") or 20), 40))
        if query.get("min_id"):  # the page immediately above min_id
            start = bisect.bisect_right(ids, int(query["min_id"]))
            chosen = range(start, min(start + limit, len(ids)))
        else:
            low = bisect.bisect_right(ids, int(query.get("since_id") or -1))
            high = (bisect.bisect_left(ids, int(query["max_id"])) if query.get("max_id")
                    else len(ids))
            chosen = range(max(low, high - limit), high)
        page = [make(i) for i in reversed(chosen)]  # newest first, as Mastodon answers
        headers = {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "299",
                   "X-RateLimit-Reset": "2099-01-01T00:00:00.000Z"}
        if page:
            base = f"http://{self.headers['Host']}/api/v1/timelines/tag/{tag}"
            older = urlencode({"limit": limit, "max_id": page[-1]["id"]})
            newer = urlencode({"limit": limit, "min_id": page[0]["id"]})
            headers["Link"] = f'<{base}?{older}>; rel="next", <{base}?{newer}>; rel="prev"'
        self._json(200, page, headers)

    # ---- Bluesky ----------------------------------------------------------------------
    def _issue(self, handle: str) -> dict[str, str]:
        with self.world.lock:
            self.world.sessions_created += 1
            n = self.world.sessions_created
        access, refresh = f"access-{n}-{handle}", f"refresh-{n}-{handle}"
        self.world.tokens[access] = handle
        self.world.refresh_tokens[refresh] = handle
        return {"accessJwt": access, "refreshJwt": refresh, "handle": handle,
                "did": f"did:plc:{handle.replace('.', '')[:24]}", "active": True}

    def _create_session(self, asked: Asked) -> None:
        try:
            login = orjson.loads(asked.body)
        except orjson.JSONDecodeError:
            self._json(400, {"error": "InvalidRequest", "message": "bad JSON"})
            return
        handle, password = login.get("identifier"), login.get("password")
        if self.world.accounts.get(handle) != password:
            self._json(401, {"error": "AuthenticationRequired",
                             "message": "Invalid identifier or password"})
            return
        self._json(200, self._issue(handle))

    def _refresh_session(self, asked: Asked) -> None:
        token = asked.headers.get("authorization", "").removeprefix("Bearer ")
        handle = self.world.refresh_tokens.pop(token, None)
        if handle is None:
            self._json(400, {"error": "ExpiredToken", "message": "Token has expired"})
            return
        self._json(200, self._issue(handle))

    def _search(self, asked: Asked) -> None:
        query = asked.query
        token = asked.headers.get("authorization", "").removeprefix("Bearer ")
        if token not in self.world.tokens:
            self._json(400, {"error": "ExpiredToken", "message": "Token has expired"})
            return
        term = query.get("q", "").lower()
        since = query.get("since", "")
        with self.world.lock:
            found = [p for p in self.world.search if _matches(p, term)
                     and (not since or p["record"]["createdAt"] >= since)]
        offset = int(query.get("cursor") or 0)
        limit = max(1, min(int(query.get("limit") or 25), 100))
        page = found[offset:offset + limit]
        answer: dict[str, Any] = {"hitsTotal": len(found), "posts": page}
        if offset + limit < len(found):
            answer["cursor"] = str(offset + limit)
        self._json(200, answer, {"RateLimit-Limit": "3000", "RateLimit-Remaining": "2999"})

    # ---- feeds ------------------------------------------------------------------------
    def _feed(self, asked: Asked) -> None:
        name, headers = asked.rest, asked.headers
        if name not in self.world.feeds:
            self._send(404, b"<html><body>Not found</body></html>", content_type="text/html")
            return
        body, etag, modified, content_type = self.world.feeds[name]
        if headers.get("if-none-match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self._send(200, body, {"ETag": etag, "Last-Modified": modified},
                   content_type=content_type)


def _matches(post: dict[str, Any], term: str) -> bool:
    record = post["record"]
    if term.startswith("#"):
        tags = {f["tag"].lower() for facet in record.get("facets", [])
                for f in facet["features"] if f["$type"].endswith("#tag")}
        return term[1:] in tags
    return term in record["text"].lower()
