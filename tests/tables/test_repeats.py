"""Tablemates across an event's table sessions (issue 30, item 26): nobody meets the same
person twice where the numbers allow, and the organizer sees what remains and why."""

from __future__ import annotations

import pytest
from django.test import Client

from immerse.events.models import Event
from immerse.people.models import Registration
from immerse.tables.models import TableSeat
from immerse.tables.selectors import tablemate_repeats_of
from immerse.tables.services import table_move, tables_form, tables_rotation_form
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db


def _people(event: Event, n: int, experts: int) -> list[Registration]:
    """``n`` confirmed attendees, each of their own organization; the first ``experts``
    are experts, the others at levels 1-3."""
    return [make_registration(event=event, level=4 if k < experts else 1 + k % 3,
                              person=make_person(organization=f"Org {k}", is_expert=k < experts))
            for k in range(n)]


def _table_sessions(event: Event, count: int) -> list:
    return [make_session(event=event, title=f"Tables {k + 1}", fmt="table",
                         levels=(1, 2, 3, 4), start_hour=9 + k) for k in range(count)]


def _organizer_page(event: Event) -> str:
    organizer = make_user()
    make_role(event=event, user=organizer)
    client = Client()
    client.login(username=organizer.username, password=PASSWORD)
    return client.get(f"/events/{event.slug}/organize/tables/").content.decode()


def test_sessions_formed_one_at_a_time_seat_everyone_with_new_people() -> None:
    # 20 people at 5 tables of 4 over 3 sessions: zero repeats exist. Each session's tables
    # were formed without looking at the others before, repeating about a dozen pairs.
    event = make_event(slug="ws")
    _people(event, 20, experts=5)
    for seed, session in enumerate(_table_sessions(event, 3)):
        tables_form(session=session, table_size=4, time_limit=1, seed=seed)

    repeats = tablemate_repeats_of(event=event)

    assert (repeats.sessions, repeats.repeats.pairs) == (3, 0)
    assert "Nobody sits with the same person twice across the 3 table sessions." in (
        _organizer_page(event))


def test_forced_repeats_are_spread_counted_and_explained_on_the_tables_page() -> None:
    # 30 people at 5 tables of 6 over 4 sessions: 6 people cannot sit at 6 different tables
    # of 5, so 5 pairs meet again between any two sessions, 30 in all.
    event = make_event(slug="ws")
    _people(event, 30, experts=5)
    _table_sessions(event, 4)

    tables_rotation_form(event=event, table_size=6, time_limit=3, seed=0)

    repeats = tablemate_repeats_of(event=event).repeats
    assert (repeats.pairs, repeats.most, repeats.unavoidable) == (30, 2, 30)
    html = _organizer_page(event)
    assert "30 pairs of people sit together at more than one table session." in html
    assert "How often: 30 pairs at 2 sessions." in html
    assert ("Why: the 6 people at one table are more than the 5 tables of another session, "
            "so some of them must sit together again. No seating at these tables has fewer "
            "than 30 repeats (a pair counts once for every two sessions it shares), and "
            "these tables have no more.") in html
    assert ("A table size of 5 (6 tables of 5) could seat everyone with new people only, "
            "but 1 table would have no expert.") in html


def test_a_seat_moved_by_hand_is_named_as_the_reason_for_a_repeat() -> None:
    event = make_event(slug="ws")
    regs = _people(event, 20, experts=5)
    sessions = _table_sessions(event, 2)
    for seed, session in enumerate(sessions):
        tables_form(session=session, table_size=4, time_limit=1, seed=seed)
    assert tablemate_repeats_of(event=event).repeats.pairs == 0
    mover = regs[10]
    first = TableSeat.objects.get(session=sessions[0], registration=mover).table
    mates = set(TableSeat.objects.filter(session=sessions[0], table=first)
                .exclude(registration=mover).values_list("registration_id", flat=True))
    mate_seat = TableSeat.objects.filter(session=sessions[1], registration_id__in=mates).first()

    table_move(session=sessions[1], registration=mover, table=mate_seat.table)

    html = _organizer_page(event)
    assert "1 pair of people sits together at more than one table session." in html
    assert "1 of these pairs shares a table because a seat was moved by hand." in html


def test_the_run_summary_says_how_many_repeats_remain() -> None:
    event = make_event(slug="ws")
    _people(event, 30, experts=5)
    _table_sessions(event, 4)
    organizer = make_user()
    make_role(event=event, user=organizer)
    client = Client()
    client.login(username=organizer.username, password=PASSWORD)

    page = client.post("/events/ws/organize/tables/", {"rotation": "1", "table_size": "6"},
                       follow=True).content.decode()

    assert "30 pairs of people sit together at more than one table session." in page
    assert "How often: 30 pairs at 2 sessions." in page
