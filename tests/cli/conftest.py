"""`immerse` in a child process on a fresh SQLite folder, for commands that open a database."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import immerse as package

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder: `immerse` would keep its SQLite database here."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def child_env(data_dir: Path) -> dict[str, str]:
    """This process's environment for a child `immerse` on a SQLite database in ``data_dir``."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "IMMERSE_ENV")}
    env["IMMERSE_DATA_DIR"] = str(data_dir)
    # The child imports the same immerse as this test run (a relative PYTHONPATH would not
    # survive the change of folder).
    src = str(Path(package.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    return env


@pytest.fixture
def immerse(data_dir: Path) -> Run:
    """Run `immerse ARGS…` on the SQLite database in ``data_dir`` (never the test database)."""
    env = child_env(data_dir)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "immerse.cli", *args], cwd=data_dir,
                              env=env, capture_output=True, text=True, timeout=300)

    return run
