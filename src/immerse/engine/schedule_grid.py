"""The schedule grid's rules: one session per room and slot, and what an organizer should see.

Pure data in and out. The placement rule (two sessions never share a room in one slot) is
also a database constraint; these functions find clashes in plain data (a proposal, an
import), fit proposals into free cells, and list the warnings the grid shows: a host in two
places at once, a session promising more seats than its room has, and a level with nothing
in a slot (a slot with no session at all is free time, not a gap).

>>> from datetime import datetime
>>> slot = GridSlot(1, datetime(2027, 3, 15, 9), datetime(2027, 3, 15, 10))
>>> a = GridSession(1, "Stories", room=7, slot=1, levels=(1,), hosts=(Host(3, "Ann"),))
>>> b = GridSession(2, "Lab", room=8, slot=1, levels=(2,), hosts=(Host(3, "Ann"),))
>>> [w.kind for w in grid_warnings(sessions=[a, b], slots=[slot], rooms=[], levels=(1, 2))]
['host_twice']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, TypeVar

__all__ = [
    "Clash",
    "GridRoom",
    "GridSession",
    "GridSlot",
    "GridWarning",
    "Host",
    "cell_clashes",
    "fit_into_free",
    "grid_warnings",
    "occupant",
]

SlotKey = TypeVar("SlotKey", bound=Hashable)
WarningKind = Literal["host_twice", "over_capacity", "level_missing"]


@dataclass(frozen=True, slots=True)
class Host:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class GridSlot:
    id: int
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class GridRoom:
    id: int
    name: str
    capacity: int


@dataclass(frozen=True, slots=True)
class GridSession:
    """A session as the grid sees it; ``room``/``slot`` are ids, None while unplaced.
    ``capacity`` None means "the room's size"."""

    id: int
    title: str
    room: int | None = None
    slot: int | None = None
    capacity: int | None = None
    levels: tuple[int, ...] = ()
    hosts: tuple[Host, ...] = ()

    @property
    def placed(self) -> bool:
        return self.room is not None and self.slot is not None


@dataclass(frozen=True, slots=True)
class Clash:
    """Sessions that share one room in one slot (ids in the order given)."""

    room: int
    slot: int
    sessions: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class GridWarning:
    """Something the organizer should look at; the page words it.

    ``host_twice``: ``host`` hosts ``sessions`` (two or more) whose slots overlap, ``slot`` is
    the earlier one. ``over_capacity``: ``sessions`` is the one session, ``seats`` its
    capacity, ``room_seats`` its room's. ``level_missing``: no session in ``slot`` is for
    ``level``.
    """

    kind: WarningKind
    slot: int
    sessions: tuple[int, ...] = ()
    host: Host | None = None
    level: int | None = None
    seats: int | None = None
    room_seats: int | None = None


def occupant(
    sessions: Iterable[GridSession], *, room: int, slot: int, moving: int | None = None
) -> GridSession | None:
    """The session already in ``room`` at ``slot``, other than the one ``moving`` there."""
    return next((s for s in sessions
                 if s.room == room and s.slot == slot and s.id != moving), None)


def cell_clashes(sessions: Iterable[GridSession]) -> tuple[Clash, ...]:
    """Every room and slot holding more than one session, in the order first seen."""
    cells: defaultdict[tuple[int, int], list[int]] = defaultdict(list)
    for session in sessions:
        if session.room is not None and session.slot is not None:
            cells[(session.room, session.slot)].append(session.id)
    return tuple(Clash(room, slot, tuple(ids))
                 for (room, slot), ids in cells.items() if len(ids) > 1)


def fit_into_free(
    wanted: Sequence[tuple[str, SlotKey]], *, taken: Set[tuple[str, SlotKey]],
    rooms: Sequence[str],
) -> tuple[tuple[str, SlotKey] | None, ...]:
    """Give each wanted (room, slot) cell a free one: itself when free, else the first free
    room of ``rooms`` (the preferred order) in the same slot, else None (offered unplaced).
    Cells given to earlier wants count as taken for later ones.

    >>> fit_into_free([("A", 1), ("A", 1), ("A", 1)], taken={("B", 1)}, rooms=["A", "B", "C"])
    (('A', 1), ('C', 1), None)
    """
    used = set(taken)
    given: list[tuple[str, SlotKey] | None] = []
    for room, slot in wanted:
        choices = [room] + [r for r in rooms if r != room]
        cell = next(((r, slot) for r in choices if (r, slot) not in used), None)
        if cell is not None:
            used.add(cell)
        given.append(cell)
    return tuple(given)


def grid_warnings(
    *, sessions: Sequence[GridSession], slots: Sequence[GridSlot], rooms: Sequence[GridRoom],
    levels: Sequence[int],
) -> tuple[GridWarning, ...]:
    """The warnings for a whole grid, slot by slot (in the order of ``slots``).

    ``levels``: the levels the event's people are at; a slot with sessions should offer each.
    """
    by_slot = {slot.id: slot for slot in slots}
    order = {slot.id: index for index, slot in enumerate(sorted(slots, key=_slot_order))}
    placed = [s for s in sessions if s.placed and s.slot in by_slot]
    found = [*_hosts_twice(placed, by_slot), *_over_capacity(placed, rooms),
             *_levels_missing(placed, slots, levels)]
    return tuple(sorted(found, key=lambda w: order[w.slot]))  # stable within a slot


def _slot_order(slot: GridSlot) -> tuple[datetime, datetime, int]:
    return (slot.start, slot.end, slot.id)


def _hosts_twice(
    placed: Sequence[GridSession], slots: Mapping[int, GridSlot]
) -> list[GridWarning]:
    hosting: defaultdict[Host, list[GridSession]] = defaultdict(list)
    for session in placed:
        for host in session.hosts:
            hosting[host].append(session)
    found = []
    for host, held in hosting.items():
        held.sort(key=lambda s: (_slot_order(slots[s.slot or 0]), s.id))
        for i, first in enumerate(held):
            a = slots[first.slot or 0]
            for second in held[i + 1:]:
                b = slots[second.slot or 0]
                if a.start < b.end and b.start < a.end:
                    found.append(GridWarning("host_twice", a.id, (first.id, second.id),
                                             host=host))
    return found


def _over_capacity(
    placed: Sequence[GridSession], rooms: Sequence[GridRoom]
) -> list[GridWarning]:
    seats = {room.id: room.capacity for room in rooms}
    return [GridWarning("over_capacity", s.slot or 0, (s.id,), seats=s.capacity,
                        room_seats=seats[s.room or 0])
            for s in placed
            if s.capacity is not None and s.room in seats and s.capacity > seats[s.room]]


def _levels_missing(
    placed: Sequence[GridSession], slots: Sequence[GridSlot], levels: Sequence[int]
) -> list[GridWarning]:
    offered: defaultdict[int, set[int]] = defaultdict(set)
    for session in placed:
        offered[session.slot or 0].update(session.levels)
    return [GridWarning("level_missing", slot.id, level=level)
            for slot in slots if slot.id in offered
            for level in sorted(levels) if level not in offered[slot.id]]
