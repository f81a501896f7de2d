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
    for expected in ({"read": 2, "created": 2, "duplicates": 0, "skipped": {}},
                     {"read": 2, "created": 0, "duplicates": 2, "skipped": {}}):
        response = Client().post("/api/v1/events/ws/posts", posts,
                                 content_type="application/json", **bearer(staff))
        assert response.json() == expected
    assert Post.objects.filter(event=event).count() == 2
    found = Client().get("/api/v1/events/ws/posts", {"questions": True, "tag": "mobile"},
                         **bearer(staff)).json()
    assert [p["source_id"] for p in found["items"]] == ["p1"]


def test_posts_outside_the_event_window_are_left_out_and_counted(bearer) -> None:
    # Year 1 and year 9999 once made the dashboard bucket 10,000 years of hours.
    event = make_event(slug="ws")
    staff = make_user()
    make_role(event=event, user=staff, role="facilitator")
    posts = [{"id": "old", "author": "ann", "text": "Too early", "created_at":
              "0001-01-01T00:00:00Z"},
             {"id": "late", "author": "ann", "text": "Too late", "created_at":
              "9999-12-31T23:59:59Z"},
             {"id": "now", "author": "bob", "text": "Right on time", "created_at":
              "2027-05-01T10:00:00Z"}]
    response = Client().post("/api/v1/events/ws/posts", posts,
                             content_type="application/json", **bearer(staff))
    assert response.json() == {"read": 1, "created": 1, "duplicates": 0, "skipped": {
        "before the event window": 1, "after the event window": 1}}
    assert list(Post.objects.filter(event=event).values_list("source_id", flat=True)) == [
        "now"]


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_a_time_with_no_utc_equivalent_is_refused_naming_the_field(bearer, moment) -> None:
    event = make_event(slug="ws")
    staff = make_user()
    make_role(event=event, user=staff, role="facilitator")
    posts = [{"id": "ok", "author": "ann", "text": "Fine", "created_at": "2027-05-01T10:00Z"},
             {"id": "x", "author": "ann", "text": "Odd", "created_at": moment}]
    response = Client().post("/api/v1/events/ws/posts", posts,
                             content_type="application/json", **bearer(staff))
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["1.created_at"]
    assert Post.objects.filter(event=event).count() == 0
