"""The listening dashboard refreshes itself in the browser when new posts arrive."""

from __future__ import annotations

import json

import pytest
from django.test import override_settings

from immerse.backchannel.services.ingest import posts_ingest
from tests.factories import PASSWORD, make_event, make_role, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def post(n: int, text: str) -> bytes:
    return json.dumps({"id_str": str(n), "full_text": text, "user": {"screen_name": "ann"},
                       "created_at": "Mon Jul 15 10:00:00 +0000 2019"}).encode() + b"\n"


@override_settings(IMMERSE_LIVE_REFRESH_MS=400)
def test_dashboard_updates_when_posts_arrive(http_server: str, desktop, shoot, axe) -> None:
    event = make_event(slug="ws")
    make_role(event=event, user=make_user("marta"), role="facilitator")
    posts_ingest(event=event, data=post(1, "Hello room"), fmt="jsonl", source_name="t")
    page = desktop
    page.goto(f"{http_server}/accounts/login/?next=/events/ws/listening/")
    page.get_by_label("User name").fill("marta")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_text("1 post", exact=True).wait_for()  # the stats line: "<strong>1</strong> post"
    axe(page)
    shoot(page, "before")
    posts_ingest(event=event, data=post(2, "Who records the workshop?"), fmt="jsonl",
                 source_name="t")
    page.wait_for_selector("text=Who records the workshop?", timeout=10_000)
    assert "2 posts" in page.locator("#live").inner_text()
    shoot(page, "after")
