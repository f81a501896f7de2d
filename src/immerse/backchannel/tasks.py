"""Listening's background work: thin, ids in, the services do the rest (and are safe to
run twice: polls lease their source and store page by page, ingests deduplicate)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from immerse.backchannel.services.alerts import questions_alert_send
from immerse.backchannel.services.polling import source_poll, sources_due_ids
from immerse.backchannel.services.uploads import upload_ingest
from immerse.common.tasks import enqueue, task


@task("listen_poll", every=timedelta(seconds=settings.IMMERSE_LISTEN_POLL_SECONDS))
def listen_poll() -> int:
    """Hand every listening source due for a poll to a worker."""
    ids = sources_due_ids()
    for source_id in ids:
        enqueue("listen_poll_source", source_id)
    return len(ids)


@task("listen_poll_source")
def listen_poll_source(source_id: int) -> str | None:
    report = source_poll(source_id=source_id)
    return report.summary() if report else None


@task("listen_upload_ingest")
def listen_upload_ingest(upload_id: int) -> str | None:
    upload = upload_ingest(upload_id=upload_id)
    return upload.status if upload else None


@task("listen_questions_alert", every=timedelta(minutes=5))
def listen_questions_alert() -> int:
    """Tell an event's organizers when questions in the backchannel wait too long."""
    return questions_alert_send()
