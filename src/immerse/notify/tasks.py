"""Mail goes out in the background: the same entry point as planning."""

from __future__ import annotations

from datetime import timedelta

from immerse.common.tasks import task
from immerse.notify.services import messages_send


@task("mail_send", every=timedelta(minutes=1))
def mail_send(limit: int | None = None) -> dict[str, int]:
    """Send the queued mail of the outbox (retries with backoff, at the per-minute rate)."""
    report = messages_send(limit=limit)
    return {"sent": report.sent, "retried": report.retried, "failed": report.failed,
            "suppressed": report.suppressed}
