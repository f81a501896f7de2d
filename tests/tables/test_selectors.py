"""Reads of round tables: my tablemates, seat by seat."""

from __future__ import annotations

import pytest

from immerse.tables.models import TableSeat
from immerse.tables.selectors import tablemates_of
from tests.factories import make_event, make_registration, make_session

pytestmark = pytest.mark.django_db


def test_tablemates_of_lists_each_seat_in_time_order_with_only_that_tables_people() -> None:
    event = make_event(slug="ws")
    me, ana, bo, cy = (make_registration(event=event) for _ in range(4))
    late = make_session(event=event, title="Late", fmt="table", start_hour=15)
    early = make_session(event=event, title="Early", fmt="table", start_hour=9)
    for session, tables in ((late, {me: 1, ana: 2, bo: 1, cy: 2}),
                            (early, {me: 2, ana: 2, bo: 1, cy: 1})):
        for registration, table in tables.items():
            TableSeat.objects.create(session=session, registration=registration, table=table)

    rows = tablemates_of(registration=me)

    assert [(row.seat.session.title, row.seat.table, row.mates) for row in rows] == [
        ("Early", 2, [ana]), ("Late", 1, [bo])]


def test_tablemates_of_someone_without_a_seat_is_empty() -> None:
    event = make_event(slug="ws")
    assert tablemates_of(registration=make_registration(event=event)) == []
