"""The organizer who acts, in a real browser: log in from a refused page, open "Organize",
find a person, promote (refused on a full event, then with one more seat), cancel after
the question, export the CSV; the list on a phone; the friendly 403 and 404 pages."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from immerse.people.models import Registration
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ORGANIZATIONS = ("Rijksmuseum Communications Department", "ACME", "Gemeente Utrecht",
                 "University Medical Centre")


def _full_event():
    """A full workshop: 24 seated, 4 waiting, one cancelled, long names and organizations."""
    event = make_event(slug="ws", title="Mobile Day", capacity=24)
    start = timezone.now() - timedelta(days=3)
    for i in range(29):
        status = "confirmed" if i < 24 else "waitlisted" if i < 28 else "cancelled"
        name = "Marie-Christine van der Berghe-Oudshoorn" if i == 3 else f"Person {i:02d}"
        if i == 25:
            name = "Wanda Wachter"
        reg = make_registration(event=event, status=status, level=1 + i % 4, person=make_person(
            name=name, email=f"p{i:02d}@example.org", organization=ORGANIZATIONS[i % 4]))
        Registration.objects.filter(pk=reg.pk).update(created_at=start + timedelta(minutes=i))
    make_role(event=event, user=make_user("olivia"))
    return event


def _no_horizontal_overflow(page) -> bool:
    # Against the viewport's width: a phone's window.innerWidth grows with the overflow.
    width = page.evaluate("document.documentElement.scrollWidth")
    return width <= page.viewport_size["width"]


def test_organizer_finds_promotes_cancels_and_exports(http_server: str, desktop, shoot,
                                                      axe) -> None:
    _full_event()
    page = desktop
    # A refused page sends the visitor to log in, and back.
    page.goto(f"{http_server}/events/ws/organize/")
    page.wait_for_url("**/accounts/login/?next=/events/ws/organize/")
    page.get_by_label("User name").fill("olivia")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{http_server}/events/ws/organize/")
    page.get_by_role("link", name="Organize", exact=True).click()  # the menu: her one event
    page.wait_for_url(f"{http_server}/events/ws/organize/")
    page.locator("#registrations").scroll_into_view_if_needed()
    axe(page)
    shoot(page, "registrations-1280")
    # The status column is whole at 1280 px: the table needs no sideways scroll.
    wrap = page.locator(".table-wrap")
    assert wrap.evaluate("el => el.scrollWidth <= el.clientWidth")
    status_box = page.locator("td.status-cell").first.bounding_box()
    assert status_box["x"] + status_box["width"] <= 1280

    page.get_by_label("Name, e-mail or organization").fill("wachter")
    page.get_by_role("button", name="Find").click()
    assert page.locator("tbody tr").count() == 1
    assert "Waitlisted · #2" in page.locator("tbody").inner_text()
    shoot(page, "found")

    page.get_by_role("button", name="Promote Wanda Wachter").click()
    main = page.locator("main").inner_text()
    assert "Mobile Day has no seat free (24 of 24 taken)" in main
    axe(page)
    shoot(page, "promote-refused")
    page.get_by_role("button", name="Raise the capacity to 25 and promote").click()
    page.wait_for_url(f"{http_server}/events/ws/organize/?q=wachter#registrations")
    assert "Promoted: Wanda Wachter. They are told by e-mail. The capacity is now 25." in \
        page.locator("main").inner_text()
    assert "Confirmed" in page.locator("tbody").inner_text()
    shoot(page, "promoted")

    page.get_by_role("button", name="Cancel… Wanda Wachter").click()
    main = page.locator("main").inner_text()
    assert "Cancel 1 registration?" in main and "Person 24" in main  # first in line
    axe(page)
    shoot(page, "cancel-question")
    page.get_by_role("button", name="Yes, cancel it").click()
    page.wait_for_url(f"{http_server}/events/ws/organize/?q=wachter#registrations")
    assert "The freed seat went to the first in line: Person 24." in page.locator(
        "main").inner_text()
    shoot(page, "cancelled")

    page.get_by_role("link", name="Show everyone").click()
    page.get_by_label("Status").select_option("waitlisted")
    page.get_by_role("button", name="Find").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these 2 as CSV").click()
    text = download.value.path().read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert [row[0] for row in rows[1:]] == ["Person 26", "Person 27"]
    assert [row[8] for row in rows[1:]] == ["1", "2"]

    # Bulk: tick both waiting people, move them up with one more seat each.
    page.get_by_label("Select every registration on this page").check()
    page.get_by_label("With the selected").select_option("promote")
    page.get_by_role("button", name="Apply").click()
    assert "cannot be promoted. Raise the capacity to 27" in page.locator("main").inner_text()
    page.get_by_role("button", name="Raise the capacity to 27 and promote").click()
    assert "Promoted: Person 26, Person 27." in page.locator("main").inner_text()
    shoot(page, "bulk-promoted")


def test_registrations_on_a_phone_scroll_inside_their_table(http_server: str, phone, shoot,
                                                              axe) -> None:
    _full_event()
    page = phone
    page.goto(f"{http_server}/accounts/login/?next=/events/ws/organize/")
    page.get_by_label("User name").fill("olivia")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{http_server}/events/ws/organize/")
    assert _no_horizontal_overflow(page)
    axe(page)
    shoot(page, "registrations-390")
    page.get_by_role("link", name="Edit Marie-Christine van der Berghe-Oudshoorn").click()
    page.get_by_label("Level", exact=True).select_option("3")
    page.get_by_label("Why this level").fill("Runs the museum's accounts every day.")
    assert _no_horizontal_overflow(page)
    axe(page)
    shoot(page, "edit-390")
    page.get_by_role("button", name="Save").click()
    assert "Level now 3 Preparation" in page.locator("main").inner_text()


def test_refusals_and_unknown_pages_are_the_site_s_own(http_server: str, desktop, shoot,
                                                       axe) -> None:
    make_event(slug="ws", title="Mobile Day")
    make_user("andy")
    page = desktop
    page.goto(f"{http_server}/accounts/login/?next=/events/ws/organize/")
    page.get_by_label("User name").fill("andy")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    main = page.locator("main").inner_text()
    assert "This page is not open to your account" in main
    assert "Only this event's organizers can open this page." in main
    assert page.get_by_role("link", name="Organize", exact=True).count() == 0
    axe(page)
    shoot(page, "403")
    page.goto(f"{http_server}/events/ws/no-such-page/")
    assert "We cannot find that page" in page.locator("main").inner_text()
    axe(page)
    shoot(page, "404")
