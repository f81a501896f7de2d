"""Table pages: organizers form tables and move people; attendees see their tablemates."""

from __future__ import annotations

import pytest
from django.test import Client

from immerse.tables.models import TableSeat
from immerse.tables.services import tables_form
from tests.factories import (
    PASSWORD,
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
)
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


def test_the_table_size_follows_the_experts_and_the_page_says_so() -> None:
    # Issue 19: 8 per table gave 12 tables, 4 of them without an expert.
    event = make_event(slug="ws")
    room(event, 24)  # 3 experts + 6 at level 4 = 9 experts: 8 per table makes 3 tables
    make_session(event=event, title="Tables", fmt="table", levels=(1, 2, 3, 4))
    organizer = make_user()
    make_role(event=event, user=organizer)
    client = Client()
    client.login(username=organizer.username, password=PASSWORD)
    html = client.get("/events/ws/organize/tables/").content.decode()
    assert 'name="table_size" type="number" min="3" max="20" value="8"' in html
    assert "3 tables of 8, and every table has an expert (9 experts for 3 tables)." in html

    few = make_event(slug="few")
    for k in range(30):
        make_registration(event=few, level=1 + k % 3,
                          person=make_person(is_expert=k < 2))  # levels 1-3: 2 experts
    make_session(event=few, title="Tables", fmt="table", levels=(1, 2, 3, 4))
    make_role(event=few, user=organizer)
    html = client.get("/events/few/organize/tables/").content.decode()
    assert 'value="12"' in html
    assert ("3 tables of 10: with only 2 experts, 1 table has no expert even at the largest "
            "size.") in html


def test_the_tables_page_speaks_plainly_and_folds_the_solver_figures() -> None:
    event = make_event(slug="ws")
    room(event, 12)
    session = make_session(event=event, title="Tables", fmt="table", levels=(1, 2, 3, 4))
    tables_form(session=session, table_size=6, time_limit=1)
    organizer = make_user()
    make_role(event=event, user=organizer)
    client = Client()
    client.login(username=organizer.username, password=PASSWORD)
    html = client.get(f"/events/ws/organize/tables/{session.pk}/").content.decode()
    assert "Every table has an expert, and colleagues sit at different tables." in html
    assert "<summary>Details: the solver's figures</summary><p class=\"meta\">Diversity " in html
