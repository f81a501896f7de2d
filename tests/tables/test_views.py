"""Table pages: organizers form tables and move people; attendees see their tablemates."""

from __future__ import annotations

import pytest
from django.test import Client

from immerse.tables.models import TableSeat
from tests.factories import PASSWORD, make_event, make_role, make_session, make_user
from tests.tables.factories import room

pytestmark = pytest.mark.django_db


def test_organizer_moves_people_and_attendees_see_their_tablemates() -> None:
    event = make_event(slug="ws")
    regs = room(event, 12)
    session = make_session(event=event, title="Tables", fmt="table", levels=(1, 2, 3, 4))
    organizer = make_user()
    make_role(event=event, user=organizer)
    client = Client()
    client.login(username=organizer.username, password=PASSWORD)
    client.post("/events/ws/organize/tables/", {"session": session.pk, "table_size": "6"})
    seat = TableSeat.objects.get(registration=regs[0])
    target = 2 if seat.table == 1 else 1
    page = client.post(f"/events/ws/organize/tables/{session.pk}/",
                       {"registration": regs[0].pk, "table": target}, follow=True)
    assert f"moved to table {target}" in page.content.decode()
    assert TableSeat.objects.get(registration=regs[0]).moved_by_hand
    cards = client.get(f"/events/ws/organize/tables/{session.pk}/cards/").content.decode()
    assert "Table 2" in cards
    attendee = make_user()
    regs[0].person.user = attendee
    regs[0].person.save()
    mine = Client()
    mine.login(username=attendee.username, password=PASSWORD)
    html = mine.get("/events/ws/me/tables/").content.decode()
    mates = TableSeat.objects.filter(session=session, table=target).exclude(
        registration=regs[0]).select_related("registration__person")
    assert f"Tables: table {target}" in html
    assert all(m.registration.person.name in html for m in mates)
    assert regs[0].person.email not in html
