"""Input lines checked before parsing: bounded in length, and, when strict, UTF-8 without NULs.

The parsers read leniently: invalid bytes become U+FFFD and NUL characters are dropped
before storing (PostgreSQL text cannot hold them). That suits a best-effort ingest; a
``--strict`` one must refuse such input and say where, so these checks name the line (and
the byte) instead of repairing it. Any ingest refuses a line longer than ``max_line_bytes``:
one line is held in memory at a time, so that bounds the memory of a streamed ingest.

>>> list(checked_lines([b'{"id": 1}\\n', b'{"id": 2}\\n'], source="x.jsonl", strict=True))
[b'{"id": 1}\\n', b'{"id": 2}\\n']
>>> try:
...     list(checked_lines([b"ok\\n", b"caf\\xe9\\n"], source="x.csv", strict=True))
... except InputRefused as refused:
...     print(refused)
x.csv, line 2: byte 4 is not UTF-8 (invalid continuation byte)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

__all__ = ["MAX_LINE_BYTES", "InputRefused", "check_document", "checked_lines"]

#: A record longer than this is no post: a tweet with all its metadata is ~10 KB.
MAX_LINE_BYTES = 1024 * 1024
_ESCAPED_NUL = b"\\u0000"


class InputRefused(ValueError):
    """Input that may not be ingested as it is; the message names the source and line."""

    def __init__(self, source: str, line: int, reason: str) -> None:
        super().__init__(f"{source}, line {line}: {reason}")
        self.line, self.reason = line, reason


def checked_lines(
    lines: Iterable[bytes], *, source: str, strict: bool, max_line_bytes: int = MAX_LINE_BYTES
) -> Iterator[bytes]:
    """``lines`` as they are, refused (`InputRefused`) at the first line over
    ``max_line_bytes`` or, when ``strict``, the first that is not UTF-8 or holds a NUL."""
    for number, line in enumerate(lines, start=1):
        if len(line) > max_line_bytes:
            raise InputRefused(source, number, f"longer than {max_line_bytes:,} bytes (a "
                                               "file without line ends?)")
        if strict:
            _check_line(line, number, source)
        yield line


def check_document(data: bytes, *, source: str) -> None:
    """Refuse a whole document (a JSON array, a feed) that is not UTF-8 or holds a NUL,
    naming the first such line."""
    for number, line in enumerate(data.split(b"\n"), start=1):
        _check_line(line, number, source)


def _check_line(line: bytes, number: int, source: str) -> None:
    if b"\x00" in line:
        raise InputRefused(source, number, f"byte {line.index(0) + 1} is a NUL")
    if _ESCAPED_NUL in line:
        raise InputRefused(source, number, "a NUL character (\\u0000) at byte "
                                           f"{line.index(_ESCAPED_NUL) + 1}: it cannot be stored")
    try:
        line.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputRefused(source, number, f"byte {error.start + 1} is not UTF-8 "
                                           f"({error.reason})") from None
