"""One entry point for backchannel input: sniff the format, then stream record batches.

The caller opens the file and hands over its lines (text or bytes); this module never
touches files. JSONL, CSV and notes stream in constant memory; a single JSON document and a
feed are read whole (their size is the size of one API response).

>>> lines = ['{"status_id": "1", "screen_name": "ana", "text": "Hi #useR2019?",'
...          ' "created_at": "2019-07-10T09:00:00Z"}']
>>> batch = next(parse_posts(lines, fmt="jsonl"))
>>> batch.records[0].source_id, batch.records[0].hashtags, batch.problems
('1', ('useR2019',), ())
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, tzinfo
from typing import Any

import orjson

from immerse.engine.listening.parse_csv import (
    TWITTER_R_HEADER,
    parse_generic_csv,
    parse_twitter_r_csv,
)
from immerse.engine.listening.parse_feed import parse_feed, parse_notes
from immerse.engine.listening.parse_mastodon import is_mastodon_object, record_from_status
from immerse.engine.listening.parse_twitter import records_from_object
from immerse.engine.listening.records import Batcher, ParseBatch, PostRecord, RecordProblem

FORMATS = ("auto", "csv", "jsonl", "json", "feed", "notes")
_EXTENSIONS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".txt": "notes",
    ".notes": "notes",
    ".md": "notes",
}
_NOTE_START = re.compile(rb"^\d{4}-\d\d-\d\d[ T]\d\d:\d\d")


class UnknownFormatError(ValueError):
    """The format name is not one of ``FORMATS``."""


def detect_format(first_bytes: bytes, filename: str = "") -> str:
    """The format of an input from its first bytes (a few KB) and its name.

    >>> detect_format(b'{"id": 1}\\n{"id": 2}\\n', "x.json")
    'jsonl'
    >>> detect_format(b'<?xml version="1.0"?><rss>', "")
    'feed'
    """
    head = first_bytes.lstrip(b"\xef\xbb\xbf").lstrip()
    suffix = filename[filename.rfind(".") :].lower() if "." in filename else ""
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"{"):
        first_line, _, rest = head.partition(b"\n")
        try:
            orjson.loads(first_line)
        except orjson.JSONDecodeError:
            return "json"  # an object spread over lines: one pretty-printed document
        return "jsonl" if rest.strip() or suffix != ".json" else "json"
    if head.startswith(b"<"):
        return "feed"
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    return "notes" if _NOTE_START.match(head) else "csv"


def _records_from_json(obj: Any) -> list[PostRecord]:
    if not isinstance(obj, dict):
        raise RecordProblem(f"expected a JSON object, got {type(obj).__name__}")
    if is_mastodon_object(obj):
        return [record_from_status(obj)]
    return records_from_object(obj)


def parse_jsonl(lines: Iterable[str | bytes], *, batch_size: int = 1000) -> Iterator[ParseBatch]:
    """Batches from JSON Lines: tweets (v1.1, v2, rtweet), twarc2 pages or Mastodon statuses."""
    batcher = Batcher(batch_size)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            for record in _records_from_json(orjson.loads(line)):
                full = batcher.add(record)
                if full:
                    yield full
        except orjson.JSONDecodeError as error:
            batcher.problem(number, f"invalid JSON: {error}")
        except RecordProblem as problem:
            batcher.problem(number, str(problem))
    yield from batcher.rest()


def parse_json_document(data: str | bytes, *, batch_size: int = 1000) -> Iterator[ParseBatch]:
    """Batches from one JSON document: a list of statuses/tweets or one API response.

    In a list, problems carry the 1-based item number in place of a line number.
    """
    batcher = Batcher(batch_size)
    if isinstance(data, bytes):
        data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        document = orjson.loads(data.removeprefix("\ufeff") if isinstance(data, str) else data)
    except orjson.JSONDecodeError as error:
        batcher.problem(1, f"invalid JSON: {error}")
        yield from batcher.rest()
        return
    items = document if isinstance(document, list) else [document]
    for number, item in enumerate(items, start=1):
        try:
            for record in _records_from_json(item):
                full = batcher.add(record)
                if full:
                    yield full
        except RecordProblem as problem:
            batcher.problem(number, f"item {number}: {problem}")
    yield from batcher.rest()


def _without_bom(lines: Iterable[str | bytes]) -> Iterator[str | bytes]:
    """The lines with a UTF-8 byte-order mark dropped from the first one."""
    iterator = iter(lines)
    first = next(iterator, None)
    if first is None:
        return
    yield first.lstrip(b"\xef\xbb\xbf") if isinstance(first, bytes) else first.lstrip("\ufeff")
    yield from iterator


def _as_text(lines: Iterable[str | bytes]) -> Iterator[str]:
    for line in lines:
        yield line.decode("utf-8", errors="replace") if isinstance(line, bytes) else line


def parse_posts(
    lines: Iterable[str | bytes] | bytes,
    *,
    fmt: str,
    source: str = "",
    batch_size: int = 1000,
    tz: tzinfo = UTC,
) -> Iterator[ParseBatch]:
    """Batches of records (and problems) from any supported input.

    Parameters
    ----------
    lines:
        The input's lines as read from the file (line ends kept or not), or its bytes.
    fmt:
        One of ``FORMATS`` except ``auto`` (call ``detect_format`` first).
    source:
        Source name for inputs without one (CSV, feeds, notes); tweets and toots name theirs.
    tz:
        Zone of facilitator notes' times written without an offset (the venue's).
    """
    if fmt not in FORMATS or fmt == "auto":
        raise UnknownFormatError(f"unknown format {fmt!r}; expected one of {FORMATS[1:]}")
    if isinstance(lines, bytes):
        data = lines
        if fmt in {"feed", "json"}:
            yield from (
                parse_feed(data, source=source or "feed", batch_size=batch_size)
                if fmt == "feed"
                else parse_json_document(data, batch_size=batch_size)
            )
            return
        # Split on line ends only: JSON strings may hold U+2028, which splitlines() breaks on.
        lines = (
            data.split(b"\n")
            if fmt == "jsonl"
            else io.StringIO(data.decode("utf-8", errors="replace"), newline="")
        )
    lines = _without_bom(lines)
    if fmt == "jsonl":
        yield from parse_jsonl(lines, batch_size=batch_size)
    elif fmt == "json":
        yield from parse_json_document(
            b"".join(line.encode("utf-8") if isinstance(line, str) else line for line in lines),
            batch_size=batch_size,
        )
    elif fmt == "feed":
        text = b"".join(line.encode("utf-8") if isinstance(line, str) else line for line in lines)
        yield from parse_feed(text, source=source or "feed", batch_size=batch_size)
    elif fmt == "notes":
        yield from parse_notes(
            _as_text(lines), source=source or "notes", tz=tz, batch_size=batch_size
        )
    else:
        yield from _parse_csv(_as_text(lines), source=source or "csv", batch_size=batch_size)


def _parse_csv(lines: Iterator[str], *, source: str, batch_size: int) -> Iterator[ParseBatch]:
    """Generic CSV, switching to the unquoted twitteR reader when its header is seen."""
    first = next(lines, None)
    if first is None:
        return
    if first.rstrip("\r\n").lstrip("\ufeff") == TWITTER_R_HEADER:
        yield from parse_twitter_r_csv(lines, batch_size=batch_size, first_line=2)
    else:
        yield from parse_generic_csv(_chain(first, lines), source=source, batch_size=batch_size)


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def iter_records(batches: Iterable[ParseBatch]) -> Iterator[PostRecord]:
    """Records only, problems dropped (the 'skip' policy)."""
    for batch in batches:
        yield from batch.records
