"""Your table: one message per seated person when tables are formed, one per person for a
whole rotation, and none again when the same tables are formed again."""

from __future__ import annotations

import pytest

from immerse.notify.models import Message
from immerse.notify.services import messages_send
from immerse.notify.waiting import messages_release
from immerse.tables.models import TableSeat
from immerse.tables.services import tables_form, tables_rotation_form
from tests.factories import make_event, make_session
from tests.notify.mail import text_of
from tests.tables.factories import room

pytestmark = pytest.mark.django_db


def test_forming_tables_tells_each_person_their_table_and_tablemates(smtp_server):
    event = make_event(slug="ws")
    regs = room(event, 12)
    session = make_session(event=event, title="Tables", fmt="table", levels=(1, 2, 3, 4))
    tables_form(session=session, table_size=6, time_limit=1, seed=3)
    assert Message.objects.filter(kind="table_seat").count() == 12
    seat = TableSeat.objects.select_related("registration__person").get(registration=regs[0])
    mates = {s.registration.person.name for s in TableSeat.objects.filter(
        session=session, table=seat.table).exclude(pk=seat.pk).select_related(
        "registration__person")}
    message = Message.objects.get(kind="table_seat", person=regs[0].person)
    assert (message.context["table"], set(message.context["tablemates"])) == (seat.table, mates)
    assert message.context["rotation"] == []
    messages_release(event=event, kind="table_seat")  # the organizer's "Tell them now"
    messages_send()
    mail = next(m for m in smtp_server.received if regs[0].person.email in m["To"])
    assert mail["Subject"] == f"Your table for Tables: table {seat.table}"
    assert f"You sit at table {seat.table}" in text_of(mail)


def test_forming_the_same_tables_again_sends_nothing_new():
    event = make_event(slug="ws")
    room(event, 12)
    session = make_session(event=event, title="Tables", fmt="table", levels=(1, 2, 3, 4))
    tables_form(session=session, table_size=6, time_limit=1, seed=3)
    tables_form(session=session, table_size=6, time_limit=1, seed=3)
    assert Message.objects.filter(kind="table_seat").count() == 12
    tables_form(session=session, table_size=4, time_limit=1, seed=3)  # new tables
    assert Message.objects.filter(kind="table_seat").count() == 24


def test_a_rotation_is_one_message_per_person_with_every_round():
    event = make_event(slug="ws")
    regs = room(event, 8)
    for hour in (9, 11):
        make_session(event=event, title=f"Round {hour}", fmt="table", levels=(1, 2, 3, 4),
                     start_hour=hour)
    tables_rotation_form(event=event, table_size=4, time_limit=1, seed=1)
    assert Message.objects.filter(kind="table_seat").count() == 8
    rounds = Message.objects.get(person=regs[0].person).context["rotation"]
    assert [r["session_title"] for r in rounds] == ["Round 9", "Round 11"]
    assert all(len(r["tablemates"]) == 3 for r in rounds)
