"""The installable web app on a phone: an attendee's agenda, table and hub stay readable
without a network; a page never opened shows the offline page; after logging out (or once
someone else uses the browser) nothing of theirs is readable any more."""

from __future__ import annotations

import time
from datetime import date

import pytest
from django.contrib.sessions.models import Session as LoginSession
from playwright.sync_api import Error as PlaywrightError

from immerse.program.models import AgendaItem
from immerse.tables.models import TableSeat
from tests.browser.conftest import AXE
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_session,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def attendee_with_agenda_and_table() -> None:
    """``ann`` at a two-day immersion: a talk on her agenda each day and a seat at table 3."""
    event = make_event(slug="immersion", title="Harbour Immersion", kind="immersion",
                       start_date=date(2030, 3, 4), end_date=date(2030, 3, 5))
    ann = make_registration(event=event, level=2, person=make_person(
        name="Ann Smit", user=make_user("ann")))
    listening = make_session(event=event, title="Listening to the harbour", start_hour=9)
    tables = make_session(event=event, title="Round tables: the first post", fmt="table",
                          levels=(1, 2, 3, 4), start_hour=24 + 9)
    for session in (listening, tables):
        AgendaItem.objects.create(registration=ann, session=session)
    TableSeat.objects.create(session=tables, registration=ann, table=3)
    mate = make_registration(event=event, level=1, person=make_person(name="Bo Visser"))
    TableSeat.objects.create(session=tables, registration=mate, table=3)


def log_in_as_ann(page, server: str) -> None:
    page.goto(f"{server}/accounts/login/?next=/events/immersion/me/agenda/")
    page.get_by_label("User name").fill("ann")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/me/agenda/")


def open_while_controlled(page, server: str, *paths: str) -> None:
    """Wait until the service worker runs the page, then open each path through it."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    if not wait_until(page, "navigator.serviceWorker.controller !== null", timeout=5.0):
        # The worker claimed the open pages while this one was still on its way from the
        # network (a loaded machine makes that likely): such a page stays uncontrolled, as
        # in a browser, until it is opened again.
        page.reload()
    poll_until(page, "navigator.serviceWorker.controller !== null")
    for path in paths:
        assert page.goto(server + path).ok, path


def wait_until(page, predicate: str, arg: object = None, timeout: float = 30.0) -> bool:
    """Whether the predicate came true in the page within the timeout (polled from here:
    the page's CSP refuses Playwright's in-page polling)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(predicate, arg):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)
    return True


def poll_until(page, predicate: str, arg: object = None, timeout: float = 30.0) -> None:
    assert wait_until(page, predicate, arg, timeout), "the pages were not stored in time"


def text(page) -> str:
    return page.locator("body").inner_text()


@pytest.fixture
def phone_context(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  device_scale_factor=1, is_mobile=True, has_touch=True)
    context.add_init_script(path=str(AXE))
    yield context
    context.close()


def test_agenda_table_and_hub_are_readable_offline_until_logging_out(
        http_server: str, phone_context, shoot, axe) -> None:
    attendee_with_agenda_and_table()
    page = phone_context.new_page()
    log_in_as_ann(page, http_server)
    open_while_controlled(page, http_server, "/events/immersion/me/agenda/",
                          "/events/immersion/me/tables/", "/events/immersion/")

    phone_context.set_offline(True)
    page.goto(f"{http_server}/events/immersion/me/agenda/")
    assert "Listening to the harbour" in text(page)
    assert "Round tables: the first post" in text(page)
    assert page.locator(".offline-note").inner_text().startswith("Offline: you are reading")
    shoot(page, "offline-agenda")
    page.reload()  # a reload offline too
    assert "My agenda" in text(page) and "Listening to the harbour" in text(page)
    phone_context.set_offline(False)
    page.reload()
    assert not page.locator(".offline-note").is_visible()  # online: no note
    phone_context.set_offline(True)
    page.goto(f"{http_server}/events/immersion/me/tables/")
    assert "Bo Visser" in text(page)
    shoot(page, "offline-tables")
    page.goto(f"{http_server}/events/immersion/?day=2030-03-05")  # kept as opened: any day
    assert "Harbour Immersion" in text(page)
    page.goto(f"{http_server}/stories/")  # never opened
    assert "You are offline" in text(page)
    page.get_by_role("link", name="My agenda · Harbour Immersion").wait_for()
    axe(page)
    shoot(page, "offline-page")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    phone_context.set_offline(False)
    page.goto(f"{http_server}/events/immersion/")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{http_server}/")
    open_while_controlled(page, http_server)  # the worker is back, with nothing kept
    phone_context.set_offline(True)
    page.goto(f"{http_server}/events/immersion/me/agenda/")
    assert "You are offline" in text(page)
    assert "Listening to the harbour" not in text(page)
    assert "None yet" in text(page)  # the offline page lists nothing of Ann's
    shoot(page, "offline-after-logout")


