"""Messages in a real browser: the organizer's outbox and a broadcast with its preview, the
attendee's messages on a desk and on a phone, and the one-click rating from a mail."""

from __future__ import annotations

import re

import pytest

from immerse.learning.models import Feedback
from immerse.notify.models import Message
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
    session_started,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, server: str, username: str, next_path: str) -> None:
    page.goto(f"{server}/accounts/login/?next={next_path}")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{server}{next_path}")


def unread_badge(page) -> int:
    return int(re.search(r"\d+", page.locator(".topbar .badge").inner_text()).group())


@pytest.fixture
def summit():
    """An event with a program, planned agendas and tables: messages of several kinds, one
    of which failed."""
    from immerse.notify.waiting import messages_release
    from immerse.program.services.planning import agenda_run_start
    from immerse.tables.services import tables_form

    event = make_event(slug="summit", title="Mobile Summit", capacity=30, venue="Pier 57")
    make_session(event=event, title="Stories of first steps", levels=(1, 2), capacity=20)
    tables = make_session(event=event, title="Round tables", fmt="table",
                          levels=(1, 2, 3, 4), start_hour=11, capacity=30)
    organizer = make_user("olivia")
    make_role(event=event, user=organizer)
    ann = make_user("ann")
    make_registration(event=event, level=1, person=make_person(user=ann, name="Ann Smit"))
    for n in range(7):
        make_registration(event=event, level=1 + n % 4, person=make_person(name=f"Mate {n}"))
    agenda_run_start(event=event, user=None)
    tables_form(session=tables, table_size=4, time_limit=1)
    for kind in ("agenda_ready", "table_seat"):  # the organizer said "Tell them now"
        messages_release(event=event, kind=kind)
    failed = Message.objects.filter(kind="table_seat").exclude(person__user=ann).first()
    Message.objects.filter(pk=failed.pk).update(
        status="failed", attempts=5, last_error="SMTPRecipientsRefused: 550 5.1.1 no such "
        "mailbox")
    return event


def test_organizer_reads_the_outbox_and_writes_to_a_group(http_server, summit, desktop,
                                                          shoot, axe):
    page = desktop
    log_in(page, http_server, "olivia", "/events/summit/organize/")
    page.get_by_role("link", name="Outbox: the event's messages").click()
    text = page.locator("main").inner_text()
    assert "Your agenda for Mobile Summit is ready" in text and "no such mailbox" in text
    axe(page)
    shoot(page, "outbox")
    page.get_by_role("link", name="Write to a group of people").click()
    page.get_by_label("1 Eye-opener").check()
    page.get_by_label("Subject").fill("Doors open at nine")
    page.get_by_label("Message").fill("Bring a charged phone.\nThe wifi is on your badge.")
    page.get_by_role("button", name="Preview and count").click()
    page.wait_for_selector("text=people match these groups")
    mail = page.frame_locator("iframe.mail-html").locator("body")
    assert "Bring a charged phone." in mail.inner_text()  # the HTML part, as sent
    axe(page)
    shoot(page, "broadcast-preview")
    # Full-page captures leave out a sandboxed frame's pixels; the frame on its own:
    frame = shoot.folder / "broadcast-preview-html.png"
    page.locator("iframe.mail-html").screenshot(path=str(frame))
    page.get_by_role("button", name="Send to 3 people").click()
    page.wait_for_selector("text=Queued for 3 people.")
    shoot(page, "broadcast-queued")
    assert Message.objects.filter(kind="broadcast").count() == 3


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_attendee_reads_messages_on_me(http_server, summit, device, request, shoot, axe):
    page = request.getfixturevalue(device)
    log_in(page, http_server, "ann", "/me/")
    assert unread_badge(page) == 2  # agenda and table
    text = page.locator("main").inner_text()
    assert "Your agenda for Mobile Summit is ready" in text
    if device == "phone":
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe(page)
    shoot(page, f"me-{device}")
    page.get_by_role("link", name="All messages").click()
    axe(page)
    shoot(page, f"inbox-{device}")
    page.get_by_role("link", name="Your agenda for Mobile Summit is ready").click()
    mail = page.frame_locator("iframe.mail-html").locator("body")
    assert "Stories of first steps" in mail.inner_text()
    if device == "phone":
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe(page)
    shoot(page, f"message-{device}")
    assert unread_badge(page) == 1


def test_one_click_rating_from_a_mail_records_in_the_browser(http_server, summit, phone,
                                                             shoot, axe):
    from immerse.learning.notifications import feedback_link

    ann = Message.objects.filter(person__user__username="ann").first().person
    # Feedback opens when the session starts: this one has.
    session = session_started(summit.sessions.get(title="Stories of first steps"))
    page = phone
    page.goto(feedback_link(person_id=ann.pk, session_id=session.pk)
              .replace("http://127.0.0.1:8000", http_server) + "?rating=4")
    page.wait_for_selector("text=Your rating:")  # the script posted it, the page says so
    assert Feedback.objects.get(person=ann, session=session).rating == 4
    axe(page)
    shoot(page, "rated")


def test_after_planning_the_organizer_previews_and_chooses_when_people_are_told(
        http_server, desktop, shoot, axe):
    from immerse.program.services.planning import agenda_run_start

    event = make_event(slug="expo", title="Mobile Expo", capacity=30)
    make_session(event=event, title="Stories of first steps", levels=(1, 2, 3, 4))
    make_role(event=event, user=make_user("olivia"))
    for n in range(5):
        make_registration(event=event, level=1 + n % 4, person=make_person(name=f"Guest {n}"))
    run = agenda_run_start(event=event, user=None)
    page = desktop
    log_in(page, http_server, "olivia", f"/events/expo/organize/agendas/runs/{run.pk}/")
    page.get_by_role("link", name="Preview, then tell them now or not yet").click()
    main = page.locator("main").inner_text()
    assert "5 people would be told." in main and "Your agenda for Mobile Expo" in main
    axe(page)
    shoot(page, "waiting")
    page.get_by_role("button", name="Don’t tell yet").click()
    assert "Nobody was told" in page.locator("main").inner_text()
    assert Message.objects.filter(kind="agenda_ready", status="waiting").count() == 5
    page.get_by_role("button", name="Tell them now").click()
    assert "5 people will be told now." in page.locator("main").inner_text()
    assert not Message.objects.filter(kind="agenda_ready", status="waiting").exists()
    assert Message.objects.filter(kind="agenda_ready").count() == 5  # queued, or sent
    shoot(page, "told")
