"""`immerse solve agenda PROBLEM.json`: personal agendas from a problem file."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn


def solve(
    problem: Annotated[Path, typer.Argument(help="Agenda problem JSON (see docs/formats.md).")],
    time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds to search.")] = 30.0,
    fair: Annotated[bool, typer.Option("--fair", help="Minimise the worst attendee's cost "
                                       "first, then the total.")] = False,
    out: Annotated[Path | None, typer.Option("--out", help="Write the solution here "
                                             "instead of stdout.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed for the solvers.")] = 0,
) -> None:
    """Assign every attendee one session per slot at least total cost, with a lower bound."""
    # The solvers (NumPy, HiGHS, OR-Tools: ~0.6 s) are kept off `immerse --help`'s path.
    from immerse.engine.agenda import (
        AgendaInfeasibleError,
        AgendaNotSolvedError,
        InvalidAgendaError,
        solve_agenda,
    )
    from immerse.engine.formats.agenda_problem import (
        AgendaFormatError,
        read_agenda_problem,
        solution_json,
    )

    err = Console(stderr=True)
    try:
        parsed = read_agenda_problem(problem)
    except AgendaFormatError as error:
        err.print(f"[red]error:[/red] {error}", highlight=False, markup=True)
        raise typer.Exit(2) from error
    bar = Progress(TextColumn("agenda"), BarColumn(), TextColumn("{task.description}"),
                   TimeElapsedColumn(), console=err, transient=True)
    with bar, _c_stdout_to_stderr():
        task = bar.add_task("reading", total=1.0)
        try:
            solution = solve_agenda(
                parsed, time_limit=time_limit, fair=fair, seed=seed,
                progress=lambda f, message: bar.update(task, completed=f, description=message))
        except (AgendaInfeasibleError, InvalidAgendaError, AgendaNotSolvedError) as error:
            failure: Exception | None = error
        else:
            failure = None
    if failure is not None:
        err.print(f"error: {problem}: {failure}", highlight=False, markup=False)
        raise typer.Exit(1)
    text = solution_json(solution)
    if out is None:
        sys.stdout.write(text.decode() + "\n")
    else:
        out.write_bytes(text + b"\n")
    err.print(f"{solution.status}: cost {solution.objective:g}, lower bound "
              f"{solution.lower_bound:g}, {solution.seconds:.1f} s", highlight=False)


@contextlib.contextmanager
def _c_stdout_to_stderr() -> Iterator[None]:
    """Send C-level writes to fd 1 (the HiGHS banner) to stderr: stdout holds the JSON."""
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError):
        yield
        return
    try:
        os.dup2(2, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
