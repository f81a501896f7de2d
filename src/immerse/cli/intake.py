"""Intake commands: import sign-up sheets, show the room's inventory.

Django is set up inside each command, then the apps are imported: models cannot be imported
before `django.setup()`, and `immerse --help` stays fast without Django.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from immerse.cli.django_setup import open_database
from immerse.cli.options import EventOption, event_or_exit
from immerse.engine.catalogue import LEVEL_LABELS, TOOL_BY_KEY

out = Console()
err = Console(stderr=True, soft_wrap=True)


def import_attendees(
    file: Annotated[Path, typer.Argument(help="CSV or XLSX sign-up sheet.", exists=True,
                                         dir_okay=False, readable=True)],
    event: EventOption,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would change.")] = False,
) -> None:
    """Import attendees from a sign-up sheet: every row, or nothing if any row is wrong."""
    # The sheet reader is kept off `immerse --help`'s path (it adds ~15 ms to it).
    from immerse.engine.formats.limits import InputTooLarge, read_bounded
    from immerse.engine.formats.signup_sheet import MAX_SHEET_BYTES, SheetError, read_signup_sheet

    open_database()
    # Django is set up only now (see the module docstring).
    from immerse.people.services.imports import ImportRefused, attendees_import

    target = event_or_exit(event)
    try:
        with err.status(f"Reading {file.name}…"):
            data = read_bounded(file, limit=MAX_SHEET_BYTES, what="sign-up sheet")
            sheet = read_signup_sheet(data, source=str(file))
            report = attendees_import(event=target, sheet=sheet, dry_run=dry_run)
    except (SheetError, InputTooLarge) as exc:
        err.print(f"[red]{exc}[/]\nNothing was imported.")
        raise typer.Exit(1) from exc
    except ImportRefused as exc:
        for problem in exc.problems:
            err.print(problem, highlight=False)
        err.print(f"[red]{len(exc.problems)} problem(s): nothing was imported.[/]")
        raise typer.Exit(1) from exc
    heading = "Dry run: nothing written." if dry_run else f"Imported into {target.slug}."
    out.print(heading)
    for line in report.lines():
        out.print("  " + line, highlight=False)


class InventoryFormat(StrEnum):
    table = "table"
    json = "json"


def inventory(
    event: EventOption,
    format: Annotated[InventoryFormat, typer.Option("--format")] = InventoryFormat.table,
) -> None:
    """The room's inventory: who uses which tools, by level and discipline."""
    open_database()
    # Django is set up only now (see the module docstring).
    from immerse.people.selectors import event_inventory

    room = event_inventory(event=event_or_exit(event))
    if format is InventoryFormat.json:
        typer.echo(json.dumps(room.to_json(), indent=2, ensure_ascii=False))
        return
    out.print(f"{room.attendees} confirmed attendees, {room.organizations} organizations")
    out.print("Levels: " + ", ".join(
        f"{LEVEL_LABELS[level]} {n}" for level, n in room.levels.items()))
    table = Table("Tool", "Users", "Share", *(f"L{lvl}" for lvl in (1, 2, 3, 4)), "Tried",
                  "Never")
    for key, counts in room.tools.items():
        table.add_row(TOOL_BY_KEY[key].label, str(counts.users),
                      f"{room.tool_share(key):.0%}",
                      *(str(counts.by_level[lvl]) for lvl in (1, 2, 3, 4)),
                      str(counts.tried), str(counts.never))
    out.print(table)