def test_kept_pages_are_forgotten_when_nobody_is_logged_in_any_more(
        http_server: str, phone_context) -> None:
    """The session ends on the server (it expired, or was ended elsewhere): the next page
    comes for nobody, and the worker drops what it kept for Ann."""
    attendee_with_agenda_and_table()
    page = phone_context.new_page()
    log_in_as_ann(page, http_server)
    open_while_controlled(page, http_server, "/events/immersion/me/agenda/")
    LoginSession.objects.all().delete()
    page.goto(f"{http_server}/events/immersion/")  # now for an anonymous visitor
    phone_context.set_offline(True)
    page.goto(f"{http_server}/events/immersion/me/agenda/")
    assert "You are offline" in text(page)
    assert "Listening to the harbour" not in text(page)


def test_forms_are_never_stored(http_server: str, phone_context) -> None:
    """A POST goes to the server: offline, confirming the agenda fails instead of
    pretending (and nothing but the kept pages is in the worker's caches)."""
    attendee_with_agenda_and_table()
    page = phone_context.new_page()
    log_in_as_ann(page, http_server)
    open_while_controlled(page, http_server, "/events/immersion/me/agenda/")
    kept = page.evaluate("""async () => {
        const urls = [];
        for (const name of await caches.keys()) {
            if (!name.startsWith("immerse-pages-")) continue;
            const cache = await caches.open(name);
            for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
        }
        return urls.sort();
    }""")
    # The agenda, and pages it links to (its program, its sessions) fetched with GET.
    assert "/events/immersion/me/agenda/" in kept
    assert all(path == "/__immerse_viewer__" or path.startswith(
        ("/events/immersion/me/agenda/", "/events/immersion/program/",
         "/events/immersion/sessions/")) for path in kept), kept
    phone_context.set_offline(True)
    with (pytest.raises(PlaywrightError, match="ERR_INTERNET_DISCONNECTED"),
          page.expect_navigation()):
        page.get_by_role("button", name="Confirm my agenda").click()


def test_the_program_and_the_agendas_session_pages_open_offline_until_logging_out(
        http_server: str, phone_context, shoot) -> None:
    """The third outside test: offline, the agenda opened but its sessions and the program
    did not. Storing the agenda now stores them too, without opening them first."""
    attendee_with_agenda_and_table()
    page = phone_context.new_page()
    log_in_as_ann(page, http_server)
    open_while_controlled(page, http_server, "/events/immersion/me/agenda/")
    session = page.get_by_role("link", name="Listening to the harbour").first.get_attribute(
        "href")
    wanted = {session, "/events/immersion/program/"}
    # Polled from here: wait_for_function re-evaluates its predicate inside the page,
    # which the Content-Security-Policy (no 'unsafe-eval') refuses after a first miss.
    poll_until(page, """async (wanted) => {
        const kept = new Set();
        for (const name of await caches.keys()) {
            if (!name.startsWith("immerse-pages-")) continue;
            for (const r of await (await caches.open(name)).keys()) {
                kept.add(new URL(r.url).pathname);
            }
        }
        return wanted.every((path) => kept.has(path));
    }""", sorted(wanted))
    phone_context.set_offline(True)
    page.goto(f"{http_server}{session}")
    assert "Listening to the harbour" in text(page) and "You are offline" not in text(page)
    shoot(page, "offline-session")
    page.goto(f"{http_server}/events/immersion/program/")
    assert "Listening to the harbour" in text(page) and "Offline: you are reading" in text(page)
    shoot(page, "offline-program")

    phone_context.set_offline(False)
    page.goto(f"{http_server}/events/immersion/")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{http_server}/")
    open_while_controlled(page, http_server)
    phone_context.set_offline(True)
    page.goto(f"{http_server}{session}")
    assert "You are offline" in text(page)
