"""The posts API: staff add posts (retries are harmless) and read the backchannel."""

from __future__ import annotations

import pytest
from django.test import Client

from immerse.backchannel.models import Post
from tests.factories import (
    make_event,
    make_role,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_posts_ingest_is_idempotent_and_queryable(bearer) -> None:
    event = make_event(slug="ws")
    staff = make_user()
    make_role(event=event, user=staff, role="facilitator")
    posts = [{"id": "p1", "author": "ann", "text": "Slides please? #mobile",
              "created_at": "2027-05-01T10:00:00Z"},
             {"id": "p2", "author": "bob", "text": "Loved it", "reply_to_id": "p1",
              "created_at": "2027-05-01T10:05:00Z"}]
    for expected in ({"read": 2, "created": 2, "duplicates": 0},
                     {"read": 2, "created": 0, "duplicates": 2}):
        response = Client().post("/api/v1/events/ws/posts", posts,
                                 content_type="application/json", **bearer(staff))
        assert response.json() == expected
    assert Post.objects.filter(event=event).count() == 2
    found = Client().get("/api/v1/events/ws/posts", {"questions": True, "tag": "mobile"},
                         **bearer(staff)).json()
    assert [p["source_id"] for p in found["items"]] == ["p1"]
