"""The kinds of backchannel input, one entry each: how it is sniffed, parsed and labelled.

``parse.detect_format`` and ``parse.parse_posts`` (and through them the ingest service) and
the `immerse listen ingest --format` choices all read :data:`SOURCES`, so a new kind of
input is one entry here plus its tests. This module stays light (the parsers load on first
use) because the CLI reads it to build `--format`, and `immerse --help` should stay fast.

>>> [kind.name for kind in SOURCES]
['csv', 'jsonl', 'json', 'feed', 'notes']
>>> source_kind("notes").default_label, source_kind("json").streams
('note', False)
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import tzinfo
from enum import IntEnum
from typing import TYPE_CHECKING, Protocol

import orjson

if TYPE_CHECKING:
    from immerse.engine.listening.records import ParseBatch

__all__ = [
    "SOURCES",
    "SOURCE_NAMES",
    "Evidence",
    "Input",
    "SourceKind",
    "UnknownFormatError",
    "source_kind",
]

#: What a parser is handed: the input's lines as read (line ends kept or not), or its bytes.
Input = Iterable[str | bytes] | bytes


class Evidence(IntEnum):
    """How strongly an input looks like a kind; the strongest wins, ties go to the first."""

    NONE = 0
    LAST_RESORT = 1  # what an input nothing else claims is read as
    HINT = 2  # a weak sign in the first bytes
    NAME = 3  # the file name's extension (given as ``SourceKind.extensions``)
    CONTENT = 4  # the first bytes say so


class Parser(Protocol):
    def __call__(
        self, data: Input, *, source: str, tz: tzinfo, batch_size: int
    ) -> Iterator[ParseBatch]: ...


@dataclass(frozen=True, slots=True)
class SourceKind:
    """One kind of input. ``sniff`` sees the first bytes (BOM and leading blanks stripped)
    and the file's lower-case extension (``""`` when it has none)."""

    name: str  # the ``fmt`` of parse_posts, the value of `--format`
    sniff: Callable[[bytes, str], Evidence]
    extensions: tuple[str, ...]
    parse: Parser
    #: ``Post.source`` of records when the caller names none; ``None``: the records name
    #: their platform themselves ("twitter", "mastodon").
    default_label: str | None
    #: Read line by line in constant memory; otherwise the whole input is read at once.
    streams: bool
    #: Offered by `immerse listen ingest --format` (otherwise found by `auto` only).
    on_cli: bool = True


class UnknownFormatError(ValueError):
    """The format name is not one of :data:`SOURCE_NAMES`."""


# ---- sniffing ---------------------------------------------------------------------------

_NOTE_START = re.compile(rb"^\d{4}-\d\d-\d\d[ T]\d\d:\d\d")


def _one_object_per_line(head: bytes, suffix: str) -> bool:
    """A leading object that is complete on its first line: JSON Lines, unless a
    ``.json`` file holds just that one object."""
    first_line, _, rest = head.partition(b"\n")
    try:
        orjson.loads(first_line)
    except orjson.JSONDecodeError:
        return False  # an object spread over lines: one pretty-printed document
    return bool(rest.strip()) or suffix != ".json"


def _sniff_json(head: bytes, suffix: str) -> Evidence:
    if head.startswith(b"[") or (
        head.startswith(b"{") and not _one_object_per_line(head, suffix)
    ):
        return Evidence.CONTENT
    return Evidence.NONE


def _sniff_jsonl(head: bytes, suffix: str) -> Evidence:
    if head.startswith(b"{") and _one_object_per_line(head, suffix):
        return Evidence.CONTENT
    return Evidence.NONE


def _sniff_feed(head: bytes, suffix: str) -> Evidence:
    return Evidence.CONTENT if head.startswith(b"<") else Evidence.NONE


def _sniff_notes(head: bytes, suffix: str) -> Evidence:
    return Evidence.HINT if _NOTE_START.match(head) else Evidence.NONE


def _sniff_csv(head: bytes, suffix: str) -> Evidence:
    return Evidence.LAST_RESORT


