"""Read MDGPLIB instances (Maximally Diverse Grouping Problem), plain text or gzip.

Format (whitespace-separated, items 0-based)::

    n m type a_1 b_1 a_2 b_2 ... a_m b_m     <- header
    i j d_ij                                  <- one line per pair i < j, n(n-1)/2 lines

`type` is ``ss`` (same size) or ``ds`` (different sizes). Example::

    >>> text = "3 1 ss 3 3\\n0 1 1.5\\n0 2 2\\n1 2 4\\n"
    >>> instance = parse_mdgplib(text, source="inline")
    >>> instance.bounds, float(instance.distances[1, 2])
    (((3, 3),), 4.0)
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from immerse.engine.formats.limits import MIB, InputTooLarge, inflate_gzip, read_bounded

#: The file as stored, and its text once decompressed (the largest MDGPLIB instance,
#: n = 480, is 0.6 MB gzipped and 1.7 MB of text).
MAX_FILE_BYTES = 64 * MIB
MAX_TEXT_BYTES = 64 * MIB
#: The distance matrix is n x n float64: 3,000 items are 72 MB.
MAX_ITEMS = 3000
#: The shortest pair line, ``"0 1 5\n"``: a header claiming more pairs than the text can
#: hold is refused before the matrix is allocated.
_SHORTEST_PAIR_LINE = 6


class MdgplibError(ValueError):
    """A malformed MDGPLIB file; the message names the file and the line."""


@dataclass(frozen=True)
class MdgpInstance:
    """One MDGP instance: a symmetric distance matrix and per-group [a_g, b_g] bounds."""

    name: str
    kind: str  # "ss" or "ds", as written in the file
    distances: NDArray[np.float64]
    bounds: tuple[tuple[int, int], ...]

    @property
    def n(self) -> int:
        return int(self.distances.shape[0])


def read_mdgplib(path: str | Path) -> MdgpInstance:
    """Read an MDGPLIB file; gzip (found by its magic bytes) is decompressed, in bounded
    memory: the file, its text and n are limited (``MAX_FILE_BYTES``, ``MAX_TEXT_BYTES``,
    ``MAX_ITEMS``), so a gzip bomb or damaged gzip is an `MdgplibError` like any other."""
    path = Path(path)
    try:
        raw = read_bounded(path, limit=MAX_FILE_BYTES, what="MDGPLIB file")
        if raw[:2] == b"\x1f\x8b":
            raw = inflate_gzip(raw, limit=MAX_TEXT_BYTES, source=str(path))
    except InputTooLarge as exc:
        raise MdgplibError(str(exc)) from None
    except OSError as exc:
        raise MdgplibError(f"{path}: cannot read file ({exc.strerror})") from exc
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError as exc:
        raise MdgplibError(f"{path}: not a text file (byte {exc.start} is not ASCII)") from exc
    del raw
    name = path.name.removesuffix(".gz").removesuffix(".txt")
    return parse_mdgplib(text, source=str(path), name=name)


def parse_mdgplib(text: str, *, source: str, name: str = "") -> MdgpInstance:
    """Parse MDGPLIB text; `source` is used in error messages (usually the file path)."""
    lines = enumerate(io.StringIO(text), start=1)  # lazily: a list of lines would double it
    header = next(((number, line) for number, line in lines if line.strip()), None)
    if header is None:
        raise MdgplibError(f"{source}: empty file, expected header 'n m type a_1 b_1 ...'")
    n, kind, bounds = _parse_header(header[1], source, header[0])
    pairs = n * (n - 1) // 2
    if n > MAX_ITEMS or pairs * _SHORTEST_PAIR_LINE > len(text):
        # Checked before the n x n matrix exists: a 30-byte header may claim 10^9 items.
        missing = pairs if n > MAX_ITEMS else pairs - text.count("\n")
        raise MdgplibError(
            f"{source}: {max(missing, 1)} pair(s) missing after line {header[0]}, e.g. (0, 1)"
            + (f" (n={n} is over the {MAX_ITEMS} items an instance may have)"
               if n > MAX_ITEMS else ""))
    distances = np.zeros((n, n), dtype=np.float64)
    seen = np.zeros((n, n), dtype=np.bool_)
    last = header[0]
    for number, line in lines:
        last = number
        fields = line.split()
        if not fields:
            continue
        where = f"{source}:{number}"
        if len(fields) != 3:
            raise MdgplibError(f"{where}: expected 'i j d_ij', got {len(fields)} fields")
        i, j = _int_field(fields[0], where, "i"), _int_field(fields[1], where, "j")
        d = _float_field(fields[2], where)
        if not (0 <= i < n and 0 <= j < n) or i == j:
            raise MdgplibError(f"{where}: pair ({i}, {j}) is not two distinct items in 0..{n - 1}")
        low, high = min(i, j), max(i, j)
        if seen[low, high]:
            raise MdgplibError(f"{where}: pair ({i}, {j}) given twice")
        seen[low, high] = True
        distances[low, high] = distances[high, low] = d
    missing = pairs - int(np.count_nonzero(seen))
    if missing:
        low, high = np.argwhere(np.triu(~seen, k=1))[0]
        raise MdgplibError(
            f"{source}: {missing} pair(s) missing after line {last}, e.g. ({low}, {high})"
        )
    return MdgpInstance(name=name, kind=kind, distances=distances, bounds=bounds)


def _parse_header(
    line: str, source: str, line_number: int
) -> tuple[int, str, tuple[tuple[int, int], ...]]:
    where = f"{source}:{line_number}"
    fields = line.split()
    if len(fields) < 3:
        raise MdgplibError(f"{where}: header needs 'n m type a_1 b_1 ...', got {line!r}")
    n, m = _int_field(fields[0], where, "n"), _int_field(fields[1], where, "m")
    kind = fields[2]
    if kind not in ("ss", "ds"):
        raise MdgplibError(f"{where}: type must be 'ss' or 'ds', got {kind!r}")
    if n < 1 or m < 1:
        raise MdgplibError(f"{where}: n and m must be positive, got n={n}, m={m}")
    if len(fields) != 3 + 2 * m:
        raise MdgplibError(
            f"{where}: header has {len(fields) - 3} bound values, expected 2*m = {2 * m}"
        )
    values = [_int_field(v, where, "bound") for v in fields[3:]]
    bounds = tuple((values[2 * g], values[2 * g + 1]) for g in range(m))
    for g, (a, b) in enumerate(bounds):
        if not 0 <= a <= b:
            raise MdgplibError(f"{where}: group {g} has bounds [{a}, {b}], need 0 <= a <= b")
    if not sum(a for a, _ in bounds) <= n <= sum(b for _, b in bounds):
        raise MdgplibError(f"{where}: no grouping of n={n} items fits the group bounds")
    return n, kind, bounds


def _int_field(value: str, where: str, field: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise MdgplibError(f"{where}: field {field} must be an integer, got {value!r}") from None


def _float_field(value: str, where: str) -> float:
    try:
        result = float(value)
    except ValueError:
        raise MdgplibError(f"{where}: distance must be a number, got {value!r}") from None
    if not np.isfinite(result):
        raise MdgplibError(f"{where}: distance must be finite, got {value!r}")
    return result
