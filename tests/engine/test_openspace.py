"""Open space placement: the most wanted proposals in free spots, hosts never in two places."""

from __future__ import annotations

from collections import Counter

import pytest

from immerse.engine.openspace import (
    OpenSpaceProblem,
    Placement,
    Proposal,
    Spot,
    Unplaced,
    missed_wishes,
    place_proposals,
)

SLOTS = ("s0", "s1", "s2")
CAPACITIES = {"r0": 40, "r1": 30, "r2": 20, "r3": 10}


def _twelve_and_forty() -> OpenSpaceProblem:
    """12 proposals in three groups of four, 20 voters × 2 votes in different groups (so a
    timetable missing nothing exists), h0 hosts two, h1 is busy in s0."""
    votes: dict[int, set[str]] = {index: set() for index in range(12)}
    for voter in range(20):
        first = voter % 12
        second = ((first // 4 + 1) % 3) * 4 + (voter * 7) % 4
        votes[first].add(f"v{voter}")
        votes[second].add(f"v{voter}")
    hosts = ["h0" if index in (0, 4) else f"h{index}" for index in range(12)]
    return OpenSpaceProblem(
        proposals=tuple(Proposal(f"p{i}", hosts[i], frozenset(votes[i])) for i in range(12)),
        spots=tuple(Spot(slot, room, cap) for slot in SLOTS for room, cap in CAPACITIES.items()),
        busy={"h1": frozenset({"s0"})})


def _host_slots(problem: OpenSpaceProblem, placement: Placement) -> Counter[tuple[str, str]]:
    host = {p.proposal_id: p.host_id for p in problem.proposals}
    return Counter((host[p], spot.slot_id) for p, spot in placement.placed.items())


def test_twelve_proposals_forty_votes_all_placed_without_clashes() -> None:
    problem = _twelve_and_forty()
    assert sum(len(p.voters) for p in problem.proposals) == 40

    placement = place_proposals(problem, seed=3, effort=0.05)

    assert len(placement.placed) == 12
    assert placement.unplaced == {}
    assert len(set(placement.placed.values())) == 12  # one proposal per room and slot
    assert max(_host_slots(problem, placement).values()) == 1  # h0 never twice at once
    assert placement.placed["p1"].slot_id != "s0"  # h1 is busy (hosting) in s0
    assert missed_wishes(problem, placement) == 0


def test_most_voted_in_a_slot_gets_the_largest_room() -> None:
    problem = _twelve_and_forty()
    placement = place_proposals(problem, seed=3, effort=0.05)
    votes = {p.proposal_id: len(p.voters) for p in problem.proposals}
    for slot in SLOTS:
        here = sorted((s.capacity, votes[p]) for p, s in placement.placed.items()
                      if s.slot_id == slot)
        assert [v for _, v in here] == sorted(v for _, v in here)


def test_fewer_spots_than_proposals_places_the_most_wanted() -> None:
    problem = OpenSpaceProblem(
        proposals=(Proposal("a", "1", frozenset("vwxyz")), Proposal("b", "2", frozenset("vwxy")),
                   Proposal("c", "3", frozenset("vwx")), Proposal("d", "4", frozenset("vw")),
                   Proposal("e", "5", frozenset())),
        spots=(Spot("s1", "r1", 20), Spot("s1", "r2", 10), Spot("s2", "r1", 20)))

    placement = place_proposals(problem, effort=0.05)

    assert sorted(placement.placed) == ["a", "b", "c"]
    assert placement.unplaced == {"d": Unplaced.NO_ROOM, "e": Unplaced.NO_VOTES}
    # v, w and x want all three: two of them share a slot, one wish each missed; plus d's 2.
    assert missed_wishes(problem, placement) == 3 + 2


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_busy_host_is_moved_to_a_slot_where_they_are_free(seed: int) -> None:
    problem = OpenSpaceProblem(
        proposals=(Proposal("a", "ann", frozenset("x")), Proposal("b", "bob", frozenset("y"))),
        spots=(Spot("s1", "r1", 10), Spot("s2", "r1", 10)),
        busy={"ann": frozenset({"s1"})})

    placement = place_proposals(problem, seed=seed, effort=0.05)

    assert placement.placed == {"a": Spot("s2", "r1", 10), "b": Spot("s1", "r1", 10)}


def test_a_host_busy_in_every_slot_is_not_placed() -> None:
    problem = OpenSpaceProblem(
        proposals=(Proposal("a", "ann", frozenset("x")), Proposal("b", "ann", frozenset("y")),
                   Proposal("c", "cy", frozenset("z"))),
        spots=(Spot("s1", "r1", 10), Spot("s1", "r2", 10), Spot("s2", "r1", 10)),
        busy={"ann": frozenset({"s2"})})

    placement = place_proposals(problem, effort=0.05)

    assert placement.unplaced == {"b": Unplaced.HOST_BUSY}
    assert placement.placed["a"].slot_id == "s1"
    assert placement.placed["c"].slot_id in {"s1", "s2"}


def test_same_seed_same_placement() -> None:
    problem = _twelve_and_forty()
    assert place_proposals(problem, seed=7, effort=0.05) == place_proposals(
        problem, seed=7, effort=0.05)


def test_nothing_to_place() -> None:
    problem = OpenSpaceProblem(proposals=(Proposal("a", "1", frozenset()),), spots=())
    assert place_proposals(problem) == Placement(placed={}, unplaced={"a": Unplaced.NO_VOTES})
