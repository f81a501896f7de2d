"""API for agendas, tables, posts, stories and feedback, as integrations use it."""

from __future__ import annotations

import pytest
from django.test import Client

from immerse.backchannel.models import Post
from immerse.learning.services import story_save
from immerse.people.tokens import token_create
from immerse.tables.services import tables_form
from tests.factories import (
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user, name='t')[1]}"}


def test_organizer_plans_and_attendee_reads_agenda_and_table() -> None:
    event = make_event(slug="ws")
    make_session(event=event, title="Stories", levels=(1,), capacity=10)
    tables = make_session(event=event, title="Tables", fmt="table", levels=(1, 2, 3, 4),
                          start_hour=11)
    ann = make_user()
    make_registration(event=event, level=1, person=make_person(user=ann, name="Ann"))
    for n in range(3):
        make_registration(event=event, level=2, person=make_person(name=f"Mate {n}"))
    organizer = make_user()
    make_role(event=event, user=organizer)
    run = Client().post("/api/v1/events/ws/agendas/runs", {"time_limit": 5},
                        content_type="application/json", **bearer(organizer))
    assert run.status_code == 201 and run.json()["status"] == "done"
    assert run.json()["objective"] == run.json()["lower_bound"]
    agenda = Client().get("/api/v1/events/ws/agenda/me", **bearer(ann)).json()
    assert [(a["title"], a["reason"]) for a in agenda] == [("Stories", "Eye-opener"),
                                                           ("Tables", "Eye-opener")]
    tables_form(session=tables, table_size=4, time_limit=1)
    mine = Client().get("/api/v1/events/ws/tables/me", **bearer(ann)).json()
    assert mine[0]["table"] == 1 and sorted(mine[0]["tablemates"]) == [
        "Mate 0", "Mate 1", "Mate 2"]


def test_posts_ingest_is_idempotent_and_queryable() -> None:
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


def test_stories_search_respects_privacy() -> None:
    event = make_event(slug="ws")
    story_save(title="Listening before posting", privacy="public", event=event,
               context="We listened to our customers for two weeks.")
    story_save(title="Our private listening failure", privacy="private", event=event)
    found = Client().get("/api/v1/stories", {"q": "listening"}).json()
    assert [s["title"] for s in found] == ["Listening before posting"]


def test_feedback_from_an_attendee() -> None:
    event = make_event(slug="ws")
    session = make_session(event=event, title="Stories")
    ann = make_user()
    make_registration(event=event, person=make_person(user=ann))
    response = Client().post(f"/api/v1/events/ws/sessions/{session.pk}/feedback",
                             {"rating": 5, "next_step": "Start listening"},
                             content_type="application/json", **bearer(ann))
    assert response.status_code == 201 and response.json()["rating"] == 5
    bad = Client().post(f"/api/v1/events/ws/sessions/{session.pk}/feedback", {"rating": 9},
                        content_type="application/json", **bearer(ann))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "rating"
