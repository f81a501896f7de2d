"""Two tablemates write a table's notes at once in two browsers: nothing is lost."""

from __future__ import annotations

import pytest

from immerse.tables.models import TableNotes, TableSeat
from immerse.tables.notes import notes_save
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_session,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _table():
    event = make_event(slug="tn")
    session = make_session(event=event, title="Cases", fmt="table")
    people = {}
    for name in ("Ana", "Ben"):
        person = make_person(user=make_user(name.lower()), name=name)
        TableSeat.objects.create(session=session, table=1,
                                 registration=make_registration(event=event, person=person))
        people[name] = person
    notes_save(session=session, table=1, author=people["Ana"], base=0,
               text="Goal:\nTools:\nNext:")
    return session


def _open(page, server: str, user: str, url: str) -> None:
    page.goto(f"{server}/accounts/login/?next={url}")
    page.get_by_label("User name").fill(user)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Notes").wait_for()


def test_two_tablemates_edit_at_once_and_nothing_is_lost(http_server: str, desktop, phone,
                                                         shoot, axe) -> None:
    session = _table()
    url = f"/events/tn/tables/{session.pk}/1/notes/"
    _open(desktop, http_server, "ana", url)
    _open(phone, http_server, "ben", url)
    axe(desktop)
    axe(phone)

    # Both loaded revision 1; Ana saves a different line first.
    phone.get_by_label("Notes").fill("Goal:\nTools:\nNext: a wiki")
    phone.get_by_label("Notes").focus()  # Ben is still typing when Ana saves
    desktop.get_by_label("Notes").fill("Goal: listen first\nTools:\nNext:")
    desktop.get_by_role("button", name="Save the notes").click()
    desktop.get_by_text("Saved.", exact=True).wait_for()
    # Ben's screen says so live, and what he typed is untouched.
    phone.get_by_text("Ana saved a newer version (revision 2).").wait_for(timeout=10_000)
    assert phone.get_by_label("Notes").input_value() == "Goal:\nTools:\nNext: a wiki"
    shoot(phone, "newer-version-phone")
    phone.get_by_role("button", name="Save the notes").click()
    phone.get_by_text("Saved, merged with the edits saved meanwhile.").wait_for()
    assert phone.get_by_label("Notes").input_value() == "Goal: listen first\nTools:\nNext: a wiki"
    shoot(phone, "merged-phone")

    # Now both change the same line from revision 3: both versions kept, between markers.
    desktop.reload()
    desktop.get_by_label("Notes").fill("Goal: listen first\nTools: Mastodon\nNext: a wiki")
    phone.get_by_label("Notes").fill("Goal: listen first\nTools: a blog\nNext: a wiki")
    desktop.get_by_role("button", name="Save the notes").click()
    desktop.get_by_text("Saved.", exact=True).wait_for()
    phone.get_by_role("button", name="Save the notes").click()
    phone.get_by_text("you both changed the same lines", exact=False).wait_for()
    assert TableNotes.objects.get().text == (
        "Goal: listen first\n<<<<<<< your version\nTools: a blog\n======= saved meanwhile\n"
        "Tools: Mastodon\n>>>>>>>\nNext: a wiki")
    assert phone.get_by_label("Notes").input_value() == TableNotes.objects.get().text
    axe(phone)
    shoot(phone, "overlap-phone")
    shoot(desktop, "desktop")
    desktop.goto(f"{http_server}{url}history/")
    desktop.get_by_text("Revision 5").wait_for()
    shoot(desktop, "history-desktop")


def test_a_revision_with_long_lines_wraps_on_a_phone(http_server: str, phone) -> None:
    """A revision's text sat in a <pre> that did not wrap: one long line made the page
    783 px wide on a phone (the demo's notes did it)."""
    session = _table()
    ana = TableNotes.objects.get().updated_by
    long_line = "- A museum: live posts from the opening come from the museum's phone, " * 2
    notes_save(session=session, table=1, author=ana, base=1, text=f"Goal:\n{long_line}\n")
    url = f"/events/tn/tables/{session.pk}/1/notes/"
    _open(phone, http_server, "ben", url)
    phone.goto(f"{http_server}{url}history/2/")
    phone.get_by_text("A museum", exact=False).wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
