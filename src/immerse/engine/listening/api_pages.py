"""One page of a social-web API, read into records; the paging and rate-limit headers.

The network is the caller's (``backchannel.fetch``); this module turns a response body and
its headers into plain values: records and per-item problems, where the next page starts,
how long to wait. A body that is not the page it should be (HTML from a proxy, a truncated
answer, JSON of another shape) raises :class:`PageError` naming what it got instead.

>>> link_targets('<https://m.example/api/v1/timelines/tag/x?max_id=7>; rel="next", '
...              '<https://m.example/api/v1/timelines/tag/x?min_id=9>; rel="prev"')["prev"]
'https://m.example/api/v1/timelines/tag/x?min_id=9'
>>> mastodon_id_at(datetime(2027, 3, 15, tzinfo=UTC))
'118296988876800000'
"""

from __future__ import annotations

import email.utils
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any

import orjson

from immerse.engine.listening.parse_bluesky import record_from_post_view
from immerse.engine.listening.parse_mastodon import record_from_status
from immerse.engine.listening.records import ParseProblem, PostRecord, RecordProblem


class PageError(ValueError):
    """The body is not a page of the expected shape; the message says what it is instead."""


@dataclass(frozen=True, slots=True)
class Page:
    """The readable posts of one page, the items that were not, and where to go next."""

    records: tuple[PostRecord, ...]
    problems: tuple[ParseProblem, ...]
    #: Items on the page, readable or not (an empty page means: nothing more).
    items: int
    #: Bluesky's opaque cursor for the following page; None at the end.
    cursor: str | None = None


def _describe(body: bytes) -> str:
    head = body[:200].lstrip().lower()
    if not head:
        return "an empty body"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "an HTML page"
    if head.startswith((b"{", b"[")):
        return "JSON of another shape"
    # Never the bytes themselves: what a server answered is not ours to repeat.
    return f"{len(body):,} bytes of something else"


def _json(body: bytes) -> Any:
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as error:
        if "utf-8" not in str(error).lower():
            raise PageError(f"not JSON ({error}); got {_describe(body)}") from None
    # Not UTF-8 (the API's only encoding): decode what can be, and let the posts that
    # come out garbled be counted as such instead of losing the whole page.
    try:
        return orjson.loads(body.decode("utf-8", errors="replace"))
    except orjson.JSONDecodeError as error:
        raise PageError(f"not JSON ({error}); got {_describe(body)}") from None


def _records(items: list[Any], read: Callable[[Mapping[str, Any]], PostRecord]
             ) -> tuple[tuple[PostRecord, ...], tuple[ParseProblem, ...]]:
    records, problems = [], []
    for number, item in enumerate(items, start=1):
        try:
            if not isinstance(item, Mapping):
                raise RecordProblem(f"expected an object, got {type(item).__name__}")
            records.append(read(item))
        except RecordProblem as problem:
            problems.append(ParseProblem(number, f"item {number}: {problem}"))
    return tuple(records), tuple(problems)


def mastodon_page(body: bytes, *, instance: str | None = None) -> Page:
    """A page of ``GET /api/v1/timelines/tag/:hashtag`` on ``instance`` (its host): a JSON
    list of statuses."""
    document = _json(body)
    if not isinstance(document, list):
        error = document.get("error") if isinstance(document, dict) else None
        raise PageError(f"expected a list of statuses, got {error or type(document).__name__}")
    records, problems = _records(document, partial(record_from_status, instance=instance))
    return Page(records, problems, len(document))


def bluesky_page(body: bytes) -> Page:
    """A page of ``app.bsky.feed.searchPosts``: ``{"posts": [...], "cursor": …}``."""
    document = _json(body)
    if not isinstance(document, dict) or not isinstance(document.get("posts"), list):
        raise PageError(f"expected {{'posts': [...]}}, got {_describe(body)}")
    records, problems = _records(document["posts"], record_from_post_view)
    cursor = document.get("cursor")
    return Page(records, problems, len(document["posts"]),
                cursor=str(cursor) if cursor and document["posts"] else None)


