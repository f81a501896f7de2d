"""RSS/Atom feed entries (blogs, Mastodon's .rss, news) and facilitator notes as posts.

Feeds come as bytes (feedparser sniffs the encoding; it never fetches anything given bytes).
Facilitator notes are plain text, one note per line, an optional ``@author:`` after the
time (see docs/formats.md)::

    2024-05-03 10:15 @alice: Room 2 asks: can we get the slides?
    2024-05-03T10:20+02:00 Coffee is late.
        An indented line continues the note above.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, tzinfo

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


def _entry_time(entry: dict[str, object]) -> datetime:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = dict.get(entry, key)  # plain lookup: no feedparser key aliasing (deprecated)
        if isinstance(value, time.struct_time):
            return datetime(*value[:6], tzinfo=UTC)
    raise RecordProblem("entry has no published/updated date")


def parse_feed(
    data: bytes, *, source: str = "feed", batch_size: int = 1000
) -> Iterator[ParseBatch]:
    """Batches of records from an RSS or Atom document; entry numbers stand in for lines.

    A document feedparser cannot read at all, or one that is no feed (an HTML page), is one
    problem at line 1.
    """
    import feedparser  # ~75 ms to import, and only feeds need it

    batcher = Batcher(batch_size)
    parsed = feedparser.parse(data)
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        # No entries and either broken XML or no feed format at all (an HTML page).
        why = parsed.get("bozo_exception") or "no RSS or Atom root element"
        batcher.problem(1, f"not a readable RSS/Atom feed: {why}")
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            full = batcher.add(_feed_record(entry, source))
            if full:
                yield full
        except RecordProblem as problem:
            batcher.problem(number, f"entry {number}: {problem}")
    yield from batcher.rest()


def _feed_record(entry: dict[str, object], source: str) -> PostRecord:
    created_at = _entry_time(entry)
    title = str(entry.get("title") or "")
    summary = html_to_text(str(entry.get("summary") or ""))
    text = title if not summary or summary.startswith(title) else f"{title}\n{summary}"
    text = text.strip()
    if not text:
        raise RecordProblem("entry has neither title nor summary")
    link = entry.get("link")
    author = str(entry.get("author") or "") or "unknown"
    entry_id = str(entry.get("id") or link or stable_id(author, created_at.isoformat(), text))
    raw_tags = entry.get("tags")
    tags = tuple(
        str(t.get("term"))
        for t in (raw_tags if isinstance(raw_tags, list) else ())
        if isinstance(t, dict) and t.get("term")
    )
    return PostRecord(
        source=source,
        source_id=entry_id,
        author=author,
        text=text,
        created_at=created_at,
        url=str(link) if link else None,
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
            when = when.replace(tzinfo=tz).astimezone(UTC)
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
