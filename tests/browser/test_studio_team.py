"""The team in a real browser: an organizer invites a co-organizer; the mailed link, opened
in a second browser, makes their account; they see the event's organize page and can make
an event of their own. Desktop and a 390 px phone, axe on every page, screenshots in
test-artifacts/."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from immerse.notify.models import Message
from tests.browser.overflow import overflow_problems
from tests.factories import PASSWORD, make_event, make_role, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def event():
    event = make_event(slug="immersion", title="Mobile Immersion")
    make_role(event=event, user=make_user("olivia"))
    return event


def _log_in(page, server: str) -> None:
    page.goto(f"{server}/accounts/login/")
    page.get_by_label("User name").fill("olivia")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_invite_a_co_organizer_who_joins_and_creates_an_event(
        http_server, desktop, phone, event, axe, shoot) -> None:
    _log_in(desktop, http_server)
    desktop.goto(f"{http_server}/events/immersion/organize/")
    desktop.get_by_role("link", name="Team: organizers and facilitators").click()
    desktop.get_by_label("E-mail").fill("nina@example.org")
    desktop.locator("#id_role").select_option("organizer")
    desktop.get_by_role("button", name="Send the invitation").click()
    assert desktop.get_by_text("Invitation sent to nina@example.org.").is_visible()
    shoot(desktop, "team")
    axe(desktop)
    message = Message.objects.get(kind="team_invitation")
    link = http_server + urlsplit(message.secrets["accept_url"]).path
    # The invitee, on a phone (another browser context: not logged in).
    phone.goto(link)
    axe(phone)
    assert overflow_problems(phone) == []
    shoot(phone, "join")
    phone.get_by_label("Your name").fill("Nina Berg")
    phone.get_by_label("Choose a password").fill("a long passphrase 42")
    phone.get_by_label("The password again").fill("a long passphrase 42")
    phone.get_by_role("button", name="Make my account and join").click()
    phone.wait_for_url(f"{http_server}/events/immersion/organize/")
    assert phone.get_by_role("heading", name="Organize Mobile Immersion").is_visible()
    shoot(phone, "organize")
    phone.goto(f"{http_server}/organize/events/new/")
    assert phone.get_by_role("button", name="Create the event").count() == 1
    shoot(phone, "new-event")
    for page in (desktop, phone):
        page.goto(f"{http_server}/events/immersion/organize/team/")
        axe(page)
        page.goto(f"{http_server}/events/immersion/organize/audit/")
        axe(page)
    for path in ("team/", "audit/"):
        phone.goto(f"{http_server}/events/immersion/organize/{path}")
        assert overflow_problems(phone) == [], path
    shoot(desktop, "audit")
    shoot(phone, "audit")
