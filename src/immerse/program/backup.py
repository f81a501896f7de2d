"""What the program app puts in an event's backup (see ``common.backups``)."""

from __future__ import annotations

from immerse.common.backups import AppBackup, event_rows
from immerse.program.models import AgendaItem, AgendaRun, SessionWaitlist, SessionWish

BACKUP = AppBackup(
    models=(
        event_rows(AgendaRun), event_rows(AgendaItem, "registration__event"),
        event_rows(SessionWaitlist, "registration__event"),
        event_rows(SessionWish, "session__event"),
    ),
    people=(lambda scope: SessionWish.objects.filter(session__event=scope.event)
            .values_list("person_id"),),
    users=(lambda scope: AgendaRun.objects.filter(event=scope.event, created_by__isnull=False)
           .values_list("created_by_id"),),
    person_links=("wishes",),
)
