"""MDGP benchmark: gap of `solve_groups` to the best-known values of MDGPLIB.

Prints, per set x size x type, the average and best gap (%) to the best-known value
(TPSDP, EJOR 2022; proven optima for n = 10, 12) over seeded runs, with the literature's
time limits (3 s for n = 120, 20 s for n = 240, 120 s for n = 480). n = 480 is the eval
part: report it, never tune on it.

    .venv/bin/python bench/grouping.py --sizes 120 --runs 3 --instances-per-group 2
    .venv/bin/python bench/grouping.py --repeats --runs 1   # tablemates across sessions
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "mdgp"
TIME_LIMITS = {10: 0.2, 12: 0.2, 30: 0.5, 60: 1.0, 120: 3.0, 240: 20.0, 480: 120.0}
SETS = ("RanReal", "RanInt", "Geo")
TYPES = ("ss", "ds")


def reference_values() -> dict[str, float]:
    values: dict[str, float] = {}
    for name, column in (("bkv.csv", "bkv"), ("exact_small.csv", "optimum")):
        with open(DATA / name, newline="") as handle:
            for row in csv.DictReader(handle):
                values[row["instance"]] = float(row[column])
    return values


def warm_up() -> None:
    """Load (or compile) the Numba kernels once per worker, outside any timed run."""
    import numpy as np

    from immerse.engine.grouping import solve_groups

    solve_groups(np.ones((6, 6)) - np.eye(6), [(2, 4), (2, 4)], max_iterations=50)


def run_one(job: tuple[str, str, float, int, str]) -> tuple[str, float, float, int]:
    """Solve one instance once; return (instance, objective, seconds, iterations)."""
    from immerse.engine.formats.mdgplib import read_mdgplib
    from immerse.engine.grouping import solve_groups

    path, name, time_limit, seed, clock = job
    instance = read_mdgplib(path)
    result = solve_groups(
        instance.distances, instance.bounds, time_limit=time_limit, seed=seed,
        clock=time.process_time if clock == "cpu" else time.perf_counter,
    )
    return name, result.objective, result.seconds, result.iterations


def rotation_figures(seed: int, time_limit: float) -> None:
    """90 attendees (random profiles), 10 tables of 9, 5 rounds: repeats and diversity kept."""
    import numpy as np

    from immerse.engine.catalogue import DISCIPLINES, FREQUENCIES, TOOLS
    from immerse.engine.grouping import (
        AttendeeProfile,
        attendee_distances,
        profile_constraints,
        repeated_pairs,
        solve_groups,
        solve_rotation,
    )

    random = np.random.default_rng(seed)
    profiles = [
        AttendeeProfile(
            tools={t.key: FREQUENCIES[random.integers(len(FREQUENCIES))][0] for t in TOOLS},
            discipline=DISCIPLINES[random.integers(len(DISCIPLINES))][0],
            organization=f"org{random.integers(30)}", level=int(random.integers(1, 5)),
            region=f"region{random.integers(4)}", is_expert=bool(k % 9 == 0),
        )
        for k in range(90)
    ]
    distances, bounds = attendee_distances(profiles), [(9, 9)] * 10
    rules = profile_constraints(profiles)
    started = time.perf_counter()
    plan = solve_rotation(distances, bounds, rounds=5, time_limit=time_limit, seed=seed,
                          constraints=rules)
    seconds = time.perf_counter() - started
    single = solve_groups(distances, bounds, time_limit=time_limit / 5, seed=seed,
                          constraints=rules)
    ratios = [g.objective / single.objective for g in plan]
    print(f"rotation 90 people / 10 tables of 9 / 5 rounds, {time_limit:g} s: "
          f"repeated pairs {repeated_pairs(plan)}, violations "
          f"{sum(len(g.violations) for g in plan)}, round diversity / best single round "
          f"{min(ratios):.3f}-{max(ratios):.3f} (single round {single.objective:.1f}), "
          f"{seconds:.1f} s")


def _profiles(people: int, experts: int, seed: int) -> list:
    """Random attendee profiles, the first `experts` of them experts; 30 organizations."""
    import numpy as np

    from immerse.engine.catalogue import DISCIPLINES, FREQUENCIES, TOOLS
    from immerse.engine.grouping import AttendeeProfile

    random = np.random.default_rng(seed)
    return [
        AttendeeProfile(
            tools={t.key: FREQUENCIES[random.integers(len(FREQUENCIES))][0] for t in TOOLS},
            discipline=DISCIPLINES[random.integers(len(DISCIPLINES))][0],
            organization=f"org{random.integers(30)}", level=int(random.integers(1, 4)),
            region=f"region{random.integers(4)}", is_expert=k < experts,
        )
        for k in range(people)
    ]


REPEAT_CASES = {"demo": ("demo-sized", 90, 8, 5, 8.0), "larger": ("larger", 250, 21, 6, 20.0)}


def repeats_figures(seed: int, time_scale: float, cases: list[str]) -> None:
    """Tablemates who meet again across an event's table sessions, two ways of forming them:
    a rotation over all sessions at once, and one session at a time (each avoiding the pairs
    of the sessions formed before it, where the engine takes `met`)."""
    import inspect

    import numpy as np

    from immerse.engine.grouping import (
        attendee_distances,
        profile_constraints,
        solve_groups,
        solve_rotation,
    )
    from immerse.engine.grouping.sizes import table_size_advice

    try:
        from immerse.engine.grouping import tablemate_repeats
    except ImportError:  # before the cross-session rule: count here
        tablemate_repeats = None
    takes_met = "met" in inspect.signature(solve_groups).parameters
    for name, people, experts, sessions, seconds in (REPEAT_CASES[case] for case in cases):
        profiles = _profiles(people, experts, seed)
        advice = table_size_advice(people=people, experts=experts)
        low, extra = divmod(people, advice.tables)
        bounds = [(low, low + (1 if extra else 0))] * advice.tables
        distances, rules = attendee_distances(profiles), profile_constraints(profiles)
        started = time.perf_counter()
        rotation = solve_rotation(distances, bounds, sessions, time_limit=seconds * time_scale,
                                  seed=seed, constraints=rules)
        rotation_seconds = time.perf_counter() - started
        plan = [g.groups for g in rotation]
        broken = {"rotation": sum(len(g.violations) for g in rotation), "one at a time": 0}
        met, one_by_one = np.zeros((people, people)), []
        started = time.perf_counter()
        for r in range(sessions):
            extra_args = {"met": met} if takes_met else {}
            grouping = solve_groups(distances, bounds, time_limit=seconds * time_scale / sessions,
                                    seed=seed + r, constraints=rules, **extra_args)
            one_by_one.append(grouping.groups)
            broken["one at a time"] += len(grouping.violations)
            for members in grouping.groups:
                met[np.ix_(members, members)] += 1.0
            np.fill_diagonal(met, 0.0)
        one_by_one_seconds = time.perf_counter() - started
        for how, formed, took in (("rotation", plan, rotation_seconds),
                                  ("one at a time", one_by_one, one_by_one_seconds)):
            print(f"| {name} | {people} / {experts} | {len(bounds)} x {low}-{bounds[0][1]} "
                  f"| {sessions} | {how} | {_repeat_cells(formed, tablemate_repeats)} "
                  f"| {broken[how]} | {sum(_diversity(distances, g) for g in formed):.0f} "
                  f"| {took:.1f} |")


def _repeat_cells(sessions: list, tablemate_repeats) -> str:
    """pairs meeting again | by number of sessions | re-meetings / floor."""
    counts: dict[tuple[int, int], int] = {}
    for tables in sessions:
        for members in tables:
            for k, i in enumerate(sorted(members)):
                for j in sorted(members)[k + 1:]:
                    counts[(i, j)] = counts.get((i, j), 0) + 1
    by_times: dict[int, int] = {}
    for times in counts.values():
        if times > 1:
            by_times[times] = by_times.get(times, 0) + 1
    remeetings = sum(t * (t - 1) // 2 for t in counts.values())
    floor = tablemate_repeats(sessions).unavoidable if tablemate_repeats else "-"
    shown = ", ".join(f"{pairs} x {times}" for times, pairs in sorted(by_times.items()))
    return f"{sum(by_times.values())} | {shown or '-'} | {remeetings} / {floor}"


def _diversity(distances, groups) -> float:
    return float(sum(distances[list(g)][:, list(g)].sum() / 2 for g in groups))


def _fmt(gap: float) -> str:
    return f"{round(gap, 3) + 0.0:.3f}"  # no "-0.000" for a tie with the reference


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 12, 120])
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=SETS)
    parser.add_argument("--types", nargs="+", default=list(TYPES), choices=TYPES)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--instances-per-group", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=1, help="parallel processes")
    parser.add_argument("--time-scale", type=float, default=1.0, help="multiply time limits")
    parser.add_argument("--rotation", action="store_true",
                        help="only the 90/10/5 rotation figures")
    parser.add_argument("--repeats", action="store_true",
                        help="only the tablemates-across-sessions figures (90 and 250 people)")
    parser.add_argument("--cases", nargs="+", default=list(REPEAT_CASES),
                        choices=list(REPEAT_CASES), help="instances of --repeats")
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="measure the limit in wall time, or in this process's CPU time "
                        "(the work an unloaded core does in that time; for shared machines)")
    args = parser.parse_args()
    if args.repeats:
        print("| instance | people / experts | tables | sessions | formed | pairs meeting "
              "again | pairs x sessions shared | re-meetings / floor | rules broken "
              "| diversity | s |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for seed in range(args.runs):
            repeats_figures(seed, time_scale=args.time_scale, cases=args.cases)
        return
    if args.rotation:
        for seed in range(args.runs):
            rotation_figures(seed, time_limit=10.0 * args.time_scale)
        return
    if not DATA.is_dir():
        sys.exit(f"MDGP data not found at {DATA}")
    references = reference_values()
    jobs, cells = [], {}
    for set_name in args.sets:
        for n in args.sizes:
            for kind in args.types:
                names = [f"{set_name}_n{n:03d}_{kind}_{k:02d}"
                         for k in range(1, args.instances_per_group + 1)]
                cells[(set_name, n, kind)] = names
                jobs += [(str(DATA / "instances" / set_name / f"{name}.txt.gz"), name,
                          TIME_LIMITS[n] * args.time_scale, seed, args.clock)
                         for name in names for seed in range(args.runs)]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.jobs, initializer=warm_up) as pool:
        outcomes = list(pool.map(run_one, jobs))
    by_instance: dict[str, list[float]] = {}
    iterations: dict[str, list[int]] = {}
    for name, objective, _, count in outcomes:
        by_instance.setdefault(name, []).append(objective)
        iterations.setdefault(name, []).append(count)
    print("| set | n | type | instances x runs | t/run (s) | avg gap % | best gap % "
          "| worst gap % | hits | iterations/run |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for (set_name, n, kind), names in cells.items():
        gaps = {name: [100 * (references[name] - v) / references[name]
                       for v in by_instance[name]] for name in names}
        all_gaps = [g for values in gaps.values() for g in values]
        best = statistics.mean(min(values) for values in gaps.values())
        hits = sum(g <= 1e-6 for g in all_gaps)
        runs = [c for name in names for c in iterations[name]]
        print(f"| {set_name} | {n} | {kind} | {len(names)} x {args.runs} "
              f"| {TIME_LIMITS[n] * args.time_scale:g} | {_fmt(statistics.mean(all_gaps))} "
              f"| {_fmt(best)} | {_fmt(max(all_gaps))} | {hits}/{len(all_gaps)} "
              f"| {statistics.mean(runs):,.0f} |")
    overall = [100 * (references[n] - v) / references[n]
               for n, values in by_instance.items() for v in values]
    print(f"\noverall average gap {_fmt(statistics.mean(overall))} % over {len(overall)} runs; "
          f"clock {args.clock}; wall time {time.perf_counter() - started:.0f} s, "
          f"{args.jobs} process(es)")


if __name__ == "__main__":
    main()
