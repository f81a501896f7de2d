"""Options that several commands take, defined once so their names, help and types agree.

An option whose help differs between commands today (``--time-limit``, ``--seed``, ``--out``)
stays with its command: sharing it would change that command's ``--help``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

EventOption = Annotated[str, typer.Option("--event", help="The event's slug.")]
HostOption = Annotated[str, typer.Option("--host", help="Address to listen on.")]
PortOption = Annotated[int, typer.Option("--port", help="Port to listen on.")]


class OutputFormat(StrEnum):
    """Human-readable tables, or JSON for scripts."""

    TEXT = "text"
    JSON = "json"


OutputFormatOption = Annotated[OutputFormat, typer.Option("--format", help="text or json.")]
