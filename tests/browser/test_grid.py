"""The schedule grid in a real browser: a session dragged to a free cell is placed there, a
drop on a taken cell is refused with the session already there named; on a phone the same
move goes through the "Move" form. Axe on both pages, desktop and 390 px."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from immerse.events.models import Room, Session, TimeSlot
from tests.factories import PASSWORD, make_event, make_person, make_role, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ZONE = ZoneInfo("Europe/Amsterdam")


def _event() -> dict:
    event = make_event(slug="grid", title="Grid Day", start_date=date(2027, 5, 1),
                       end_date=date(2027, 5, 1))
    hall = Room.objects.create(event=event, name="Main hall", capacity=40, position=0)
    side = Room.objects.create(event=event, name="Side room", capacity=12, position=1)
    nine = TimeSlot.objects.create(event=event, start=datetime(2027, 5, 1, 9, 30, tzinfo=ZONE),
                                   end=datetime(2027, 5, 1, 10, 30, tzinfo=ZONE))
    eleven = TimeSlot.objects.create(event=event, start=datetime(2027, 5, 1, 11, tzinfo=ZONE),
                                     end=datetime(2027, 5, 1, 12, tzinfo=ZONE))
    host = make_person(name="Ann Host")
    stories = Session.objects.create(event=event, title="Stories", format="story",
                                     target_levels=[1], room=hall, slot=nine)
    lab = Session.objects.create(event=event, title="Lab", format="lab", target_levels=[2],
                                 room=side, slot=nine, capacity=20)
    stories.facilitators.add(host)
    lab.facilitators.add(host)
    loose = Session.objects.create(event=event, title="Loose ends", format="table",
                                   target_levels=[1, 2])
    make_role(event=event, user=make_user("olivia"))
    return {"hall": hall, "side": side, "nine": nine, "eleven": eleven, "stories": stories,
            "lab": lab, "loose": loose}


def _log_in(page, server: str) -> None:
    page.goto(f"{server}/events/grid/organize/setup/grid/")
    page.get_by_label("User name").fill("olivia")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{server}/events/grid/organize/setup/grid/")


def test_drag_to_a_free_cell_places_and_a_taken_cell_refuses(http_server: str, desktop,
                                                              shoot, axe) -> None:
    world = _event()
    page = desktop
    _log_in(page, http_server)
    assert "Ann Host hosts “Stories” and “Lab” at the same time." in page.content()
    axe(page)
    shoot(page, "grid-1280")
    # The unplaced session to Main hall at 11:00 (column 2: the first is the time).
    free = page.locator(f'tr[data-slot="{world["eleven"].pk}"] td').nth(0)
    page.drag_and_drop(f'.unplaced [data-session="{world["loose"].pk}"]',
                       f'tr[data-slot="{world["eleven"].pk}"] td >> nth=0')
    page.wait_for_selector(f'tr[data-slot="{world["eleven"].pk}"] [data-session]')
    assert free.inner_text().startswith("Loose ends")
    world["loose"].refresh_from_db()
    assert (world["loose"].room_id, world["loose"].slot_id) == (world["hall"].pk,
                                                                world["eleven"].pk)
    # Stories onto the Lab's cell: refused, the Lab named, nothing moved.
    page.drag_and_drop(f'[data-session="{world["stories"].pk}"]',
                       f'[data-session="{world["lab"].pk}"]')
    status = page.locator("#grid-status")
    status.wait_for(state="visible")
    assert status.inner_text() == ("“Lab” is already in Side room at that time: choose a "
                                   "free cell, or move that session first.")
    shoot(page, "grid-refused-1280")
    world["stories"].refresh_from_db()
    assert world["stories"].room_id == world["hall"].pk


def test_on_a_phone_the_move_form_does_the_same(http_server: str, phone, shoot, axe) -> None:
    world = _event()
    page = phone
    _log_in(page, http_server)
    axe(page)
    shoot(page, "grid-390")
    page.get_by_role("link", name="Move Stories").click()
    page.get_by_label("Room").select_option(label="Side room")
    page.get_by_label("Time slot").select_option(index=1)  # 09:30: the Lab is there
    page.get_by_role("button", name="Move", exact=True).click()
    assert "“Lab” is already in Side room at that time" in page.content()
    axe(page)
    shoot(page, "move-refused-390")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    page.get_by_label("Time slot").select_option(index=2)  # 11:00: free
    page.get_by_role("button", name="Move", exact=True).click()
    page.wait_for_url(f"{http_server}/events/grid/organize/setup/grid/?day=2027-05-01")
    assert "“Stories” moved to Side room." in page.content()
    world["stories"].refresh_from_db()
    assert (world["stories"].room_id, world["stories"].slot_id) == (world["side"].pk,
                                                                    world["eleven"].pk)
