"""What the tables app puts in an event's backup (see ``common.backups``)."""

from __future__ import annotations

from immerse.common.backups import AppBackup, event_rows
from immerse.tables.models import TablePlan, TableSeat

BACKUP = AppBackup(
    models=(event_rows(TablePlan, "session__event"), event_rows(TableSeat, "session__event")),
)
