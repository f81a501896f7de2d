"""Program commands: schedule exchange (frab XML, schedule JSON)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from immerse.cli.django_setup import setup_django
from immerse.cli.intake import EventOption, event_or_exit

err = Console(stderr=True, soft_wrap=True)


class ScheduleFormat(StrEnum):
    xml = "xml"
    json = "json"


def export_schedule(
    event: EventOption,
    format: Annotated[ScheduleFormat, typer.Option("--format")] = ScheduleFormat.xml,
) -> None:
    """Write the published program as frab XML or schedule JSON to standard output."""
    setup_django(migrate=True)
    from immerse.program.schedule_io import schedule_export

    sys.stdout.buffer.write(schedule_export(event=event_or_exit(event), fmt=format.value))
    sys.stdout.flush()


def import_schedule(
    file: Annotated[Path, typer.Argument(help="frab XML or schedule JSON.", exists=True,
                                         dir_okay=False, readable=True)],
    event: EventOption,
) -> None:
    """Import a schedule into an event (created when the slug is new); all or nothing."""
    from immerse.engine.formats.schedule import ScheduleFormatError

    setup_django(migrate=True)
    from immerse.program.schedule_io import parse_schedule, schedule_import

    try:
        schedule = parse_schedule(file.read_bytes(), source=str(file))
    except ScheduleFormatError as exc:
        err.print(f"[red]{exc}[/]\nNothing was imported.")
        raise typer.Exit(1) from exc
    report = schedule_import(schedule=schedule, slug=event)
    verb = "Created" if report.created_event else "Updated"
    typer.echo(f"{verb} {report.event.slug}: {report.rooms} rooms, {report.slots} new slots, "
               f"{report.sessions_created} sessions created, {report.sessions_updated} updated")
