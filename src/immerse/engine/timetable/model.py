"""Timetables from wishes: the problem, the timetable, and the two metrics that judge it.

Attendees say which talks they want; the organiser decides which talks run in parallel
(Vangerven, Ficker, Goossens, Passchyn, Spieksma, Woeginger 2018, "Conference scheduling —
A personalized approach", Omega 81). A *block* has ``n_rooms`` rooms that each hold
``n_positions`` consecutive talks; the talks at the same position of a block, across its
rooms, form a *parallel group* and run at the same time.

Metrics (both computed here independently of any solver):

* **missed attendance** = Σ over participants and parallel groups of
  max(0, wanted talks in the group − 1): a participant sees at most one talk at a time.
* **session hops**, as in Vangerven et al. and the ``felixrauh/conference_scheduler``
  evaluator: for participant p and block b, let q₁ < … < q_k be the positions of b where p
  wants at least one talk and R_j the rooms holding such a talk at q_j. p attends one
  wanted talk at each of those positions (staying put where they want nothing), choosing
  the rooms r_j ∈ R_j that minimise the number of changes #{j : r_j ≠ r_{j+1}}. That
  minimum is p's hops in b; the total sums over participants and blocks.

The solver lives in :mod:`immerse.engine.timetable.solve`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

__all__ = [
    "Block",
    "InvalidTimetableError",
    "Timetable",
    "TimetableProblem",
    "check_timetable",
    "missed_attendance",
    "session_hops",
]


class InvalidTimetableError(ValueError):
    """A timetable breaks the rules of its problem (or a problem is inconsistent)."""


@dataclass(frozen=True, slots=True)
class Block:
    """A session block: ``n_rooms`` rooms in parallel, ``n_positions`` talks per room."""

    block_id: str
    n_rooms: int
    n_positions: int

    @property
    def n_slots(self) -> int:
        return self.n_rooms * self.n_positions


@dataclass(frozen=True, slots=True)
class TimetableProblem:
    """Talks with their presenters, the block shapes, and who wants which talks.

    ``presenter_ids[i]`` presents ``talk_ids[i]``; talks of one presenter never run in
    parallel. ``wants[j]`` holds the talk ids participant ``participant_ids[j]`` wants.
    """

    talk_ids: tuple[str, ...]
    presenter_ids: tuple[str, ...]
    blocks: tuple[Block, ...]
    participant_ids: tuple[str, ...]
    wants: tuple[frozenset[str], ...]

    def __post_init__(self) -> None:
        if len(self.presenter_ids) != len(self.talk_ids):
            raise InvalidTimetableError("presenter_ids must align with talk_ids")
        if len(self.wants) != len(self.participant_ids):
            raise InvalidTimetableError("wants must align with participant_ids")
        _require_unique(self.talk_ids, "talk id")
        _require_unique(self.participant_ids, "participant id")
        _require_unique(tuple(b.block_id for b in self.blocks), "block id")
        for block in self.blocks:
            if block.n_rooms < 1 or block.n_positions < 1:
                raise InvalidTimetableError(
                    f"block {block.block_id!r} must have ≥ 1 room and position"
                )
        if len(self.talk_ids) > self.n_slots:
            raise InvalidTimetableError(
                f"{len(self.talk_ids)} talks do not fit in {self.n_slots} slots"
            )
        known = set(self.talk_ids)
        for participant, wanted in zip(self.participant_ids, self.wants, strict=True):
            unknown = sorted(wanted - known)
            if unknown:
                raise InvalidTimetableError(
                    f"participant {participant!r} wants unknown talk {unknown[0]!r}"
                )

    @property
    def n_slots(self) -> int:
        return sum(block.n_slots for block in self.blocks)


@dataclass(frozen=True, slots=True)
class Timetable:
    """``rooms[b][r][q]``: the talk in room r at position q of ``problem.blocks[b]``.

    ``None`` marks an empty slot (when the blocks have more slots than there are talks).
    """

    rooms: tuple[tuple[tuple[str | None, ...], ...], ...]

    def parallel_groups(self) -> list[list[str]]:
        """The talks that run at the same time, one list per (block, position)."""
        groups: list[list[str]] = []
        for block_rooms in self.rooms:
            n_positions = max((len(room) for room in block_rooms), default=0)
            for position in range(n_positions):
                groups.append(
                    [room[position] for room in block_rooms if room[position] is not None]  # type: ignore[misc]
                )
        return groups


def check_timetable(problem: TimetableProblem, timetable: Timetable) -> None:
    """Raise :class:`InvalidTimetableError` unless every rule of ``problem`` holds.

    Rules: the block shapes are respected, every talk appears exactly once, nothing else
    appears, and no presenter has two talks in the same parallel group.

    >>> problem = TimetableProblem(("a", "b"), ("x", "y"), (Block("B", 2, 1),), (), ())
    >>> check_timetable(problem, Timetable(((("a",), ("b",)),)))
    """
    if len(timetable.rooms) != len(problem.blocks):
        raise InvalidTimetableError(
            f"timetable has {len(timetable.rooms)} blocks, problem has {len(problem.blocks)}"
        )
    for block, block_rooms in zip(problem.blocks, timetable.rooms, strict=True):
        if len(block_rooms) != block.n_rooms:
            raise InvalidTimetableError(
                f"block {block.block_id!r} has {len(block_rooms)} rooms, expected {block.n_rooms}"
            )
        for room_index, room in enumerate(block_rooms):
            if len(room) != block.n_positions:
                raise InvalidTimetableError(
                    f"block {block.block_id!r} room {room_index + 1} has {len(room)} positions, "
                    f"expected {block.n_positions}"
                )
    placed = Counter(
        talk
        for block_rooms in timetable.rooms
        for room in block_rooms
        for talk in room
        if talk is not None
    )
    known = set(problem.talk_ids)
    for talk, times in placed.items():
        if talk not in known:
            raise InvalidTimetableError(f"unknown talk {talk!r} in the timetable")
        if times > 1:
            raise InvalidTimetableError(f"talk {talk!r} is scheduled {times} times")
    missing = [talk for talk in problem.talk_ids if talk not in placed]
    if missing:
        raise InvalidTimetableError(
            f"talk {missing[0]!r} is not scheduled ({len(missing)} missing)"
        )
    presenter_of = dict(zip(problem.talk_ids, problem.presenter_ids, strict=True))
    for group in timetable.parallel_groups():
        presenters = Counter(presenter_of[talk] for talk in group)
        clash = [presenter for presenter, times in presenters.items() if times > 1]
        if clash:
            raise InvalidTimetableError(
                f"presenter {clash[0]!r} has parallel talks in {sorted(group)}"
            )


def missed_attendance(problem: TimetableProblem, timetable: Timetable) -> int:
    """Σ over participants and parallel groups of max(0, wanted talks in the group − 1).

    >>> problem = TimetableProblem(("a", "b"), ("x", "y"), (Block("B", 2, 1),), ("p",),
    ...                            (frozenset({"a", "b"}),))
    >>> missed_attendance(problem, Timetable(((("a",), ("b",)),)))
    1
    """
    groups = [frozenset(group) for group in timetable.parallel_groups()]
    return sum(max(0, len(wanted & group) - 1) for wanted in problem.wants for group in groups)


def session_hops(problem: TimetableProblem, timetable: Timetable) -> int:
    """Σ over participants and blocks of the fewest room changes (see the module docstring).

    >>> problem = TimetableProblem(("a", "b", "c", "d"), ("w", "x", "y", "z"),
    ...                            (Block("B", 2, 2),), ("p",), (frozenset({"a", "d"}),))
    >>> session_hops(problem, Timetable(((("a", "c"), ("b", "d")),)))
    1
    """
    total = 0
    for block_rooms in timetable.rooms:
        n_positions = max((len(room) for room in block_rooms), default=0)
        for wanted in problem.wants:
            total += _fewest_room_changes(
                [
                    {
                        r
                        for r, room in enumerate(block_rooms)
                        if room[q] is not None and room[q] in wanted
                    }
                    for q in range(n_positions)
                ]
            )
    return total


def _fewest_room_changes(wanted_rooms: list[set[int]]) -> int:
    """Minimum room changes to visit one room of each non-empty set, in order."""
    # changes[r] = fewest changes so far, ending in room r; a chosen room is never worse
    # than 1 + the best, so the minimum over the previous rooms is all we need.
    changes: dict[int, int] = {}
    for rooms in wanted_rooms:
        if not rooms:
            continue
        if not changes:
            changes = dict.fromkeys(rooms, 0)
            continue
        best = min(changes.values())
        changes = {r: min(changes.get(r, best + 1), best + 1) for r in rooms}
    return min(changes.values(), default=0)


def _require_unique(values: tuple[str, ...], what: str) -> None:
    duplicates = [value for value, times in Counter(values).items() if times > 1]
    if duplicates:
        raise InvalidTimetableError(f"duplicate {what} {duplicates[0]!r}")
