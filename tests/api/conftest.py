"""Fixtures for the API tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from immerse.people.tokens import token_create


@pytest.fixture
def bearer() -> Callable[[object], dict[str, str]]:
    """Headers that authenticate as ``user`` with a fresh API token."""

    def headers(user) -> dict[str, str]:
        return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user, name='t')[1]}"}

    return headers
