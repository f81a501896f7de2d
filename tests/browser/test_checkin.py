"""The check-in desk in a real browser: find by name and tap, type a code, scan a photo of
a QR code (decoded by the page: BarcodeDetector or the vendored jsQR), keep checking in
through a dropped connection and sync after, and an attendee's self check-in at a door."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
import segno
from django.utils import timezone

from immerse.checkin.codes import checkin_code, door_key
from immerse.checkin.models import Attendance, CheckIn
from tests.browser.conftest import AXE
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def desk_world() -> dict[str, object]:
    """An event running today (a tap's time must fall in its window) with five attendees,
    one a user who checks herself in at a session's door, and a facilitator at the desk."""
    today = timezone.localdate()
    event = make_event(slug="harbour", title="Harbour Day", start_date=today, end_date=today)
    make_role(event=event, user=make_user("desk"), role="facilitator")
    regs = {name: make_registration(event=event, person=make_person(name=name))
            for name in ("Ann Smit", "Anton Berg", "Bea Jansen", "Cas Vos")}
    regs["Dirk Mol"] = make_registration(event=event, person=make_person(
        name="Dirk Mol", user=make_user("dirk")))
    session = make_session(event=event, title="Listening to the harbour", start_hour=9)
    return {"event": event, "regs": regs, "session": session}


def log_in(page, server: str, username: str, next_path: str) -> None:
    page.goto(f"{server}/accounts/login/?next={next_path}")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{next_path}")


def checked_in(*names: str) -> set[str]:
    return set(CheckIn.objects.filter(registration__person__name__in=names)
               .values_list("registration__person__name", flat=True))


def wait_for(predicate, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "not in time"
        time.sleep(0.2)


def code_png(text: str, folder: Path) -> Path:
    """A photo of a QR code as a phone would take it: a PNG with a quiet zone."""
    path = folder / "code.png"
    segno.make(text, error="m", micro=False).save(str(path), scale=8, border=4)
    return path


def test_desk_checks_in_by_name_code_photo_and_offline_then_door(
        http_server: str, browser, shoot, axe) -> None:
    world = desk_world()
    regs = world["regs"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    log_in(page, http_server, "desk", "/events/harbour/checkin/")
    assert "0 checked in of 5 expected" in page.locator(".checkin-counts").inner_text()
    axe(page)

    # By name: typing searches, one tap checks in, the live count follows.
    page.get_by_label("Name or organization").fill("bea")
    page.locator(".checkin-found li", has_text="Bea Jansen").get_by_role(
        "button", name="Check in").click()
    page.get_by_role("alert").get_by_text("Bea Jansen is checked in.").wait_for()
    page.locator(".checkin-found li", has_text="Bea Jansen").get_by_role(
        "button", name="Undo").wait_for()
    page.locator(".checkin-counts", has_text="1 checked in of 5").wait_for()

    # A typed code.
    cas = regs["Cas Vos"]
    page.get_by_label("Or type the code").fill(
        checkin_code(event_id=cas.event_id, registration_id=cas.pk))
    page.get_by_role("button", name="Check in", exact=True).first.click()
    page.get_by_role("alert").get_by_text("Cas Vos is checked in.").wait_for()
    shoot(page, "desk-after-code")

    # A photo of Dirk's code: the page decodes the image itself.
    dirk = regs["Dirk Mol"]
    photo = code_png(checkin_code(event_id=dirk.event_id, registration_id=dirk.pk), shoot.folder)
    page.get_by_label("Scan from a photo").set_input_files(str(photo))
    page.get_by_role("alert").get_by_text("Dirk Mol is checked in.").wait_for()
    assert checked_in("Bea Jansen", "Cas Vos", "Dirk Mol") == {
        "Bea Jansen", "Cas Vos", "Dirk Mol"}

    # The line drops: two taps wait in the queue, with the time they were tapped.
    page.get_by_label("Name or organization").fill("an")
    page.locator(".checkin-found li", has_text="Anton Berg").wait_for()
    context.set_offline(True)
    before = timezone.now()
    for name in ("Ann Smit", "Anton Berg"):
        page.locator(".checkin-found li", has_text=name).get_by_role(
            "button", name="Check in").click()
    page.locator("#checkin-queue", has_text="2 waiting to sync").wait_for()
    assert page.locator(".offline-note").inner_text() == (
        "Offline: check-ins wait on this phone and are sent when the network is back.")
    shoot(page, "desk-offline-queue")
    time.sleep(2)  # the taps are older than their sync
    assert checked_in("Ann Smit", "Anton Berg") == set()
    context.set_offline(False)
    wait_for(lambda: checked_in("Ann Smit", "Anton Berg") == {"Ann Smit", "Anton Berg"})
    wait_for(lambda: page.locator("#checkin-queue").inner_text() == "")
    synced_at = timezone.now()
    for row in CheckIn.objects.filter(registration__person__name__in=["Ann Smit", "Anton Berg"]):
        assert before - timedelta(seconds=1) <= row.at <= synced_at - timedelta(seconds=1.5)
    page.locator(".checkin-counts", has_text="5 checked in of 5").wait_for()
    shoot(page, "desk-synced")
    axe(page)
    context.close()


def test_an_attendee_checks_in_at_the_door_and_the_desk_fits_a_phone(
        http_server: str, browser, phone, shoot, axe) -> None:
    world = desk_world()
    session = world["session"]
    here = f"/events/harbour/sessions/{session.pk}/here/{door_key(session_id=session.pk)}/"

    # The organizer's printable door page (a facilitator may print it too).
    staff = browser.new_context(viewport={"width": 1280, "height": 900})
    staff.add_init_script(path=str(AXE))
    door = staff.new_page()
    log_in(door, http_server, "desk", f"/events/harbour/sessions/{session.pk}/door/")
    assert door.locator("figure svg").count() == 1
    assert here in door.locator(".checkin-door .meta").last.inner_text()
    shoot(door, "door-desktop")
    axe(door)

    # Dirk, on his phone, in a context of his own: the door's link, then one tap.
    log_in(phone, http_server, "dirk", here)
    phone.get_by_role("button", name="I am here").click()
    phone.get_by_role("status").get_by_text("You are checked in to this session.").wait_for()
    shoot(phone, "door-phone-done")
    axe(phone)
    assert list(Attendance.objects.values_list("registration__person__name", "session")) == [
        ("Dirk Mol", session.pk)]
    assert checked_in("Dirk Mol") == {"Dirk Mol"}

    # The desk on a phone: the live count shows him, nothing overflows 390 px.
    desk = phone.context.browser.new_context(viewport={"width": 390, "height": 844},
                                             is_mobile=True, has_touch=True)
    desk.add_init_script(path=str(AXE))
    small = desk.new_page()
    log_in(small, http_server, "desk", "/events/harbour/checkin/")
    small.get_by_label("Name or organization").fill("a")
    small.locator(".checkin-found li", has_text="Ann Smit").wait_for()
    assert "1 checked in of 5 expected" in small.locator(".checkin-counts").inner_text()
    assert small.evaluate("document.documentElement.scrollWidth") <= 390
    # The desk's fields were drawn at the browser's default ~170 px, glued to their labels:
    # now each takes the card's width under its label, as the site's other forms do.
    for label in ("Or type the code", "Name or organization", "E-mail"):
        assert small.get_by_label(label).bounding_box()["width"] > 300, label
    shoot(small, "desk-phone")
    axe(small)

    # Someone who never signed up walks in: a seat, and checked in, from the phone.
    small.get_by_label("Name", exact=False).last.fill("Wal King")
    small.get_by_label("E-mail").fill("wal@harbour.example")
    small.get_by_role("button", name="Sign up and check in").click()
    small.get_by_text("Wal King has a seat and is checked in.").wait_for()
    assert "2 checked in of 6 expected" in small.locator(".checkin-counts").inner_text()
    assert checked_in("Wal King") == {"Wal King"}
    shoot(small, "desk-phone-walk-in")
    axe(small)
    desk.close()
    staff.close()


STOPPED = ("window.tracks.length > 0 && window.tracks.every(t => t.readyState === 'ended')"
           " && document.getElementById('checkin-video').srcObject === null")
# The desk's counts poll every 10 minutes instead of 1.5 s: only the desk's own refresh after
# a check-in can show it in time.
SLOW_POLL = """new MutationObserver(() => {
  const counts = document.querySelector("[data-live-refresh$='/checkin/counts/']");
  if (counts) counts.dataset.liveInterval = "600000";
}).observe(document, {childList: true, subtree: true});"""


def test_the_desk_count_follows_its_own_check_in_at_once(http_server: str, browser) -> None:
    """The count waited for the next poll; it now refreshes as the desk's answer comes."""
    regs = desk_world()["regs"]
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    context.add_init_script(script=SLOW_POLL)
    page = context.new_page()
    log_in(page, http_server, "desk", "/events/harbour/checkin/")
    counts = page.locator("[data-live-refresh$='/checkin/counts/']")
    assert counts.get_attribute("data-live-interval") == "600000"
    assert "0 checked in of 5 expected" in page.locator(".checkin-counts").inner_text()
    cas = regs["Cas Vos"]
    page.get_by_label("Or type the code").fill(
        checkin_code(event_id=cas.event_id, registration_id=cas.pk))
    page.get_by_role("button", name="Check in", exact=True).first.click()
    page.get_by_role("alert").get_by_text("Cas Vos is checked in.").wait_for()
    page.locator(".checkin-counts", has_text="1 checked in of 5").wait_for(timeout=5_000)
    context.close()


def qr_y4m(text: str, folder: Path) -> Path:
    """A short video of a QR code on white (Y4M, 4:2:0), for Chromium's fake camera."""
    from PIL import Image

    code = Image.open(code_png(text, folder)).convert("L")
    frame = Image.new("L", (640, 480), 255)
    side = min(420, code.width)
    frame.paste(code.resize((side, side)), ((640 - side) // 2, (480 - side) // 2))
    chroma = bytes([128]) * (320 * 240)
    path = folder / "camera.y4m"
    with path.open("wb") as out:
        out.write(b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n")
        for _ in range(10):
            out.write(b"FRAME\n" + frame.tobytes() + chroma + chroma)
    return path


def test_the_desk_scans_a_code_with_the_camera(http_server: str, browser, shoot) -> None:
    """Chromium's fake camera plays a video of Ann's code: the page reads it from the
    stream (BarcodeDetector where the browser has it, jsQR otherwise) and checks her in."""
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    world = desk_world()
    ann = world["regs"]["Ann Smit"]
    folder = shoot.folder
    video = qr_y4m(checkin_code(event_id=ann.event_id, registration_id=ann.pk), folder)
    camera = browser.browser_type.launch(executable_path=CHROMIUM, args=[
        *CHROMIUM_ARGS, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-video-capture={video}"])
    try:
        context = camera.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                     has_touch=True)
        context.grant_permissions(["camera"], origin=http_server)
        page = context.new_page()
        log_in(page, http_server, "desk", "/events/harbour/checkin/")
        page.get_by_role("button", name="Scan with the camera").click()
        page.get_by_role("alert").get_by_text("Ann Smit is checked in.").wait_for(
            timeout=20_000)
        shoot(page, "desk-camera")
        assert page.get_by_role("button", name="Scan with the camera").is_hidden()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert list(CheckIn.objects.values_list("registration__person__name", "how")) == [
            ("Ann Smit", "code")]

        # Once started, the camera could not be stopped: now a button stops its tracks.
        page.evaluate("window.tracks = document.getElementById('checkin-video')"
                      ".srcObject.getTracks()")
        page.get_by_role("button", name="Stop the camera").click()
        assert page.evaluate(STOPPED) is True
        assert page.locator("#checkin-video").is_hidden()
        assert page.get_by_role("button", name="Stop the camera").is_hidden()
        # Started again, it stops as well when the page goes away (another tab, closed).
        page.get_by_role("button", name="Scan with the camera").click()
        page.get_by_role("button", name="Stop the camera").wait_for()
        page.evaluate("window.tracks = document.getElementById('checkin-video')"
                      ".srcObject.getTracks()")
        assert page.evaluate(STOPPED) is False
        page.evaluate("window.dispatchEvent(new PageTransitionEvent('pagehide'))")
        assert page.evaluate(STOPPED) is True
        page.get_by_role("button", name="Scan with the camera").wait_for()
    finally:
        camera.close()
