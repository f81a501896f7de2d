"""The site commands: demo builds without serving; check --deploy passes in production."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from immerse.cli import app

ROOT = Path(__file__).resolve().parents[1]


def test_help_lists_the_commands() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in ("demo", "serve", "solve", "listen", "import", "export", "check"):
        assert name in result.output


@pytest.mark.django_db(transaction=True)
def test_demo_no_serve_builds_and_prints_login() -> None:
    result = CliRunner().invoke(app, ["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "organizer / immerse-demo" in result.output
    assert "/events/mobile-immersion/" in result.output
    from immerse.events.models import Event

    assert set(Event.objects.values_list("slug", flat=True)) >= {
        "mobile-immersion", "social-media-2-0", "social-media-101"}


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update({
        "IMMERSE_ENV": "production",
        "DJANGO_SECRET_KEY": "x7$kq!" + "p" * 20 + "Zt93&mLw0@vRb8#nQe4^sYc1*uHj6%",
        "DJANGO_ALLOWED_HOSTS": "events.example.org",
        "IMMERSE_DATA_DIR": str(tmp_path),
    })
    result = subprocess.run([sys.executable, "-m", "immerse.cli", "check", "--deploy"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout + result.stderr
