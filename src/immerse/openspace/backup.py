"""What the open space puts in an event's backup (see ``common.backups``)."""

from __future__ import annotations

from immerse.common.backups import AppBackup, event_rows
from immerse.openspace.models import OpenSpace, Proposal, ProposalVote

BACKUP = AppBackup(
    models=(event_rows(OpenSpace), event_rows(Proposal),
            event_rows(ProposalVote, "proposal__event")),
)
