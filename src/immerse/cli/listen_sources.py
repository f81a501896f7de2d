"""`immerse listen source add|list`, `immerse listen poll`, `immerse listen network`,
`immerse listen rekey`: live listening from the command line (and cron).

The database is opened inside each command, then the app is imported: models cannot be
imported before `django.setup()`, and `immerse --help` stays fast without Django.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from immerse.backchannel.kinds import KIND_BY_KEY, KINDS, in_words
from immerse.cli.django_setup import open_database
from immerse.cli.options import EventOption, event_or_exit

out = Console(soft_wrap=True)
#: Unreadable items printed per source; the rest are counted.
MAX_PROBLEMS = 20
err = Console(stderr=True, soft_wrap=True)


#: The polled kinds, from their registry (plain Python: importing it keeps --help fast).
if TYPE_CHECKING:  # members made at runtime: mypy sees an enum of str
    class SourceKindChoice(StrEnum): ...
else:
    SourceKindChoice = StrEnum("SourceKindChoice", {kind.key: kind.key for kind in KINDS})


class NetworkFormat(StrEnum):
    gexf = "gexf"


class NetworkGraph(StrEnum):
    conversation = "conversation"
    hashtags = "hashtags"


def source_add(
    event: EventOption,
    kind: Annotated[SourceKindChoice, typer.Option(
        "--kind", help=in_words([k.key for k in KINDS]) + ".")],
    url: Annotated[str, typer.Option(
        "--url", help=in_words([k.help.cli_url for k in KINDS]) + ".")],
    tag: Annotated[str, typer.Option(
        "--tag", help="; ".join(k.help.cli_tag for k in KINDS if k.help.cli_tag) + ".")] = "",
    handle: Annotated[str, typer.Option(
        "--handle", help="Bluesky: the account that searches.")] = "",
    app_password: Annotated[str, typer.Option(
        "--app-password", envvar="IMMERSE_BLUESKY_APP_PASSWORD",
        help="Bluesky: an app password (read from IMMERSE_BLUESKY_APP_PASSWORD, or asked for)."
    )] = "",
) -> None:
    """Listen to one more place: a Mastodon hashtag, a Bluesky search, or a feed."""
    open_database()
    # Django is set up only now (see the module docstring).
    from immerse.backchannel.kinds import SourceInvalid
    from immerse.backchannel.services.sources import source_add as add

    target = event_or_exit(event)
    login = KIND_BY_KEY[kind.value].login
    if login and handle and not app_password:
        app_password = typer.prompt(f"{login.service} app password", hide_input=True)
    try:
        source = add(event=target, kind=kind.value, url=url, tag=tag, handle=handle,
                     app_password=app_password)
    except SourceInvalid as error:
        err.print(f"[red]{error}[/]", highlight=False)
        raise typer.Exit(2) from error
    typer.echo(f"Listening to {source.label} for {target.slug} (source {source.pk}).")


def source_list(event: EventOption) -> None:
    """The event's sources: how each is doing, and what its last poll brought."""
    open_database()
    # Django is set up only now (see the module docstring).
    from immerse.backchannel.selectors.sources import sources_for

    target = event_or_exit(event)
    found = sources_for(event=target)
    if not found:
        typer.echo(f"{target.slug} listens to no source yet (immerse listen source add).")
    for source, status in found:
        typer.echo(f"{source.pk}  {source.kind}  {source.label}  [{status.state}] {status.text}")
        summary = source.last_summary or {}
        last = ""
        if summary:
            skipped = summary.get("skipped") or {}
            last = (f"; last poll: {summary.get('created', 0)} new, "
                    f"{summary.get('duplicates', 0)} already there, "
                    f"{sum(skipped.values())} left out{_by_reason(skipped)}, "
                    f"{summary.get('problem_count', 0)} unreadable")
        typer.echo(f"    {source.posts_added} posts added{last}")
        _print_problems([str(p.get("reason", "")) for p in summary.get("problems") or ()],
                        total=int(summary.get("problem_count") or 0))


def _by_reason(skipped: dict[str, int]) -> str:
    """`` (3 before the event window, 1 empty text)``, or nothing when none was left out."""
    found = ", ".join(f"{n} {reason}" for reason, n in skipped.items() if n)
    return f" ({found})" if found else ""


def _print_problems(reasons: list[str], *, total: int) -> None:
    """The unreadable items, each with why (reasons name their item: ``item 3: …``)."""
    for reason in reasons[:MAX_PROBLEMS]:
        typer.echo(f"    unreadable: {reason}")
    if total > min(len(reasons), MAX_PROBLEMS):
        typer.echo(f"    … and {total - min(len(reasons), MAX_PROBLEMS)} more unreadable")


def poll(
    event: Annotated[str | None, typer.Option(
        "--event", help="Only this event's sources (polled even outside its dates).")] = None,
) -> None:
    """One polling round of every active source (for cron).

    The sources of events happening now, or of --event; a source the server asked to wait,
    or that is backing off after errors, is skipped. Exits 1 when a source failed.
    """
    open_database()
    # Django is set up only now (see the module docstring).
    from immerse.backchannel.services.polling import sources_poll

    target = event_or_exit(event) if event else None
    reports = sources_poll(event=target, due_only=False)
    if not reports:
        typer.echo("No source to poll now.")
    failed = 0
    for report in reports:
        typer.echo(report.summary())
        _print_problems([p.reason for p in report.ingest.problems],
                        total=len(report.ingest.problems))
        failed += report.outcome in ("failing", "stopped")
    if failed:
        raise typer.Exit(1)


def network(
    event: EventOption,
    format: Annotated[NetworkFormat, typer.Option("--format", help="gexf (Gephi).")],
    graph: Annotated[NetworkGraph, typer.Option(
        "--graph", help="conversation (who replies to / mentions whom) or hashtags "
        "(used together).")] = NetworkGraph.conversation,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File to write; standard output by default.")] = None,
) -> None:
    """The backchannel's network as a graph file, for Gephi and the like."""
    open_database()
    # Django is set up only now (see the module docstring).
    from immerse.backchannel.selectors.networks import network_gexf

    target = event_or_exit(event)
    chunks = network_gexf(event=target, graph=graph.value)
    if output is None:
        for chunk in chunks:
            sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
        return
    with output.open("wb") as handle:
        for chunk in chunks:
            handle.write(chunk)
    err.print(f"Wrote {output}")


def rekey() -> None:
    """Encrypt stored Bluesky credentials again with the current key.

    Run after putting a new key first in IMMERSE_LISTEN_KEYS, or after moving the old
    SECRET_KEY into DJANGO_SECRET_KEY_FALLBACKS; then the old key can go.
    """
    open_database()
    # Django is set up only now (see the module docstring).
    from immerse.backchannel.services.sources import secrets_rekey

    done, unreadable = secrets_rekey()
    typer.echo(f"{done} source credential(s) encrypted with the current key.")
    for label in unreadable:
        err.print(f"[yellow]Unreadable with every configured key: {label} "
                  "(enter its app password again)[/]", highlight=False)
    if unreadable:
        raise typer.Exit(1)
