"""`immerse solve groups FILE`: solve an MDGPLIB instance (plain or .gz) and write JSON.

Output: ``{"objective": x, "seconds": t, "groups": [[item, ...], ...]}`` with 0-based items
and group g in the order of the file's bounds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import orjson
import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn


def solve(
    file: Annotated[Path, typer.Argument(help="MDGPLIB instance, plain text or .gz")],
    time_limit: Annotated[
        float, typer.Option("--time-limit", min=0.0, help="seconds of search (anytime)")
    ] = 10.0,
    seed: Annotated[int, typer.Option("--seed", help="random seed")] = 0,
    out: Annotated[
        Path | None, typer.Option("--out", help="write the JSON here instead of stdout")
    ] = None,
) -> None:
    """Split the items into groups within the bounds, maximising within-group distances."""
    # The solver (NumPy, Numba: ~0.4 s) is kept off `immerse --help`'s path.
    from immerse.engine.formats.mdgplib import MdgplibError, read_mdgplib
    from immerse.engine.grouping import GroupingError, solve_groups

    try:
        instance = read_mdgplib(file)
    except MdgplibError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None
    columns = (TextColumn("[progress.description]{task.description}"), BarColumn(),
               TextColumn("best {task.fields[best]:.3f}"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(f"{instance.name}: n={instance.n}", total=1.0, best=0.0)
        try:
            result = solve_groups(
                instance.distances, instance.bounds, time_limit=time_limit, seed=seed,
                progress=lambda done, best: bar.update(task, completed=done, best=best),
            )
        except GroupingError as error:
            typer.echo(f"error: {file}: {error}", err=True)
            raise typer.Exit(1) from None
    payload = orjson.dumps(
        {"objective": result.objective, "seconds": result.seconds,
         "groups": [list(members) for members in result.groups]}
    )
    if out is None:
        typer.echo(payload.decode())
    else:
        try:
            out.write_bytes(payload + b"\n")
        except OSError as error:
            typer.echo(f"error: {out}: cannot write ({error.strerror})", err=True)
            raise typer.Exit(1) from None
        typer.echo(f"objective {result.objective:.3f} in {result.seconds:.1f} s -> {out}",
                   err=True)
