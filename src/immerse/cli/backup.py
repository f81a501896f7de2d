"""Event backup commands: the whole event as one JSON file, and back.

Each command opens the database first and imports `immerse.backup` after: its models need
Django set up.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from immerse.cli.django_setup import open_database
from immerse.cli.options import event_or_exit

err = Console(stderr=True, soft_wrap=True)


def export_event(slug: Annotated[str, typer.Argument(help="The event's slug.")]) -> None:
    """Write the event with everything attached to standard output as JSON."""
    open_database()
    # Django is set up only now (see the module docstring).
    from immerse.backup import event_export

    started = time.perf_counter()
    counts = event_export(event=event_or_exit(slug), out=sys.stdout)
    sys.stdout.flush()
    err.print(f"Exported {slug}: {sum(counts.values())} rows in "
              f"{time.perf_counter() - started:.1f} s")


def import_event(
    file: Annotated[Path, typer.Argument(help="A file written by `immerse export event`.",
                                         exists=True, dir_okay=False, readable=True)],
    replace: Annotated[bool, typer.Option(
        "--replace", help="Delete an existing event with the same slug first.")] = False,
) -> None:
    """Restore an event from a backup: everything, or nothing if anything is wrong."""
    open_database()
    # Django is set up only now (see the module docstring).
    from django.conf import settings

    from immerse.backup import BackupError, event_import
    from immerse.engine.formats.limits import InputTooLarge, read_bounded

    started = time.perf_counter()
    try:
        # At most the limit plus one byte is read: a huge file costs no more than that.
        data = read_bounded(file, limit=settings.IMMERSE_MAX_BACKUP_BYTES, what="backup")
        report = event_import(data=data, source=str(file), replace=replace)
    except (BackupError, InputTooLarge) as exc:
        err.print(f"[red]{escape(str(exc))}[/]\nNothing was imported.", highlight=False)
        raise typer.Exit(1) from exc
    reused = sum(report.reused.get(label, 0) for label in ("people.person", "auth.user"))
    typer.echo(f"Restored {report.event.slug}: {sum(report.created.values())} rows, "
               f"{reused} existing people and accounts reused, in "
               f"{time.perf_counter() - started:.1f} s")
