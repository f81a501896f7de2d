"""The schedule grid's rendered day is cached under a digest of everything it shows: any
write (a move, a new room or slot, a session's title, levels, capacity or hosts, a person's
level or name) shows on the very next page, whoever made it (the grid, the set-up pages, the
API, the admin: plain ORM writes here). Runs on SQLite (digest in Python) and on PostgreSQL
(digest in one query)."""

from __future__ import annotations

from datetime import datetime

import pytest

from immerse.events.models import Room, Session, TimeSlot
from immerse.studio.services.grid import session_place
from tests.factories import make_person, make_registration
from tests.studio.test_grid import ZONE, world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def _page(world) -> str:  # noqa: F811
    answer = world["client"].get(world["url"])
    assert answer.status_code == 200
    return answer.content.decode()


def _cell(world, session: Session) -> str:  # noqa: F811
    """The row of ``session``'s slot, as the page draws it."""
    html = _page(world)
    row = html[html.index(f'data-slot="{session.slot_id}"'):]
    return row[:row.index("</tr>")]


def test_a_move_shows_at_once(world) -> None:  # noqa: F811
    before = _page(world)
    assert f'data-slot="{world["eleven"].pk}"' in before
    session_place(session=world["stories"], room=world["hall"], slot=world["eleven"])
    row = _cell(world, world["stories"])
    assert f'data-session="{world["stories"].pk}"' in row
    nine = _page(world)[_page(world).index(f'data-slot="{world["nine"].pk}"'):]
    assert f'data-session="{world["stories"].pk}"' not in nine[:nine.index("</tr>")]


def test_a_new_room_and_a_new_slot_show_at_once(world) -> None:  # noqa: F811
    assert "Garden" not in _page(world)
    garden = Room.objects.create(event=world["event"], name="Garden", capacity=8, position=2)
    assert f'data-room="{garden.pk}">Garden <small>(8)</small>' in _page(world)
    late = TimeSlot.objects.create(event=world["event"],
                                   start=datetime(2027, 5, 1, 16, tzinfo=ZONE),
                                   end=datetime(2027, 5, 1, 17, tzinfo=ZONE))
    assert '<th scope="row">16:00–17:00</th>' in _page(world)
    assert f'data-slot="{late.pk}"' in _page(world)


def test_a_session_edit_shows_at_once(world) -> None:  # noqa: F811
    _page(world)
    Session.objects.filter(pk=world["stories"].pk).update(title="Tales", target_levels=[1, 3])
    row = _cell(world, world["stories"])
    assert "<strong>Tales</strong> <small>Eye-opener, Preparation</small>" in row
    # Capacity: the Lab promises 20 in a room of 12; at 10 the warning goes.
    assert "“Lab” promises 20 seats; its room has 12." in _page(world)
    Session.objects.filter(pk=world["lab"].pk).update(capacity=10)
    assert "promises" not in _page(world)


def test_a_host_change_shows_at_once(world) -> None:  # noqa: F811
    warning = "Ann Host hosts “Stories” and “Lab” at the same time."
    assert warning in _page(world)
    world["lab"].facilitators.clear()
    assert warning not in _page(world)
    world["lab"].facilitators.add(make_person(name="Bo"), world["stories"].facilitators.get())
    assert warning in _page(world)
    world["stories"].facilitators.update(name="Ann Renamed")
    assert "Ann Renamed hosts “Stories” and “Lab” at the same time." in _page(world)


def test_a_new_level_among_the_people_shows_at_once(world) -> None:  # noqa: F811
    make_registration(event=world["event"], level=1)
    assert "Nothing for Preparation" not in _page(world)
    make_registration(event=world["event"], level=3)
    assert "Nothing for Preparation in this slot." in _page(world)
