"""`immerse beat --list` prints the schedule; `serve` starts the worker only for the
database queue (with Celery, `immerse worker` and `immerse beat` run apart)."""

from __future__ import annotations

from typer.testing import CliRunner

from immerse.cli import app
from immerse.cli.workers import embedded_runner_start
from immerse.common.tasks import schedule_table


def test_beat_list_prints_the_registry_s_schedule() -> None:
    result = CliRunner().invoke(app, ["beat", "--list"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == schedule_table()
    assert "| `mail_send` | every minute |" in result.output


def test_serve_starts_no_embedded_worker_when_celery_does_the_work(settings) -> None:
    settings.IMMERSE_TASK_BACKEND = "immerse.config.celery.CeleryBackend"
    assert embedded_runner_start() is None
