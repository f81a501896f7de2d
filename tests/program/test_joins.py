"""Late joiners get an agenda and a table seat by themselves, and nobody else moves."""

from __future__ import annotations

import pytest

from immerse.common.tasks import enqueue, periodic_tasks, task_get
from immerse.notify.models import Message
from immerse.people.models import Assessment, Registration
from immerse.people.services.registrations import registration_cancel
from immerse.people.services.signup import SignupData, signup_submit
from immerse.program.models import AgendaItem, AgendaRun
from immerse.program.services.joins import agenda_join, agenda_join_candidates
from immerse.program.services.planning import agenda_run_start
from immerse.tables.models import TableSeat
from immerse.tables.services import tables_form
from tests.factories import (
    make_event,
    make_person,
    make_registration,
    make_session,
    side_by_side,
)

pytestmark = pytest.mark.django_db(transaction=True)  # on_commit hooks must run


def planned_event(*, people: int = 6, seats: int = 4):
    """Two slots: 9:00 a story (1-2) and a workshop (3), 11:00 tables for all."""
    event = make_event(slug="late", capacity=people + 1)
    story = make_session(event=event, title="Stories", fmt="story", levels=(1, 2),
                         capacity=seats, start_hour=9)
    workshop = make_session(event=event, title="Plan clinic", fmt="workshop", levels=(3,),
                            capacity=seats, start_hour=9)
    side_by_side(workshop, story.slot)
    tables = make_session(event=event, title="Round tables", fmt="table",
                          levels=(1, 2, 3, 4), start_hour=11)
    regs = [make_registration(event=event, level=1 + k % 3,
                              person=make_person(is_expert=k < 2)) for k in range(people)]
    run = agenda_run_start(event=event, user=None, time_limit=5)
    assert run.status == AgendaRun.Status.DONE, run.message
    tables_form(session=tables, table_size=3, time_limit=1)
    return event, {"story": story, "workshop": workshop, "tables": tables}, regs


def agendas(event) -> set[tuple[int, int]]:
    return set(AgendaItem.objects.filter(registration__event=event)
               .values_list("registration_id", "session_id"))


def seats(event) -> set[tuple[int, int, int]]:
    return set(TableSeat.objects.filter(session__event=event)
               .values_list("registration_id", "session_id", "table"))


def test_a_late_joiner_gets_an_agenda_and_a_table_seat_and_nobody_else_moves() -> None:
    event, sessions, _regs = planned_event()
    before_agendas, before_seats = agendas(event), seats(event)
    late = make_registration(event=event, level=3, person=make_person())
    Assessment.objects.create(person=late.person, answers={"want": "plan"}, level=3,
                              explanation="…")

    enqueue("agenda_join", late.pk)  # the hook the sign-up will call; inline here

    mine = AgendaItem.objects.filter(registration=late).select_related("session")
    assert {i.session.title for i in mine} == {"Plan clinic", "Round tables"}
    assert next(i.reason for i in mine if i.session.title == "Plan clinic").startswith(
        "You asked for a plan to take home: this workshop ends with yours.")
    assert agendas(event) - before_agendas == {(late.pk, s.pk) for s in
                                               (sessions["workshop"], sessions["tables"])}
    assert before_seats < seats(event)  # everyone kept their seat
    [seat] = TableSeat.objects.filter(registration=late)
    assert seat.session == sessions["tables"] and seat.table in (1, 2)


def test_a_joiner_gets_only_the_seats_left() -> None:
    event, sessions, _regs = planned_event(people=8, seats=5)
    taken = AgendaItem.objects.filter(session=sessions["story"]).count()
    assert taken == 5  # six people at levels 1 and 2 fill the story
    late = make_registration(event=event, level=1, person=make_person())
    agenda_join(registration_ids=[late.pk])
    slot_items = AgendaItem.objects.filter(registration=late,
                                           session__slot=sessions["story"].slot)
    assert [i.session.title for i in slot_items] == ["Plan clinic"]  # a seat, off level
    assert AgendaItem.objects.filter(session=sessions["story"]).count() == 5


def test_someone_promoted_from_the_waiting_list_is_planned_by_the_sweep() -> None:
    event, _sessions, regs = planned_event()
    waiting = make_registration(event=event, level=2, person=make_person(), status="waitlisted")
    make_registration(event=event, level=2, person=make_person())  # fills the last seat
    late_ids = set(agenda_join_candidates().get(event.pk, []))
    assert waiting.pk not in late_ids and len(late_ids) == 1

    registration_cancel(registration=regs[0])  # frees a seat: the first in line moves up
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert periodic_tasks()["agenda_join_sweep"].total_seconds() == 60
    task_get("agenda_join_sweep")()

    assert AgendaItem.objects.filter(registration=waiting).count() == 2
    assert TableSeat.objects.filter(registration=waiting).count() == 1
    assert agenda_join_candidates() == {}


def test_joining_twice_changes_nothing_and_unplanned_events_wait_for_the_organizer() -> None:
    event, _sessions, _regs = planned_event()
    late = make_registration(event=event, level=2, person=make_person())
    assert sum(agenda_join(registration_ids=[late.pk]).values()) == 2
    before = agendas(event)
    assert agenda_join(registration_ids=[late.pk]) == {}
    assert agendas(event) == before

    fresh = make_event(slug="fresh")
    make_session(event=fresh, title="Stories", fmt="story")
    newcomer = make_registration(event=fresh, level=1, person=make_person())
    assert agenda_join(registration_ids=[newcomer.pk]) == {}
    assert not AgendaItem.objects.filter(registration=newcomer).exists()


def test_the_tables_sweep_seats_people_who_swapped_into_a_formed_table_session() -> None:
    _event, sessions, regs = planned_event()
    AgendaItem.objects.filter(registration=regs[0], session=sessions["tables"]).delete()
    TableSeat.objects.filter(registration=regs[0]).delete()
    AgendaItem.objects.create(registration=regs[0], session=sessions["tables"])
    assert task_get("tables_join_sweep")() == 1
    assert TableSeat.objects.filter(registration=regs[0], session=sessions["tables"]).exists()
    assert task_get("tables_join_sweep")() == 0


def test_promotion_and_a_late_sign_up_are_planned_at_once_and_told() -> None:
    event, _sessions, regs = planned_event()
    waiting = make_registration(event=event, level=2, person=make_person(), status="waitlisted")
    make_registration(event=event, level=2, person=make_person())  # fills the last seat

    registration_cancel(registration=regs[0])  # the hook, not the sweep, plans the promoted
    assert AgendaItem.objects.filter(registration=waiting).count() == 2
    assert TableSeat.objects.filter(registration=waiting).count() == 1

    event.capacity += 1
    event.save()
    late = signup_submit(event=event, source="api", data=SignupData(
        name="Late Lou", email="lou@example.org")).registration
    assert late.status == Registration.Status.CONFIRMED
    assert AgendaItem.objects.filter(registration=late).count() == 2

    told = {m.person_id: m for m in Message.objects.filter(kind="agenda_ready",
                                                           key__contains=":join-")}
    assert set(told) == {waiting.person_id, late.person_id}
    assert len(told[late.person_id].context["items"]) == 2
    assert told[late.person_id].context["changed"] is False
