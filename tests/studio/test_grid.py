"""The schedule grid: one day's rooms × slots, the move form, clashes refused, warnings shown,
the people a move affects counted and told (or not)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError
from django.test import Client

from immerse.events.models import Room, Session, TimeSlot
from immerse.notify.models import Message
from immerse.program.models import AgendaItem
from immerse.studio.services.grid import PlacementClash, session_place
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_user,
)

pytestmark = pytest.mark.django_db
ZONE = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def world():
    event = make_event(slug="grid", start_date=datetime(2027, 5, 1).date(),
                       end_date=datetime(2027, 5, 2).date())
    hall = Room.objects.create(event=event, name="Main hall", capacity=40, position=0)
    side = Room.objects.create(event=event, name="Side room", capacity=12, position=1)
    nine = TimeSlot.objects.create(event=event, start=datetime(2027, 5, 1, 9, 30, tzinfo=ZONE),
                                   end=datetime(2027, 5, 1, 10, 30, tzinfo=ZONE))
    eleven = TimeSlot.objects.create(event=event, start=datetime(2027, 5, 1, 11, tzinfo=ZONE),
                                     end=datetime(2027, 5, 1, 12, tzinfo=ZONE))
    day2 = TimeSlot.objects.create(event=event, start=datetime(2027, 5, 2, 9, tzinfo=ZONE),
                                   end=datetime(2027, 5, 2, 10, tzinfo=ZONE))
    host = make_person(name="Ann Host")
    stories = Session.objects.create(event=event, title="Stories", format="story",
                                     target_levels=[1], room=hall, slot=nine)
    lab = Session.objects.create(event=event, title="Lab", format="lab", target_levels=[2],
                                 room=side, slot=nine, capacity=20)
    loose = Session.objects.create(event=event, title="Loose", format="table",
                                   target_levels=[1, 2])
    stories.facilitators.add(host)
    lab.facilitators.add(host)
    user = make_user()
    make_role(event=event, user=user)
    client = Client()
    client.login(username=user.username, password=PASSWORD)
    return {"event": event, "hall": hall, "side": side, "nine": nine, "eleven": eleven,
            "day2": day2, "stories": stories, "lab": lab, "loose": loose, "client": client,
            "url": "/events/grid/organize/setup/grid/",
            "move": "/events/grid/organize/setup/grid/move/"}


def test_the_grid_shows_one_day_with_its_warnings(world) -> None:
    make_registration(event=world["event"], level=1)
    make_registration(event=world["event"], level=3)
    page = world["client"].get(world["url"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Main hall" in html and "Stories" in html and "Lab" in html
    assert "Ann Host hosts “Stories” and “Lab” at the same time." in html
    assert "“Lab” promises 20 seats; its room has 12." in html
    assert "Nothing for Preparation in this slot." in html  # level 3 registered, none at 9:30
    assert "Nothing for Eye-opener" not in html
    # The second day is a tab; the unplaced session waits below the grid.
    assert "?day=2027-05-02" in html
    assert f'data-session="{world["loose"].pk}"' in html


def test_the_move_form_moves_and_refuses_a_taken_cell(world) -> None:
    client, stories = world["client"], world["stories"]
    answer = client.post(world["move"], {"session": world["loose"].pk,
                                         "room": world["hall"].pk, "slot": world["nine"].pk})
    assert answer.status_code == 409
    assert ("“Stories” is already in Main hall at that time: choose a free cell, or move "
            "that session first.") in answer.content.decode()
    assert Session.objects.get(pk=world["loose"].pk).room is None
    moved = client.post(world["move"], {"session": stories.pk, "room": world["hall"].pk,
                                        "slot": world["eleven"].pk})
    assert moved.status_code == 302 and moved["Location"].endswith("?day=2027-05-01")
    stories.refresh_from_db()
    assert (stories.room_id, stories.slot_id) == (world["hall"].pk, world["eleven"].pk)
    unplaced = client.post(world["move"], {"session": stories.pk, "unplace": "1"})
    assert unplaced.status_code == 302
    stories.refresh_from_db()
    assert (stories.room_id, stories.slot_id) == (None, None)


def test_a_drop_answers_json_409_naming_the_session_there(world) -> None:
    answer = world["client"].post(
        world["move"], {"session": world["loose"].pk, "room": world["side"].pk,
                        "slot": world["nine"].pk}, HTTP_ACCEPT="application/json")
    assert answer.status_code == 409
    assert answer.json()["session_there"] == world["lab"].pk
    assert "“Lab” is already in Side room" in answer.json()["error"]
    free = world["client"].post(
        world["move"], {"session": world["loose"].pk, "room": world["side"].pk,
                        "slot": world["day2"].pk}, HTTP_ACCEPT="application/json")
    assert free.json() == {"ok": True, "url": "/events/grid/organize/setup/grid/?day=2027-05-02"}


def test_a_move_counts_the_people_affected_and_tells_them_when_asked(world) -> None:
    stories = world["stories"]
    regs = [make_registration(event=world["event"], person=make_person(), level=1)
            for _ in range(3)]
    for reg in regs[:2]:
        AgendaItem.objects.create(registration=reg, session=stories)
    AgendaItem.objects.create(registration=make_registration(
        event=world["event"], status="cancelled"), session=stories)  # not told
    target = {"session": stories.pk, "room": world["hall"].pk, "slot": world["eleven"].pk}
    # A drop on a session people hold asks first, on the move page.
    asked = world["client"].post(world["move"], target, HTTP_ACCEPT="application/json")
    assert asked.json()["confirm"] == (f"/events/grid/organize/setup/grid/move/?session="
                                       f"{stories.pk}&room={world['hall'].pk}"
                                       f"&slot={world['eleven'].pk}")
    page = world["client"].get(asked.json()["confirm"]).content.decode()
    assert "2 people have this session in their agenda." in page
    assert "Stories, a session in your agenda for" in page  # the preview
    assert "Now: Sat 1 May, 11:00 (Main hall)" in page
    stories.refresh_from_db()
    assert stories.slot_id == world["nine"].pk  # nothing moved yet
    world["client"].post(world["move"], {**target, "tell": "yes", "nonce": "n1"})
    stories.refresh_from_db()
    assert stories.slot_id == world["eleven"].pk
    told = Message.objects.filter(kind="session_moved").order_by("to_email")
    assert sorted(m.to_email for m in told) == sorted(r.person.email for r in regs[:2])
    # Moving back without telling queues nothing more.
    world["client"].post(world["move"], {"session": stories.pk, "room": world["hall"].pk,
                                         "slot": world["nine"].pk, "tell": "no"})
    assert Message.objects.filter(kind="session_moved").count() == 2


def test_session_place_and_the_database_keep_one_session_per_cell(world) -> None:
    with pytest.raises(PlacementClash) as refused:
        session_place(session=world["loose"], room=world["hall"], slot=world["nine"], by=None)
    assert refused.value.session_there == world["stories"]
    with pytest.raises(IntegrityError):
        Session.objects.filter(pk=world["loose"].pk).update(room=world["hall"],
                                                            slot=world["nine"])


def test_another_events_organizer_and_other_events_sessions_are_refused(world) -> None:
    other = make_event(slug="other")
    stranger = make_user()
    make_role(event=other, user=stranger)
    client = Client()
    client.login(username=stranger.username, password=PASSWORD)
    assert client.get(world["url"]).status_code == 404
    foreign = Session.objects.create(event=other, title="Theirs", format="story",
                                     target_levels=[1])
    answer = world["client"].get(world["move"], {"session": foreign.pk})
    assert answer.status_code == 404


def test_the_grid_page_query_count_does_not_grow_with_sessions(
        world, django_assert_max_num_queries) -> None:
    for n in range(30):
        slot = TimeSlot.objects.create(
            event=world["event"],
            start=datetime(2027, 5, 1, 13, tzinfo=ZONE) + timedelta(hours=n),
            end=datetime(2027, 5, 1, 13, 30, tzinfo=ZONE) + timedelta(hours=n))
        Session.objects.create(event=world["event"], title=f"S{n}", format="story",
                               target_levels=[1], room=world["hall"], slot=slot)
    with django_assert_max_num_queries(14):
        assert world["client"].get(world["url"]).status_code == 200
