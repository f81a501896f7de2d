"""RSS/Atom feed entries (blogs, Mastodon's .rss, news) and facilitator notes as posts.

Feeds come as bytes, handed to feedparser as a stream: given bare bytes, feedparser first
tries them as a *file name* (a body of ``/etc/passwd`` would be read from our disk). With the
HTTP response's headers the charset of ``Content-Type`` is honoured and relative links are
resolved against the feed's address (``Content-Location``) and ``xml:base``.
Facilitator notes are plain text, one note per line, an optional ``@author:`` after the
time (see docs/formats.md)::

    2024-05-03 10:15 @alice: Room 2 asks: can we get the slides?
    2024-05-03T10:20+02:00 Coffee is late.
        An indented line continues the note above.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime, tzinfo
from typing import Any
from urllib.parse import urljoin, urlsplit

from immerse.engine.listening.parse_mastodon import html_to_text
from immerse.engine.listening.records import (
    Batcher,
    ParseBatch,
    PostRecord,
    RecordProblem,
    extract_hashtags,
    extract_mentions,
    parse_timestamp,
    stable_id,
)

_NOTE = re.compile(
    r"^(?P<when>\d{4}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:?\d\d)?)\s+"
    r"(?:@(?P<author>[\w.\-]+(?:@[\w.\-]+)?):\s+)?(?P<text>.+)$"
)


def _entry_time(entry: dict[str, Any]) -> datetime:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = dict.get(entry, key)  # plain lookup: no feedparser key aliasing (deprecated)
        if isinstance(value, time.struct_time):
            try:
                return datetime(*value[:6], tzinfo=UTC)
            except (ValueError, OverflowError):
                raise RecordProblem(f"unreadable timestamp (year {value.tm_year})") from None
    raise RecordProblem("entry has no published/updated date")


def parse_feed(
    data: bytes, *, source: str = "feed", batch_size: int = 1000, url: str = "",
    headers: Mapping[str, str] | None = None,
) -> Iterator[ParseBatch]:
    """Batches of records from an RSS or Atom document; entry numbers stand in for lines.

    ``url`` (where the feed was fetched) resolves relative entry links; ``headers`` (the
    HTTP response's, lower-case names) give the charset a ``Content-Type`` declares. A
    document feedparser can read (a feed version or entries, even with a recoverable
    "bozo" error) is read; one it cannot read at all, or one that is no feed (an HTML page,
    an empty answer), is one problem at line 1 naming feedparser's reason.
    """
    import feedparser  # ~75 ms to import, and only feeds need it

    batcher = Batcher(batch_size)
    answer = {name.lower(): value for name, value in (headers or {}).items()}
    if url:
        answer.setdefault("content-location", url)
    parsed = feedparser.parse(io.BytesIO(data), response_headers=answer or None)
    if not parsed.entries and not parsed.get("version"):
        batcher.problem(1, f"not a readable RSS/Atom feed: {unreadable_reason(parsed)}")
    channel = parsed.get("feed") or {}
    fallback = _plain(channel.get("title"), channel.get("title_detail")) or _host(
        str(channel.get("link") or url))
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            full = batcher.add(_feed_record(entry, source, base=url, channel=fallback))
            if full:
                yield full
        except RecordProblem as problem:
            batcher.problem(number, f"entry {number}: {problem}")
    yield from batcher.rest()


def unreadable_reason(parsed: Mapping[str, Any]) -> str:
    """Why feedparser found no feed: its exception's message, never the document's bytes."""
    error = parsed.get("bozo_exception")
    if error is not None:
        message = str(getattr(error, "getMessage", lambda: "")() or error)
        return f"{message} ({type(error).__name__})" if message else type(error).__name__
    return "no RSS or Atom root element"


def _plain(value: object, detail: object) -> str:
    """A title as plain text: markup stripped and entities decoded when it is HTML."""
    text = str(value or "")
    kind = str(detail.get("type") or "") if isinstance(detail, Mapping) else ""
    return " ".join((html_to_text(text) if "html" in kind else text).split())


def _host(url: str) -> str:
    return urlsplit(url).netloc


def _entry_text(entry: Mapping[str, Any]) -> str:
    """Title and body of an entry as one plain text; either may be missing (a Mastodon
    account's ``.rss`` has no titles), and a body that repeats the title keeps it once."""
    title = _plain(entry.get("title"), entry.get("title_detail"))
    body = str(entry.get("summary") or "")
    contents = entry.get("content")
    if not body.strip() and isinstance(contents, list) and contents:
        body = str(contents[0].get("value") or "") if isinstance(contents[0], Mapping) else ""
    summary = html_to_text(body).strip()
    if not summary:
        return title
    if not title or summary.startswith(title):
        return summary
    return f"{title}\n{summary}"


def _feed_record(entry: dict[str, Any], source: str, *, base: str = "",
                 channel: str = "") -> PostRecord:
    created_at = _entry_time(entry)
    text = _entry_text(entry)
    if not text:
        raise RecordProblem("entry has neither title nor summary")
    link = str(entry.get("link") or "")
    if link and base and not urlsplit(link).scheme:
        link = urljoin(base, link)  # feedparser resolved what it could; the rest here
    # No author: the feed's own name (a Mastodon account's .rss, a one-person blog).
    author = str(entry.get("author") or "").strip() or channel or "no author"
    entry_id = str(entry.get("id") or link or stable_id(author, created_at.isoformat(), text))
    raw_tags = entry.get("tags")
    tags = tuple(
        str(t.get("term"))
        for t in (raw_tags if isinstance(raw_tags, list) else ())
        if isinstance(t, Mapping) and t.get("term")
    )
    return PostRecord(
        source=source,
        source_id=entry_id,
        author=author,
        text=text,
        created_at=created_at,
        url=link or None,
        hashtags=tags or extract_hashtags(text),
        mentions=extract_mentions(text),
        raw_kind="feed-entry",
    )


def parse_notes(
    lines: Iterable[str],
    *,
    author: str = "facilitator",
    source: str = "note",
    tz: tzinfo = UTC,
    batch_size: int = 1000,
) -> Iterator[ParseBatch]:
    """Batches of notes; times without an offset are read in ``tz`` (the venue's zone).

    Blank lines and lines starting with '#' are skipped; indented lines continue a note.
    """
    batcher = Batcher(batch_size)
    current: tuple[int, datetime, str, list[str]] | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or (line.lstrip().startswith("#") and not line[:1].isspace()):
            continue
        if line[:1].isspace():
            if current is None:
                batcher.problem(number, "continuation line before any note")
            else:
                current[3].append(line.strip())
            continue
        if current is not None:
            full = batcher.add(_note_record(current, source))
            if full:
                yield full
            current = None
        match = _NOTE.match(line)
        if match is None:
            batcher.problem(number, "expected 'YYYY-MM-DD HH:MM [author:] text'")
            continue
        try:
            when = parse_timestamp(match["when"].replace(" ", "T"))
        except RecordProblem as problem:
            batcher.problem(number, str(problem))
            continue
        if not re.search(r"(Z|[+-]\d\d:?\d\d)$", match["when"]):
            try:
                when = when.replace(tzinfo=tz).astimezone(UTC)
            except OverflowError:  # year 1 or 9999 in a zone that moves it out of range
                batcher.problem(number, f"unreadable timestamp {match['when']!r}")
                continue
        current = (number, when, match["author"] or author, [match["text"].strip()])
    if current is not None:
        full = batcher.add(_note_record(current, source))
        if full:
            yield full
    yield from batcher.rest()


def _note_record(note: tuple[int, datetime, str, list[str]], source: str) -> PostRecord:
    _, when, author, parts = note
    text = "\n".join(parts)
    return PostRecord(
        source=source,
        source_id=stable_id(author, when.isoformat(), text),
        author=author,
        text=text,
        created_at=when,
        hashtags=extract_hashtags(text),
        mentions=extract_mentions(text),
        raw_kind="note",
    )
