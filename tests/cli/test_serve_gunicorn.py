"""`immerse serve --workers N` configures gunicorn with threaded workers and keep-alive, which
gunicorn's own sources (GUNICORN_CMD_ARGS, gunicorn.conf.py) may still change."""

from __future__ import annotations

import sys

import pytest

from immerse.cli.site import gunicorn_server


def _settings(server: object) -> tuple[str, int, int, int, str]:
    cfg = server.cfg  # type: ignore[attr-defined]
    return (cfg.worker_class_str, cfg.threads, cfg.keepalive, cfg.workers, cfg.bind[0])


def test_serve_workers_run_threaded_gunicorn_workers_with_keep_alive(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", list(sys.argv))  # gunicorn_server sets its own
    monkeypatch.delenv("GUNICORN_CMD_ARGS", raising=False)

    server = gunicorn_server("127.0.0.1", 8123, 3, forwarding={})

    assert _settings(server) == ("gthread", 8, 5, 3, "127.0.0.1:8123")


def test_gunicorn_cmd_args_may_change_the_threads_and_keep_alive(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    monkeypatch.setenv("GUNICORN_CMD_ARGS", "--threads 2 --keep-alive 2")

    server = gunicorn_server("127.0.0.1", 8123, 3, forwarding={})

    assert _settings(server) == ("gthread", 2, 2, 3, "127.0.0.1:8123")
