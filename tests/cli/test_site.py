"""`immerse migrate`: applies what is pending once; `--check` only reports."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from immerse.cli import app
from tests.cli.conftest import Run


def test_help_lists_migrate() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0 and "migrate" in result.output


def test_migrate_check_reports_without_creating_then_migrate_applies_once(
        immerse: Run, data_dir: Path) -> None:
    db = data_dir / "immerse.sqlite3"
    check = immerse("migrate", "--check")
    assert check.returncode == 1
    assert check.stderr.startswith(f"The database at {db} needs migrating: ")
    assert check.stderr.endswith(" pending; run `immerse migrate`.\n")
    assert not db.exists()
    applied = immerse("migrate")
    assert applied.returncode == 0, applied.stderr
    assert applied.stderr.startswith("Applied ") and f" migrations to {db} in " in applied.stderr
    for args in (["migrate"], ["migrate", "--check"]):
        again = immerse(*args)
        assert (again.returncode, again.stderr) == (0, f"The database at {db} is up to date.\n")
