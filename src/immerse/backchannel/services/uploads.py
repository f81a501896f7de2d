"""Backchannel files uploaded on the web, ingested by a background task with today's parsers.

The file waits in the database (any worker can take it); the task screens it like every
source (the event's window, readable text) and keeps the import summary on the upload.
Running the task again is harmless: a finished upload is left alone, and an interrupted
one starts over, the posts already stored counting as duplicates.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from immerse.backchannel.models import Upload
from immerse.backchannel.selectors.sources import event_belonging
from immerse.backchannel.services.ingest import posts_ingest
from immerse.common.tasks import enqueue
from immerse.engine.listening.parse import detect_format
from immerse.engine.listening.sources import SOURCE_NAMES
from immerse.events.models import Event

log = logging.getLogger(__name__)


class UploadRefused(ValueError):
    """The file cannot be taken (empty, too large, unknown format)."""


def upload_create(*, event: Event, user: User | None, filename: str, data: bytes,
                  fmt: str = "auto") -> Upload:
    """Keep the file and queue its ingest (once this transaction commits)."""
    name = (filename or "upload").rsplit("/", 1)[-1][:200]
    if not data.strip():
        raise UploadRefused(_("%(name)s: the file is empty") % {"name": name})
    if len(data) > settings.IMMERSE_MAX_UPLOAD_BYTES:
        raise UploadRefused(_("%(name)s: larger than %(size)s bytes")
                            % {"name": name, "size": f"{settings.IMMERSE_MAX_UPLOAD_BYTES:,}"})
    if fmt == "auto":
        fmt = detect_format(data[:4096], name)
    elif fmt not in SOURCE_NAMES:
        raise UploadRefused(_("format: expected auto or one of %(formats)s")
                            % {"formats": ", ".join(SOURCE_NAMES)})
    with transaction.atomic():
        upload = Upload.objects.create(event=event, uploaded_by=user, filename=name, fmt=fmt,
                                       data=data)
        transaction.on_commit(lambda: enqueue("listen_upload_ingest", upload.pk))
    return upload


def upload_ingest(*, upload_id: int) -> Upload | None:
    """Ingest one upload (see the module docstring); None if it is gone."""
    upload = Upload.objects.select_related("event").filter(pk=upload_id).first()
    if upload is None or upload.status == Upload.Status.DONE:
        return upload
    Upload.objects.filter(pk=upload.pk).update(status=Upload.Status.RUNNING)
    try:
        report = posts_ingest(event=upload.event, data=bytes(upload.data), fmt=upload.fmt,
                              source_name=upload.filename,
                              belonging=event_belonging(upload.event))
    except Exception as error:  # shown to the organizer; the bug is logged
        log.exception("ingest of upload %s failed", upload.pk)
        upload.status, upload.report = Upload.Status.FAILED, {
            "error": f"the ingest stopped: {type(error).__name__}: {error}"[:500]}
        upload.finished_at = timezone.now()
        upload.save(update_fields=["status", "report", "finished_at"])
        return upload
    upload.status, upload.report = Upload.Status.DONE, report.as_json()
    upload.data, upload.finished_at = b"", timezone.now()
    upload.save(update_fields=["status", "report", "data", "finished_at"])
    return upload