# ---- reading: the input as the parser wants it --------------------------------------------


def _without_bom(lines: Iterable[str | bytes]) -> Iterator[str | bytes]:
    """The lines with a UTF-8 byte-order mark dropped from the first one."""
    iterator = iter(lines)
    first = next(iterator, None)
    if first is None:
        return
    yield first.lstrip(b"\xef\xbb\xbf") if isinstance(first, bytes) else first.lstrip("\ufeff")
    yield from iterator


def _text_lines(data: Input) -> Iterator[str]:
    if isinstance(data, bytes):
        data = io.StringIO(data.decode("utf-8", errors="replace"), newline="")
    for line in _without_bom(data):
        yield line.decode("utf-8", errors="replace") if isinstance(line, bytes) else line


def _byte_lines(data: Input) -> Iterator[str | bytes]:
    # Split on line ends only: JSON strings may hold U+2028, which splitlines() breaks on.
    return _without_bom(data.split(b"\n") if isinstance(data, bytes) else data)


def _document(data: Input) -> bytes:
    if isinstance(data, bytes):
        return data
    return b"".join(
        line.encode("utf-8") if isinstance(line, str) else line for line in _without_bom(data)
    )


# ---- parsing ----------------------------------------------------------------------------
# Each parser module is imported on first use: this registry is read by the CLI at start-up.


def _parse_csv(data: Input, *, source: str, tz: tzinfo, batch_size: int) -> Iterator[ParseBatch]:
    from immerse.engine.listening.parse_csv import parse_csv  # on first use (see above)

    return parse_csv(_text_lines(data), source=source, batch_size=batch_size)


def _parse_jsonl(
    data: Input, *, source: str, tz: tzinfo, batch_size: int
) -> Iterator[ParseBatch]:
    from immerse.engine.listening.parse_json import parse_jsonl  # on first use (see above)

    return parse_jsonl(_byte_lines(data), batch_size=batch_size)


def _parse_json(data: Input, *, source: str, tz: tzinfo, batch_size: int) -> Iterator[ParseBatch]:
    from immerse.engine.listening.parse_json import parse_json_document  # on first use

    return parse_json_document(_document(data), batch_size=batch_size)


def _parse_feed(data: Input, *, source: str, tz: tzinfo, batch_size: int) -> Iterator[ParseBatch]:
    from immerse.engine.listening.parse_feed import parse_feed  # on first use (see above)

    return parse_feed(_document(data), source=source, batch_size=batch_size)


def _parse_notes(
    data: Input, *, source: str, tz: tzinfo, batch_size: int
) -> Iterator[ParseBatch]:
    from immerse.engine.listening.parse_feed import parse_notes  # on first use (see above)

    return parse_notes(_text_lines(data), source=source, tz=tz, batch_size=batch_size)


# ---- the registry -----------------------------------------------------------------------

SOURCES: tuple[SourceKind, ...] = (
    SourceKind("csv", _sniff_csv, (".csv",), _parse_csv, default_label="csv", streams=True),
    SourceKind("jsonl", _sniff_jsonl, (".jsonl", ".ndjson"), _parse_jsonl,
               default_label=None, streams=True),
    SourceKind("json", _sniff_json, (), _parse_json, default_label=None, streams=False),
    SourceKind("feed", _sniff_feed, (".rss", ".atom", ".xml"), _parse_feed,
               default_label="feed", streams=False),
    SourceKind("notes", _sniff_notes, (".txt", ".notes", ".md"), _parse_notes,
               default_label="note", streams=True, on_cli=False),
)
SOURCE_BY_NAME: dict[str, SourceKind] = {kind.name: kind for kind in SOURCES}
SOURCE_NAMES: tuple[str, ...] = tuple(SOURCE_BY_NAME)


def source_kind(name: str) -> SourceKind:
    """The entry for ``name``; :class:`UnknownFormatError` names the known ones."""
    try:
        return SOURCE_BY_NAME[name]
    except KeyError:
        raise UnknownFormatError(
            f"unknown format {name!r}; expected one of {SOURCE_NAMES}"
        ) from None
