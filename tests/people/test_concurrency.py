"""Concurrent sign-ups over real HTTP never confirm more people than there are seats."""

from __future__ import annotations

import http.cookiejar
import re
import threading
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.test import override_settings

from immerse.engine.catalogue import TOOLS
from immerse.people.models import Registration
from tests.factories import make_event, make_registration

pytestmark = pytest.mark.django_db(transaction=True)
SIGNUPS, SEATS_LEFT, TAKEN = 50, 10, 5


def _form(n: int) -> dict[str, str]:
    data = {"name": f"Racer {n}", "email": f"racer{n}@race.example",
            "password": f"Quick-Brown-Fox-{n}", "discipline": "marketing",
            "stories_privacy": "participants", "q_work_use": "occasional", "q_plan": "none",
            "q_led": "no", "q_measure": "no", "q_teach": "no", "q_want": "context"}
    for tool in TOOLS:
        data[f"tool_{tool.key}"], data[f"conf_{tool.key}"] = "monthly", "2"
    return data


def _sign_up(base: str, n: int, start: threading.Barrier) -> int:
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(f"{base}/signup/", timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({**_form(n), "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(f"{base}/signup/", data=body,
                                     headers={"Referer": f"{base}/signup/"})
    start.wait(timeout=60)  # release every POST at once
    with opener.open(request, timeout=120) as response:
        return response.status


# Every request comes from 127.0.0.1 here; the per-address sign-up limit is for the web.
@override_settings(SIGNUP_RATE="1000/m")
def test_fifty_concurrent_signups_for_ten_seats(http_server: str) -> None:
    event = make_event(slug="race", capacity=TAKEN + SEATS_LEFT)
    for _ in range(TAKEN):
        make_registration(event=event)
    base = f"{http_server}/events/race"
    start = threading.Barrier(SIGNUPS)
    with ThreadPoolExecutor(max_workers=SIGNUPS) as pool:
        statuses = list(pool.map(lambda n: _sign_up(base, n, start), range(SIGNUPS)))
    assert statuses == [200] * SIGNUPS  # each followed its redirect to "my place"
    racers = Registration.objects.filter(event=event, person__email__endswith="race.example")
    assert racers.count() == SIGNUPS  # none lost, none doubled
    assert racers.filter(status="confirmed").count() == SEATS_LEFT
    assert racers.filter(status="waitlisted").count() == SIGNUPS - SEATS_LEFT
    assert Registration.objects.filter(event=event, status="confirmed").count() == event.capacity
