"""The demo on a 390 px phone: every key page, as a visitor, an attendee and an organizer,
fits the screen (nothing scrolls sideways, nothing sticks out) and passes axe; the hub and
the program show one day at a time."""

from __future__ import annotations

from datetime import date

import pytest

from immerse.program.models import AgendaItem
from tests.browser.conftest import AXE
from tests.browser.crawl import crawl
from tests.browser.overflow import overflow_problems
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_session,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMMERSION, CONFERENCE = "/events/mobile-immersion", "/events/social-media-2-0"
DEMO_PASSWORD = "immerse-demo"
# Where each visitor starts; every page these link to is visited too (one per kind).
SEEDS = {
    "anonymous": ["/", f"{IMMERSION}/", f"{IMMERSION}/program/", f"{IMMERSION}/program/?day=all",
                  f"{CONFERENCE}/", f"{CONFERENCE}/program/", "/stories/"],
    "attendee": ["/me/", f"{IMMERSION}/", f"{IMMERSION}/?mine=1", f"{IMMERSION}/program/",
                 f"{IMMERSION}/me/", f"{IMMERSION}/me/agenda/", f"{IMMERSION}/me/tables/",
                 "/me/path/", "/me/messages/", "/stories/", f"{IMMERSION}/wall/",
                 f"{IMMERSION}/openspace/"],
    "organizer": [f"{IMMERSION}/organize/", f"{IMMERSION}/organize/inventory/",
                  f"{IMMERSION}/organize/tables/", f"{IMMERSION}/listening/",
                  f"{IMMERSION}/wall/", f"{IMMERSION}/organize/messages/",
                  f"{IMMERSION}/organize/feedback/", f"{IMMERSION}/organize/report/",
                  f"{IMMERSION}/organize/agendas/", f"{IMMERSION}/organize/program/builder/",
                  f"{IMMERSION}/organize/setup/grid/", f"{IMMERSION}/checkin/",
                  f"{IMMERSION}/checkin/?q=a", f"{IMMERSION}/organize/openspace/",
                  f"{CONFERENCE}/organize/", f"{CONFERENCE}/organize/tables/"],
}
PAGES_PER_VISITOR = 70


def log_in(page, server: str, username: str, *, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{server}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.fixture
def demo(http_server: str) -> str:
    """The planned demo (agendas, table rotation), as `immerse demo` serves it."""
    from immerse.demo.build import demo_build, demo_plan

    demo_build(seed=2009)
    demo_plan()
    return http_server


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "de"])
def test_every_key_page_fits_a_phone(demo: str, browser, shoot, language: str) -> None:
    """Each page is shot as it opens (test-artifacts/) and checked by axe, then measured
    with every <details> opened: a wide table must sit in a scroll container or read as
    cards.

    German, usually the longest of the languages, walks the same pages chosen with the
    switcher's cookie; it is measured only (axe and screenshots are the English walk's, a
    German page is shot when it overflows), so it costs a fraction of the English walk.
    """
    problems: dict[str, list[str]] = {}
    statuses: dict[str, int] = {}
    full = language == "en"
    for visitor, seeds in SEEDS.items():
        context = browser.new_context(viewport={"width": 390, "height": 844},
                                      device_scale_factor=1, is_mobile=True, has_touch=True)
        context.add_init_script(path=str(AXE))
        page = context.new_page()
        if visitor != "anonymous":
            log_in(page, demo, visitor)
        context.add_cookies([{"name": "django_language", "value": language, "url": demo}])

        def check(path: str, status: int, visitor=visitor, page=page) -> None:
            statuses[f"{visitor} {path}"] = status
            if status >= 400:
                return
            name = f"{visitor}-{path.strip('/').replace('/', '-') or 'home'}"
            if full:
                shoot(page, name)
            assert page.evaluate("document.documentElement.lang") == language, path
            found = serious_accessibility_violations(page) if full else []
            found += overflow_problems(page)
            if found:
                problems[f"{visitor} {path}"] = found
                if not full:
                    shoot(page, f"{language}-{name}")

        opened = crawl(page, demo, seeds, limit=PAGES_PER_VISITOR, visit=check)
        assert len(opened) >= len(seeds)
        context.close()
    assert {key: status for key, status in statuses.items() if status >= 400} == {}
    assert problems == {}, "\n".join(f"{key}: {found}" for key, found in problems.items())
    assert len(statuses) > 60  # the crawl reached the pages behind the seeds
    print(f"{len(statuses)} pages")


