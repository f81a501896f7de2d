"""Key journeys in a real browser: sign up on a phone, organizer import → inventory → plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from immerse.people.models import Registration
from tests.factories import PASSWORD, make_event, make_role, make_session, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_on_a_phone_and_get_a_level(http_server: str, phone, shoot, axe) -> None:
    make_event(slug="ws", title="Listening Workshop", capacity=20)
    page = phone
    page.goto(f"{http_server}/events/ws/")
    axe(page)
    shoot(page, "hub")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Your name").fill("Ann Smit")
    page.get_by_label("E-mail").fill("ann@acme.example")
    page.get_by_label("Choose a password").fill("Correct-Horse-77")
    page.get_by_label("Organization").fill("ACME")
    page.get_by_label("Microblogging", exact=True).select_option("daily")
    page.get_by_label("Confidence with microblogging").select_option("4")
    page.get_by_label("As part of my job").check()
    page.get_by_label("No plan").check()
    axe(page)
    shoot(page, "form")
    page.get_by_role("button", name="Sign up and see my level").click()
    page.wait_for_url(f"{http_server}/events/ws/me/")
    body = page.locator("main").inner_text()
    assert "You have a seat." in body
    assert "Your level: 3 Preparation" in body
    assert "daily for work but have no plan yet" in body
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    axe(page)
    shoot(page, "level")
    assert Registration.objects.get().level == 3


def test_organizer_imports_sees_inventory_and_plans(http_server: str, desktop, shoot, axe,
                                                     tmp_path: Path) -> None:
    event = make_event(slug="ws", title="Mobile Day", capacity=30)
    for hour, (title, levels) in enumerate([("Stories", (1, 2)), ("Workshop", (3, 4))]):
        make_session(event=event, title=title, levels=levels, start_hour=9 + hour,
                     capacity=20)
    make_session(event=event, title="Round tables", fmt="table", levels=(1, 2, 3, 4),
                 start_hour=14, capacity=30)
    organizer = make_user("olivia")
    make_role(event=event, user=organizer)
    sheet = tmp_path / "room.csv"
    sheet.write_text("Name;E-mail;Discipline;Microblogging;Blogging;plan\n"
                     + "".join(f"Person {n};p{n}@x.example;pr;{'daily 4' if n % 3 else 'never'};"
                               f"weekly;{'written' if n % 4 == 0 else 'none'}\n"
                               for n in range(12)), encoding="utf-8")
    page = desktop
    page.goto(f"{http_server}/accounts/login/?next=/events/ws/organize/")
    page.get_by_label("User name").fill("olivia")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Import a sign-up sheet").click()
    page.set_input_files("#sheet", str(sheet))
    page.get_by_role("button", name="Check the sheet").click()
    assert "12 people would be created" in page.locator("main").inner_text()
    axe(page)
    shoot(page, "preview")
    page.get_by_role("button", name="Import 12 attendees").click()
    page.wait_for_url(f"{http_server}/events/ws/organize/inventory/")
    assert "12 confirmed attendees" in page.locator("main").inner_text()
    assert page.locator("svg.chart").count() == 3
    axe(page)
    shoot(page, "inventory")
    page.goto(f"{http_server}/events/ws/organize/agendas/")
    page.get_by_role("button", name="Plan agendas").click()
    page.wait_for_selector("text=How the agendas came out")
    assert "Everyone has a session at their level" in page.locator("main").inner_text()
    axe(page)
    shoot(page, "planned")
    page.goto(f"{http_server}/events/ws/organize/tables/")
    page.get_by_label("People per table").fill("4")
    page.get_by_role("button", name="Form tables").click()
    page.wait_for_selector("text=Table 3")
    assert page.locator("section.table-card").count() == 3
    axe(page)
    shoot(page, "tables")


def test_attendee_sees_agenda_and_table_on_a_phone(http_server: str, phone, shoot,
                                                    axe) -> None:
    from immerse.program.services.planning import agenda_run_start
    from immerse.tables.services import tables_form
    from tests.factories import make_person, make_registration

    event = make_event(slug="ws", title="Mobile Day", capacity=30)
    make_session(event=event, title="Stories of first steps", levels=(1, 2), capacity=20)
    tables = make_session(event=event, title="Round tables", fmt="table",
                          levels=(1, 2, 3, 4), start_hour=11, capacity=30)
    user = make_user("ann")
    make_registration(event=event, level=1, person=make_person(user=user, name="Ann Smit"))
    for n in range(7):
        make_registration(event=event, level=1 + n % 4, person=make_person(name=f"Mate {n}"))
    agenda_run_start(event=event, user=None)
    tables_form(session=tables, table_size=4, time_limit=1)
    page = phone
    page.goto(f"{http_server}/accounts/login/?next=/events/ws/me/agenda/")
    page.get_by_label("User name").fill("ann")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{http_server}/events/ws/me/agenda/")
    text = page.locator("main").inner_text()
    assert "Stories of first steps" in text
    assert "Why: Your level card puts story sessions first. Made for Eye-opener, your level." \
        in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    axe(page)
    shoot(page, "agenda")
    page.get_by_role("link", name="My tables and tablemates").click()
    assert "Round tables: table" in page.locator("main").inner_text()
    assert page.locator("main li").count() == 3  # three tablemates at a table of four
    axe(page)
    shoot(page, "table")
