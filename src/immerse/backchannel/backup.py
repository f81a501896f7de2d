"""What the backchannel app puts in an event's backup (see ``common.backups``)."""

from __future__ import annotations

from immerse.backchannel.models import AuthorReview, ListeningSettings, Post, Source, Upload
from immerse.common.backups import AppBackup, event_rows

BACKUP = AppBackup(
    models=(event_rows(Post),
            # A restored source is authorized again by its organizer: no password goes in.
            event_rows(Source, excluded={"secret": "an account's password and session"}),
            event_rows(Upload),
            event_rows(ListeningSettings), event_rows(AuthorReview)),
    # Who set up a source, uploaded a file, decided on an author.
    users=(
        lambda scope: Source.objects.filter(event=scope.event, created_by__isnull=False)
        .values_list("created_by_id"),
        lambda scope: Upload.objects.filter(event=scope.event, uploaded_by__isnull=False)
        .values_list("uploaded_by_id"),
        lambda scope: AuthorReview.objects.filter(event=scope.event, decided_by__isnull=False)
        .values_list("decided_by_id"),
    ),
)
