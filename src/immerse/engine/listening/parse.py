"""One entry point for backchannel input: sniff the format, then stream record batches.

The caller opens the file and hands over its lines (text or bytes); this module never
touches files. The kinds of input and their parsers are the entries of ``sources.SOURCES``.
JSONL, CSV and notes stream in constant memory; a single JSON document and a feed are read
whole (their size is the size of one API response).

>>> lines = ['{"status_id": "1", "screen_name": "ana", "text": "Hi #useR2019?",'
...          ' "created_at": "2019-07-10T09:00:00Z"}']
>>> batch = next(parse_posts(lines, fmt="jsonl"))
>>> batch.records[0].source_id, batch.records[0].hashtags, batch.problems
('1', ('useR2019',), ())
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, tzinfo

from immerse.engine.listening.records import ParseBatch, PostRecord
from immerse.engine.listening.sources import SOURCES, Evidence, Input, SourceKind, source_kind


def detect_format(first_bytes: bytes, filename: str = "") -> str:
    """The format of an input from its first bytes (a few KB) and its name.

    The kind with the strongest evidence wins (the first bytes, then the extension, then a
    hint in the bytes); an input nothing recognises is read as CSV.

    >>> detect_format(b'{"id": 1}\\n{"id": 2}\\n', "x.json")
    'jsonl'
    >>> detect_format(b'<?xml version="1.0"?><rss>', "")
    'feed'
    """
    head = first_bytes.lstrip(b"\xef\xbb\xbf").lstrip()
    suffix = filename[filename.rfind(".") :].lower() if "." in filename else ""

    def evidence(kind: SourceKind) -> Evidence:
        named = Evidence.NAME if suffix in kind.extensions else Evidence.NONE
        return max(kind.sniff(head, suffix), named)

    return max(SOURCES, key=evidence).name  # max() keeps the first of equals: registry order


def parse_posts(
    lines: Input,
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
        The name of one of ``sources.SOURCES`` (``auto`` is not one: call ``detect_format``
        first).
    source:
        Source name for inputs without one (CSV, feeds, notes); tweets and toots name theirs.
        Empty: the kind's ``default_label``.
    tz:
        Zone of facilitator notes' times written without an offset (the venue's).
    """
    kind = source_kind(fmt)
    yield from kind.parse(
        lines, source=source or kind.default_label or "", tz=tz, batch_size=batch_size
    )


def iter_records(batches: Iterable[ParseBatch]) -> Iterator[PostRecord]:
    """Records only, problems dropped (the 'skip' policy)."""
    for batch in batches:
        yield from batch.records
