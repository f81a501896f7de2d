"""An RSS or Atom feed (a blog, a news site, a Mastodon account's ``.rss``).

Conditional GET: the ``ETag`` and ``Last-Modified`` of the last answer go back as
``If-None-Match`` / ``If-Modified-Since``, and a ``304 Not Modified`` costs the server (and
us) nothing. The entries are read by the same parser as an uploaded feed file.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx

from immerse.backchannel.fetch import fetch
from immerse.backchannel.pollers import Context, PollFailed, Step, check_status
from immerse.engine.listening.api_pages import Page
from immerse.engine.listening.parse import parse_posts
from immerse.engine.listening.records import ParseProblem, PostRecord

ACCEPT = "application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.5"


def poll(context: Context, http: httpx.Client) -> Iterator[Step]:
    headers = {"Accept": ACCEPT}
    if context.state.get("etag"):
        headers["If-None-Match"] = str(context.state["etag"])
    if context.state.get("last_modified"):
        headers["If-Modified-Since"] = str(context.state["last_modified"])
    response = fetch(http, context.url, headers=headers)
    check_status(response, now=context.now, what="feed")
    if response.status == 304:
        yield Step(Page((), (), 0), dict(context.state), not_modified=True)
        return
    records: list[PostRecord] = []
    problems: list[ParseProblem] = []
    for batch in parse_posts(response.body, fmt="feed", source="feed"):
        records += batch.records
        problems += batch.problems
    if not records and problems and problems[0].line == 1 and "not a readable" in \
            problems[0].reason:
        raise PollFailed(f"not a readable RSS/Atom feed ({_kind(response.body)})")
    state = {key: response.headers[header] for key, header in
             (("etag", "etag"), ("last_modified", "last-modified")) if header in response.headers}
    yield Step(Page(tuple(records), tuple(problems), len(records) + len(problems)), state)


def _kind(body: bytes) -> str:
    head = body[:300].lstrip().lower()
    if not head:
        return "the answer was empty"
    if head.startswith((b"<!doctype html", b"<html")):
        return "got an HTML page"
    # Never the bytes themselves: what a server answered is not ours to repeat.
    return f"got {len(body):,} bytes of something else"
