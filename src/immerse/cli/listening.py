"""`immerse listen ingest`: stream a backchannel export or feed into an event.

The database is opened inside the command, then the app is imported: models cannot be
imported before `django.setup()`, and `immerse --help` stays fast without Django.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from immerse.cli.django_setup import open_database
from immerse.cli.listen_sentiment import prepare_sentiment_scorer
from immerse.cli.options import EventOption, event_or_exit
from immerse.engine.listening.sources import SOURCES, source_kind

err = Console(stderr=True, soft_wrap=True)
MAX_FEED_BYTES = 20 * 1024 * 1024
#: A kind that is not streamed (a JSON document, a feed) is read whole: at most this much.
MAX_DOCUMENT_BYTES = 100 * 1024 * 1024
#: Inputs this large hold enough posts for the sentiment fast path (~200 tweets).
WARM_UP_BYTES = 64 * 1024


#: `--format` values: ``auto`` (sniffed) and the listening sources offered on the CLI.
if TYPE_CHECKING:  # the sources' members are made at runtime: mypy knows ``auto``
    class IngestFormat(StrEnum):
        auto = "auto"
else:
    IngestFormat = StrEnum("IngestFormat", [("auto", "auto"), *(
        (kind.name, kind.name) for kind in SOURCES if kind.on_cli)])


def _lines(handle: BinaryIO, advance: Callable[[int], object], limit: int) -> Iterator[bytes]:
    # At most `limit + 1` bytes a line: a file without line ends must not be read whole.
    for line in iter(lambda: handle.readline(limit + 1), b""):
        advance(len(line))
        yield line


def _fetch(url: str) -> bytes:
    """A feed URL's body through the listening client: the same limits, and the same
    refusal of the server's own network (docs/deployment.md, "Listening")."""
    # Needs Django's settings, read once the database is open (see the module docstring).
    from immerse.backchannel import fetch

    try:
        with fetch.client() as http:
            answer = fetch.fetch(http, url, max_bytes=MAX_FEED_BYTES)
    except fetch.FetchError as error:
        raise typer.BadParameter(f"{url}: {error}") from None
    if answer.status >= 400:
        raise typer.BadParameter(f"{url}: the server answered {answer.status}")
    return answer.body


def ingest(
    file: Annotated[str, typer.Argument(help="A file (CSV, JSON, JSONL, RSS/Atom) or a feed URL.")],
    event: EventOption,
    format: Annotated[IngestFormat, typer.Option("--format")] = IngestFormat.auto,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Abort on the first malformed record and write nothing.")] = False,
    any_date: Annotated[bool, typer.Option(
        "--any-date", help="Keep posts outside the event's dates and margins too (an "
        "archive studied after the fact).")] = False,
) -> None:
    """Ingest posts about an event: deduplicated, in batches, with constant memory."""
    # The parsers are kept off `immerse --help`'s path (they add ~20 ms to it).
    from immerse.engine.formats.limits import InputTooLarge, read_bounded
    from immerse.engine.listening.parse import detect_format
    from immerse.engine.listening.strict_input import (
        MAX_LINE_BYTES,
        InputRefused,
        check_document,
        checked_lines,
    )

    open_database()
    # Django is set up only now (see the module docstring).
    from immerse.backchannel.selectors.sources import event_belonging, event_window
    from immerse.backchannel.services.ingest import IngestAborted, posts_ingest

    target = event_or_exit(event)
    belonging = None if any_date else event_belonging(target)
    is_url = file.startswith(("http://", "https://"))
    path = Path(file)
    if not is_url and not path.is_file():
        err.print(f"[red]{file}: no such file[/]")
        raise typer.Exit(2)
    if is_url:
        head = _fetch(file)
    else:
        with path.open("rb") as handle:
            head = handle.read(4096)
    fmt = format.value if format is not IngestFormat.auto else detect_format(head, file)
    size = len(head) if is_url else path.stat().st_size
    if size >= WARM_UP_BYTES:
        prepare_sentiment_scorer(err)
    columns = (TextColumn("[progress.description]{task.description}"), BarColumn(),
               DownloadColumn(), TimeRemainingColumn())
    try:
        with Progress(*columns, console=err, transient=True) as bar:
            if is_url or not source_kind(fmt).streams:  # one document: parsed whole
                data = head if is_url else read_bounded(path, limit=MAX_DOCUMENT_BYTES,
                                                        what=f"{fmt} document")
                if strict:
                    check_document(data, source=file)
                task = bar.add_task(f"Ingesting {fmt}", total=len(data))
                report = posts_ingest(event=target, data=data, fmt=fmt, source_name=file,
                                      strict=strict, belonging=belonging)
                bar.update(task, completed=len(data))
            else:
                task = bar.add_task(f"Ingesting {fmt}", total=path.stat().st_size)
                with path.open("rb") as handle:
                    lines = _lines(handle, lambda n: bar.advance(task, n), MAX_LINE_BYTES)
                    report = posts_ingest(
                        event=target, data=checked_lines(lines, source=file, strict=strict),
                        fmt=fmt, source_name=file, strict=strict, belonging=belonging)
    except (IngestAborted, InputRefused, InputTooLarge) as exc:
        if strict:
            done = "--strict: nothing was written."
        elif isinstance(exc, InputTooLarge):
            done = "Nothing was read."
        else:
            done = "The batches before that line were stored; nothing after it was read."
        err.print(f"[red]{escape(str(exc))}[/]\n{done}", highlight=False)
        raise typer.Exit(1) from exc
    for problem in report.problems[:20]:
        err.print(f"{file}, line {problem.line}: {problem.reason}", highlight=False)
    if len(report.problems) > 20:
        err.print(f"… and {len(report.problems) - 20} more malformed records")
    typer.echo(report.summary())
    if belonging is not None and report.skipped and not report.read:
        start, end = event_window(target)
        err.print(f"Nothing was inside {target.slug}'s listening window ({start:%Y-%m-%d %H:%M}"
                  f" – {end:%Y-%m-%d %H:%M} {target.time_zone}); --any-date keeps it all.",
                  highlight=False)
