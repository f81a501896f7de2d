"""What the check-in app puts in an event's backup (see ``common.backups``)."""

from __future__ import annotations

from immerse.checkin.models import Attendance, CheckIn, CheckinSettings
from immerse.common.backups import AppBackup, event_rows

BACKUP = AppBackup(
    models=(event_rows(CheckinSettings), event_rows(CheckIn, "registration__event"),
            event_rows(Attendance, "session__event")),
    users=(
        lambda scope: CheckIn.objects.filter(registration__event=scope.event, by__isnull=False)
        .values_list("by_id"),
        lambda scope: Attendance.objects.filter(session__event=scope.event, by__isnull=False)
        .values_list("by_id"),
    ),
)
