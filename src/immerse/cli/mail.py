"""Mail commands: send what the outbox holds (for cron, without a worker), preview a kind.

Django is set up inside each command, then the apps are imported: models cannot be imported
before `django.setup()`, and `immerse --help` stays fast without Django.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console

from immerse.cli.django_setup import open_database
from immerse.cli.options import EventOption, event_or_exit

err = Console(stderr=True, soft_wrap=True)


def send(
    limit: Annotated[int | None, typer.Option(
        "--limit", min=1, help="Send at most this many (the per-minute rate caps it too).")]
    = None,
) -> None:
    """Send the queued mail that is due, then print what happened (run it from cron)."""
    open_database()
    # Django is set up only now (see the module docstring).
    from immerse.notify.selectors import outbox_waiting
    from immerse.notify.services import messages_send

    report = messages_send(limit=limit)
    waiting = outbox_waiting()
    typer.echo(f"sent {report.sent}, to retry {report.retried}, failed {report.failed}, "
               f"not sent (opted out) {report.suppressed}"
               + (f", taken back from a stopped sender {report.reclaimed}"
                  if report.reclaimed else "")
               + f"; {waiting.queued} still queued ({waiting.due} due now"
               + (f", next retry {waiting.next_retry:%Y-%m-%d %H:%M} UTC"
                  if waiting.next_retry else "") + ")")
    if report.stopped:
        err.print(f"[red]{report.stopped}[/]")
        raise typer.Exit(1)


def preview(
    kind: Annotated[str, typer.Argument(help="The message kind, e.g. agenda_ready.")],
    event: EventOption,
    html: Annotated[bool, typer.Option(
        "--html", help="Print the HTML part instead of writing it to a file.")] = False,
) -> None:
    """Print a rendered message of KIND for the event: the latest queued one, or a sample."""
    open_database()
    # Django is set up only now (see the module docstring).
    from django.conf import settings
    from django.template import TemplateDoesNotExist

    from immerse.notify.kinds import KIND_BY_KEY
    from immerse.notify.samples import sample_message
    from immerse.notify.selectors import outbox_of
    from immerse.notify.services import message_rendered

    if kind not in KIND_BY_KEY:
        err.print(f"[red]No message kind {kind!r}.[/] Known: {', '.join(KIND_BY_KEY)}")
        raise typer.Exit(2)
    target = event_or_exit(event)
    message = outbox_of(target, kind=kind).select_related("event").first()
    try:
        rendered = message_rendered(message or sample_message(kind, target))
    except TemplateDoesNotExist as exc:
        err.print(f"[red]The {kind} message has no template yet: {exc}[/]")
        raise typer.Exit(1) from exc
    source = (f"message {message.pk} to {message.to_email} ({message.get_status_display()})"
              if message else "a sample (no message of this kind for this event yet)")
    lines = [f"Kind:    {kind} ({KIND_BY_KEY[kind].label}), {source}",
             f"Subject: {rendered.subject}", "", rendered.text]
    if html:
        sys.stdout.write("\n".join(lines) + "\n" + rendered.html)
        return
    folder = settings.DATA_DIR / "mail-preview"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{target.slug}-{kind}.html"
    path.write_text(rendered.html, encoding="utf-8")
    sys.stdout.write("\n".join(lines) + f"\nHTML part: {path}\n")
