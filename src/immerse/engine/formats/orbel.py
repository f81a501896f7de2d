"""Read a timetable problem from a folder in the ORBEL layout (felixrauh/conference_scheduler).

The folder holds three CSV files with a header row:

* ``talks.csv``: ``talk_id,presenter_id[,keywords]``;
* ``preferences.csv``: ``participant_id,talk_id``, one wanted talk per row;
* ``sessions.csv``: ``session_id,n_rooms,n_talks_per_room``, one session block per row, in
  time order.

Errors name the file, the row (1 = the header) and the column.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from immerse.engine.formats.limits import MIB, InputTooLarge, read_bounded
from immerse.engine.timetable.model import (
    Block,
    InvalidTimetableError,
    TimetableProblem,
)

#: Per CSV file (ORBEL 2026's preferences.csv, the largest, is under 100 KB).
MAX_FILE_BYTES = 64 * MIB

__all__ = ["OrbelFormatError", "read_orbel"]


class OrbelFormatError(ValueError):
    """An ORBEL folder is missing a file or holds a malformed row."""

    def __init__(self, path: Path, row: int | None, column: str | None, message: str) -> None:
        where = str(path)
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column {column!r}"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.row = row
        self.column = column


def read_orbel(folder: Path) -> TimetableProblem:
    """Read ``talks.csv``, ``preferences.csv`` and ``sessions.csv`` from ``folder``."""
    talks_path = folder / "talks.csv"
    talk_ids: list[str] = []
    presenter_ids: list[str] = []
    seen_talks: dict[str, int] = {}
    for row_number, row in _rows(talks_path, ("talk_id", "presenter_id")):
        talk = _field(talks_path, row_number, row, "talk_id")
        if talk in seen_talks:
            raise OrbelFormatError(
                talks_path,
                row_number,
                "talk_id",
                f"talk {talk!r} already given in row {seen_talks[talk]}",
            )
        seen_talks[talk] = row_number
        talk_ids.append(talk)
        presenter_ids.append(_field(talks_path, row_number, row, "presenter_id"))

    prefs_path = folder / "preferences.csv"
    wants: dict[str, set[str]] = {}
    for row_number, row in _rows(prefs_path, ("participant_id", "talk_id")):
        participant = _field(prefs_path, row_number, row, "participant_id")
        talk = _field(prefs_path, row_number, row, "talk_id")
        if talk not in seen_talks:
            raise OrbelFormatError(
                prefs_path, row_number, "talk_id", f"talk {talk!r} is not in talks.csv"
            )
        wants.setdefault(participant, set()).add(talk)

    sessions_path = folder / "sessions.csv"
    blocks: list[Block] = []
    for row_number, row in _rows(sessions_path, ("session_id", "n_rooms", "n_talks_per_room")):
        blocks.append(
            Block(
                block_id=_field(sessions_path, row_number, row, "session_id"),
                n_rooms=_positive_int(sessions_path, row_number, row, "n_rooms"),
                n_positions=_positive_int(sessions_path, row_number, row, "n_talks_per_room"),
            )
        )
    try:
        return TimetableProblem(
            talk_ids=tuple(talk_ids),
            presenter_ids=tuple(presenter_ids),
            blocks=tuple(blocks),
            participant_ids=tuple(wants),
            wants=tuple(frozenset(w) for w in wants.values()),
        )
    except InvalidTimetableError as error:
        raise OrbelFormatError(folder, None, None, str(error)) from error


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows as dicts with their 1-based row number (the header is row 1)."""
    try:
        text = read_bounded(path, limit=MAX_FILE_BYTES, what="timetable CSV file").decode(
            "utf-8-sig")
    except FileNotFoundError:
        raise OrbelFormatError(path, None, None, "file not found") from None
    except InputTooLarge as error:
        raise OrbelFormatError(path, None, None, str(error).removeprefix(f"{path}: ")
                               ) from None
    except UnicodeDecodeError as error:
        raise OrbelFormatError(path, None, None, f"not UTF-8 text ({error.reason})") from None
    reader = csv.reader(text.splitlines())
    try:
        header = [name.strip() for name in next(reader, [])]
        yield from _data_rows(path, reader, header, required)
    except csv.Error as error:
        raise OrbelFormatError(path, reader.line_num, None, f"unreadable CSV ({error})") from None


def _data_rows(path: Path, reader: Iterator[list[str]], header: list[str],
               required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    for column in required:
        if column not in header:
            raise OrbelFormatError(path, 1, column, "missing column in the header")
    for row_number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank line
        if len(cells) != len(header):
            raise OrbelFormatError(
                path, row_number, None, f"{len(cells)} cells, the header has {len(header)}"
            )
        yield row_number, {name: cell.strip() for name, cell in zip(header, cells, strict=True)}


def _field(path: Path, row_number: int, row: dict[str, str], column: str) -> str:
    value = row[column]
    if not value:
        raise OrbelFormatError(path, row_number, column, "empty value")
    return value


def _positive_int(path: Path, row_number: int, row: dict[str, str], column: str) -> int:
    value = _field(path, row_number, row, column)
    try:
        number = int(value)
    except ValueError:
        raise OrbelFormatError(
            path, row_number, column, f"{value!r} is not a whole number"
        ) from None
    if number < 1:
        raise OrbelFormatError(path, row_number, column, f"{number} must be at least 1")
    return number
