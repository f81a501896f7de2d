"""The one `immerse` command.

Each command is a plain Typer-annotated function, named for what it does, in the module of
its family (``site.serve``, ``program.plan_agendas``, ``solve_agenda.solve``); no module
builds a Typer app of its own: this one registers every function under its command name.
What several commands share is in ``options.py`` (the options, and ``event_or_exit``).
Django, NumPy and the solvers are imported inside the commands (each such import says why),
so that `immerse --help` stays instant.
"""

from __future__ import annotations

import typer

from immerse.cli import (
    backup,
    intake,
    learning,
    listen_sentiment,
    listen_sources,
    listening,
    mail,
    organizer,
    program,
    site,
    solve_agenda,
    solve_groups,
    solve_timetable,
    workers,
)

app = typer.Typer(
    name="immerse",
    help="Run social-media learning events socially.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
solve_app = typer.Typer(
    help="Solve engine problems from files (no database).", no_args_is_help=True
)
listen_app = typer.Typer(help="Listening: backchannel ingest and analysis.", no_args_is_help=True)
import_app = typer.Typer(help="Import attendees, schedules and events.", no_args_is_help=True)
export_app = typer.Typer(help="Export schedules and events.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens for integrations.", no_args_is_help=True)
plan_app = typer.Typer(help="Plan agendas and tables.", no_args_is_help=True)
stories_app = typer.Typer(help="The stories and cases library.", no_args_is_help=True)
mail_app = typer.Typer(help="Mail: send the outbox, preview a message.", no_args_is_help=True)
organizer_app = typer.Typer(help="Organizers: accounts that may create events.",
                            no_args_is_help=True)

app.add_typer(solve_app, name="solve")
app.add_typer(listen_app, name="listen")
app.add_typer(import_app, name="import")
app.add_typer(export_app, name="export")
app.add_typer(token_app, name="token")
app.add_typer(plan_app, name="plan")
app.add_typer(stories_app, name="stories")
app.add_typer(mail_app, name="mail")
app.add_typer(organizer_app, name="organizer")

app.command()(site.demo)
app.command()(site.serve)
app.command()(site.migrate)
app.command()(site.check)
app.command()(workers.worker)
app.command()(workers.beat)
app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})(
    site.manage
)

token_app.command("create")(site.token_create)
plan_app.command("agendas")(program.plan_agendas)
plan_app.command("tables")(program.plan_tables)
stories_app.command("search")(learning.stories_search)
app.command("report")(learning.report)
app.command()(intake.inventory)
import_app.command("attendees")(intake.import_attendees)
import_app.command("schedule")(program.import_schedule)
export_app.command("schedule")(program.export_schedule)
import_app.command("event")(backup.import_event)
export_app.command("event")(backup.export_event)

solve_app.command("agenda")(solve_agenda.solve)
solve_app.command("timetable")(solve_timetable.solve)
solve_app.command("groups")(solve_groups.solve)
listen_app.command("sentiment")(listen_sentiment.sentiment)
listen_app.command("ingest")(listening.ingest)
mail_app.command("send")(mail.send)
mail_app.command("preview")(mail.preview)
organizer_app.command("add")(organizer.organizer_add)
source_app = typer.Typer(help="Where an event listens on the social web.", no_args_is_help=True)
listen_app.add_typer(source_app, name="source")
source_app.command("add")(listen_sources.source_add)
source_app.command("list")(listen_sources.source_list)
listen_app.command("poll")(listen_sources.poll)
listen_app.command("network")(listen_sources.network)
listen_app.command("rekey")(listen_sources.rekey)


def main() -> None:
    app()
