"""Fixtures for listening: the recorded-services server on loopback, and live events."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.backchannel.social_server import SocialServer, social_server


@pytest.fixture
def social(settings) -> Iterator[SocialServer]:
    """The Mastodon/Bluesky/feed server on a loopback port, and settings that let the
    pollers reach it quickly (a private address is refused in production)."""
    settings.IMMERSE_LISTEN_ALLOW_PRIVATE_HOSTS = True
    settings.IMMERSE_LISTEN_TIMEOUT_SECONDS = 1.0
    with social_server() as server:
        yield server
