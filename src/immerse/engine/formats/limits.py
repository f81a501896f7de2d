"""Reading files within limits: never more bytes than a format allows, in or decompressed.

A size check on the file alone misses what it expands to (a 1 MB gzip or XLSX can inflate
to gigabytes), and reading a file whole before checking its size has already spent the
memory. These helpers read at most the limit plus one byte, and decompress in chunks that
stop at the limit, so memory stays bounded by the limit whatever the input.

>>> import gzip
>>> inflate_gzip(gzip.compress(b"hello"), limit=10, source="x.gz")
b'hello'
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

__all__ = ["MIB", "InputTooLarge", "inflate_gzip", "read_bounded", "size_text"]

MIB = 2**20
_CHUNK = 64 * 1024


class InputTooLarge(ValueError):
    """An input over its format's limit (or damaged compressed data); the message names it."""


def size_text(size: int) -> str:
    """``20 MiB``, ``512 KiB`` or ``300 bytes``: limits as people read them."""
    for unit, name in ((MIB, "MiB"), (1024, "KiB")):
        if size >= unit:
            whole, rest = divmod(size, unit)
            return f"{whole:,} {name}" if not rest else f"{size / unit:,.1f} {name}"
    return f"{size:,} bytes"


def read_bounded(path: Path, *, limit: int, what: str) -> bytes:
    """The bytes of ``path``, refused (`InputTooLarge`) when it holds more than ``limit``.

    A regular file over the limit is refused by its size, unread; anything else (a pipe)
    is read to at most ``limit + 1`` bytes, so a huge input costs no more memory than the
    limit. `OSError` (missing, unreadable) is left to the caller.
    """
    with path.open("rb") as handle:
        if os.fstat(handle.fileno()).st_size > limit:
            raise InputTooLarge(f"{path}: larger than the {size_text(limit)} a {what} may have")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputTooLarge(
            f"{path}: larger than the {size_text(limit)} a {what} may have"
        )
    return data


def inflate_gzip(data: bytes, *, limit: int, source: str) -> bytes:
    """Decompress gzip ``data`` (all members) to at most ``limit`` bytes.

    Raises `InputTooLarge` when the content is larger (a bomb), damaged (bad header or
    checksum, garbage after the magic bytes) or cut short.
    """
    inflater = zlib.decompressobj(wbits=31)  # 31: gzip framing
    pieces, size, rest = [], 0, data
    try:
        while True:
            piece = inflater.decompress(rest, _CHUNK)
            size += len(piece)
            if size > limit:
                raise InputTooLarge(
                    f"{source}: decompresses to more than {size_text(limit)}, the limit"
                )
            pieces.append(piece)
            rest = inflater.unconsumed_tail
            if inflater.eof:
                rest = inflater.unused_data
                if not rest.strip(b"\x00"):  # zero padding after the last member is common
                    break
                inflater = zlib.decompressobj(wbits=31)  # the next gzip member
            elif not rest and not piece:
                break  # all input used, nothing more comes out: cut short
    except zlib.error as exc:
        raise InputTooLarge(f"{source}: corrupt gzip data ({exc})") from None
    if not inflater.eof:
        raise InputTooLarge(f"{source}: corrupt gzip data (cut short)")
    return b"".join(pieces)

