"""`immerse organizer add`: the first organizer of a site, and any other from the shell."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from immerse.cli.django_setup import open_database

err = Console(stderr=True, soft_wrap=True)


def organizer_add(
    email: Annotated[str, typer.Argument(help="The organizer's e-mail address.")],
    name: Annotated[str, typer.Option(help="Their name (default: from the address).")] = "",
) -> None:
    """Create (or promote) an account that may create events and print a one-time log-in
    link for it."""
    open_database()
    # Django is set up only now (see the module docstring of cli/django_setup).
    from django.conf import settings
    from django.core.exceptions import ValidationError

    from immerse.studio.services.organizers import organizer_add as add

    try:
        added = add(email=email, name=name)
    except ValidationError as exc:
        err.print(f"[red]{escape(' '.join(exc.messages))}[/] Nothing was changed.",
                  highlight=False)
        raise typer.Exit(2) from exc
    what = "Created" if added.created else "Promoted"
    err.print(f"{what} {escape(added.user.get_username())}: may now create events.",
              highlight=False)
    err.print(f"Log in once with this link (valid {settings.IMMERSE_LOGIN_LINK_MINUTES} "
              "minutes, single use):", highlight=False)
    typer.echo(added.login_url)
