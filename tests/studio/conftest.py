"""An organizer who may create events, logged in."""

from __future__ import annotations

import pytest
from django.test import Client

from immerse.studio.services.organizers import organizer_add


@pytest.fixture
def creator(db):
    return organizer_add(email="ann@example.org", name="Ann Smit").user


@pytest.fixture
def browser(creator) -> Client:
    client = Client()
    client.force_login(creator)
    return client
