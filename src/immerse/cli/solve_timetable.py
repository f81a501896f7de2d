"""`immerse solve timetable DIR`: choose which talks run in parallel from attendees' wishes.

DIR holds ``talks.csv``, ``preferences.csv`` and ``sessions.csv`` in the ORBEL layout
(see docs/formats.md). The result is JSON::

    {"missed_attendance": m, "hops": h, "seconds": t,
     "blocks": {BLOCK: [[talk ids of room 1 in order], …]}}
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress

if TYPE_CHECKING:
    from immerse.engine.timetable.model import Timetable, TimetableProblem


def solve(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DIR", help="Folder with talks.csv, preferences.csv and sessions.csv."
        ),
    ],
    time_limit: Annotated[
        float, typer.Option("--time-limit", min=0.1, help="Wall-clock cap in seconds.")
    ] = 60.0,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the JSON here instead of stdout.")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed; the same seed repeats a run.")] = 0,
) -> None:
    """Timetable talks so attendees miss the fewest wanted talks, then hop rooms least."""
    # The solvers (NumPy, HiGHS, OR-Tools: ~0.5 s) are kept off `immerse --help`'s path.
    from immerse.engine.formats.orbel import OrbelFormatError, read_orbel
    from immerse.engine.timetable.model import (
        InvalidTimetableError,
        check_timetable,
        missed_attendance,
        session_hops,
    )
    from immerse.engine.timetable.solve import solve_timetable

    started = time.perf_counter()
    try:
        problem = read_orbel(folder)
    except OrbelFormatError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    try:
        with Progress(transient=True, console=Console(stderr=True)) as bar:
            task = bar.add_task("timetabling", total=1.0)
            timetable = solve_timetable(
                problem,
                time_limit=time_limit,
                seed=seed,
                progress=lambda done: bar.update(task, completed=done),
            )
    except InvalidTimetableError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    check_timetable(problem, timetable)
    result = {
        "missed_attendance": missed_attendance(problem, timetable),
        "hops": session_hops(problem, timetable),
        "seconds": round(time.perf_counter() - started, 3),
        "blocks": _blocks_json(problem, timetable),
    }
    text = json.dumps(result)
    if out is None:
        sys.stdout.write(text + "\n")
    else:
        out.write_text(text + "\n", encoding="utf-8")
        typer.echo(
            f"missed attendance {result['missed_attendance']}, hops {result['hops']}, "
            f"{result['seconds']} s → {out}",
            err=True,
        )


def _blocks_json(problem: TimetableProblem, timetable: Timetable) -> dict[str, Any]:
    """Rooms per block as lists of talk ids; numeric ids become numbers, empty slots null."""
    numeric = all(talk.isdecimal() for talk in problem.talk_ids)

    def talk_json(talk: str | None) -> str | int | None:
        if talk is None or not numeric:
            return talk
        return int(talk)

    return {
        block.block_id: [[talk_json(talk) for talk in room] for room in rooms]
        for block, rooms in zip(problem.blocks, timetable.rooms, strict=True)
    }
