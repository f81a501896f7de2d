"""The wall in a real browser: a new post appears within 5 s, a hidden one disappears; the
projector and phone layouts; the sources page and the dashboard on a phone."""

from __future__ import annotations

import time
from datetime import timedelta

import orjson
import pytest
from django.utils import timezone

from immerse.backchannel.models import Post
from immerse.backchannel.services.ingest import posts_ingest
from immerse.backchannel.services.sources import settings_update
from immerse.backchannel.services.wall import post_moderate
from tests.backchannel.factories import live_event
from tests.factories import PASSWORD, make_role, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LONG = "a-very-long-handle-of-someone-at-a-far-away-instance@social.example.org"


def toot(n: int, text: str, author: str = "ana", minutes_ago: int = 3) -> bytes:
    when = (timezone.now() - timedelta(minutes=minutes_ago)).isoformat()
    return orjson.dumps({"id": str(n), "created_at": when, "content": f"<p>{text}</p>",
                         "account": {"acct": author}}) + b"\n"


def _event():
    event = live_event(slug="msm", title="Mobile Social Media Immersion",
                       hashtags=["#msmimmersion"], organizer_handles=["@team@events.example"])
    data = b"".join(toot(i, text, author, 30 - i) for i, (text, author) in enumerate([
        ("Welcome to the immersion! Post with #msmimmersion", "team@events.example"),
        ("Great start of the listening session #msmimmersion", "ana"),
        ("Where can I find the slides of the keynote? #msmimmersion", "bob@fedi.example"),
        ("Standing at the back of the plenary hall, it is full #msmimmersion", LONG),
        ("Three ideas I will try on Monday #msmimmersion #listening", "cas@social.example"),
    ], start=1))
    posts_ingest(event=event, data=data, fmt="jsonl", source_name="t")
    settings_update(event=event, wall_public=True, question_alert_minutes=None)
    post_moderate(post=Post.objects.get(source_id="1"), action="pin")
    return event


def _phone(browser, axe_path):
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  device_scale_factor=1, is_mobile=True, has_touch=True)
    context.add_init_script(path=axe_path)
    return context


def test_a_post_appears_on_the_wall_within_5_s_and_a_hidden_one_disappears(
        http_server: str, browser, shoot, axe, settings) -> None:
    from tests.browser.conftest import AXE

    event = _event()
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.goto(f"{http_server}/events/msm/wall/")
    page.wait_for_selector("text=Great start of the listening session")
    axe(page)
    shoot(page, "projector-1920x1080")
    posts_ingest(event=event, data=toot(50, "Just arrived: who records the panel? "
                                            "#msmimmersion", "dan", 0),
                 fmt="jsonl", source_name="t")
    started = time.monotonic()
    page.wait_for_selector("text=Just arrived: who records the panel?", timeout=5_000)
    assert time.monotonic() - started < 5
    shoot(page, "projector-new-post")
    post_moderate(post=Post.objects.get(source_id="50"), action="hide")
    started = time.monotonic()
    page.wait_for_selector("text=Just arrived: who records the panel?", state="detached",
                           timeout=5_000)
    assert time.monotonic() - started < 5
    context.close()

    phone = _phone(browser, str(AXE))
    page = phone.new_page()
    page.goto(f"{http_server}/events/msm/wall/")
    page.wait_for_selector("text=Great start of the listening session")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe(page)
    shoot(page, "phone-390x844")
    phone.close()


def test_sources_page_and_dashboard_fit_a_phone(http_server: str, browser, desktop, shoot,
                                                axe) -> None:
    from tests.browser.conftest import AXE

    event = _event()
    organizer = make_user("olivia")
    make_role(event=event, user=organizer)
    page = desktop
    page.goto(f"{http_server}/accounts/login/?next=/events/msm/listening/sources/")
    page.get_by_label("User name").fill("olivia")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Where").select_option("mastodon")
    page.get_by_label("Address").fill("https://mastodon.example")
    page.get_by_label("Hashtag or search").fill("#msmimmersion")
    page.get_by_role("button", name="Add source").click()
    page.wait_for_selector("text=Listening to #msmimmersion on mastodon.example")
    axe(page)
    shoot(page, "sources")
    page.goto(f"{http_server}/events/msm/listening/")
    page.wait_for_selector("text=Questions waiting for an answer")
    axe(page)
    shoot(page, "dashboard-desktop")
    page.goto(f"{http_server}/events/msm/wall/moderate/")
    page.get_by_role("button", name="Block @ana").click()
    page.wait_for_selector("text=@ana: blocked from the wall.")
    axe(page)
    shoot(page, "moderation")

    phone = _phone(browser, str(AXE))
    page = phone.new_page()
    page.goto(f"{http_server}/accounts/login/?next=/events/msm/listening/")
    page.get_by_label("User name").fill("olivia")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector("#voices-h")
    # The bug: the voices table made the page 453 px wide on a 390 px phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(page, "dashboard-phone-390")
    phone.close()


@pytest.mark.slow
def test_the_demo_listens_on_first_start(http_server: str, browser, desktop, shoot,
                                         axe) -> None:
    """What a new organizer sees after `immerse demo`: a live dashboard and wall."""
    from immerse.demo.build import demo_build
    from tests.browser.conftest import AXE

    demo_build(seed=2009)
    page = desktop
    page.goto(f"{http_server}/accounts/login/?next=/events/mobile-immersion/listening/")
    page.get_by_label("User name").fill("organizer")
    page.get_by_label("Password").fill("immerse-demo")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector("#q-h")
    assert "Nothing heard yet" not in page.content()
    axe(page)
    shoot(page, "demo-dashboard")
    page.goto(f"{http_server}/events/mobile-immersion/listening/sources/")
    shoot(page, "demo-sources")
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    context.add_init_script(path=str(AXE))
    wall = context.new_page()
    wall.goto(f"{http_server}/events/mobile-immersion/wall/")  # public in the demo
    wall.wait_for_selector(".wall-post")
    axe(wall)
    shoot(wall, "demo-wall-projector")
    context.close()
