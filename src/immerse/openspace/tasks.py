"""Open space in the background: place the proposals whose time has come."""

from __future__ import annotations

from datetime import timedelta

from immerse.common.tasks import task
from immerse.openspace.placing import open_spaces_due


@task("open_spaces_place", every=timedelta(minutes=1))
def open_spaces_place() -> int:
    """Place each open space at its set time (once: the service locks and marks it)."""
    return open_spaces_due()
