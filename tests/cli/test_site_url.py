"""`immerse demo` and `immerse serve` give links the address they serve on, unless
IMMERSE_SITE_URL names the public one."""

from __future__ import annotations

import os

import pytest

from immerse.cli.site import site_url_default


@pytest.mark.parametrize(("host", "port", "expected"), [
    ("127.0.0.1", 8123, "http://127.0.0.1:8123"),
    ("events.local", 80, "http://events.local:80"),
    ("0.0.0.0", 9000, "http://127.0.0.1:9000"),
    ("::", 9000, "http://127.0.0.1:9000"),
    ("::1", 9001, "http://[::1]:9001"),
])
def test_links_start_where_the_command_serves(
        monkeypatch: pytest.MonkeyPatch, host: str, port: int, expected: str) -> None:
    # Empty counts as unset; set through monkeypatch so the value written is undone after.
    monkeypatch.setenv("IMMERSE_SITE_URL", "")

    assert site_url_default(host, port) == expected

    assert os.environ["IMMERSE_SITE_URL"] == expected


def test_a_public_address_in_the_environment_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IMMERSE_SITE_URL", "https://events.example.org")

    assert site_url_default("127.0.0.1", 8123) == "https://events.example.org"
