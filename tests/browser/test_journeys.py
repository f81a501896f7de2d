"""Key journeys in a real browser: sign up on a phone and confirm by mail, log in by mail,
organizer import → inventory → plan."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from immerse.people.models import Registration
from tests.factories import PASSWORD, make_event, make_role, make_session, make_user
from tests.people.mail import text_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_on_a_phone_confirm_by_mail_and_get_a_level(
        http_server: str, phone, shoot, axe, smtp_server, settings) -> None:
    """Sign up → the mail arrives at the SMTP server → click its link → confirmed → my place
    and my agenda. The live server sends the mail itself (the task runs once the sign-up
    commits)."""
    settings.IMMERSE_SITE_URL = http_server  # the links in the mail lead to this server
    make_event(slug="ws", title="Listening Workshop", capacity=20)
    page = phone
    page.goto(f"{http_server}/events/ws/")
    axe(page)
    shoot(page, "hub")
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Your name").fill("Ann Smit")
    page.get_by_label("E-mail").fill("ann@acme.example")
    page.get_by_label("Organization").fill("ACME")
    page.get_by_label("Microblogging", exact=True).select_option("daily")
    page.get_by_label("Confidence with microblogging").select_option("4")
    page.get_by_label("As part of my job").check()
    page.get_by_label("No plan").check()
    for question, answer in (("Have you run or led", "I helped with one"),
                             ("Do you measure", "Sometimes"),
                             ("Would you be comfortable", "Some of it"),
                             ("What do you most want", "A plan to take home")):
        page.get_by_role("group", name=re.compile(question)).get_by_label(answer).check()
    axe(page)
    shoot(page, "form")
    page.get_by_role("button", name="Sign up", exact=True).click()
    page.wait_for_url(f"{http_server}/events/ws/signup/sent/")
    assert "We sent a link to the address you gave." in page.locator("main").inner_text()
    assert Registration.objects.count() == 0
    axe(page)
    shoot(page, "check-your-inbox")

    mail = _wait_for_mail(smtp_server)
    assert mail["Subject"] == "Confirm your sign-up for Listening Workshop"
    link = re.search(r"http://\S+/signup/confirm/\S+", text_of(mail)).group(0)
    page.goto(link)
    main = page.locator("main").inner_text()
    assert "Confirm your sign-up" in main and "Ann Smit" in main
    assert "A seat is kept for you until" in main
    axe(page)
    shoot(page, "confirm")
    page.get_by_role("button", name="Confirm my sign-up").click()
    page.wait_for_url(f"{http_server}/events/ws/me/")
    body = page.locator("main").inner_text()
    assert "Your sign-up for Listening Workshop is confirmed." in body
    assert "You have a seat." in body
    assert "Your level: 3 Preparation" in body
    assert "daily for work but have no plan yet" in body
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    axe(page)
    shoot(page, "level")
    assert Registration.objects.get().level == 3
    page.get_by_role("link", name="My agenda").click()
    page.wait_for_url(f"{http_server}/events/ws/me/agenda/")
    axe(page)
    shoot(page, "agenda")
    welcome = _wait_for_mail(smtp_server, count=2)
    assert welcome["Subject"] == "You have a seat at Listening Workshop"


def _wait_for_mail(smtp_server, count: int = 1):
    """The ``count``-th message to reach the server (sent by the live server's thread)."""
    deadline = time.monotonic() + 20
    while len(smtp_server.received) < count:
        assert time.monotonic() < deadline, "no mail reached the SMTP server"
        time.sleep(0.05)
    return smtp_server.received[count - 1]


def test_log_in_by_mail_set_a_password_and_cancel_with_a_question(
        http_server: str, desktop, shoot, axe, smtp_server, settings) -> None:
    """An imported attendee with no password: a log-in link, a first password, the
    question before cancelling; then a password reset from the log-in page."""
    from tests.factories import make_person, make_registration

    settings.IMMERSE_SITE_URL = http_server
    event = make_event(slug="ws", title="Mobile Day", capacity=1)
    make_registration(event=event, level=2, person=make_person(
        email="ann@acme.example", name="Ann Smit"))
    make_registration(event=event, status="waitlisted")
    page = desktop
    page.goto(f"{http_server}/accounts/login/")
    axe(page)
    shoot(page, "login")
    page.get_by_role("link", name="E-mail me a log-in link").click()
    page.get_by_label("Your e-mail address").fill("ann@acme.example")
    axe(page)
    shoot(page, "login-link")
    page.get_by_role("button", name="Send me a link").click()
    page.wait_for_url(f"{http_server}/accounts/login/link/sent/")
    axe(page)
    shoot(page, "login-link-sent")
    link = re.search(r"http://\S+/accounts/login/link/\S+",
                     text_of(_wait_for_mail(smtp_server))).group(0)
    page.goto(link)
    assert "Log in to immerse as Ann Smit" in page.locator("main").inner_text()
    axe(page)
    shoot(page, "login-link-use")
    page.get_by_role("button", name="Log me in").click()
    page.wait_for_url(f"{http_server}/me/")
    page.goto(link)  # a second time: it worked once
    assert "This log-in link was used already" in page.locator("main").inner_text()
    axe(page)
    shoot(page, "link-used")

    page.goto(f"{http_server}/events/ws/me/")
    page.get_by_role("link", name="Choose a password").click()
    page.wait_for_url(f"{http_server}/accounts/password/change/")
    axe(page)
    shoot(page, "choose-password")
    page.locator("#id_new_password1").fill("First-Own-Pass-41")
    page.locator("#id_new_password2").fill("First-Own-Pass-41")
    page.get_by_role("button", name="Save my password").click()
    page.wait_for_url(f"{http_server}/accounts/password/change/done/")
    axe(page)
    shoot(page, "password-saved")

    page.goto(f"{http_server}/events/ws/me/")
    page.get_by_role("link", name="Cancel my place…").click()
    main = page.locator("main").inner_text()
    assert "Cancel your place?" in main
    assert "your seat goes at once to the first person on the waiting list (1 waiting)" in main
    assert "You cannot get this seat back." in main
    axe(page)
    shoot(page, "cancel-question")
    page.get_by_role("button", name="Yes, cancel my place").click()
    page.wait_for_url(f"{http_server}/me/")
    assert "Your place at Mobile Day is cancelled." in page.locator("main").inner_text()
    assert Registration.objects.get(person__email="ann@acme.example").status == "cancelled"

    page.get_by_role("button", name="Log out").click()
    page.goto(f"{http_server}/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Your e-mail address").fill("ann@acme.example")
    axe(page)
    shoot(page, "password-reset")
    page.get_by_role("button", name="Send me a link").click()
    page.wait_for_url(f"{http_server}/accounts/password/reset/sent/")
    axe(page)
    shoot(page, "password-reset-sent")
    deadline = time.monotonic() + 20
    while not any(m["Subject"] == "Reset your immerse password" for m in smtp_server.received):
        assert time.monotonic() < deadline, "no reset mail"
        time.sleep(0.05)
    reset = next(m for m in smtp_server.received if m["Subject"] == "Reset your immerse password")
    page.goto(re.search(r"http://\S+/accounts/password/reset/\S+", text_of(reset)).group(0))
    axe(page)
    shoot(page, "password-reset-form")
    page.locator("#id_new_password1").fill("Second-Own-Pass-42")
    page.locator("#id_new_password2").fill("Second-Own-Pass-42")
    page.get_by_role("button", name="Save my password").click()
    page.wait_for_url(f"{http_server}/accounts/password/reset/complete/")
    assert "Your new password is saved and you are logged in." in page.locator(
        "main").inner_text()
    axe(page)
    shoot(page, "password-reset-complete")


def test_organizer_imports_sees_inventory_and_plans(http_server: str, task_worker, desktop,
                                                     shoot, axe, tmp_path: Path) -> None:
    # The import, the planning and the tables run on a worker (the deployed default): each
    # page answers at once and follows its run until it is done.
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
    page.wait_for_selector("text=Imported room.csv.")  # the run page, reloaded once done
    assert "12 people were created" in page.locator("main").inner_text()
    axe(page)
    shoot(page, "imported")
    page.get_by_role("link", name="Continue").click()
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
    page.wait_for_selector("text=3 tables formed for Round tables.")
    shoot(page, "tables-formed")
    page.get_by_role("link", name="Continue").click()
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
