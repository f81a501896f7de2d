"""Background work of the people app: sheet imports (a run id in, the service does the rest),
seats held for unconfirmed sign-ups run out, and links that can no longer be used are
deleted."""

from __future__ import annotations

from datetime import timedelta

from immerse.common.tasks import task
from immerse.people.services.accounts import login_links_purge
from immerse.people.services.identity import signup_holds_release
from immerse.people.services.imports import IMPORT_TASK, attendees_import_run


@task(IMPORT_TASK)
def attendees_import(run_id: int) -> None:
    attendees_import_run(run_id)


@task("signup_holds_expire", every=timedelta(minutes=1))
def signup_holds_expire() -> dict[str, int]:
    """Release sign-up seat holds past their time, giving the seats to people waiting.

    Also deletes unconfirmed sign-ups whose link died and spent log-in links; idempotent,
    so a retry or a double run is harmless."""
    return {**signup_holds_release(), "login_links_deleted": login_links_purge()}
