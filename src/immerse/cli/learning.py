"""Learning-cycle commands: search the stories library, report on an event's learning.

Django is set up inside each command, then the apps are imported: models cannot be imported
before `django.setup()`, and `immerse --help` stays fast without Django.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import orjson
import typer
from rich.console import Console
from rich.table import Table

from immerse.cli.django_setup import open_database
from immerse.cli.options import EventOption, OutputFormat, OutputFormatOption

out = Console()
err = Console(stderr=True, soft_wrap=True)


def _event_or_exit(slug: str) -> Any:
    # The caller has set Django up (see the module docstring).
    from immerse.events.models import Event

    event = Event.objects.filter(slug=slug).first()
    if event is None:
        err.print(f"[red]No event with slug {slug!r}.[/]")
        raise typer.Exit(2)
    return event


def _user_or_exit(username: str) -> Any:
    # The caller has set Django up (see the module docstring).
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        err.print(f"[red]No user named {username!r}.[/]")
        raise typer.Exit(2)
    return user


def _dump(data: object) -> None:
    sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")


def stories_search(
    text: Annotated[str, typer.Argument(help="Words to find (all must match).")],
    event: Annotated[str | None, typer.Option("--event", help="Only this event's items.")]
    = None,
    output: OutputFormatOption = OutputFormat.TEXT,
    as_user: Annotated[str | None, typer.Option(
        "--as", help="Search as this user (an organizer of the event sees everything).")]
    = None,
) -> None:
    """Full-text search of the stories and cases library (public items unless --as)."""
    open_database()
    # Django is set up only now (see the module docstring).
    from django.contrib.auth.models import AnonymousUser

    from immerse.learning.selectors.stories import stories_search as search

    target = _event_or_exit(event) if event else None
    user = _user_or_exit(as_user) if as_user else AnonymousUser()
    stories = list(search(user=user, text=text, event=target)[:200])
    rows = [{"id": s.pk, "kind": s.kind, "title": s.title,
             "event": s.event.slug if s.event else None, "privacy": s.privacy,
             "level": s.level, "tools": sorted(t.key for t in s.tools.all()),
             "topics": list(s.topics or [])} for s in stories]
    if output == OutputFormat.JSON:
        _dump({"query": text, "count": len(rows), "stories": rows})
        return
    table = Table("id", "kind", "title", "event", "privacy")
    for row in rows:
        table.add_row(str(row["id"]), str(row["kind"]), str(row["title"]),
                      str(row["event"] or ""), str(row["privacy"]))
    out.print(table)
    out.print(f"{len(rows)} found.")


def report(
    event: EventOption,
    output: OutputFormatOption = OutputFormat.TEXT,
    organization: Annotated[str, typer.Option(
        "--organization", help="Only attendees sent by this organization.")] = "",
) -> None:
    """Level movement, plans made and tools adopted for an event's confirmed attendees."""
    open_database()
    # Django is set up only now (see the module docstring).
    from immerse.learning.selectors.reports import event_report

    result = event_report(event=_event_or_exit(event), organization=organization)
    data = result.as_dict()
    if output == OutputFormat.JSON:
        _dump(data)
        return
    plans = "plan" if result.plans == 1 else "plans"
    out.print(f"[bold]{result.event}[/]: {result.attendees} attendees, {result.reassessed} "
              f"retook the questionnaire since it began, {result.plans} {plans} "
              f"({result.plans_followed_up} followed up)")
    table = Table("level movement", "people")
    for key, n in result.level_movement.items():
        table.add_row(key, str(n))
    out.print(table)
    tools = Table("tool adopted", "people")
    for key, n in result.tools_adopted.items():
        tools.add_row(key, str(n))
    out.print(tools)
