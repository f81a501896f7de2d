"""Options that several commands take, defined once so their names, help and types agree,
and ``event_or_exit``: the event an ``--event`` names.

An option whose help differs between commands today (``--time-limit``, ``--seed``, ``--out``)
stays with its command: sharing it would change that command's ``--help``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

if TYPE_CHECKING:
    from immerse.events.models import Event

EventOption = Annotated[str, typer.Option("--event", help="The event's slug.")]
HostOption = Annotated[str, typer.Option("--host", help="Address to listen on.")]
PortOption = Annotated[int, typer.Option("--port", help="Port to listen on.")]


class OutputFormat(StrEnum):
    """Human-readable tables, or JSON for scripts."""

    TEXT = "text"
    JSON = "json"


OutputFormatOption = Annotated[OutputFormat, typer.Option("--format", help="text or json.")]


def event_or_exit(slug: str) -> Event:
    """The event with this slug, or exit 2 listing the known slugs."""
    # The caller has opened the database: models cannot be imported before django.setup().
    from immerse.events.models import Event

    event = Event.objects.filter(slug=slug).first()
    if event is None:
        Console(stderr=True, soft_wrap=True).print(
            f"[red]No event with slug {slug!r}.[/] Known: "
            + ", ".join(Event.objects.values_list("slug", flat=True)))
        raise typer.Exit(2)
    return event
