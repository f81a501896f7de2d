"""The Celery path of ``immerse.common.tasks.enqueue``: a real worker (in-memory broker) plans."""

from __future__ import annotations

import time

import pytest

from immerse.program.models import AgendaItem, AgendaRun
from immerse.program.services.planning import agenda_run_start
from tests.program.test_agendas import small_event

celery = pytest.importorskip("celery", reason="Celery is the optional 'queue' extra")


@pytest.mark.django_db(transaction=True)  # the worker thread reads what this thread commits
def test_agenda_plan_runs_on_a_celery_worker(settings) -> None:
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun

    from immerse.config.celery import app

    settings.CELERY_BROKER_URL = "memory://"
    settings.IMMERSE_TASK_BACKEND = "immerse.config.celery.CeleryBackend"
    app.conf.broker_url = "memory://"
    ran: list[tuple[str, tuple]] = []

    def record(sender=None, args=(), **_: object) -> None:
        ran.append((sender.name, tuple(args)))

    task_postrun.connect(record, weak=False)
    event, _sessions, regs = small_event()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            run = agenda_run_start(event=event, user=None)
            deadline = time.monotonic() + 60
            while run.status not in (AgendaRun.Status.DONE, AgendaRun.Status.FAILED):
                assert time.monotonic() < deadline, f"worker never finished: {run.message}"
                time.sleep(0.2)
                run.refresh_from_db()
    finally:
        task_postrun.disconnect(record)
    # Planning ran once; the agendas it stored kicked the outbox (mail_send), once at most
    # before the loop saw the run done.
    assert ran[0] == ("immerse.agenda_plan", (run.pk,))
    assert ran[1:] in ([], [("immerse.mail_send", ())])
    assert run.status == AgendaRun.Status.DONE, run.message
    assert AgendaItem.objects.filter(registration__in=regs).count() == 8
