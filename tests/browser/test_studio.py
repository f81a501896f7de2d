"""The organizer's first hour on an empty site, in a browser on a desktop and a 390 px phone:
`immerse organizer add`'s link logs in, "New event" makes a five-day immersion from its
template, the settings page publishes it. Every page: a screenshot, axe, nothing sticking out
on the phone."""

from __future__ import annotations

import pytest

from immerse.events.models import Event
from immerse.studio.services.organizers import organizer_add
from tests.browser.overflow import overflow_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page, shoot, axe, step: str, *, phone: bool) -> None:
    shoot(page, step)
    axe(page)
    if phone:
        assert overflow_problems(page) == [], step


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_from_an_empty_site_to_a_published_immersion(http_server: str, settings, device,
                                                     request, shoot, axe) -> None:
    page = request.getfixturevalue(device)
    phone = device == "phone"
    settings.IMMERSE_SITE_URL = http_server
    page.goto(http_server + "/")
    _check(page, shoot, axe, "empty-home", phone=phone)
    assert "immerse organizer add you@example.org" in page.inner_text("main")
    link = organizer_add(email="ann@example.org", name="Ann Smit").login_url
    page.goto(link)
    page.get_by_role("button").filter(has_text="Log").first.click()
    page.wait_for_url(http_server + "/organize/")
    _check(page, shoot, axe, "organize-home", phone=phone)
    page.get_by_role("link", name="New event").click()
    _check(page, shoot, axe, "new-event", phone=phone)
    page.get_by_label("Five-day immersion").check()
    page.get_by_label("Title").fill("Social media immersion")
    page.get_by_label("First day").fill("2027-06-07")
    page.get_by_label("Capacity").fill("30")
    page.get_by_role("button", name="Create the event").click()
    page.wait_for_url(http_server + "/events/social-media-immersion/organize/")
    _check(page, shoot, axe, "organize-new-event", phone=phone)
    page.get_by_role("link", name="Settings and publishing").first.click()
    _check(page, shoot, axe, "settings", phone=phone)
    page.get_by_role("button", name="Publish on the home page").click()
    _check(page, shoot, axe, "published", phone=phone)
    assert Event.objects.get().visibility == "public"
    page.goto(http_server + "/")
    assert "Social media immersion" in page.inner_text("main")
