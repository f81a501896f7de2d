"""Bluesky post search (``app.bsky.feed.searchPosts``) with an app password.

Search needs a logged-in session: ``com.atproto.server.createSession`` with the handle and
an *app password* (never the account password), whose access token is kept (encrypted, with
the refresh token) and renewed with ``refreshSession`` when it expires; a new session is
created only when refreshing fails, since logins are rate limited far more tightly than
searches.

Incremental with cursors: a *pass* asks for posts since the high-water time (newest first,
``sort=latest``) and follows ``cursor`` page by page; the cursor is saved with each stored
page, so a pass cut short by the page budget, a rate limit or an error resumes where it
stopped. When a pass ends, its newest post time (less an overlap for posts indexed late)
becomes the next pass's ``since``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import orjson

from immerse.backchannel.fetch import Fetched, fetch
from immerse.backchannel.pollers import (
    Context,
    PollFailed,
    PollWait,
    Step,
    check_status,
    host_of,
    remaining_wait,
)
from immerse.engine.listening.api_pages import PageError, bluesky_page

PAGE_SIZE = 100  # the API's maximum
#: Posts reach the search index a little after they are made: each pass looks back this far.
OVERLAP = timedelta(minutes=10)
_EXPIRED = ("ExpiredToken", "InvalidToken")


def _xrpc(base: str, method: str) -> str:
    return f"{base.rstrip('/')}/xrpc/{method}"


def _error_name(response: Fetched) -> str:
    try:
        body = orjson.loads(response.body)
    except orjson.JSONDecodeError:
        return ""
    return str(body.get("error", "")) if isinstance(body, dict) else ""


def _tokens(response: Fetched) -> dict[str, str]:
    try:
        body = orjson.loads(response.body)
    except orjson.JSONDecodeError:
        body = None
    if not isinstance(body, dict) or not body.get("accessJwt") or not body.get("refreshJwt"):
        raise PollFailed(f"{host_of(response.url)} answered the login with no session tokens")
    return {"access": str(body["accessJwt"]), "refresh": str(body["refreshJwt"])}


def _login(context: Context, http: httpx.Client, secret: dict[str, Any]) -> dict[str, Any]:
    """A fresh session: refresh it if we can, log in again if we must."""
    if secret.get("refresh"):
        response = fetch(http, _xrpc(context.url, "com.atproto.server.refreshSession"),
                         method="POST", headers={"Authorization": f"Bearer {secret['refresh']}"})
        if response.status == 200:
            return {**secret, **_tokens(response)}
        if response.status == 429 or response.status >= 500:
            check_status(response, now=context.now, what="a session refresh")
    if not secret.get("password") or not context.handle:
        raise PollFailed("no Bluesky handle and app password stored: enter them again",
                         permanent=True)
    response = fetch(http, _xrpc(context.url, "com.atproto.server.createSession"),
                     method="POST",
                     json={"identifier": context.handle, "password": secret["password"]})
    if response.status in (400, 401):
        raise PollFailed(f"{host_of(context.url)} refused the handle or app password "
                         f"({response.status}): create a new app password", permanent=True)
    check_status(response, now=context.now, what="a login")
    return {**secret, **_tokens(response)}


def _search(context: Context, http: httpx.Client, secret: dict[str, Any],
            params: dict[str, Any]) -> tuple[Fetched, dict[str, Any] | None]:
    """One search page; the session renewed once if it expired (new secret, or None)."""
    renewed = None
    if not secret.get("access"):
        secret = renewed = _login(context, http, secret)
    for attempt in range(2):
        response = fetch(http, _xrpc(context.url, "app.bsky.feed.searchPosts"), params=params,
                         headers={"Authorization": f"Bearer {secret['access']}",
                                  "Accept": "application/json"})
        expired = response.status in (400, 401) and _error_name(response) in _EXPIRED
        if not expired or attempt:
            return response, renewed
        secret = renewed = _login(context, http, {**secret, "access": ""})
    raise AssertionError("unreachable")  # the loop returns on its second attempt


def poll(context: Context, http: httpx.Client) -> Iterator[Step]:
    secret = dict(context.secret)
    since = str(context.state.get("since") or _iso(context.window_start))
    state: dict[str, Any] = {"since": since, "pass_since": since, "pass_newest": since,
                             "cursor": None}
    if context.state.get("cursor"):  # a pass cut short last time: resume it
        state.update({k: context.state[k] for k in ("pass_since", "pass_newest", "cursor")
                      if context.state.get(k)})
    for _ in range(context.max_pages):
        params = {"q": context.tag, "sort": "latest", "limit": PAGE_SIZE,
                  "since": state["pass_since"]}
        if state.get("cursor"):
            params["cursor"] = state["cursor"]
        response, renewed = _search(context, http, secret, params)
        if renewed is not None:
            secret = renewed
        try:
            check_status(response, now=context.now, what=f"a search for {context.tag!r}")
        except (PollWait, PollFailed) as stop:
            stop.secret = renewed  # a session renewed on the way is kept all the same
            raise
        try:
            page = bluesky_page(response.body)
        except PageError as error:
            raise PollFailed(f"malformed search page: {error}") from None
        newest = max([state["pass_newest"], *(_iso(r.created_at) for r in page.records
                                              if r.created_at <= context.now + OVERLAP)])
        if page.cursor and page.items:
            state = {**state, "cursor": page.cursor, "pass_newest": newest}
        else:  # the pass is complete: the next one starts from its newest post
            start = max(datetime.fromisoformat(newest) - OVERLAP,
                        datetime.fromisoformat(state["since"]))
            state = {"since": _iso(start), "cursor": None}
        wait = remaining_wait(response, now=context.now)
        yield Step(page, state, secret=renewed, wait=wait)
        if not state.get("cursor") or wait is not None:
            return


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
