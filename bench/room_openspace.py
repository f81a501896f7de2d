"""Open space placement time: 12/60/200 proposals with 40/400/2000 votes.

Runs ``engine.openspace.place_proposals`` at the effort the service uses
(``openspace.placing.EFFORT`` = 0.2) on random instances: proposals by 2/3 as many hosts,
each host busy in one slot, votes spread by a Zipf-like popularity. Prints seconds (after a
warm-up that compiles the Numba kernels) and the missed wishes.

    PYTHONPATH=src python bench/room_openspace.py
"""

from __future__ import annotations

import random
import time

from immerse.engine.openspace import (
    OpenSpaceProblem,
    Proposal,
    Spot,
    missed_wishes,
    place_proposals,
)

SIZES = ((12, 40, 3, 4), (60, 400, 6, 8), (200, 2000, 10, 16))  # proposals, votes, slots, rooms


def instance(n: int, votes: int, slots: int, rooms: int, seed: int = 0) -> OpenSpaceProblem:
    rng = random.Random(seed)
    hosts = [f"h{i}" for i in range(max(1, 2 * n // 3))]
    weights = [1 / (rank + 1) for rank in range(n)]
    voters = [f"v{i}" for i in range(max(1, votes // 3))]
    wants: dict[int, set[str]] = {i: set() for i in range(n)}
    while sum(len(v) for v in wants.values()) < votes:
        wants[rng.choices(range(n), weights)[0]].add(rng.choice(voters))
    return OpenSpaceProblem(
        proposals=tuple(Proposal(f"p{i}", hosts[i % len(hosts)], frozenset(wants[i]))
                        for i in range(n)),
        spots=tuple(Spot(f"s{s}", f"r{r}", 20 + 5 * r) for s in range(slots)
                    for r in range(rooms)),
        busy={host: frozenset({f"s{rng.randrange(slots)}"}) for host in hosts})


def main() -> None:
    place_proposals(instance(12, 40, 3, 4), effort=0.01)  # compile / load the kernels
    print("proposals votes spots  placed unplaced missed  seconds")
    for n, votes, slots, rooms in SIZES:
        problem = instance(n, votes, slots, rooms)
        started = time.perf_counter()
        placement = place_proposals(problem, effort=0.2)
        seconds = time.perf_counter() - started
        print(f"{n:9} {votes:5} {slots * rooms:5}  {len(placement.placed):6} "
              f"{len(placement.unplaced):8} {missed_wishes(problem, placement):6}  "
              f"{seconds:7.2f}")


if __name__ == "__main__":
    main()