def serious_accessibility_violations(page) -> list[str]:
    result = page.evaluate("async () => await axe.run(document)")
    return [f"axe {v['id']} ({v['impact']}): " + ", ".join(
        str(node["target"]) for node in v["nodes"][:3])
        for v in result["violations"] if v["impact"] in ("serious", "critical")]


def three_days_with_an_attendee():
    """A three-day immersion: each day a session for beginners and one for practitioners,
    and a level-2 attendee (``ann``) with one beginners' session a day on her agenda."""
    event = make_event(slug="immersion", title="Immersion", kind="immersion",
                       start_date=date(2030, 3, 4), end_date=date(2030, 3, 6))
    ann = make_registration(event=event, level=2, person=make_person(
        name="Ann Smit", user=make_user("ann")))
    for day in range(3):
        basics = make_session(event=event, title=f"Basics, day {day + 1}", levels=(1, 2),
                              start_hour=24 * day + 9)
        make_session(event=event, title=f"Masterclass, day {day + 1}", levels=(4,),
                     start_hour=24 * day + 9, fmt="provocation")
        make_session(event=event, title=f"Clinic, day {day + 1}", levels=(2, 3),
                     start_hour=24 * day + 11, fmt="workshop")
        AgendaItem.objects.create(registration=ann, session=basics)
    return event


def test_the_program_shows_one_day_and_filters_by_level_on_a_phone(
        http_server: str, phone, shoot, axe) -> None:
    three_days_with_an_attendee()
    page = phone
    log_in(page, http_server, "ann", password=PASSWORD)
    page.goto(f"{http_server}/events/immersion/")
    heading = page.locator("#program .day h3")
    titles = page.locator("#program .session > a")
    assert heading.all_inner_texts() == ["Monday 4 March"]  # one day at a time
    assert page.get_by_label("Level").input_value() == "2"  # her own level
    assert titles.all_inner_texts() == ["Basics, day 1", "Clinic, day 1"]
    axe(page)
    shoot(page, "hub-her-level")
    page.get_by_role("link", name="Wed 6 Mar").click()
    assert heading.all_inner_texts() == ["Wednesday 6 March"]
    assert page.url.endswith("?day=2030-03-06#program")
    page.get_by_label("Level").select_option("all")  # applies at once (program.js)
    page.wait_for_url("**level=all**")
    assert titles.all_inner_texts() == ["Basics, day 3", "Masterclass, day 3", "Clinic, day 3"]
    page.get_by_label("Only my sessions").check()
    page.wait_for_url("**mine=1**")
    assert heading.all_inner_texts() == ["Wednesday 6 March"]
    assert titles.all_inner_texts() == ["Basics, day 3"]
    assert "2 more sessions on this day are not on your agenda" in page.inner_text("#program")
    axe(page)
    shoot(page, "hub-her-sessions")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_pitches_fold_on_a_phone_and_open_on_a_desktop(http_server: str, phone, desktop) -> None:
    event = make_event(slug="pitched")
    make_session(event=event, title="Clinic", pitch="Bring your plan. We check it with you.")
    for page, folded in ((phone, True), (desktop, False)):
        page.goto(f"{http_server}/events/pitched/program/")
        assert page.get_by_text("Bring your plan.").is_visible()
        assert page.get_by_text("We check it with you.").is_visible() is not folded
    phone.get_by_text("Bring your plan.").click()  # a tap opens the rest
    assert phone.get_by_text("We check it with you.").is_visible()
