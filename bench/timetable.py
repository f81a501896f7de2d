"""Benchmark `solve_timetable` on ORBEL 2017 (dev) and ORBEL 2026 (eval, reported only).

Prints missed attendance, session hops and seconds per seed, the mean of random valid
timetables for scale, and the published figures of felixrauh/conference_scheduler
(Apple M2, 8 cores; see ../shared/data/assign/SOURCES.md, section 2).

    .venv/bin/python bench/timetable.py [--time-limit 60] [--seeds 0 1 2] [--instances orbel2017]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from immerse.engine.formats.orbel import read_orbel
from immerse.engine.timetable.model import (
    Timetable,
    TimetableProblem,
    check_timetable,
    missed_attendance,
    session_hops,
)
from immerse.engine.timetable.solve import solve_timetable

ORBEL = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "assign" / "orbel"

# (pipeline, seconds, missed attendance, hops) from the repository's README.
PUBLISHED: dict[str, list[tuple[str, str, int, int]]] = {
    "orbel2017": [
        ("traditional", "~54", 319, 275),
        ("heuristic", "~3", 288, 278),
        ("matching", "~45", 231, 209),
    ],
    "orbel2026": [
        ("traditional", "~240", 214, 278),
        ("heuristic", "~3", 172, 283),
        ("matching", "~57", 180, 154),
    ],
}
ROLE = {"orbel2017": "dev", "orbel2026": "eval, reported only"}


def random_timetable(problem: TimetableProblem, rng: random.Random) -> Timetable:
    """Talks dealt at random into the slots (presenters are all distinct in ORBEL)."""
    cells: list[str | None] = [*problem.talk_ids]
    cells += [None] * (problem.n_slots - len(cells))
    rng.shuffle(cells)
    rooms, start = [], 0
    for block in problem.blocks:
        rooms.append(
            tuple(
                tuple(cells[start + r * block.n_positions : start + (r + 1) * block.n_positions])
                for r in range(block.n_rooms)
            )
        )
        start += block.n_slots
    return Timetable(rooms=tuple(rooms))


def bench_instance(name: str, *, time_limit: float, seeds: list[int]) -> None:
    folder = ORBEL / name
    if not folder.is_dir():
        print(f"{name}: data not found at {folder.resolve()}, skipped")
        return
    problem = read_orbel(folder)
    n_wants = sum(len(w) for w in problem.wants)
    print(
        f"\n## {name} ({ROLE[name]}): {len(problem.talk_ids)} talks, "
        f"{len(problem.participant_ids)} participants, {n_wants} wishes, "
        f"{problem.n_slots} slots in {len(problem.blocks)} blocks"
    )
    rng = random.Random(0)
    randoms = [random_timetable(problem, rng) for _ in range(200)]
    random_missed = statistics.mean(missed_attendance(problem, t) for t in randoms)
    random_hops = statistics.mean(session_hops(problem, t) for t in randoms)
    print(f"random timetables (200): mean missed {random_missed:.1f}, mean hops {random_hops:.1f}")
    print("| run | seconds | missed | hops |")
    print("|---|---|---|---|")
    results = []
    for seed in seeds:
        started = time.perf_counter()
        timetable = solve_timetable(problem, time_limit=time_limit, seed=seed)
        seconds = time.perf_counter() - started
        check_timetable(problem, timetable)
        missed, hops = missed_attendance(problem, timetable), session_hops(problem, timetable)
        results.append((missed, hops, seconds))
        print(f"| immerse seed {seed} | {seconds:.1f} | {missed} | {hops} |")
    for pipeline, seconds_text, missed, hops in PUBLISHED[name]:
        print(f"| published {pipeline} | {seconds_text} | {missed} | {hops} |")
    best_published = min(missed for _, _, missed, _ in PUBLISHED[name])
    mean_missed = statistics.mean(m for m, _, _ in results)
    print(
        f"immerse mean missed {mean_missed:.1f} = {mean_missed / best_published:.2f} × best "
        f"published ({best_published}); mean hops {statistics.mean(h for _, h, _ in results):.1f}; "
        f"mean seconds {statistics.mean(s for _, _, s in results):.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--instances", nargs="+", default=["orbel2017", "orbel2026"])
    args = parser.parse_args(argv)
    print("# timetable bench (solve_timetable; missed attendance first, then hops)")
    for name in args.instances:
        if name not in PUBLISHED:
            parser.error(f"unknown instance {name!r}; choose from {sorted(PUBLISHED)}")
        bench_instance(name, time_limit=args.time_limit, seeds=args.seeds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
