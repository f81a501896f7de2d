"""Concurrent sign-ups and confirmations over real HTTP never confirm more people than there
are seats, and a seat held for an unconfirmed sign-up is held only until its time is up.

Run on SQLite by default and on PostgreSQL with DATABASE_URL set: the seat lock is a row
lock there, SQLite's single writer here.
"""

from __future__ import annotations

import http.cookiejar
import re
import threading
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from immerse.engine.catalogue import TOOLS
from immerse.notify.models import Message
from immerse.people.models import PendingSignup, Registration
from immerse.people.services.identity import signup_holds_release
from tests.factories import make_event, make_registration

pytestmark = pytest.mark.django_db(transaction=True)
SIGNUPS, SEATS_LEFT, TAKEN = 50, 10, 5


def _form(n: int) -> dict[str, str]:
    data = {"name": f"Racer {n}", "email": f"racer{n}@race.example",
            "discipline": "marketing", "stories_privacy": "participants",
            "q_work_use": "occasional", "q_plan": "none", "q_led": "no", "q_measure": "no",
            "q_teach": "no", "q_want": "context"}
    for tool in TOOLS:
        data[f"tool_{tool.key}"], data[f"conf_{tool.key}"] = "monthly", "2"
    return data


def _browser() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def _post_form(opener: urllib.request.OpenerDirector, url: str, fields: dict[str, str],
               start: threading.Barrier) -> tuple[int, str]:
    """GET the page (its CSRF token), wait for everyone, POST; the page it ends on."""
    page = opener.open(url, timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(url, data=body, headers={"Referer": url})
    start.wait(timeout=60)  # release every POST at once
    with opener.open(request, timeout=120) as response:
        return response.status, response.geturl()


def _sign_up_all(base: str, count: int) -> list[str]:
    start = threading.Barrier(count)
    with ThreadPoolExecutor(max_workers=count) as pool:
        answers = list(pool.map(lambda n: _post_form(_browser(), f"{base}/signup/", _form(n),
                                                     start), range(count)))
    assert {status for status, _ in answers} == {200}
    assert {urlsplit(url).path for _, url in answers} == {urlsplit(base).path + "/signup/sent/"}
    return [urlsplit(m.secrets["confirm_url"]).path for m in
            Message.objects.filter(kind="signup_confirm").order_by("to_email")]


def _confirm_all(server: str, links: list[str], also: list = ()) -> list[str]:
    """Every link clicked at once (plus ``also``, run beside them); the pages they end on."""
    start = threading.Barrier(len(links) + len(also))

    def extra(job) -> str:
        try:
            start.wait(timeout=60)
            job()
            return ""
        finally:
            connection.close()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=len(links) + len(also)) as pool:
        clicks = [pool.submit(_post_form, _browser(), server + link, {"action": "confirm"},
                              start) for link in links]
        jobs = [pool.submit(extra, job) for job in also]
        for job in jobs:
            job.result()
        return [urlsplit(click.result()[1]).path for click in clicks]


# Every request comes from 127.0.0.1 here; the per-address sign-up limit is for the web.
@override_settings(SIGNUP_RATE="1000/m")
def test_fifty_concurrent_signups_and_confirmations_for_ten_seats(http_server: str) -> None:
    event = make_event(slug="race", capacity=TAKEN + SEATS_LEFT)
    for _ in range(TAKEN):
        make_registration(event=event)
    links = _sign_up_all(f"{http_server}/events/race", SIGNUPS)
    assert len(links) == SIGNUPS
    # Nothing registered yet; exactly the free seats are held, one per sign-up at most.
    assert Registration.objects.filter(event=event).count() == TAKEN
    holders = set(PendingSignup.objects.filter(held_until__gt=timezone.now())
                  .values_list("email", flat=True))
    assert len(holders) == SEATS_LEFT

    pages = _confirm_all(http_server, links)
    assert pages == ["/events/race/me/"] * SIGNUPS  # each logged in, on "my place"
    racers = Registration.objects.filter(event=event, person__email__endswith="race.example")
    assert racers.count() == SIGNUPS  # none lost, none doubled
    # The seats went to those who held them, whoever clicked first.
    assert set(racers.filter(status="confirmed").values_list("person__email", flat=True)) \
        == holders
    assert racers.filter(status="waitlisted").count() == SIGNUPS - SEATS_LEFT
    assert Registration.objects.filter(event=event, status="confirmed").count() == event.capacity


@override_settings(SIGNUP_RATE="1000/m")
def test_holds_that_ran_out_free_their_seats_while_confirmations_race(http_server: str) -> None:
    """After the hold, a confirmation takes a free seat or a place in line, and seats freed
    by holds that ran out go first to those already waiting. The periodic task releasing
    the holds at the same moment fills no seat twice."""
    event = make_event(slug="race", capacity=SEATS_LEFT)
    links = _sign_up_all(f"{http_server}/events/race", 2 * SEATS_LEFT)
    assert PendingSignup.objects.filter(held_until__isnull=False).count() == SEATS_LEFT
    PendingSignup.objects.update(held_until=timezone.now() - timedelta(seconds=1))
    # Meanwhile seven people got seats from the organizer and two wait in line: 3 are free.
    for _ in range(SEATS_LEFT - 3):
        make_registration(event=event)
    waiting = [make_registration(event=event, status="waitlisted") for _ in range(2)]

    pages = _confirm_all(http_server, links, also=[signup_holds_release, signup_holds_release])
    assert set(pages) == {"/events/race/me/"}
    assert Registration.objects.filter(event=event, status="confirmed").count() \
        == event.capacity  # full, never more
    assert all(Registration.objects.get(pk=w.pk).status == "confirmed" for w in waiting)
    racers = Registration.objects.filter(event=event, person__email__endswith="race.example")
    assert racers.filter(status="confirmed").count() == 1  # the one seat left for newcomers
    assert racers.filter(status="waitlisted").count() == 2 * SEATS_LEFT - 1
    assert PendingSignup.objects.filter(held_until__isnull=False).count() == 0


def test_an_unconfirmed_signup_does_not_hold_a_seat_past_its_time(settings) -> None:
    from immerse.people.services.identity import signup_request
    from immerse.people.services.registrations import seats_taken
    from immerse.people.services.signup import SignupData

    settings.IMMERSE_SIGNUP_HOLD_MINUTES = 15
    event = make_event(capacity=1)
    pending = signup_request(event=event, data=SignupData(name="Ann", email="a@x.example"))
    now = timezone.now()
    assert now + timedelta(minutes=14) < pending.held_until <= now + timedelta(minutes=15)
    assert seats_taken(event=event) == 1
    second = signup_request(event=event, data=SignupData(name="Bob", email="b@x.example"))
    assert second.held_until is None  # the one seat is held: Bob would wait in line
    assert seats_taken(event=event, now=pending.held_until) == 0  # free the moment it ends
