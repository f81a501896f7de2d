"""Program commands: schedule exchange (frab XML, schedule JSON), agenda and table planning.

Django is set up inside each command, then the apps are imported: models cannot be imported
before `django.setup()`, and `immerse --help` stays fast without Django.
"""

from __future__ import annotations

import sys
import threading
from enum import StrEnum
from itertools import combinations
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress

from immerse.cli.django_setup import open_database
from immerse.cli.options import EventOption, event_or_exit

err = Console(stderr=True, soft_wrap=True)


class ScheduleFormat(StrEnum):
    xml = "xml"
    json = "json"


def export_schedule(
    event: EventOption,
    format: Annotated[ScheduleFormat, typer.Option("--format")] = ScheduleFormat.xml,
    schema: Annotated[Path | None, typer.Option(
        "--schema", exists=True, dir_okay=False, readable=True,
        help="Validate against this schedule.xml.xsd or schema.json first; write nothing "
             "(exit 1) if the export does not validate.")] = None,
) -> None:
    """Write the published program as frab XML or schedule JSON to standard output."""
    # The schedule formats are kept off `immerse --help`'s path (see import_schedule).
    from immerse.engine.formats.frab_xml import validate_frab_xml
    from immerse.engine.formats.schedule import ScheduleFormatError
    from immerse.engine.formats.schedule_json import validate_schedule_json

    open_database()
    # Django is set up only now (see the module docstring).
    from immerse.program.selectors import schedule_export

    target = event_or_exit(event)
    try:
        document = schedule_export(event=target, fmt=format.value)
        if schema is not None:
            validate = validate_frab_xml if format is ScheduleFormat.xml else validate_schedule_json
            validate(document, schema)
    except ScheduleFormatError as exc:
        verb = "does not validate against" if schema is not None else "cannot be written as"
        err.print(f"[red]The {format.value} export of {target.slug} {verb} "
                  f"{schema or format.value}:[/] {escape(exc.message)}\nNothing was written.",
                  highlight=False)
        raise typer.Exit(1) from exc
    sys.stdout.buffer.write(document)
    sys.stdout.flush()


def import_schedule(
    file: Annotated[Path, typer.Argument(help="frab XML or schedule JSON.", exists=True,
                                         dir_okay=False, readable=True)],
    event: EventOption,
) -> None:
    """Import a schedule into an event (created when the slug is new); all or nothing."""
    # The schedule parsers are kept off `immerse --help`'s path (they add ~15 ms to it).
    from immerse.engine.formats.limits import InputTooLarge, read_bounded
    from immerse.engine.formats.schedule import SCHEDULE_LIMITS, ScheduleFormatError

    open_database()
    # Django is set up only now (see the module docstring).
    from immerse.program.services.schedule import parse_schedule, schedule_import

    try:
        data = read_bounded(file, limit=SCHEDULE_LIMITS.max_bytes, what="schedule")
        schedule = parse_schedule(data, source=str(file))
        report = schedule_import(schedule=schedule, slug=event, source=str(file))
    except (InputTooLarge, ScheduleFormatError) as exc:
        err.print(f"[red]{exc}[/]\nNothing was imported.")
        raise typer.Exit(1) from exc
    verb = "Created" if report.created_event else "Updated"
    typer.echo(f"{verb} {report.event.slug}: {report.rooms} rooms, {report.slots} new slots, "
               f"{report.sessions_created} sessions created, {report.sessions_updated} updated")


