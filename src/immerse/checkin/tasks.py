"""Check-in's background work: the no-show release at each event's announced time."""

from __future__ import annotations

from datetime import timedelta

from immerse.checkin.release import noshows_release, noshows_release_due
from immerse.common.tasks import task
from immerse.events.models import Event


@task("checkin_noshows_release", every=timedelta(minutes=1))
def checkin_noshows_release() -> dict[str, int]:
    """Give seats of people not checked in by their event's release time to those waiting.

    Idempotent: each event's release time is acted on once."""
    released = promoted = 0
    for event in Event.objects.filter(pk__in=noshows_release_due()):
        outcome = noshows_release(event=event)
        released += len(outcome.released)
        promoted += len(outcome.promoted)
    return {"released": released, "promoted": promoted}
