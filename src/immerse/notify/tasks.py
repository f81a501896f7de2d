"""Mail goes out in the background: the same entry point as planning."""

from __future__ import annotations

from immerse.common.tasks import task
from immerse.notify.services import messages_send


@task("mail_send")
def mail_send(limit: int | None = None) -> dict[str, int]:
    report = messages_send(limit=limit)
    return {"sent": report.sent, "retried": report.retried, "failed": report.failed,
            "suppressed": report.suppressed}
