"""Only `migrate`, `demo` and `serve` change the schema; the other commands refuse an
unmigrated database in one line and write nothing to it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.cli.conftest import Run

CREATE_EVENT = ("from datetime import date; from immerse.events.models import Event; "
                "Event.objects.create(slug='camp', kind='workshop', title='Camp', "
                "start_date=date(2027, 5, 1), end_date=date(2027, 5, 1), capacity=50)")


def _refusal(db: Path) -> str:
    return f"The database at {db} needs migrating: run `immerse migrate`.\n"


def test_export_refuses_a_missing_database_and_does_not_create_it(
        immerse: Run, data_dir: Path) -> None:
    db = data_dir / "immerse.sqlite3"
    for args in (["export", "event", "camp"], ["export", "schedule", "--event", "camp"]):
        result = immerse(*args)
        assert (result.returncode, result.stdout, result.stderr) == (1, "", _refusal(db))
    assert list(data_dir.iterdir()) == []


def test_commands_work_once_migrated_and_refuse_again_when_a_migration_is_pending(
        immerse: Run, data_dir: Path) -> None:
    db = data_dir / "immerse.sqlite3"
    assert immerse("migrate").returncode == 0
    assert immerse("manage", "shell", "-c", CREATE_EVENT).returncode == 0
    exported = immerse("export", "event", "camp")
    assert exported.returncode == 0, exported.stderr
    assert exported.stderr.startswith("Exported camp: ") and '"camp"' in exported.stdout
    assert immerse("manage", "migrate", "learning", "zero", "--verbosity", "0").returncode == 0
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    refused = immerse("export", "schedule", "--event", "camp")
    assert (refused.returncode, refused.stdout, refused.stderr) == (1, "", _refusal(db))
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
