"""An event's settings and its visibility: draft, unlisted (by link), public."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from immerse.events.models import Event
from tests.factories import PASSWORD, make_event, make_role, make_session, make_user

pytestmark = pytest.mark.django_db

SETTINGS = {"title": "Summit", "start_date": "2027-05-03", "end_date": "2027-05-03",
            "time_zone": "America/New_York", "venue": "Hall", "capacity": "80",
            "visibility": "draft"}


@pytest.fixture
def event(creator) -> Event:
    event = make_event(slug="summit", title="Summit", start_date=date(2027, 5, 1),
                       end_date=date(2027, 5, 1), published=False, listed=False)
    make_role(event=event, user=creator)
    make_session(event=event, start_hour=9)
    return event


def test_new_dates_and_zone_move_the_slots_and_keep_their_local_times(browser, event) -> None:
    answer = browser.post("/events/summit/organize/settings/", SETTINGS)
    assert answer["Location"] == "/events/summit/organize/settings/"
    event.refresh_from_db()
    assert (event.start_date, event.time_zone, event.capacity, event.venue) == (
        date(2027, 5, 3), "America/New_York", 80, "Hall")
    assert event.slots.get().start == datetime(2027, 5, 3, 9,
                                               tzinfo=ZoneInfo("America/New_York"))
    page = browser.get(answer["Location"]).content.decode()
    assert "The settings of Summit are saved." in page and "/admin/" not in page


def test_end_before_start_names_the_field_and_changes_nothing(browser, event) -> None:
    answer = browser.post("/events/summit/organize/settings/",
                          {**SETTINGS, "end_date": "2027-05-02"})
    assert answer.context["form"].errors == {
        "end_date": ["The event cannot end before it starts (2027-05-03)."]}
    event.refresh_from_db()
    assert event.start_date == date(2027, 5, 1)


def test_publish_unlisted_then_public_then_back_to_draft(browser, event) -> None:
    page = browser.get("/events/summit/organize/settings/").content.decode()
    assert "Only the event's organizers (and the site's staff) see" in page
    browser.post("/events/summit/organize/publish/", {"visibility": "unlisted"})
    assert Client().get("/events/summit/").status_code == 200  # by its link
    assert "Summit" not in Client().get("/").content.decode()
    assert [e["slug"] for e in Client().get("/api/v1/events").json()["items"]] == []
    page = browser.get("/events/summit/organize/settings/").content.decode()
    assert "Published, unlisted." in page and "http://testserver/events/summit/" in page
    browser.post("/events/summit/organize/publish/", {"visibility": "public"})
    assert "Summit" in Client().get("/").content.decode()
    assert [e["slug"] for e in Client().get("/api/v1/events").json()["items"]] == ["summit"]
    answer = browser.post("/events/summit/organize/publish/", {"visibility": "draft"})
    assert "Summit is a draft again" in browser.get(answer["Location"]).content.decode()
    assert Client().get("/events/summit/").status_code == 404
    browser.post("/events/summit/organize/publish/", {"visibility": "everyone"})
    event.refresh_from_db()
    assert event.visibility == "draft"


def test_another_events_organizer_cannot_open_or_publish(event) -> None:
    make_role(event=make_event(slug="bobs"), user=make_user("bob"))
    other = Client()
    assert other.login(username="bob", password=PASSWORD)
    assert other.get("/events/summit/organize/settings/").status_code == 404
    assert other.post("/events/summit/organize/publish/",
                      {"visibility": "public"}).status_code == 404
    event.refresh_from_db()
    assert event.published is False
