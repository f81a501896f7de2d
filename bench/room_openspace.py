"""Open space placement time: 12/60/200 proposals with 40/400/2000 votes; and a table's
notes saved by 20 tablemates at once (``--notes``).

Runs ``engine.openspace.place_proposals`` at the effort the service uses
(``openspace.placing.EFFORT`` = 0.2) on random instances: proposals by 2/3 as many hosts,
each host busy in one slot, votes spread by a Zipf-like popularity. Prints seconds (after a
warm-up that compiles the Numba kernels) and the missed wishes.

    PYTHONPATH=src python bench/room_openspace.py
    PYTHONPATH=src python bench/room_openspace.py --notes [ROUNDS]

``--notes``: a throwaway SQLite database (the embedded server's; set DATABASE_URL to a
scratch PostgreSQL database to measure that instead); 20 editors at one table, each round
every editor loads the notes, rewrites its own line and all save at once (a barrier):
``tables.notes.notes_save`` locks the table's row and merges onto what was saved meanwhile.
Prints save latencies and checks that every editor's last line survived.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import threading
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


EDITORS = 20


def notes_world() -> tuple[object, list[object]]:
    if not os.environ.get("DATABASE_URL"):
        os.environ["IMMERSE_DATA_DIR"] = tempfile.mkdtemp(prefix="immerse-bench-notes-")
    from immerse.cli.django_setup import setup_django

    setup_django(migrate=True)
    from datetime import date

    from immerse.events.models import Event, Session
    from immerse.people.models import Person, Registration
    from immerse.tables.models import TableSeat
    from immerse.tables.notes import notes_save

    stamp = time.time_ns()
    event = Event.objects.create(slug=f"notes-bench-{stamp}", kind="workshop", capacity=50,
                                 title="Notes bench", start_date=date(2027, 5, 1),
                                 end_date=date(2027, 5, 1))
    session = Session.objects.create(event=event, title="Cases", format="table",
                                     target_levels=[1, 2])
    people = [Person.objects.create(name=f"Editor {i}", email=f"e{i}-{stamp}@bench.example")
              for i in range(EDITORS)]
    for person in people:
        TableSeat.objects.create(session=session, table=1, registration=Registration.objects
                                 .create(event=event, person=person, status="confirmed"))
    notes_save(session=session, table=1, author=people[0], base=0,
               text="\n".join(f"line {i}:" for i in range(EDITORS)))
    return session, people


def notes_bench(rounds: int) -> None:
    session, people = notes_world()
    from django.db import connection

    from immerse.tables.notes import notes_get, notes_save

    seconds: list[float] = []
    merged = 0
    for round_ in range(rounds):
        barrier = threading.Barrier(EDITORS)

        def edit(i: int, round_: int = round_, barrier: threading.Barrier = barrier) -> None:
            nonlocal merged
            try:
                notes = notes_get(session=session, table=1)
                lines = notes.text.split("\n")
                lines[i] = f"line {i}: editor {i}, round {round_}"
                barrier.wait()
                started = time.perf_counter()
                saved = notes_save(session=session, table=1, author=people[i],
                                   text="\n".join(lines), base=notes.number)
                seconds.append(time.perf_counter() - started)
                merged += saved.merged
            finally:
                connection.close()

        threads = [threading.Thread(target=edit, args=(i,)) for i in range(EDITORS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    final = notes_get(session=session, table=1)
    kept = sum(f"line {i}: editor {i}, round {rounds - 1}" in final.text.split("\n")
               for i in range(EDITORS))
    ms = sorted(s * 1000 for s in seconds)
    print(f"{len(ms)} saves by {EDITORS} editors at once, {rounds} rounds; merged {merged}; "
          f"revisions {final.number}; last edits kept {kept}/{EDITORS}")
    print(f"save ms: p50 {statistics.median(ms):.1f}  p95 {ms[int(0.95 * len(ms)) - 1]:.1f}  "
          f"max {ms[-1]:.1f}")


if __name__ == "__main__":
    if "--notes" in sys.argv:
        rest = sys.argv[sys.argv.index("--notes") + 1:]
        notes_bench(int(rest[0]) if rest else 5)
    else:
        main()
