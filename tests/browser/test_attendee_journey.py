"""An attendee kept safe and oriented, on a desktop and a phone: a level that says it is a
guess (and two minutes that fix it), a cancellation that asks first and says the seat is
gone for good, a plan reviewed by a real tablemate, a learning path on the ladder; then
the organizer's report of the edition, with its charts on the page and in the PDF."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from immerse.learning.models import Plan, PlanCheckin
from immerse.people.models import Assessment, Registration
from immerse.people.services.assessments import assessment_take_bulk
from immerse.people.services.signup import SignupData, signup_submit
from immerse.people.services.tools import tools_sync
from immerse.tables.models import TableSeat
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
)
from tests.learning.factories import make_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ZONE = ZoneInfo("Europe/Amsterdam")
ANSWERS = {"work_use": "occasional", "plan": "none", "led": "no", "measure": "no",
           "teach": "no", "want": "context"}


def _assessed(person, *, level: int, when: datetime, answers: dict[str, str],
              event=None) -> None:
    [made] = assessment_take_bulk(rows=[Assessment(
        person=person, event=event, level=level, answers=answers,
        explanation="You use social tools for work but show no sign yet of where they fit.")])
    Assessment.objects.filter(pk=made.pk).update(created_at=when)


def _world() -> dict[str, object]:
    """A spring edition that happened (tables, a plan, retakes) and a full autumn workshop
    Ann was added to from a sheet without answers."""
    spring = make_event(slug="spring", title="Spring Immersion", kind="immersion",
                        start_date=date(2026, 3, 2), end_date=date(2026, 3, 6), capacity=40)
    tables = make_session(event=spring, title="Round tables: your case", fmt="table",
                          levels=(1, 2, 3))
    workshop = make_session(event=spring, title="Plan clinic", fmt="workshop", levels=(2, 3),
                            start_hour=14)
    ann_user = make_user(username="ann")
    ann = make_person(user=ann_user, name="Ann Smit", email="ann@acme.example")
    mates = {name: make_person(name=name) for name in ("Bo Bakker", "Cy de Wit", "Dee Ng")}
    tools = tools_sync()
    ann.tool_uses.create(tool=tools["microblogging"], frequency="monthly", confidence=3)
    _assessed(ann, level=1, when=datetime(2026, 2, 1, 10, tzinfo=ZONE),
              answers={**ANSWERS, "work_use": "none"}, event=spring)
    _assessed(ann, level=2, when=datetime(2026, 4, 2, 10, tzinfo=ZONE), answers=ANSWERS,
              event=spring)
    regs = {person.name: make_registration(event=spring, person=person, level=1 if person
                                           == ann else 2) for person in (ann, *mates.values())}
    for name, table in (("Ann Smit", 1), ("Bo Bakker", 1), ("Cy de Wit", 1), ("Dee Ng", 2)):
        TableSeat.objects.create(session=tables, registration=regs[name], table=table)
    plan = make_plan(person=ann, event=spring, goal="Post weekly on our team page")
    Plan.objects.filter(pk=plan.pk).update(session=workshop)
    PlanCheckin.objects.create(plan=plan, step=1, status="done")
    autumn = make_event(slug="autumn", title="Autumn Workshop", start_date=date(2099, 10, 1),
                        end_date=date(2099, 10, 1), capacity=1)
    signup_submit(event=autumn, data=SignupData(name="Ann Smit", email="ann@acme.example",
                                                tool_uses={"microblogging": ("monthly", 3)}),
                  source="import")
    Registration.objects.filter(event=autumn, person=ann).update(source="import")
    make_registration(event=autumn, status="waitlisted")
    organizer = make_user(username="olga")
    make_role(event=spring, user=organizer)
    return {"plan": plan}


def _log_in(page, server: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{server}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def _fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_attendee_is_safe_and_oriented(http_server: str, device: str, request, shoot,
                                       axe) -> None:
    page = request.getfixturevalue(device)
    width = 1280 if device == "desktop" else 390
    world = _world()
    _log_in(page, http_server, "ann")

    page.goto(f"{http_server}/events/autumn/me/")
    card = page.locator(".level-card").inner_text()
    assert "(a guess: not assessed yet)" in card
    assert "the organizer added you from a sign-up sheet" in card
    axe(page)
    _fits(page, width)
    shoot(page, "level-card-a-guess")
    page.goto(f"{http_server}/events/autumn/me/agenda/")
    assert "Your level is a guess." in page.locator("main").inner_text()
    shoot(page, "agenda-says-a-guess")

    page.goto(f"{http_server}/events/autumn/me/")
    page.get_by_role("link", name="Take the 2-minute questionnaire").click()
    assert "Your level so far is a guess" in page.locator("main").inner_text()
    for question, answer in (("How do you use", "As part of my job"),
                             ("Does your organization", "Some ideas, nothing written down"),
                             ("Have you run or led", "I helped with one"),
                             ("Do you measure", "Sometimes"),
                             ("Would you be comfortable", "Some of it"),
                             ("What do you most want", "A plan to take home")):
        page.get_by_role("group", name=re.compile(question)).get_by_label(answer).check()
    axe(page)
    shoot(page, "questionnaire")
    page.get_by_role("button", name="See my level").click()
    page.wait_for_url(f"{http_server}/events/autumn/me/")
    card = page.locator(".level-card").inner_text()
    assert "a guess" not in card and "Your level: 3 Preparation" in card
    assert Registration.objects.get(event__slug="autumn", person__name="Ann Smit").level == 3
    shoot(page, "level-card-assessed")

    page.get_by_role("link", name="Cancel my place…").click()
    main = page.locator("main").inner_text()
    assert "your seat goes at once to the first person on the waiting list (1 waiting)" in main
    assert "You cannot get this seat back." in main
    axe(page)
    _fits(page, width)
    shoot(page, "cancel-asks-first")
    page.get_by_role("link", name="Keep my place").click()
    page.wait_for_url(f"{http_server}/events/autumn/me/")
    assert "You have a seat." in page.locator("main").inner_text()

    plan = world["plan"]
    page.goto(f"{http_server}/me/plans/{plan.pk}/")
    picker = page.get_by_label("Who should review it")
    options = picker.locator("option").all_inner_texts()
    assert [o.split(" (")[0] for o in options[1:]] == ["Bo Bakker", "Cy de Wit"]
    assert "table 1 at Round tables: your case" in options[1]
    axe(page)
    _fits(page, width)
    shoot(page, "invite-a-tablemate")
    picker.select_option(label=options[2])
    page.get_by_role("button", name="Invite").click()
    assert "Cy de Wit can now review your plan." in page.locator("main").inner_text()

    page.goto(f"{http_server}/me/path/")
    main = page.locator("main").inner_text()
    attended = main[main.index("Events attended"):main.index("Coming up")]
    assert "Spring Immersion" in attended and "Autumn Workshop" not in attended
    chart = page.locator("svg.level-chart")
    assert chart.locator("text", has_text="4 Just do it").count() == 1
    assert chart.locator("circle").count() == 4  # February, April, the guess, today
    axe(page)
    _fits(page, width)
    shoot(page, "learning-path")

    _log_in(page, http_server, "olga")
    page.goto(f"{http_server}/events/spring/organize/report/")
    main = page.locator("main").inner_text()
    # Ann came in at 1 and, after today's questionnaire, is at 3; the others did not retake it.
    assert "1 Eye-opener → 3 Preparation" in main and "1 of 1 take-home plan had a check-in" in main
    assert page.locator("main svg.chart").count() == 2  # levels; movement (no tool taken up)
    axe(page)
    _fits(page, width)
    shoot(page, "report")
    pdf = page.request.get(f"{http_server}/events/spring/organize/report.pdf")
    text = " ".join(PdfReader(io.BytesIO(pdf.body())).pages[0].extract_text().split())
    assert "1 Eye-opener to 3 Preparation" in text and "Levels at sign-up and now" in text
