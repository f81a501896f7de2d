"""Table pages run a fixed number of queries, however many sessions, tables or people."""

from __future__ import annotations

import pytest

from immerse.events.models import Event
from immerse.people.models import Person
from immerse.tables.models import TablePlan, TableSeat
from tests.factories import (
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db


def _assert_queries(assert_num_queries, client, expected: int, *urls: str) -> None:
    for url in urls:
        assert client.get(url).status_code == 200, url
        with assert_num_queries(expected):
            client.get(url)


def _table_sessions(event: Event, sessions: int, people: int, *,
                    attendee: Person | None = None) -> None:
    """``sessions`` table sessions, each planned with ``people`` seated at two tables;
    ``attendee`` sits at table 1 of each."""
    regs = [make_registration(event=event) for _ in range(people)]
    if attendee is not None:
        regs[0] = make_registration(event=event, person=attendee)
    for hour in range(9, 9 + sessions):
        session = make_session(event=event, title=f"Tables {hour}", fmt="table",
                               start_hour=hour)
        TablePlan.objects.create(session=session, tables=2, objective=1.0, seconds=0.1)
        TableSeat.objects.bulk_create([
            TableSeat(session=session, registration=reg, table=1 + n % 2)
            for n, reg in enumerate(regs)])


def test_tables_overview_queries_do_not_grow_with_the_sessions(
        client, django_assert_num_queries) -> None:
    small, large = make_event(slug="small"), make_event(slug="large")
    _table_sessions(small, 1, 4)
    _table_sessions(large, 6, 20)
    organizer = make_user()
    make_role(event=small, user=organizer)
    make_role(event=large, user=organizer)
    client.force_login(organizer)

    # Session, user, event, the organizer's role, the table sessions, their plans, the
    # rotations still being formed in the background, and for the table-size advice:
    # whether agendas exist, the seated people's expertise; the seats of every table
    # session, for the tablemates who meet again; and the messages waiting for the
    # organizer's "Tell them now".
    _assert_queries(django_assert_num_queries, client, 11,
                    "/events/small/organize/tables/", "/events/large/organize/tables/")


def test_my_tables_queries_do_not_grow_with_the_tablemates(
        client, django_assert_num_queries) -> None:
    small, large = make_event(slug="small"), make_event(slug="large")
    attendee = make_person(user=make_user())
    _table_sessions(small, 1, 4, attendee=attendee)
    _table_sessions(large, 5, 30, attendee=attendee)
    client.force_login(attendee.user)

    # Session, user, event, registration, my seats, my tablemates with their persons.
    _assert_queries(django_assert_num_queries, client, 6,
                    "/events/small/me/tables/", "/events/large/me/tables/")
