"""What the tables app puts in an event's backup (see ``common.backups``)."""

from __future__ import annotations

from immerse.common.backups import AppBackup, event_rows
from immerse.tables.models import (
    TableNotes,
    TableNotesRevision,
    TablePlan,
    TableSeat,
    TableStory,
    TableStoryConsent,
)

BACKUP = AppBackup(
    models=(event_rows(TablePlan, "session__event"), event_rows(TableSeat, "session__event"),
            event_rows(TableNotes, "session__event"),
            event_rows(TableNotesRevision, "notes__session__event"),
            event_rows(TableStory, "notes__session__event"),
            event_rows(TableStoryConsent, "story__notes__session__event")),
)
