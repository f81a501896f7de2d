"""The wall: who sees it, what it shows, how moderation changes it, and the cheap refresh."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from immerse.backchannel.models import AuthorReview, Post
from immerse.backchannel.services.ingest import note_add, posts_ingest
from immerse.backchannel.services.sources import settings_update, source_add
from immerse.backchannel.services.wall import author_decide, post_moderate
from tests.backchannel.factories import live_event
from tests.factories import PASSWORD, make_person, make_registration, make_role, make_user

pytestmark = pytest.mark.django_db


def _toot(n: int, text: str, author: str = "ana", minutes_ago: int = 5) -> bytes:
    import orjson

    when = (timezone.now() - timedelta(minutes=minutes_ago)).isoformat()
    return orjson.dumps({"id": str(n), "created_at": when, "content": f"<p>{text}</p>",
                         "account": {"acct": author}, "tags": [{"name": "msm"}]}) + b"\n"


def _login(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def event():
    made = live_event(slug="ws", hashtags=["#msm"], organizer_handles=["@team@m.example"])
    posts_ingest(event=made, data=_toot(1, "First #msm") + _toot(2, "Second #msm", "bob", 2)
                 + _toot(3, "Boosted", "cas", 1).replace(b'"content"', b'"reblog":{"content":'
                                                          b'"<p>x</p>"},"content"'),
                 fmt="jsonl", source_name="t")
    return made


def test_the_wall_is_for_the_event_people_until_made_public(event) -> None:
    anonymous = Client()
    assert anonymous.get("/events/ws/wall/")["Location"] == \
        "/accounts/login/?next=/events/ws/wall/"  # log in first
    attendee = make_user()
    make_registration(event=event, person=make_person(user=attendee))
    assert _login(attendee).get("/events/ws/wall/").status_code == 200
    settings_update(event=event, wall_public=True)
    page = anonymous.get("/events/ws/wall/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "First #msm" in html and "Second #msm" in html
    assert "Boosted" not in html  # a boost repeats its original: not twice on the wall
    assert html.index("Second #msm") < html.index("First #msm")  # newest first


def test_the_wall_shows_how_to_join(event, settings) -> None:
    source_add(event=event, kind="mastodon", url="https://mastodon.example", tag="msm")
    settings_update(event=event, wall_public=True)
    html = Client().get("/events/ws/wall/").content.decode()
    assert "post with #msm (followed on mastodon.example)" in html
    assert "@team@m.example" in html


def test_the_fragment_answers_304_until_something_changes(event) -> None:
    settings_update(event=event, wall_public=True)
    client = Client()
    first = client.get("/events/ws/wall/?fragment=1")
    etag = first["ETag"]
    assert "<html" not in first.content.decode()
    assert client.get("/events/ws/wall/?fragment=1", HTTP_IF_NONE_MATCH=etag).status_code == 304
    posts_ingest(event=event, data=_toot(4, "Third #msm", "dan", 0), fmt="jsonl",
                 source_name="t")
    changed = client.get("/events/ws/wall/?fragment=1", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and "Third #msm" in changed.content.decode()
    etag = changed["ETag"]
    post_moderate(post=Post.objects.get(text="Third #msm"), action="hide")
    hidden = client.get("/events/ws/wall/?fragment=1", HTTP_IF_NONE_MATCH=etag)
    assert hidden.status_code == 200 and "Third #msm" not in hidden.content.decode()


def test_pinned_posts_lead_and_blocked_authors_vanish(event) -> None:
    settings_update(event=event, wall_public=True)
    post_moderate(post=Post.objects.get(text="First #msm"), action="pin")
    html = Client().get("/events/ws/wall/").content.decode()
    assert html.index("First #msm") < html.index("Second #msm")
    author_decide(event=event, source="mastodon", author="bob", decision="blocked")
    assert "Second #msm" not in Client().get("/events/ws/wall/").content.decode()


def test_holding_new_authors_keeps_those_on_the_wall_and_holds_newcomers(event) -> None:
    settings_update(event=event, wall_public=True, hold_new_authors=True)
    assert set(AuthorReview.objects.values_list("author", flat=True)) == {"ana", "bob"}
    posts_ingest(event=event, data=_toot(5, "New here #msm", "eve", 0), fmt="jsonl",
                 source_name="t")
    note_add(event=event, author="marta", text="Coffee in the hall")
    html = Client().get("/events/ws/wall/").content.decode()
    assert "New here" not in html and "First #msm" in html
    assert "Coffee in the hall" in html  # staff notes never wait
    staff = make_user("marta")
    make_role(event=event, user=staff, role="facilitator")
    moderation = _login(staff).get("/events/ws/wall/moderate/").content.decode()
    assert "Waiting for review (1)" in moderation and "New here" in moderation
    post = Post.objects.get(text="New here #msm")
    response = _login(staff).post("/events/ws/wall/moderate/action/",
                                  {"action": "approve", "post": post.pk})
    assert response.status_code == 302
    assert "New here" in Client().get("/events/ws/wall/").content.decode()


def test_moderation_actions_are_for_the_event_staff(event) -> None:
    attendee = make_user()
    make_registration(event=event, person=make_person(user=attendee))
    post = Post.objects.get(text="First #msm")
    response = _login(attendee).post("/events/ws/wall/moderate/action/",
                                     {"action": "hide", "post": post.pk})
    assert response.status_code == 403
    post.refresh_from_db()
    assert not post.hidden


def test_only_organizers_make_the_wall_public(event) -> None:
    staff = make_user()
    make_role(event=event, user=staff, role="facilitator")
    response = _login(staff).post("/events/ws/listening/settings/", {"wall_public": "on"})
    assert response.status_code == 403
    organizer = make_user()
    make_role(event=event, user=organizer)
    _login(organizer).post("/events/ws/listening/settings/", {"wall_public": "on"})
    assert Client().get("/events/ws/wall/").status_code == 200


def test_the_wall_and_its_moderation_take_a_fixed_number_of_queries(
        event, django_assert_max_num_queries) -> None:
    """No query per post, however many there are."""
    settings_update(event=event, wall_public=True, hold_new_authors=True)
    posts_ingest(event=event, data=b"".join(_toot(100 + i, f"Post {i} #msm", f"p{i}", 1)
                                            for i in range(60)), fmt="jsonl", source_name="t")
    staff = make_user()
    make_role(event=event, user=staff)
    client, anonymous = _login(staff), Client()
    with django_assert_max_num_queries(6):
        anonymous.get("/events/ws/wall/?fragment=1")
    with django_assert_max_num_queries(12):
        client.get("/events/ws/wall/moderate/")
    with django_assert_max_num_queries(12):
        client.get("/events/ws/listening/sources/")
