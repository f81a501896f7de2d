"""The hub's channels and the sign-up settings, as the organizer sets them."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from immerse.events.models import Event
from tests.factories import PASSWORD, make_event, make_registration, make_role, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return make_event(slug="meetup", hashtags=[], capacity=1)


@pytest.fixture
def organizer(event) -> Client:
    make_role(event=event, user=make_user("org"))
    client = Client()
    assert client.login(username="org", password=PASSWORD)
    return client


def _rows(prefix: str, rows: list[dict[str, str]]) -> dict[str, str]:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for number, row in enumerate(rows):
        data.update({f"{prefix}-{number}-{key}": value for key, value in row.items()})
    return data


def _hub(**overrides: dict[str, str]) -> dict[str, str]:
    data = {"wiki_url": "https://wiki.example.org/meetup", "content_guide": "Post with #meetup."}
    data |= _rows("tag", [{"value": "meetup"}, {"value": "#SMday"}, {"value": ""}])
    data |= _rows("handle", [{"value": "@team@social.example"}])
    data |= _rows("video", [{"label": "Main stage", "url": "https://youtu.be/dQw4w9WgXcQ"}])
    data |= _rows("blog", [{"label": "", "url": ""}])
    data.update(overrides)
    return data


def test_hub_rows_are_stored_in_the_events_fields(event, organizer) -> None:
    response = organizer.post("/events/meetup/organize/setup/hub/", _hub())
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.hashtags == ["#meetup", "#SMday"]
    assert event.organizer_handles == ["@team@social.example"]
    assert event.video_uplinks == [{"label": "Main stage",
                                    "url": "https://youtu.be/dQw4w9WgXcQ"}]
    assert event.blogs == []
    assert (event.wiki_url, event.content_guide) == ("https://wiki.example.org/meetup",
                                                     "Post with #meetup.")


def test_hub_row_errors_name_the_row_and_change_nothing(event, organizer) -> None:
    data = _hub(**{"video-0-url": "ftp://files.example/x", "tag-1-value": "two words"})
    response = organizer.post("/events/meetup/organize/setup/hub/", data)
    assert response.status_code == 200
    assert response.context["videos"].errors[0] == {"url": ["Enter a valid URL."]}
    assert response.context["hashtags"].errors[1] == {"value": ["One word, e.g. #smimmersion."]}
    assert Event.objects.get(pk=event.pk).hashtags == []


def test_hub_page_embeds_youtube_and_the_csp_allows_its_player(event, organizer) -> None:
    organizer.post("/events/meetup/organize/setup/hub/", _hub())
    hub = Client().get("/events/meetup/")
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in hub.content.decode()
    assert "frame-src https://www.youtube-nocookie.com https://player.vimeo.com" in \
        hub["Content-Security-Policy"]


def test_signup_settings_saved_in_the_event_time_zone(event, organizer) -> None:
    response = organizer.post("/events/meetup/organize/setup/signup/", {
        "opens_at": "2027-03-01T09:00", "closes_at": "2027-04-20T18:00", "capacity": "30",
        "waiting_list": ""})
    assert response.status_code == 302
    event.refresh_from_db()
    zone = ZoneInfo(event.time_zone)
    assert event.signup_opens_at == datetime(2027, 3, 1, 9, tzinfo=zone)
    assert (event.capacity, event.waiting_list) == (30, False)


def test_signup_must_close_after_it_opens(event, organizer) -> None:
    response = organizer.post("/events/meetup/organize/setup/signup/", {
        "opens_at": "2027-03-01T09:00", "closes_at": "2027-02-01T09:00", "capacity": "30"})
    assert response.context["form"].errors == {"closes_at": ["Sign-up must close after it opens."]}


def test_more_seats_go_to_the_people_waiting(event, organizer) -> None:
    make_registration(event=event)
    waiting = make_registration(event=event, status="waitlisted")
    organizer.post("/events/meetup/organize/setup/signup/", {"capacity": "2", "waiting_list": "on"})
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_signup_form_follows_the_settings(event) -> None:
    zone = ZoneInfo(event.time_zone)
    event.signup_opens_at = datetime(2099, 3, 1, 9, tzinfo=zone)
    event.save()
    text = Client().get("/events/meetup/signup/").content.decode()
    assert "Sign-up opens on 2099-03-01 09:00." in text and 'name="email"' not in text
    event.signup_opens_at, event.signup_closes_at = None, datetime(2020, 1, 1, tzinfo=zone)
    event.save()
    assert "Sign-up closed on 2020-01-01 00:00." in Client().get(
        "/events/meetup/signup/").content.decode()
    event.signup_closes_at, event.waiting_list = None, False
    event.save()
    make_registration(event=event)  # the one seat
    assert "The event is full, and it has no waiting list." in Client().get(
        "/events/meetup/signup/").content.decode()
    event.waiting_list = True
    event.save()
    assert 'name="email"' in Client().get("/events/meetup/signup/").content.decode()


def test_api_signup_refused_when_closed(event) -> None:
    event.signup_closes_at = datetime(2020, 1, 1, tzinfo=ZoneInfo(event.time_zone))
    event.save()
    response = Client().post("/api/v1/events/meetup/registrations",
                             {"name": "Ann", "email": "ann@example.org"},
                             content_type="application/json")
    assert response.status_code == 409
    assert response.json()["detail"] == "Sign-up closed on 2020-01-01 00:00."
