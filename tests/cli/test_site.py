"""The site commands: demo builds without serving; check --deploy passes in production;
`immerse migrate` applies what is pending once, and `--check` only reports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from immerse.cli import app
from immerse.events.models import Event
from immerse.notify.models import Message
from tests.cli.conftest import Run, child_env


def test_help_lists_the_commands() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in ("demo", "serve", "migrate", "solve", "listen", "import", "export", "check",
                 "worker", "beat"):
        assert name in result.output


@pytest.mark.django_db(transaction=True)
def test_demo_no_serve_builds_and_prints_login() -> None:
    result = CliRunner().invoke(app, ["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "organizer / immerse-demo" in result.output
    assert "/events/mobile-immersion/" in result.output
    # Its messages wait in the outbox and the in-app lists: no mail server is needed.
    assert "held in the outbox" in result.output and "no mail server needed" in result.output
    assert "/events/mobile-immersion/organize/messages/" in result.output
    assert "immerse mail preview agenda_ready --event mobile-immersion" in result.output
    assert not Message.objects.exclude(status="held").exists()
    assert set(Message.objects.values_list("kind", flat=True)) >= {
        "agenda_ready", "table_seat", "reminder", "plan_review_invite",
        "plan_review_received", "expert_comment", "plan_checkin", "reassess_invite",
        "broadcast"}
    # "How was…?" only after sessions that happened: the demo's immersion is ahead.
    assert not Message.objects.filter(kind="feedback_request").exists()
    assert set(Event.objects.values_list("slug", flat=True)) >= {
        "mobile-immersion", "social-media-2-0", "social-media-101"}


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    env = child_env(tmp_path)
    env.update({
        "IMMERSE_ENV": "production",
        "DJANGO_SECRET_KEY": "x7$kq!" + "p" * 20 + "Zt93&mLw0@vRb8#nQe4^sYc1*uHj6%",
        "DJANGO_ALLOWED_HOSTS": "events.example.org",
    })
    result = subprocess.run([sys.executable, "-m", "immerse.cli", "check", "--deploy"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout + result.stderr


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
