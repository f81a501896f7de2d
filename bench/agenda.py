"""Benchmark the personal-agenda optimizer: Slalom 2020 (real rankings) and generated scale.

    .venv/bin/python bench/agenda.py [--only slalom|scale-small|scale-large|timetable|wishes|
                                            agenda] [--quick] [--highs-limit S]

Prints one Markdown table. Slalom cost = rank − 1; a topic the attendee did not rank costs
as much as their worst-ranked one (max rank − 1); an attendee who ranked nothing costs 0
everywhere. Capacities [85, 85, 85, 85, 90, 80, 75] follow the titles sorted by Python
(trailing spaces stripped), as in the organiser's notebook.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from immerse.engine.agenda import (  # noqa: E402
    AgendaProblem,
    Attendee,
    Session,
    check_assignment,
    generate_conference,
    solve_agenda,
)
from immerse.engine.agenda.arrays import agenda_arrays  # noqa: E402
from immerse.engine.agenda.mip import solve_mip  # noqa: E402

DATA = ROOT / ".." / "shared" / "data" / "assign"
SLALOM_2020 = DATA / "slalom_symposium" / "selections.csv"
SLALOM_CAPACITIES = (85, 85, 85, 85, 90, 80, 75)
ROWS: list[tuple[str, ...]] = []


def slalom_problem(path: Path = SLALOM_2020) -> AgendaProblem:
    """Slalom symposium 2020: 578 attendees, 7 topics, each running in all 3 slots."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rankings = [[cell.strip() for cell in row if cell.strip()]
                    for row in list(csv.reader(handle))[1:]]
    topics = sorted({title for row in rankings for title in row})
    slots = ("slot-1", "slot-2", "slot-3")
    sessions = tuple(Session(f"{topic} @ {slot}", slot, topic, 0, capacity)
                     for slot in slots for topic, capacity in zip(topics, SLALOM_CAPACITIES,
                                                                  strict=True))
    attendees = tuple(
        Attendee(f"attendee-{i + 1:03d}", {t: float(r) for r, t in enumerate(row)},
                 default_cost=float(max(len(row) - 1, 0)))
        for i, row in enumerate(rankings))
    return AgendaProblem(slots=slots, sessions=sessions, attendees=attendees)


def run_slalom(quick: bool) -> None:
    if not SLALOM_2020.exists():
        print(f"skip slalom: {SLALOM_2020} is absent")
        return
    start = time.perf_counter()
    problem = slalom_problem()
    ours = solve_agenda(problem, time_limit=10.0)
    ours_seconds = time.perf_counter() - start
    assert not check_assignment(problem, ours.assignment)
    reference = solve_mip(agenda_arrays(problem), time_limit=60.0)
    _row("Slalom 2020 (578 × 3 slots × 7)", ours.objective, ours.lower_bound, ours_seconds,
         reference.objective, reference.bound, reference.seconds, note=ours.method)
    print(f"slalom: ours {ours.objective:g} (bound {ours.lower_bound:g}, {ours_seconds:.2f} s, "
          f"{ours.method}); HiGHS MIP {reference.objective:g} ({reference.status}, "
          f"{reference.seconds:.2f} s); whole command {time.perf_counter() - start:.2f} s")


