"""A day's time slots from its hours, the session length, the gap between sessions and
its breaks: the grid an organizer starts from, the same for every day of the event.

Times are minutes after midnight (plain ints), so the engine needs no time zone: the
caller turns them into the event's local date-times.

>>> [(s.start, s.end) for s in slot_grid(start=540, end=720, session_minutes=60,
...                                      breaks=[GridBreak(start=600, end=630)])]
[(540, 600), (630, 690)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["MINUTES_PER_DAY", "GridBreak", "GridError", "GridSlot", "slot_grid"]

MINUTES_PER_DAY = 24 * 60
#: More slots than this in a day is a mistake (a one-minute session length), not a plan.
MAX_SLOTS_PER_DAY = 96


class GridError(ValueError):
    """A grid that cannot be made; ``field`` names the input at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


@dataclass(frozen=True, slots=True)
class GridBreak:
    """A pause (lunch, coffee) in which no session starts or runs."""

    start: int
    end: int
    label: str = ""


@dataclass(frozen=True, slots=True)
class GridSlot:
    start: int
    end: int


def _check(*, start: int, end: int, session_minutes: int, gap_minutes: int,
           breaks: Sequence[GridBreak]) -> None:
    if not 0 <= start < MINUTES_PER_DAY:
        raise GridError("start", "must be a time of day")
    if not 0 < end <= MINUTES_PER_DAY:
        raise GridError("end", "must be a time of day")
    if end <= start:
        raise GridError("end", "must be after the start")
    if session_minutes <= 0:
        raise GridError("session_minutes", "must be at least one minute")
    if session_minutes > end - start:
        raise GridError("session_minutes", "is longer than the day")
    if gap_minutes < 0:
        raise GridError("gap_minutes", "cannot be negative")
    for number, pause in enumerate(breaks, start=1):
        if pause.end <= pause.start:
            raise GridError(f"break {number}", "must end after it starts")


def slot_grid(*, start: int, end: int, session_minutes: int, gap_minutes: int = 0,
              breaks: Sequence[GridBreak] = ()) -> list[GridSlot]:
    """The slots of one day: back to back from ``start`` (``gap_minutes`` apart), each
    ``session_minutes`` long, none overlapping a break (the next one starts when the break
    ends), none running past ``end``. Raises :class:`GridError` naming the bad input."""
    _check(start=start, end=end, session_minutes=session_minutes, gap_minutes=gap_minutes,
           breaks=breaks)
    slots: list[GridSlot] = []
    cursor = start
    ordered = sorted(breaks, key=lambda pause: pause.start)
    while cursor + session_minutes <= end:
        finish = cursor + session_minutes
        blocking = next((p for p in ordered if p.start < finish and cursor < p.end), None)
        if blocking is not None:
            cursor = blocking.end
            continue
        slots.append(GridSlot(start=cursor, end=finish))
        if len(slots) > MAX_SLOTS_PER_DAY:
            raise GridError("session_minutes", f"makes more than {MAX_SLOTS_PER_DAY} slots "
                            "a day")
        cursor = finish + gap_minutes
    return slots
