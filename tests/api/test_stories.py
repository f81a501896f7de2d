"""The stories API: full-text search under each story's privacy."""

from __future__ import annotations

import pytest
from django.test import Client

from immerse.learning.services import story_save
from tests.factories import make_event

pytestmark = pytest.mark.django_db


def test_stories_search_respects_privacy() -> None:
    event = make_event(slug="ws")
    story_save(title="Listening before posting", privacy="public", event=event,
               context="We listened to our customers for two weeks.")
    story_save(title="Our private listening failure", privacy="private", event=event)
    found = Client().get("/api/v1/stories", {"q": "listening"}).json()
    assert [s["title"] for s in found] == ["Listening before posting"]