def run_scale(name: str, n_attendees: int, n_slots: int, n_parallel: int, *,
              time_limit: float, highs_limit: float) -> None:
    problem = generate_conference(n_attendees=n_attendees, n_slots=n_slots,
                                  n_parallel=n_parallel, seed=2026)
    start = time.perf_counter()
    reached: list[float] = []

    def watch(fraction: float, message: str) -> None:
        # Messages read "bound …, best … (gap 0.123%)": note when the gap first hits 0.5 %.
        if (not reached and "(gap " in message and "inf" not in message
                and float(message.split("(gap ")[1].rstrip("%)")) <= 0.5):
            reached.append(time.perf_counter() - start)

    ours = solve_agenda(problem, time_limit=time_limit, method="lagrange", progress=watch)
    seconds = time.perf_counter() - start
    to_half = reached[0] if reached else float("nan")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    violations = check_assignment(problem, ours.assignment)
    print(f"{name}: cost {ours.objective:g}, bound {ours.lower_bound:g}, gap {ours.gap:.4%}, "
          f"{seconds:.1f} s (0.5 % reached after {to_half:.1f} s), peak RSS {peak_mb:.0f} MB, "
          f"violations {len(violations)}")
    highs_obj = highs_bound = highs_seconds = float("nan")
    if highs_limit > 0:
        # HiGHS on the same model, asked to stop at our gap: the time-to-same-gap figure.
        mip = solve_mip(agenda_arrays(problem), time_limit=highs_limit,
                        rel_gap=max(ours.gap, 1e-6))
        highs_obj, highs_bound, highs_seconds = mip.objective, mip.bound, mip.seconds
        print(f"{name}: HiGHS {mip.status} cost {mip.objective:g} bound {mip.bound:g} "
              f"{mip.seconds:.1f} s")
    _row(f"{name} ({n_attendees} × {n_slots} × {n_parallel})", ours.objective,
         ours.lower_bound, seconds, highs_obj, highs_bound, highs_seconds,
         note=f"gap ≤ 0.5 % after {to_half:.1f} s; peak RSS {peak_mb:.0f} MB")


def run_timetable() -> None:
    """The ORBEL timetable section, written by its owner in bench/timetable.py."""
    here = Path(__file__).with_name("timetable.py")
    if not here.exists():
        print("skip timetable: bench/timetable.py is absent")
        return
    spec = importlib.util.spec_from_file_location("bench_timetable", here)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main([])


def run_wishes(quick: bool) -> None:
    """Do agendas honour what people asked for? See bench/agenda_wishes.py."""
    here = Path(__file__).with_name("agenda_wishes.py")
    spec = importlib.util.spec_from_file_location("bench_agenda_wishes", here)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.run_wishes(quick)


def _row(name: str, objective: float, bound: float, seconds: float, highs_objective: float,
         highs_bound: float, highs_seconds: float, note: str) -> None:
    gap = (objective - bound) / max(abs(objective), 1.0)
    highs_gap = (highs_objective - highs_bound) / max(abs(highs_objective), 1.0)
    ROWS.append((name, f"{objective:g}", f"{bound:g}", f"{gap:.3%}", f"{seconds:.1f}",
                 f"{highs_objective:g}", f"{highs_gap:.3%}", f"{highs_seconds:.1f}",
                 f"{highs_seconds / seconds:.1f}×", note))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only",
                        choices=["slalom", "scale-small", "scale-large", "timetable", "wishes",
                                 "agenda"],
                        help="one section ('agenda' = all but the timetable)")
    parser.add_argument("--quick", action="store_true", help="small sizes, short limits")
    parser.add_argument("--highs-limit", type=float, default=300.0,
                        help="seconds given to HiGHS on the scale models (0 = skip)")
    args = parser.parse_args(argv)
    only = args.only
    highs = 20.0 if args.quick else args.highs_limit
    if only == "agenda":
        only = None
        args.skip_timetable = True
    if only in (None, "slalom"):
        run_slalom(args.quick)
    if only in (None, "scale-small"):
        run_scale("scale-small", 2_000, 10, 8, time_limit=10.0 if args.quick else 30.0,
                  highs_limit=highs)
    if only in (None, "scale-large"):
        n = 4_000 if args.quick else 20_000
        run_scale("scale-large", n, 30, 12, time_limit=20.0 if args.quick else 55.0,
                  highs_limit=highs)
    if only in (None, "timetable") and not getattr(args, "skip_timetable", False):
        run_timetable()
    if only == "wishes":
        run_wishes(args.quick)
        return
    if only is None:
        run_wishes(args.quick)
    print("\n| instance | ours cost | ours bound | ours gap | ours s | HiGHS cost | HiGHS gap "
          "| HiGHS s | HiGHS s / ours s | note |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for row in ROWS:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
