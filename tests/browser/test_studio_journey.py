"""Issue 27 end to end, as a new organizer meets it on an empty site, on a desktop and a 390 px
phone: `immerse organizer add` → the printed link → a five-day immersion from its template →
a session's levels and format → a room → the grid (a move, a clash refused) → hub channels
and an extra sign-up question → sign-up open, published → an attendee in another browser
signs up on this server's own port, confirms by the mailed link, answers the question → the
organizer plans agendas, forms tables and downloads the schedule XML, valid against
schedule.xml.xsd. Then a two-day conference made on the web alone. Every page: a screenshot
(test-artifacts/), axe, nothing sticking out on the phone."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from immerse.cli import app as cli_app
from immerse.engine.formats.frab_xml import validate_frab_xml
from immerse.events.models import Event, Room, Session
from immerse.people.models import Registration, SignupAnswer
from tests.browser.overflow import overflow_problems
from tests.factories import make_person, make_registration
from tests.people.mail import text_of
from tests.shared_data import shared_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

XSD = shared_data("formats", "schemas", "schedule.xml.xsd")
QUESTION = "Which platform does your team use most?"


class Steps:
    """One device's pages: each step a screenshot, axe, and (phone) no sideways overflow."""

    def __init__(self, page, shoot, axe, *, phone: bool) -> None:
        self.page, self.shoot, self.axe, self.phone = page, shoot, axe, phone
        page.set_default_timeout(10_000)

    def check(self, step: str) -> None:
        self.page.wait_for_load_state()
        self.shoot(self.page, step)
        self.axe(self.page)
        if self.phone:
            assert overflow_problems(self.page) == [], step

    def main(self) -> str:
        return self.page.locator("main").inner_text()


def _organizer_add(email: str, name: str) -> str:
    """`immerse organizer add` as the README gives it; its printed log-in link."""
    from typer.testing import CliRunner

    result = CliRunner().invoke(cli_app, ["organizer", "add", email, "--name", name])
    assert result.exit_code == 0, result.output
    return re.search(r"http://\S+/accounts/login/link/\S+", result.output).group(0)


def _wait_for_mail(smtp_server, subject: str):
    deadline = time.monotonic() + 20
    while not any(m["Subject"] == subject for m in smtp_server.received):
        assert time.monotonic() < deadline, f"no mail {subject!r} reached the SMTP server"
        time.sleep(0.05)
    return next(m for m in smtp_server.received if m["Subject"] == subject)


def _new_event(s: Steps, server: str, *, template: str, title: str, first_day: str) -> str:
    s.page.get_by_role("link", name="New event").first.click()
    s.check("new-event")
    s.page.get_by_label(template).check()
    s.page.get_by_label("Title").fill(title)
    s.page.get_by_label("First day").fill(first_day)
    s.page.get_by_label("Capacity").fill("30")
    s.page.get_by_role("button", name="Create the event").click()
    s.page.wait_for_url(re.compile(r".*/events/[\w-]+/organize/$"))
    s.check("organize-new-event")
    return s.page.url.removesuffix("organize/")


