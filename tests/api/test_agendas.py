"""The agendas API: an organizer plans, an attendee reads their agenda (and table)."""

from __future__ import annotations

import pytest
from django.test import Client

from immerse.tables.services import tables_form
from tests.factories import (
    make_event,
    make_person,
    make_registration,
    make_role,
    make_session,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_organizer_plans_and_attendee_reads_agenda_and_table(bearer) -> None:
    event = make_event(slug="ws")
    make_session(event=event, title="Stories", levels=(1,), capacity=10)
    tables = make_session(event=event, title="Tables", fmt="table", levels=(1, 2, 3, 4),
                          start_hour=11)
    ann = make_user()
    make_registration(event=event, level=1, person=make_person(user=ann, name="Ann"))
    for n in range(3):
        make_registration(event=event, level=2, person=make_person(name=f"Mate {n}"))
    organizer = make_user()
    make_role(event=event, user=organizer)
    run = Client().post("/api/v1/events/ws/agendas/runs", {"time_limit": 5},
                        content_type="application/json", **bearer(organizer))
    # Unit tests run tasks inline (tests/conftest.py): the 202 already carries the result.
    assert run.status_code == 202 and run.json()["status"] == "done"
    assert run["Location"] == f"/api/v1/events/ws/agendas/runs/{run.json()['id']}"
    assert run.json()["objective"] == run.json()["lower_bound"]
    agenda = Client().get("/api/v1/events/ws/agenda/me", **bearer(ann)).json()
    assert [(a["title"], a["reason"]) for a in agenda] == [
        ("Stories", "Your level card puts story sessions first. Made for Eye-opener, your "
                    "level."),
        ("Tables", "Open to every level.")]
    tables_form(session=tables, table_size=4, time_limit=1)
    mine = Client().get("/api/v1/events/ws/tables/me", **bearer(ann)).json()
    assert mine[0]["table"] == 1 and sorted(mine[0]["tablemates"]) == [
        "Mate 0", "Mate 1", "Mate 2"]


def test_planning_through_the_api_tells_people_only_when_asked(bearer) -> None:
    from immerse.notify.models import Message
    from immerse.program.models import AgendaItem

    event = make_event(slug="ws")
    make_session(event=event, title="Stories", levels=(1, 2), capacity=10)
    for n in range(3):
        make_registration(event=event, level=1, person=make_person(name=f"Guest {n}"))
    organizer = make_user()
    make_role(event=event, user=organizer)
    quiet = Client().post("/api/v1/events/ws/agendas/runs", {"time_limit": 5},
                          content_type="application/json", **bearer(organizer))
    assert quiet.status_code == 202
    assert list(Message.objects.values_list("status", flat=True)) == ["waiting"] * 3
    Message.objects.all().delete()
    AgendaItem.objects.all().delete()  # so that the next run makes new agendas again
    told = Client().post("/api/v1/events/ws/agendas/runs", {"time_limit": 5, "notify": True},
                         content_type="application/json", **bearer(organizer))
    assert told.status_code == 202
    assert Message.objects.count() == 3
    assert not Message.objects.filter(status="waiting").exists()
