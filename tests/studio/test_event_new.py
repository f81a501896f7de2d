"""A new event from a template, on the web: rooms, slots and sessions with pitches at once,
a draft until published; bad input names the field and makes nothing."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from immerse.events.models import Event, EventRole, Session
from immerse.learning.models import SeriesEvent
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

FORM = {"start_from": "immersion", "title": "Social media immersion", "start_date": "2027-06-07",
        "end_date": "", "time_zone": "Europe/Lisbon", "venue": "Porto", "capacity": "30",
        "visibility": "draft"}


def test_the_new_event_page_offers_every_template_and_no_copy_without_events(browser) -> None:
    page = browser.get("/organize/events/new/").content.decode()
    for label in ("Conference", "Five-day immersion", "Workshop", "Training course",
                  "Community meetup"):
        assert f"<strong>{label}</strong>" in page
    assert "A copy of an event I organize" not in page
    assert "/admin/" not in page


def test_a_five_day_immersion_from_the_template_lands_on_its_organize_page(browser,
                                                                            creator) -> None:
    answer = browser.post("/organize/events/new/", FORM)
    event = Event.objects.get()
    assert answer["Location"] == f"/events/{event.slug}/organize/"
    assert (event.slug, event.kind, str(event.end_date)) == (
        "social-media-immersion", "immersion", "2027-06-11")
    assert (event.published, event.listed, event.visibility) == (False, False, "draft")
    assert EventRole.objects.filter(event=event, user=creator, role="organizer").exists()
    assert event.rooms.count() == 3 and event.slots.count() == 15
    sessions = list(Session.objects.filter(event=event).select_related("slot", "room"))
    assert len(sessions) == 20 and all(s.pitch for s in sessions)
    first = min(sessions, key=lambda s: s.slot.start)
    assert first.title == "Listening to each other"
    assert first.slot.start == datetime(2027, 6, 7, 9, 30, tzinfo=ZoneInfo("Europe/Lisbon"))
    assert first.room.name == "Plenary room"
    page = browser.get(answer["Location"]).content.decode()
    assert ("Social media immersion is made (20 sessions, 3 rooms, 15 time slots), a draft: "
            "only its organizers see it. Next:") in page
    assert "This event is a draft: only its organizers see it." in page
    assert Client().get(f"/events/{event.slug}/").status_code == 404  # a draft is hidden


def test_a_training_course_starts_a_course_path(browser) -> None:
    browser.post("/organize/events/new/", {**FORM, "start_from": "course",
                                           "title": "Listening 101"})
    event = Event.objects.get()
    assert "Listening 101 is made (4 sessions, 1 room, 4 time slots)" in browser.get(
        f"/events/{event.slug}/organize/").content.decode()
    [item] = SeriesEvent.objects.filter(event=event).select_related("series")
    assert (item.series.title, item.series.kind, item.position) == ("Listening 101", "path", 1)


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"end_date": "2027-06-01"}, "end_date",
     "The event cannot end before it starts (2027-06-07)."),
    ({"time_zone": "Mars/Olympus"}, "time_zone",
     "&#x27;Mars/Olympus&#x27; is not a time zone name such as Europe/Amsterdam."),
    ({"time_zone": "../../etc/passwd"}, "time_zone", "is not a time zone name"),
    ({"start_from": "gala"}, "start_from", "Select a valid choice."),
    ({"capacity": "0"}, "capacity", "Ensure this value is greater than or equal to 1."),
    ({"visibility": "secret"}, "visibility", "Select a valid choice."),
    ({"title": " "}, "title", "This field is required."),
])
def test_bad_input_names_the_field_and_makes_nothing(browser, change, field,
                                                     message) -> None:
    answer = browser.post("/organize/events/new/", {**FORM, **change})
    assert answer.status_code == 200
    assert message in answer.content.decode()
    assert field in answer.context["form"].errors
    assert Event.objects.count() == 0


def test_only_those_who_may_create_events_open_the_page() -> None:
    make_user("plain")
    client = Client()
    assert client.login(username="plain", password=PASSWORD)
    assert client.get("/organize/events/new/").status_code == 403
    assert client.post("/organize/events/new/", FORM).status_code == 403
    assert Client().get("/organize/events/new/")["Location"].startswith("/accounts/login/")
    assert Event.objects.count() == 0
