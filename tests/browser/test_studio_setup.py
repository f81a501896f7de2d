"""The set-up pages in a real browser, on a desktop and a 390 px phone: an organizer
generates slots, adds a room and a session, fills the hub; every page passes axe and
nothing sticks out on the phone. Screenshots in test-artifacts/."""

from __future__ import annotations

from datetime import date

import pytest

from immerse.events.models import Session, TimeSlot
from tests.browser.overflow import overflow_problems
from tests.factories import PASSWORD, make_event, make_person, make_role, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ("", "slots/", "rooms/", "sessions/", "sessions/new/", "hub/", "signup/",
         "signup/questions/")


def _log_in(page, server: str) -> None:
    page.goto(f"{server}/accounts/login/")
    page.get_by_label("User name").fill("olivia")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.fixture
def event():
    event = make_event(slug="immersion", title="Mobile Immersion", start_date=date(2027, 5, 3),
                       end_date=date(2027, 5, 7), kind="immersion")
    make_role(event=event, user=make_user("olivia"))
    make_person(name="Marta Kowalczyk-Wiśniewska", is_expert=True)
    return event


def test_setup_journey_on_a_desktop(http_server, desktop, event, axe, shoot) -> None:
    _log_in(desktop, http_server)
    base = f"{http_server}/events/immersion/organize/setup/"
    desktop.goto(f"{http_server}/events/immersion/organize/")
    desktop.get_by_role("link", name="Set up: days and slots").click()
    desktop.get_by_role("link", name="Days and slots").first.click()
    desktop.get_by_role("button", name="Generate").click()
    # 9:00, 10:15, 11:30, (lunch 12:30-13:30) 13:30, 14:45, 16:00: six a day, five days.
    assert TimeSlot.objects.filter(event=event).count() == 6 * 5
    shoot(desktop, "slots")
    axe(desktop)
    desktop.goto(f"{base}rooms/")
    desktop.get_by_label("Name").fill("Main hall")
    desktop.get_by_label("Capacity (seats)").fill("80")
    desktop.get_by_label("Accessibility notes").fill("Step-free; hearing loop")
    desktop.get_by_role("button", name="Add the room").click()
    desktop.goto(f"{base}sessions/new/")
    desktop.get_by_label("Title").fill("Listening to each other")
    desktop.get_by_label("Listening exercise").check()
    desktop.get_by_label("1 Eye-opener").check()
    desktop.get_by_label("2 Baby steps").check()
    desktop.get_by_label("Marta Kowalczyk-Wiśniewska").check()
    desktop.get_by_role("button", name="Save").click()
    session = Session.objects.get(event=event)
    assert session.pitch and session.target_levels == [1, 2]
    shoot(desktop, "session")
    axe(desktop)
    desktop.goto(f"{base}hub/")
    desktop.locator("#id_tag-0-value").fill("#immersion")
    desktop.locator("#id_video-0-label").fill("Main stage")
    desktop.locator("#id_video-0-url").fill("https://youtu.be/dQw4w9WgXcQ")
    desktop.get_by_role("button", name="Save the hub").click()
    shoot(desktop, "hub")
    axe(desktop)
    for path in PAGES:
        desktop.goto(base + path)
        axe(desktop)
        shoot(desktop, path.strip("/").replace("/", "-") or "index")


def test_setup_pages_fit_a_phone(http_server, phone, event, axe, shoot) -> None:
    _log_in(phone, http_server)
    base = f"{http_server}/events/immersion/organize/setup/"
    for path in PAGES:
        phone.goto(base + path)
        axe(phone)
        assert overflow_problems(phone) == [], path
        shoot(phone, path.strip("/").replace("/", "-") or "index")
