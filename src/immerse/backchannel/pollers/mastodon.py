"""A Mastodon hashtag timeline (``GET /api/v1/timelines/tag/:hashtag``), public, no login.

Incremental with ``min_id``: each request asks for the page just above the newest status
stored, and the ``Link: <…?min_id=…>; rel="prev"`` header of the answer is the next page up
(newer), until a page is short or empty. The first poll starts at the event window's start
(a status id encodes its creation time). ``since_id`` would give the newest page instead and
skip whatever lies between, so it is not used.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, quote, urlsplit

import httpx

from immerse.backchannel.fetch import fetch, same_origin
from immerse.backchannel.pollers import (
    Context,
    PollFailed,
    Step,
    check_status,
    host_of,
    remaining_wait,
)
from immerse.engine.listening.api_pages import (
    PageError,
    link_targets,
    mastodon_id_at,
    mastodon_page,
    newest_status_id,
)

PAGE_SIZE = 40  # the API's maximum for timelines


def timeline_url(base: str, tag: str) -> str:
    return f"{base.rstrip('/')}/api/v1/timelines/tag/{quote(tag.lstrip('#'), safe='')}"


def poll(context: Context, http: httpx.Client) -> Iterator[Step]:
    endpoint = timeline_url(context.url, context.tag)
    min_id = str(context.state.get("min_id") or mastodon_id_at(context.window_start))
    url: str = endpoint
    params: dict[str, object] | None = {"min_id": min_id, "limit": PAGE_SIZE}
    for _ in range(context.max_pages):
        response = fetch(http, url, params=params, headers={"Accept": "application/json"})
        check_status(response, now=context.now, what=f"timeline #{context.tag}")
        try:
            page = mastodon_page(response.body, instance=host_of(context.url))
        except PageError as error:
            raise PollFailed(f"malformed timeline page: {error}") from None
        following = link_targets(response.headers.get("link", "")).get("prev")
        next_min = _min_id_of(following) or newest_status_id(page.records)
        if page.items and next_min is None:
            raise PollFailed("a timeline page without readable ids or paging links")
        state = {"min_id": next_min or min_id}
        wait = remaining_wait(response, now=context.now)
        yield Step(page, state, wait=wait)
        if page.items < PAGE_SIZE or wait is not None or next_min is None:
            return  # caught up (a short page is the newest), or out of requests
        min_id = next_min
        if following and same_origin(following, endpoint):
            url, params = following, None
        else:
            url, params = endpoint, {"min_id": min_id, "limit": PAGE_SIZE}


def _min_id_of(url: str | None) -> str | None:
    if not url:
        return None
    values = parse_qs(urlsplit(url).query).get("min_id")
    return values[0] if values and values[0].isdigit() else None
