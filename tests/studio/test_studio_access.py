"""Every studio page, and the event's backup download, answer another event's organizer (and
a facilitator of the same event) 404 as the API does: the page does not say the event is
there. A visitor is sent to log in."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, reverse

from immerse.events.models import Event, Room
from immerse.people.models import SignupQuestion
from immerse.studio import urls as studio_urls
from immerse.studio.services import team
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def summit():
    event = make_event(slug="summit", title="Summit", published=False)
    make_role(event=event, user=make_user("owner"))
    make_role(event=event, user=make_user("helper"), role="facilitator")
    make_role(event=make_event(slug="bobs"), user=make_user("bob"))
    session = make_session(event=event, title="Stories")
    room = Room.objects.create(event=event, name="Main hall", capacity=40)
    question = SignupQuestion.objects.create(event=event, prompt="Diet?", kind="text")
    invitation = team.invitation_create(event=event, email="new@x.example", role="facilitator",
                                    by=User.objects.get(username="owner"))
    return {"slug": "summit", "slot_id": session.slot_id, "room_id": room.pk,
            "session_id": session.pk, "question_id": question.pk, "fmt": "xml",
            "user_id": User.objects.get(username="owner").pk, "invitation_id": invitation.pk}


def _studio_urls(ids: dict) -> list[str]:
    urls = [reverse("event-backup", kwargs={"slug": "summit"})]
    for pattern in studio_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        wanted = pattern.pattern.regex.groupindex
        if "slug" in wanted:
            urls.append(reverse(pattern.name, kwargs={k: ids[k] for k in wanted}))
    return urls


def _client(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


@pytest.mark.parametrize("username", ["bob", "helper"])
def test_every_studio_page_is_404_to_anyone_but_the_events_organizers(summit,
                                                                      username) -> None:
    client = _client(username)
    urls = _studio_urls(summit)
    assert len(urls) >= 20
    answers = {url: {client.get(url).status_code, client.post(url).status_code}
               for url in urls}
    # 405: the method is checked first (a GET-only page refuses a POST to anyone).
    assert {url: codes for url, codes in answers.items()
            if 404 not in codes or not codes <= {404, 405}} == {}
    assert Client().get(urls[0]).status_code == 302  # a visitor logs in first


def test_the_backup_download_is_the_events_backup_without_tokens(summit) -> None:
    ann = make_person(name="Ann Smit", email="ann@acme.example")
    make_registration(event=Event.objects.get(slug="summit"), person=ann,
                      calendar_token="tok-ann-secret")
    response = _client("owner").get("/events/summit/organize/export/backup.json")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="summit.backup.json"'
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "tok-ann-secret" not in body
    document = json.loads(body)
    assert (document["format"], document["event"]) == ("immerse-event", "summit")
    names = {row["fields"].get("name") for row in document["objects"]
             if row["model"] == "people.person"}
    assert "Ann Smit" in names
    assert {row["fields"].get("prompt") for row in document["objects"]
            if row["model"] == "people.signupquestion"} == {"Diet?"}


def test_the_schedule_grid_is_linked_from_the_organize_page_and_every_setup_page(summit
                                                                                 ) -> None:
    """A new organizer found no way to the grid but typing its address (the journey)."""
    owner = _client("owner")
    grid = 'href="/events/summit/organize/setup/grid/"'
    for url in ("/events/summit/organize/", "/events/summit/organize/setup/",
                "/events/summit/organize/setup/rooms/"):
        assert grid in owner.get(url).content.decode(), url
