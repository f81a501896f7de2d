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

import gzip
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray


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
    """Read an MDGPLIB file; ``.gz`` files are decompressed transparently."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise MdgplibError(f"{path}: cannot read file ({exc.strerror})") from exc
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise MdgplibError(f"{path}: corrupt gzip data ({exc})") from exc
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError as exc:
        raise MdgplibError(f"{path}: not a text file (byte {exc.start} is not ASCII)") from exc
    name = path.name.removesuffix(".gz").removesuffix(".txt")
    return parse_mdgplib(text, source=str(path), name=name)


def parse_mdgplib(text: str, *, source: str, name: str = "") -> MdgpInstance:
    """Parse MDGPLIB text; `source` is used in error messages (usually the file path)."""
    lines = text.splitlines()
    header_index = _first_non_blank(lines)
    if header_index is None:
        raise MdgplibError(f"{source}: empty file, expected header 'n m type a_1 b_1 ...'")
    n, kind, bounds = _parse_header(lines[header_index], source, header_index + 1)
    # Pairs first, matrix last: a header claiming a huge n must not allocate n x n up front.
    pairs: dict[tuple[int, int], float] = {}
    for index in range(header_index + 1, len(lines)):
        fields = lines[index].split()
        if not fields:
            continue
        where = f"{source}:{index + 1}"
        if len(fields) != 3:
            raise MdgplibError(f"{where}: expected 'i j d_ij', got {len(fields)} fields")
        i, j = _int_field(fields[0], where, "i"), _int_field(fields[1], where, "j")
        d = _float_field(fields[2], where)
        if not (0 <= i < n and 0 <= j < n) or i == j:
            raise MdgplibError(f"{where}: pair ({i}, {j}) is not two distinct items in 0..{n - 1}")
        key = (min(i, j), max(i, j))
        if key in pairs:
            raise MdgplibError(f"{where}: pair ({i}, {j}) given twice")
        pairs[key] = d
    missing = n * (n - 1) // 2 - len(pairs)
    if missing:
        i, j = next((a, b) for a in range(n) for b in range(a + 1, n) if (a, b) not in pairs)
        raise MdgplibError(
            f"{source}: {missing} pair(s) missing after line {len(lines)}, e.g. ({i}, {j})"
        )
    distances = np.zeros((n, n), dtype=np.float64)
    for (i, j), d in pairs.items():
        distances[i, j] = distances[j, i] = d
    return MdgpInstance(name=name, kind=kind, distances=distances, bounds=bounds)


def _first_non_blank(lines: list[str]) -> int | None:
    return next((k for k, line in enumerate(lines) if line.strip()), None)


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
