"""Background work of the people app: the seats held for unconfirmed sign-ups run out."""

from __future__ import annotations

from datetime import timedelta

from immerse.common.tasks import task
from immerse.people.services.identity import signup_holds_release


@task("signup_holds_expire", every=timedelta(minutes=1))
def signup_holds_expire() -> dict[str, int]:
    """Release holds past their time (giving the seats to people waiting) and delete
    unconfirmed sign-ups whose link died; idempotent, so a retry or a double run is harmless."""
    return signup_holds_release()