def _attendee_signs_up(browser, server: str, event_url: str, smtp_server, shoot, axe, *,
                       phone: bool) -> None:
    size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    from tests.browser.conftest import AXE

    context = browser.new_context(viewport=size, is_mobile=phone, has_touch=phone)
    context.add_init_script(path=str(AXE))
    s = Steps(context.new_page(), shoot, axe, phone=phone)
    try:
        s.page.goto(event_url)
        s.check("attendee-hub")
        s.page.get_by_role("link", name="Sign up").first.click()
        s.page.get_by_label("Your name").fill("Ann Smit")
        s.page.get_by_label("E-mail").fill("ann@acme.example")
        s.page.get_by_label("Organization").fill("ACME")
        s.page.get_by_label("Microblogging", exact=True).select_option("daily")
        s.page.get_by_label("Confidence with microblogging").select_option("4")
        s.page.get_by_label("As part of my job").check()
        s.page.get_by_label("No plan").check()
        for question, answer in (("Have you run or led", "I helped with one"),
                                 ("Do you measure", "Sometimes"),
                                 ("Would you be comfortable", "Some of it"),
                                 ("What do you most want", "A plan to take home")):
            s.page.get_by_role("group", name=re.compile(question)).get_by_label(answer).check()
        s.page.get_by_role("group", name=QUESTION).get_by_label("Mastodon").check()
        s.check("attendee-form")
        s.page.get_by_role("button", name="Sign up", exact=True).click()
        s.page.wait_for_url(re.compile(r".*/signup/sent/$"))
        s.check("attendee-check-your-inbox")
        mail = _wait_for_mail(smtp_server, "Confirm your sign-up for Social media immersion")
        link = re.search(r"http://\S+/signup/confirm/\S+", text_of(mail)).group(0)
        assert link.startswith(server + "/"), link  # this server's port, not 8000
        s.page.goto(link)
        s.check("attendee-confirm")
        s.page.get_by_role("button", name="Confirm my sign-up").click()
        s.page.wait_for_url(re.compile(r".*/me/$"))
        assert "is confirmed" in s.main()
        s.check("attendee-confirmed")
    finally:
        context.close()


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_new_organizer_makes_and_runs_a_five_day_immersion(
        http_server: str, browser, device: str, request, shoot, axe, smtp_server,
        settings) -> None:
    if not XSD.is_file():
        pytest.skip(f"{XSD} is missing: the schedule XML cannot be validated")
    phone = device == "phone"
    settings.IMMERSE_SITE_URL = http_server  # what `immerse serve --port` sets
    s = Steps(request.getfixturevalue(device), shoot, axe, phone=phone)
    page = s.page
    page.goto(http_server + "/")
    s.check("empty-home")
    link = _organizer_add("ann.org@example.org", "Olga Organizer")
    assert link.startswith(http_server + "/"), link
    page.goto(link)
    s.check("login-link")
    page.get_by_role("button").filter(has_text="Log").first.click()
    page.wait_for_url(http_server + "/organize/")
    s.check("organize-home")
    base = _new_event(s, http_server, template="Five-day immersion",
                      title="Social media immersion", first_day="2027-06-07")
    event = Event.objects.get()

    # A session's levels and format.
    page.get_by_role("link", name=re.compile("^Set up")).first.click()
    s.check("setup-index")
    page.get_by_role("link", name="Sessions", exact=True).first.click()
    s.check("sessions")
    session = Session.objects.filter(event=event, room__isnull=False).order_by(
        "slot__start", "room__position").first()
    page.get_by_role("link", name=session.title).first.click()
    s.check("session-edit")
    for level in page.get_by_role("group", name="Target levels").get_by_role("checkbox").all():
        level.uncheck()
    page.get_by_label("3 Preparation").check()
    page.get_by_label("4 Just do it").check()
    page.get_by_role("group", name="Format").get_by_label("Facilitated workshop").check()
    page.get_by_role("button", name="Save").click()
    s.check("session-saved")
    session.refresh_from_db()
    assert (session.target_levels, session.format) == ([3, 4], "workshop")

    # A room.
    page.get_by_role("link", name="Rooms", exact=True).first.click()
    page.get_by_label("Name").fill("Side room")
    page.get_by_label("Capacity (seats)").fill("12")
    page.get_by_label("Accessibility notes").fill("Step-free")
    page.get_by_role("button", name="Add the room").click()
    s.check("rooms")
    side = Room.objects.get(event=event, name="Side room")

    # The grid: a move onto a taken room and slot is refused naming the session there; a
    # move to the new room's free cell at the same time goes through.
    other = Session.objects.filter(event=event, room__isnull=False).exclude(
        pk=session.pk).exclude(room=session.room).order_by("slot__start").first()
    page.get_by_role("link", name="Schedule grid").first.click()
    s.check("grid")
    if phone:
        _move_by_form(page, session, other.room.name, other.slot_id)
        refusal = page.locator("main").inner_text()
    else:
        page.goto(f"{base}organize/setup/grid/?day={other.slot.start.date().isoformat()}")
        page.drag_and_drop(f'[data-session="{session.pk}"]', f'[data-session="{other.pk}"]')
        status = page.locator("#grid-status")
        status.wait_for(state="visible")
        refusal = status.inner_text()
    assert f"“{other.title}” is already in {other.room.name} at that time" in refusal
    s.check("grid-refused")
    if phone:
        _move_by_form(page, session, "Side room", session.slot_id, from_grid=False)
        assert f"“{session.title}” moved to Side room." in s.main()
    else:
        page.goto(f"{base}organize/setup/grid/?day={session.slot.start.date().isoformat()}")
        column = Room.objects.filter(event=event, position__lt=side.position).count()
        page.drag_and_drop(f'[data-session="{session.pk}"]',
                           f'tr[data-slot="{session.slot_id}"] td >> nth={column}')
        page.wait_for_selector(f'tr[data-slot="{session.slot_id}"] td >> nth={column} '
                               f'>> [data-session="{session.pk}"]')
    s.check("grid-moved")
    session.refresh_from_db()
    assert session.room_id == side.pk

    # Hub channels, an extra sign-up question, sign-up open, published.
    page.goto(f"{base}organize/setup/")
    page.get_by_role("link", name="Hub", exact=True).first.click()
    page.locator("#id_tag-0-value").fill("#immersion27")
    page.locator("#id_video-0-label").fill("Main stage")
    page.locator("#id_video-0-url").fill("https://youtu.be/dQw4w9WgXcQ")
    page.locator("#id_blog-0-label").fill("Our blog")
    page.locator("#id_blog-0-url").fill("https://blog.example.org/")
    page.get_by_role("button", name="Save the hub").click()
    s.check("hub")
    page.get_by_role("link", name="Sign-up", exact=True).first.click()
    page.get_by_role("button", name="Save").click()  # empty "opens at": open now
    s.check("signup-settings")
    page.get_by_role("link", name="Add or change questions").click()
    page.get_by_role("textbox", name=re.compile("^Question")).fill(QUESTION)
    page.get_by_label("One choice").check()
    page.get_by_label("Options").fill("Mastodon\nLinkedIn\nBluesky")
    page.get_by_label("An answer is needed to sign up").check()
    page.get_by_role("button", name="Add the question").click()
    s.check("questions")
    page.goto(f"{base}organize/settings/")
    page.get_by_role("button", name="Publish on the home page").click()
    s.check("published")
    assert Event.objects.get().visibility == "public"

    _attendee_signs_up(browser, http_server, base, smtp_server, shoot, axe, phone=phone)
    registration = Registration.objects.get(event=event, person__email="ann@acme.example")
    assert registration.status == "confirmed"
    assert [a.value for a in SignupAnswer.objects.filter(registration=registration)] == [
        "Mastodon"]

    # Five more signed up meanwhile (tables need at least two people).
    for n, level in enumerate((1, 2, 2, 3, 4)):
        make_registration(event=event, level=level,
                          person=make_person(name=f"Attendee {n}", email=f"a{n}@x.example"))
    # The organizer sees the answer, plans agendas, forms tables, downloads the XML.
    page.goto(f"{base}organize/")
    s.check("organize-with-attendee")
    page.get_by_role("link", name="Edit Ann Smit").click()
    assert f"{QUESTION}\nMastodon" in s.main()
    s.check("registration-answers")
    page.goto(f"{base}organize/")
    page.get_by_role("link", name="Plan agendas").click()
    page.get_by_role("button", name="Plan agendas").click(timeout=90_000)
    page.wait_for_selector("text=How the agendas came out", timeout=90_000)
    s.check("planned")
    page.goto(f"{base}organize/")
    page.get_by_role("link", name="Round tables").click()
    page.get_by_role("button", name="Form tables").first.click(timeout=60_000)
    page.wait_for_load_state()
    s.check("tables")
    assert re.search(r"\d tables? formed for Round tables, day \d", s.main()), s.main()
    page.goto(f"{base}organize/settings/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Schedule as frab XML").click()
    xml = Path(download.value.path()).read_bytes()
    validate_frab_xml(xml, XSD)
    assert f"<title>{session.title}</title>".encode() in xml


