"""The deployed default never runs long work in the request: it enqueues on the database
queue, and a real worker (the library's own loop) runs what was queued."""

from __future__ import annotations

import time

import pytest
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from immerse.common.requestid import RequestIdLogFilter, request_id_bound
from immerse.common.tasks import enqueue
from immerse.config.services import CELERY, DATABASE_QUEUE, task_backend
from immerse.people.tokens import token_create
from immerse.program.models import AgendaItem, AgendaRun
from tests.factories import make_event, make_role, make_session, make_user
from tests.program.test_agendas import small_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings):
    settings.IMMERSE_TASK_BACKEND = DATABASE_QUEUE


# The worker loop closes connections between tasks, as a worker must: tests that drain the
# queue commit for real (transaction=True) instead of running inside one test transaction.
worker_test = pytest.mark.django_db(transaction=True)


def drain() -> None:
    """What `immerse worker` does, until the queue is empty: the library's worker loop."""
    call_command("db_worker", queue_name="*", batch=True, reload=False, startup_delay=False,
                 interval=0, verbosity=0)


def test_the_default_backend_is_the_database_queue_never_inline() -> None:
    assert task_backend({}) == DATABASE_QUEUE
    assert task_backend({"CELERY_BROKER_URL": "redis://127.0.0.1:6379/1"}) == CELERY
    assert task_backend({"IMMERSE_TASK_BACKEND": "x.Y"}) == "x.Y"


@worker_test
def test_planning_through_the_api_only_enqueues_and_answers_202_at_once(
        database_queue) -> None:
    event, _sessions, regs = small_event()
    organizer = make_user()
    make_role(event=event, user=organizer)
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=organizer, name='t')[1]}"}
    started = time.perf_counter()
    response = Client().post(f"/api/v1/events/{event.slug}/agendas/runs", {"time_limit": 30},
                             content_type="application/json", **bearer)
    elapsed = time.perf_counter() - started
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "queued"
    assert elapsed < 2.0, f"the request took {elapsed:.2f} s: it must not plan"
    assert AgendaItem.objects.filter(registration__in=regs).count() == 0
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["kwargs"]["name"] == "agenda_plan"

    drain()
    run = Client().get(response["Location"], **bearer).json()
    assert (run["status"], run["attempts"]) == ("done", 1)
    assert AgendaItem.objects.filter(registration__in=regs).count() == 8


@worker_test
def test_forming_a_rotation_on_the_page_answers_at_once_and_the_run_page_follows(
        database_queue, client) -> None:
    from immerse.tables.models import TablePlan
    from tests.tables.factories import room

    event = make_event(slug="rot")
    room(event, 8)
    for hour in (9, 11):
        make_session(event=event, title=f"Tables {hour}", fmt="table", levels=(1, 2, 3, 4),
                     start_hour=hour)
    organizer = make_user()
    make_role(event=event, user=organizer)
    client.force_login(organizer)
    response = client.post(f"/events/{event.slug}/organize/tables/",
                           {"rotation": "1", "table_size": "4"})
    assert response.status_code == 302 and "/organize/runs/" in response["Location"]
    assert not TablePlan.objects.exists()
    page = client.get(response["Location"], HTTP_ACCEPT="application/json").json()
    assert page["status"] == "queued"

    drain()
    page = client.get(response["Location"])
    assert b"Tables formed for 2 rounds." in page.content
    assert TablePlan.objects.filter(rotation_round__isnull=False).count() == 2


def test_a_waiting_periodic_kick_is_not_queued_twice(database_queue) -> None:
    enqueue("mail_send")
    enqueue("mail_send")
    assert DBTaskResult.objects.count() == 1


@worker_test
def test_a_queued_task_carries_the_request_id_into_the_worker(database_queue, caplog) -> None:
    with request_id_bound("req-1234abcd"):
        enqueue("mail_send")
    assert DBTaskResult.objects.get().args_kwargs["kwargs"]["request_id"] == "req-1234abcd"
    caplog.handler.addFilter(RequestIdLogFilter())  # as the console handler has
    with caplog.at_level("DEBUG", logger="immerse.tasks"):
        drain()
    assert [r.request_id for r in caplog.records if r.name == "immerse.tasks"] == [
        "req-1234abcd", "req-1234abcd"]


def test_a_rolled_back_request_enqueues_nothing(database_queue) -> None:
    from django.db import transaction

    with transaction.atomic():
        enqueue("mail_send")
        transaction.set_rollback(True)
    assert not DBTaskResult.objects.exists()
    assert not AgendaRun.objects.exists()
