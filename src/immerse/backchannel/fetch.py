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
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpcore
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
    connection, redirected ones included, goes to an address that passed the check."""
    timeout = settings.IMMERSE_LISTEN_TIMEOUT_SECONDS
    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        follow_redirects=True, max_redirects=5,
        # Servers' operators see who polls them and where to complain.
        headers={"User-Agent": f"immerse/{__version__} (+{settings.IMMERSE_SITE_URL})"},
        # A transport given here also keeps HTTP(S)_PROXY out: a proxy would resolve the
        # name itself, after our check.
        transport=PinnedTransport())


class PinnedTransport(httpx.HTTPTransport):
    """httpx's transport whose connections go to the address that was checked.

    Checking a name and then letting the socket resolve it again is open to DNS
    rebinding: a name answering with a public address first and 127.0.0.1 a moment later
    (TTL 0) passes the check and reaches the server's own network. Here the name is
    resolved once per connection, every address checked, and the socket opened to a
    checked address; TLS still verifies (and sends SNI for) the name, and the Host header
    is the URL's.
    """

    def __init__(self) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(), network_backend=_PinnedBackend())


class _PinnedBackend(httpcore.SyncBackend):
    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        error: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in checked_addresses(host, port):
            try:
                return super().connect_tcp(address, port, timeout, local_address,
                                           socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as failed:
                error = failed
        assert error is not None  # checked_addresses never answers with no address
        raise error


def checked_addresses(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to, all public (unless private hosts are allowed
    by ``IMMERSE_LISTEN_ALLOW_PRIVATE_HOSTS``); one private address refuses the name."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"cannot resolve {host}: {getattr(error, 'strerror', error)}"
                         ) from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise FetchError(f"cannot resolve {host}: no address")
    if not settings.IMMERSE_LISTEN_ALLOW_PRIVATE_HOSTS and not all(
            ipaddress.ip_address(address.split("%", 1)[0]).is_global for address in addresses):
        raise FetchError(f"{host} is a private or local address; sources must be on "
                         "the public internet")
    return addresses


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
