"""One poller per kind of source: what to ask the service, and where the next poll starts.

A poller is a generator of :class:`Step` values, one per page fetched: the page's records
and problems and the source's ``state`` once that page is stored. The caller
(``services.polling``) stores each page together with its state in one transaction, so an
interrupted poll resumes exactly after the last stored page, and nothing is half-written.
A poller ends normally when it has caught up, or raises :class:`PollWait` (rate limited:
come back later, not a failure) or :class:`PollFailed` (with the reason shown to
organizers; ``permanent`` when retrying cannot help: a refused password, a missing tag).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from immerse.backchannel.fetch import Fetched
from immerse.engine.listening.api_pages import Page, wait_seconds

#: How long to wait after a 429 that names no time.
DEFAULT_WAIT_SECONDS = 300.0


@dataclass(frozen=True, slots=True)
class Step:
    page: Page
    state: dict[str, Any]
    #: New credentials/session values to seal, or None when unchanged.
    secret: dict[str, Any] | None = None
    #: The server said no requests remain before this many seconds.
    wait: float | None = None
    not_modified: bool = False


@dataclass(frozen=True, slots=True)
class Context:
    """What a poller knows about its source: address, tag or terms, login, window start."""

    url: str
    tag: str
    handle: str
    secret: dict[str, Any]
    state: dict[str, Any]
    window_start: datetime
    max_pages: int
    now: datetime
    extra: dict[str, Any] = field(default_factory=dict)


class PollWait(Exception):
    def __init__(self, seconds: float, reason: str) -> None:
        super().__init__(reason)
        self.seconds = seconds
        #: Credentials renewed before the stop, to keep (see ``Step.secret``).
        self.secret: dict[str, Any] | None = None


class PollFailed(Exception):
    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.permanent = permanent
        self.secret: dict[str, Any] | None = None


def host_of(url: str) -> str:
    return urlsplit(url).netloc or url


def check_status(response: Fetched, *, now: datetime, what: str) -> None:
    """Raise for an answer that is not a 2xx (or a feed's 304), saying what it means."""
    status, host = response.status, host_of(response.url)
    if status == 429 or (status == 503 and "retry-after" in response.headers):
        wait = wait_seconds(response.headers, now=now, limited=True)
        seconds = DEFAULT_WAIT_SECONDS if wait is None else max(wait, 1.0)
        raise PollWait(seconds, f"{host} asks us to slow down ({status}); next try in "
                                f"{seconds:.0f} s")
    if status in (401, 403):
        raise PollFailed(f"{host} refused access to {what} ({status})", permanent=True)
    if status in (404, 410):
        raise PollFailed(f"{host} has no {what} ({status}): check the address", permanent=True)
    if status >= 500:
        raise PollFailed(f"{host} had a server error ({status})")
    if status >= 400:
        raise PollFailed(f"{host} rejected the request for {what} ({status})", permanent=True)
    if status >= 300 and status != 304:
        raise PollFailed(f"{host} answered {status} without a usable redirect")


def remaining_wait(response: Fetched, *, now: datetime) -> float | None:
    """Seconds until the rate limit resets when the server says none are left."""
    return wait_seconds(response.headers, now=now, limited=False)