def _move_by_form(page, session: Session, room: str, slot_id: int, *,
                  from_grid: bool = True) -> None:
    if from_grid:
        page.get_by_role("link", name=f"Move {session.title}").first.click()
    page.get_by_label("Room").select_option(label=room)
    page.get_by_label("Time slot").select_option(str(slot_id))
    page.get_by_role("button", name="Move", exact=True).click()
    page.wait_for_load_state()



def test_a_two_day_conference_made_on_the_web_alone(http_server: str, desktop, shoot, axe,
                                                    settings) -> None:
    """The issue's "Done when": the conference template, a session of the organizer's own
    placed in a free room at the same time as another (parallel rooms), published; the
    public program shows the sessions by day and room."""
    settings.IMMERSE_SITE_URL = http_server
    s = Steps(desktop, shoot, axe, phone=False)
    page = s.page
    page.goto(_organizer_add("carla@example.org", "Carla Conf"))
    page.get_by_role("button").filter(has_text="Log").first.click()
    page.wait_for_url(http_server + "/organize/")
    base = _new_event(s, http_server, template="Conference", title="Open Data Days",
                      first_day="2027-09-20")
    event = Event.objects.get()
    assert sorted({slot.start.date().isoformat() for slot in event.slots.all()}) == [
        "2027-09-20", "2027-09-21"]
    page.get_by_role("link", name=re.compile("^Set up")).first.click()
    page.get_by_role("link", name="Sessions", exact=True).first.click()
    page.get_by_role("link", name="New session").click()
    page.get_by_label("Title").fill("Open data in local news")
    page.get_by_role("group", name="Format").get_by_label("Context & strategy talk").check()
    page.get_by_label("2 Baby steps").check()
    page.get_by_role("button", name="Save").click()
    s.check("conference-session")
    mine = Session.objects.get(event=event, title="Open data in local news")
    # Day 2, a slot where one room is taken and another is free: parallel rooms.
    taken = Session.objects.filter(event=event, room__isnull=False,
                                   slot__start__date="2027-09-21").order_by("slot__start")
    busy = taken.first()
    free = Room.objects.filter(event=event).exclude(
        sessions__slot=busy.slot).order_by("position").first()
    page.goto(f"{base}organize/setup/grid/?day=2027-09-21")
    s.check("conference-grid")
    page.get_by_role("link", name=f"Place {mine.title}").click()
    page.get_by_label("Room").select_option(label=free.name)
    page.get_by_label("Time slot").select_option(str(busy.slot_id))
    page.get_by_role("button", name="Move", exact=True).click()
    page.wait_for_load_state()
    assert f"“{mine.title}” moved to {free.name}." in s.main()
    s.check("conference-placed")
    page.goto(f"{base}organize/settings/")
    page.get_by_role("button", name="Publish on the home page").click()
    s.check("conference-published")

    page.context.clear_cookies()  # the public program, as anyone sees it
    page.goto(f"{base}program/?day=2027-09-21")
    s.check("conference-program-day-2")
    program = s.main()
    assert "Tuesday 21 September" in program
    assert f"{mine.title}\nContext & strategy talk · {free.name}" in program
    assert f"{busy.title}\n" in program and f" · {busy.room.name}" in program
    page.goto(http_server + "/")
    assert "Open Data Days" in s.main()
