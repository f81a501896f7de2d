"""What the studio puts in an event's backup (see ``common.backups``): its audit trail."""

from __future__ import annotations

from immerse.common.backups import AppBackup, event_rows
from immerse.studio.models import AuditEntry

BACKUP = AppBackup(
    models=(event_rows(AuditEntry),),
    # Who did what: the accounts of the organizers who acted.
    users=(lambda scope: AuditEntry.objects.filter(event=scope.event, actor__isnull=False)
           .values_list("actor_id"),),
    left_out={
        "studio.teaminvitation": "an invitation's link is a credential made on one site "
        "(and pending ones expire within days): invite again after a restore",
    },
)
