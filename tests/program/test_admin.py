"""The program's admin pages: staff read planning runs, agenda items and stars."""

from __future__ import annotations

import pytest
from django.test import Client

from immerse.program.models import AgendaItem, AgendaRun, SessionWish
from tests.factories import make_event, make_registration, make_session, make_user

pytestmark = pytest.mark.django_db


def test_admin_lists_runs_items_and_stars_and_adds_no_run_by_hand() -> None:
    event = make_event(slug="ws")
    session = make_session(event=event, title="Stories")
    registration = make_registration(event=event)
    run = AgendaRun.objects.create(event=event, status=AgendaRun.Status.DONE)
    AgendaItem.objects.create(registration=registration, session=session, run=run,
                              reason="Eye-opener")
    SessionWish.objects.create(person=registration.person, session=session)
    admin = make_user(staff=True)
    admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)

    for model, counted in (("agendarun", "1 agenda run"), ("agendaitem", "1 agenda item"),
                           ("sessionwish", "1 session wish")):
        response = client.get(f"/admin/program/{model}/")
        assert response.status_code == 200, model
        assert counted in response.content.decode(), model
    assert client.get(f"/admin/program/agendarun/{run.pk}/change/").status_code == 200
    assert client.get("/admin/program/agendarun/add/").status_code == 403