def newest_status_id(records: tuple[PostRecord, ...]) -> str | None:
    """The highest instance-local Mastodon id among ``records`` (ids are decimal strings
    of growing length, so they compare as numbers, not as text)."""
    local = ((r.local_id or r.source_id).rsplit("/", 1)[-1] for r in records)
    ids = [i for i in local if i.isdigit()]
    return max(ids, key=lambda i: (len(i), i)) if ids else None


def mastodon_id_at(moment: datetime) -> str:
    """The smallest status id an instance can give a post made at ``moment``.

    Mastodon ids are the creation time in milliseconds shifted left 16 bits (plus a
    sequence), so ``min_id`` set to this value starts a timeline exactly at ``moment``.
    """
    return str(int(moment.timestamp() * 1000) << 16)


def link_targets(header: str) -> dict[str, str]:
    """``rel`` → URL from an RFC 8288 ``Link`` header (as Mastodon sends for paging)."""
    found: dict[str, str] = {}
    for part in header.split(","):
        url, _, params = part.partition(";")
        url = url.strip()
        if not (url.startswith("<") and url.endswith(">")):
            continue
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "rel":
                for rel in value.strip().strip('"').split():
                    found.setdefault(rel.lower(), url[1:-1])
    return found


def wait_seconds(headers: Mapping[str, str], *, now: datetime, limited: bool) -> float | None:
    """How long the server asked us to wait, if it did.

    ``Retry-After`` (seconds or an HTTP date, RFC 9110) first; then, when the response is
    a 429 (``limited``) or says no requests remain, the rate-limit reset time: Mastodon's
    ``X-RateLimit-Reset`` (an ISO 8601 time) or Bluesky's ``RateLimit-Reset`` (epoch
    seconds). None: no instruction, or one that cannot be read.

    >>> now = datetime(2027, 3, 15, 10, 0, tzinfo=UTC)
    >>> wait_seconds({"retry-after": "120"}, now=now, limited=True)
    120.0
    >>> wait_seconds({"x-ratelimit-remaining": "0",
    ...               "x-ratelimit-reset": "2027-03-15T10:05:00.000Z"}, now=now, limited=False)
    300.0
    """
    lower = {k.lower(): v for k, v in headers.items()}
    retry = lower.get("retry-after", "").strip()
    if retry:
        if retry.isdigit():
            return float(retry)
        try:
            when = email.utils.parsedate_to_datetime(retry)
        except (TypeError, ValueError):
            when = None
        if when is not None:
            return max((when - now).total_seconds(), 0.0)
    remaining = lower.get("x-ratelimit-remaining", lower.get("ratelimit-remaining", ""))
    if not limited and remaining.strip() != "0":
        return None
    reset = lower.get("x-ratelimit-reset", lower.get("ratelimit-reset", "")).strip()
    if not reset:
        return None
    try:
        when = (datetime.fromtimestamp(float(reset), UTC) if reset.replace(".", "").isdigit()
                else datetime.fromisoformat(reset.replace("Z", "+00:00")))
    except (ValueError, OverflowError, OSError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - now).total_seconds(), 0.0)


def backoff_seconds(failures: int, *, base: float, cap: float, jitter: float = 0.0) -> float:
    """Exponential backoff after ``failures`` failures in a row: ``base``, 2×, 4×, … up to
    ``cap``; ``jitter`` in [0, 1) adds up to that share so that many sources that failed
    together (a network outage) do not all come back in the same second.

    >>> [backoff_seconds(n, base=60, cap=3600) for n in (1, 2, 3, 7, 20)]
    [60.0, 120.0, 240.0, 3600.0, 3600.0]
    """
    if failures <= 0:
        return 0.0
    delay = min(base * 2.0 ** min(failures - 1, 30), cap)
    return float(delay * (1.0 + jitter))
