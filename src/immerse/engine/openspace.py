"""Open space: place the most wanted proposals into free rooms and slots.

Participants propose sessions and vote for those they would attend; each vote is a wish.
The timetable engine (:mod:`immerse.engine.timetable`, proven on ORBEL) decides which
proposals run in parallel so that voters miss the fewest wishes and no host runs two at
once. Each free slot is one parallel group (a block of its free rooms, one position).

The timetable engine knows no "host busy at this time" rule, so hosts' other sessions are
honoured by a repair after it: a proposal in a slot where its host is busy moves to a free
spot (or swaps with another proposal) where both hosts are free, choosing the move that
misses the fewest wishes; with no such move it is left unplaced, with the reason. Within a
slot the most voted proposal gets the largest room.

>>> problem = OpenSpaceProblem(
...     proposals=(Proposal("a", "ann", frozenset({"x", "y"})),
...                Proposal("b", "bob", frozenset({"x"}))),
...     spots=(Spot("s1", "r1", 30), Spot("s2", "r1", 30)))
>>> placement = place_proposals(problem, effort=0.01)
>>> sorted(spot.slot_id for spot in placement.placed.values())  # x wants both: apart
['s1', 's2']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from immerse.engine.timetable import Block, TimetableProblem, solve_timetable

__all__ = [
    "OpenSpaceProblem",
    "Placement",
    "Proposal",
    "Spot",
    "Unplaced",
    "missed_wishes",
    "place_proposals",
]


class Unplaced(StrEnum):
    """Why a proposal was not placed (the service words it for people)."""

    NO_VOTES = "no_votes"
    NO_ROOM = "no_room"  # fewer free spots than wanted proposals: others had more votes
    HOST_BUSY = "host_busy"  # its host is busy (hosting) in every spot left


@dataclass(frozen=True, slots=True)
class Proposal:
    proposal_id: str
    host_id: str
    voters: frozenset[str]


@dataclass(frozen=True, slots=True)
class Spot:
    """A free room in a slot; ``capacity`` in seats."""

    slot_id: str
    room_id: str
    capacity: int


@dataclass(frozen=True, slots=True)
class OpenSpaceProblem:
    """Proposals, the free spots, and the slots where each host is already busy."""

    proposals: tuple[Proposal, ...]
    spots: tuple[Spot, ...]
    busy: Mapping[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Placement:
    placed: dict[str, Spot]
    unplaced: dict[str, Unplaced]


def _ranked(proposals: tuple[Proposal, ...]) -> list[Proposal]:
    """Most votes first; ties by id so a run repeats exactly."""
    return sorted(proposals, key=lambda p: (-len(p.voters), p.proposal_id))


def _select(problem: OpenSpaceProblem) -> tuple[list[Proposal], dict[str, Unplaced]]:
    """The most wanted proposals that fit: as many as spots, a host at most once per slot
    where they are free."""
    slots = {spot.slot_id for spot in problem.spots}
    chosen: list[Proposal] = []
    unplaced: dict[str, Unplaced] = {}
    per_host: defaultdict[str, int] = defaultdict(int)
    for proposal in _ranked(problem.proposals):
        free_slots = len(slots - problem.busy.get(proposal.host_id, frozenset()))
        if not proposal.voters:
            unplaced[proposal.proposal_id] = Unplaced.NO_VOTES
        elif per_host[proposal.host_id] >= free_slots:
            unplaced[proposal.proposal_id] = Unplaced.HOST_BUSY
        elif len(chosen) >= len(problem.spots):
            unplaced[proposal.proposal_id] = Unplaced.NO_ROOM
        else:
            chosen.append(proposal)
            per_host[proposal.host_id] += 1
    return chosen, unplaced


def _slot_of(problem: OpenSpaceProblem, chosen: list[Proposal], *, seed: int,
             effort: float, time_limit: float) -> dict[str, str]:
    """Which slot each chosen proposal runs in, from the timetable engine."""
    by_slot: defaultdict[str, int] = defaultdict(int)
    for spot in problem.spots:
        by_slot[spot.slot_id] += 1
    slot_ids = sorted(by_slot)
    voters = sorted({voter for proposal in chosen for voter in proposal.voters})
    timetable = solve_timetable(
        TimetableProblem(
            talk_ids=tuple(p.proposal_id for p in chosen),
            presenter_ids=tuple(p.host_id for p in chosen),
            blocks=tuple(Block(slot, by_slot[slot], 1) for slot in slot_ids),
            participant_ids=tuple(voters),
            wants=tuple(frozenset(p.proposal_id for p in chosen if voter in p.voters)
                        for voter in voters)),
        seed=seed, effort=effort, time_limit=time_limit)
    return {talk: slot for slot, rooms in zip(slot_ids, timetable.rooms, strict=True)
            for room in rooms for talk in room if talk is not None}


def _clashes(slot_of: dict[str, str], by_id: dict[str, Proposal]) -> int:
    """Wishes missed: per voter and slot, wanted proposals beyond the first."""
    wanted: defaultdict[tuple[str, str], int] = defaultdict(int)
    for proposal_id, slot in slot_of.items():
        for voter in by_id[proposal_id].voters:
            wanted[(voter, slot)] += 1
    return sum(count - 1 for count in wanted.values())


def _fits(proposal: Proposal, slot: str, slot_of: dict[str, str],
          by_id: dict[str, Proposal], busy: Mapping[str, frozenset[str]]) -> bool:
    if slot in busy.get(proposal.host_id, frozenset()):
        return False
    return not any(by_id[other].host_id == proposal.host_id and where == slot
                   for other, where in slot_of.items() if other != proposal.proposal_id)


def _repair(problem: OpenSpaceProblem, slot_of: dict[str, str],
            by_id: dict[str, Proposal]) -> list[str]:
    """Move proposals out of slots where their host is busy; returns those that cannot."""
    capacity: defaultdict[str, int] = defaultdict(int)
    for spot in problem.spots:
        capacity[spot.slot_id] += 1
    stuck: list[str] = []
    for proposal_id in sorted(slot_of):
        proposal = by_id[proposal_id]
        if slot_of[proposal_id] not in problem.busy.get(proposal.host_id, frozenset()):
            continue
        home = slot_of[proposal_id]
        options: list[tuple[int, str, dict[str, str]]] = []
        for slot in sorted(capacity):
            used = [other for other, where in slot_of.items() if where == slot]
            trial = {**slot_of, proposal_id: slot}
            if len(used) < capacity[slot] and _fits(proposal, slot, trial, by_id, problem.busy):
                options.append((_clashes(trial, by_id), slot, trial))
            for other in used:
                trial = {**slot_of, proposal_id: slot, other: home}
                if (_fits(proposal, slot, trial, by_id, problem.busy)
                        and _fits(by_id[other], home, trial, by_id, problem.busy)):
                    options.append((_clashes(trial, by_id), slot + "\0" + other, trial))
        if options:
            slot_of.clear()
            slot_of.update(min(options, key=lambda option: option[:2])[2])
        else:
            stuck.append(proposal_id)
            del slot_of[proposal_id]
    return stuck


def _rooms(problem: OpenSpaceProblem, slot_of: dict[str, str],
           by_id: dict[str, Proposal]) -> dict[str, Spot]:
    """Within each slot, the most voted proposal gets the largest room."""
    spots: defaultdict[str, list[Spot]] = defaultdict(list)
    for spot in problem.spots:
        spots[spot.slot_id].append(spot)
    placed: dict[str, Spot] = {}
    for slot, free in spots.items():
        here = _ranked(tuple(by_id[p] for p, where in slot_of.items() if where == slot))
        rooms = sorted(free, key=lambda s: (-s.capacity, s.room_id))
        placed.update(zip((p.proposal_id for p in here), rooms, strict=False))
    return placed


def place_proposals(problem: OpenSpaceProblem, *, seed: int = 0, effort: float = 0.2,
                    time_limit: float = 20.0) -> Placement:
    """Place the most wanted proposals into free spots, missing the fewest wishes.

    Parameters
    ----------
    seed, effort, time_limit: passed to :func:`~immerse.engine.timetable.solve_timetable`
        (the same seed repeats a run).

    Returns the spot of each placed proposal and the reason for each one left out.
    """
    chosen, unplaced = _select(problem)
    if not chosen:
        return Placement(placed={}, unplaced=unplaced)
    by_id = {p.proposal_id: p for p in problem.proposals}
    slot_of = _slot_of(problem, chosen, seed=seed, effort=effort, time_limit=time_limit)
    for proposal_id in _repair(problem, slot_of, by_id):
        unplaced[proposal_id] = Unplaced.HOST_BUSY
    return Placement(placed=_rooms(problem, slot_of, by_id), unplaced=unplaced)


def missed_wishes(problem: OpenSpaceProblem, placement: Placement) -> int:
    """Votes for unplaced proposals plus, per voter and slot, placed wishes beyond one."""
    by_id = {p.proposal_id: p for p in problem.proposals}
    lost = sum(len(by_id[p].voters) for p in placement.unplaced)
    return lost + _clashes({p: s.slot_id for p, s in placement.placed.items()}, by_id)
