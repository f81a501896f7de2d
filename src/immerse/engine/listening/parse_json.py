"""Backchannel posts from JSON: JSON Lines, or one document (a list or an API response).

Each object is a tweet (API v1.1, v2, rtweet), a twarc2 page, a Mastodon status or a
Bluesky post view; the shape is recognised per object, so one file may mix them. A whole
``searchPosts`` answer (``{"posts": [...]}``) reads as its list of posts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import orjson

from immerse.engine.listening.parse_bluesky import is_bluesky_object, record_from_post_view
from immerse.engine.listening.parse_mastodon import is_mastodon_object, record_from_status
from immerse.engine.listening.parse_twitter import records_from_object
from immerse.engine.listening.records import Batcher, ParseBatch, PostRecord, RecordProblem


def _records_from_json(obj: Any) -> list[PostRecord]:
    if not isinstance(obj, dict):
        raise RecordProblem(f"expected a JSON object, got {type(obj).__name__}")
    if is_mastodon_object(obj):
        return [record_from_status(obj)]
    if is_bluesky_object(obj):
        return [record_from_post_view(obj)]
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
    items = document if isinstance(document, list) else _items_of(document)
    for number, item in enumerate(items, start=1):
        try:
            for record in _records_from_json(item):
                full = batcher.add(record)
                if full:
                    yield full
        except RecordProblem as problem:
            batcher.problem(number, f"item {number}: {problem}")
    yield from batcher.rest()


def _items_of(document: Any) -> list[Any]:
    """The posts of one API answer: a Bluesky search page holds them under ``posts``."""
    if isinstance(document, dict) and isinstance(document.get("posts"), list):
        return list(document["posts"])
    return [document]
