"""HTTP for listening sources: bounded in time and size, refusing the server's own network.

httpx rather than each platform's SDK (Mastodon.py, atproto): the public hashtag timeline,
``searchPosts`` and a feed are each one GET of JSON or XML, and what a background poller
needs is control the SDKs do not give: a body read up to a limit (a huge or endless answer
must not fill a worker's memory), an overall deadline, the raw headers (``Link``,
``Retry-After``, ``X-RateLimit-*``, ``ETag``), no sleeping inside the library when rate
limited (Mastodon.py's "wait" mode blocks the worker; we reschedule the source instead),
and items read one by one so that one odd post does not fail a whole page (atproto's
models validate a page as a whole). One client for the three kinds keeps a single place
for timeouts, redirects and the address check.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.conf import settings

from immerse import __version__

_CHUNK = 64 * 1024


class FetchError(Exception):
    """The request got no usable answer: timeout, refused, too large, cut off, or an
    address we do not call. ``str()`` is the reason shown to organizers."""


@dataclass(frozen=True, slots=True)
class Fetched:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes
    url: str


def client() -> httpx.Client:
    """A client with the listening timeouts; redirects are followed (up to 5), and every
    request, redirected ones included, passes the address check."""
    timeout = settings.IMMERSE_LISTEN_TIMEOUT_SECONDS
    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        follow_redirects=True, max_redirects=5,
        # Servers' operators see who polls them and where to complain.
        headers={"User-Agent": f"immerse/{__version__} (+{settings.IMMERSE_SITE_URL})"},
        event_hooks={"request": [_check_address]})


def _check_address(request: httpx.Request) -> None:
    if settings.IMMERSE_LISTEN_ALLOW_PRIVATE_HOSTS:
        return
    host = request.url.host
    try:
        infos = socket.getaddrinfo(host, request.url.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as error:
        raise FetchError(f"cannot resolve {host}: {error.strerror}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise FetchError(f"{host} is a private or local address; sources must be on "
                             "the public internet")


def fetch(http: httpx.Client, url: str, *, method: str = "GET",
          params: dict[str, Any] | None = None, headers: dict[str, str] | None = None,
          json: Any = None, max_bytes: int | None = None) -> Fetched:
    """One request, its body read up to ``max_bytes`` (the setting by default) within an
    overall deadline of twice the timeout (a server trickling bytes cannot hold us)."""
    limit = max_bytes or settings.IMMERSE_LISTEN_MAX_RESPONSE_BYTES
    deadline = time.monotonic() + 2 * settings.IMMERSE_LISTEN_TIMEOUT_SECONDS
    try:
        with http.stream(method, url, params=params, headers=headers, json=json) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise FetchError(f"response of {int(declared):,} bytes is larger than the "
                                 f"{limit:,} allowed")
            chunks, size = [], 0
            for chunk in response.iter_bytes(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise FetchError(f"response larger than the {limit:,} bytes allowed")
                if time.monotonic() > deadline:
                    raise FetchError("response too slow: still arriving after "
                                     f"{2 * settings.IMMERSE_LISTEN_TIMEOUT_SECONDS:.0f} s")
                chunks.append(chunk)
            return Fetched(response.status_code,
                           {k.lower(): v for k, v in response.headers.items()},
                           b"".join(chunks), str(response.url))
    except httpx.TimeoutException:
        raise FetchError(f"no answer within {settings.IMMERSE_LISTEN_TIMEOUT_SECONDS:.0f} s"
                         ) from None
    except httpx.TooManyRedirects:
        raise FetchError("too many redirects") from None
    except httpx.RemoteProtocolError as error:
        raise FetchError(f"response cut off or malformed: {error}") from None
    except httpx.DecodingError as error:
        raise FetchError(f"response not decodable: {error}") from None
    except (httpx.TransportError, httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
        raise FetchError(f"cannot connect: {error or type(error).__name__}") from None


def same_origin(url: str, base: str) -> bool:
    """``url`` is on the scheme and host of ``base`` (a paging link must not send us
    elsewhere)."""
    one, two = urlsplit(url), urlsplit(base)
    return (one.scheme, one.netloc.lower()) == (two.scheme, two.netloc.lower())