def plan_agendas(
    event: EventOption,
    time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds for the solver.")]
    = 30.0,
    fair: Annotated[bool, typer.Option("--fair", help="Help the worst-off first.")] = False,
    replan_all: Annotated[bool, typer.Option(
        "--replan-all", help="Also re-plan agendas people confirmed.")] = False,
    seed: Annotated[int, typer.Option(help="Seed for the solver's randomness.")] = 0,
    notify: Annotated[bool, typer.Option(
        "--notify", help="Tell the people whose agenda is new or changed now [default: the "
        "messages wait for the organizer's 'Tell them now' on the run's page]")] = False,
) -> None:
    """Plan everyone's personal agenda (inline; the web uses the task queue when present)."""
    open_database()
    # Django is set up only now (see the module docstring).
    from immerse.program.models import AgendaRun
    from immerse.program.services.planning import agenda_run_execute

    target = event_or_exit(event)
    run = AgendaRun.objects.create(event=target, keep_confirmed=not replan_all, fair=fair,
                                   time_limit=time_limit, seed=seed)
    with Progress(console=err, transient=True) as bar:
        task = bar.add_task("Planning agendas", total=1.0)
        done = threading.Event()

        def watch() -> None:
            while not done.wait(0.3):
                row = AgendaRun.objects.filter(pk=run.pk).values("progress", "message").first()
                if row:
                    bar.update(task, completed=row["progress"], description=row["message"][:60])

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        try:
            run = agenda_run_execute(run.pk)
        finally:
            done.set()
            watcher.join()
    if run.status != AgendaRun.Status.DONE:
        err.print(f"[red]Planning failed:[/] {run.message}")
        raise typer.Exit(1)
    _told(target, "agenda_ready", notify)
    stats = run.stats
    typer.echo(f"Planned {stats['attendees']} agendas in {run.seconds:.1f} s: objective "
               f"{run.objective:g}, lower bound {run.lower_bound:g}; "
               f"{stats['share_all_at_level']:.0%} have every session at their level.")
    # The run in sentences, as on its page (the engine's summary; no Django involved).
    from immerse.engine.agenda.summary import run_summary

    for line in run_summary(stats):
        typer.echo(f"  {line.text}" + (f" ({', '.join(line.who)}"
                                       + (f" and {line.more} more" if line.more else "") + ")"
                                       if line.who else ""))


def plan_tables(
    event: EventOption,
    session: Annotated[int | None, typer.Option(help="One table session's id.")] = None,
    rotation: Annotated[bool, typer.Option(
        "--rotation", help="All table sessions, meeting new people each round.")] = False,
    table_size: Annotated[int | None, typer.Option(
        "--table-size", help="People per table [default: as many tables as experts allow, "
        "so each has one, about 8 per table]")] = None,
    time_limit: Annotated[float, typer.Option("--time-limit")] = 20.0,
    seed: Annotated[int, typer.Option()] = 0,
    notify: Annotated[bool, typer.Option(
        "--notify", help="Tell the seated people now [default: the messages wait for the "
        "organizer's 'Tell them now' on the tables page]")] = False,
) -> None:
    """Form diverse round tables for a table session, or a rotation over all of them."""
    open_database()
    # Django is set up only now (see the module docstring).
    from immerse.events.models import Session
    from immerse.tables.models import TableSeat
    from immerse.tables.selectors import table_format_keys
    from immerse.tables.services import TablesRefused, tables_form, tables_rotation_form

    target = event_or_exit(event)
    try:
        with err.status("Forming tables…"):
            if rotation:
                plans = tables_rotation_form(event=target, table_size=table_size,
                                             time_limit=time_limit, seed=seed)
            else:
                found = Session.objects.filter(event=target, pk=session or 0,
                                               format__in=table_format_keys()).first()
                if found is None:
                    err.print("[red]Give --session ID of a table-discussion session, or "
                              "--rotation.[/]")
                    raise typer.Exit(2)
                plans = [tables_form(session=found, table_size=table_size,
                                     time_limit=time_limit, seed=seed)]
    except TablesRefused as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(1) from exc
    rounds = []
    for plan in plans:
        seats = TableSeat.objects.filter(session=plan.session).values_list(
            "registration_id", "table")
        tables: dict[int, list[int]] = {}
        for reg_id, table in seats:
            tables.setdefault(table, []).append(reg_id)
        rounds.append([tuple(members) for members in tables.values()])
        typer.echo(f"{plan.session.title}: {plan.tables} tables, diversity "
                   f"{plan.objective:.1f}" + (f"; {'; '.join(plan.violations)}"
                                              if plan.violations else ""))
    if len(rounds) > 1:
        typer.echo(f"Repeated pairs across {len(rounds)} rounds: {_repeats(rounds)}")
    _told(target, "table_seat", notify)


def _told(event: Any, kind: str, notify: bool) -> None:
    """Release the waiting messages (--notify) or say how many wait."""
    # Django is set up by the calling command (see the module docstring).
    from immerse.notify.waiting import messages_release, waiting_counts

    if notify:
        typer.echo(f"Told {messages_release(event=event, kind=kind)} people.")
    elif waiting := waiting_counts(event=event).get(kind, 0):
        typer.echo(f"{waiting} people would be told; nothing was sent. Use --notify, or "
                   "'Tell them now' on the organizer's pages.")


def _repeats(rounds: list[list[tuple[int, ...]]]) -> int:
    seen: set[tuple[int, int]] = set()
    repeats = 0
    for groups in rounds:
        for group in groups:
            for pair in combinations(sorted(group), 2):
                repeats += pair in seen
                seen.add(pair)
    return repeats
