"""The zero-set-up default, as `make demo` runs it: `immerse serve` and nothing else (no
Redis). Its web server answers at once, the worker it started plans and sends mail, its
scheduler holds the lease; a worker killed mid-rotation is taken over by the next one."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from immerse.common.models import Lease, ScheduledTask, TaskRun
from immerse.common.tasks import periodic_tasks
from immerse.config.services import DATABASE_QUEUE
from tests.integration.conftest import wait_for
from tests.integration.scenarios import (
    assert_mail_delivered,
    assert_rotation_stored_once,
    plan_through_the_api,
    planning_event,
    queue_mail,
    rotation_event,
    rotation_start,
    wait_run,
)

pytestmark = [pytest.mark.integration, pytest.mark.slow,
              pytest.mark.django_db(transaction=True)]


def test_serve_answers_at_once_while_its_own_worker_plans_schedules_and_mails(
        topology_factory, smtp_server, settings) -> None:
    settings.IMMERSE_TASK_BACKEND = DATABASE_QUEUE  # what this process enqueues, too
    topology = topology_factory(EMAIL_URL=f"smtp://127.0.0.1:{smtp_server.port}")
    event, token = planning_event("embedded")
    topology.serve()

    plan_through_the_api(topology, event, token)

    wait_for(lambda: ScheduledTask.objects.count() == len(periodic_tasks()), timeout=30,
             what="the scheduler's first round", logs=topology.logs)
    lease = Lease.objects.get(name="scheduler")
    assert lease.expires_at > timezone.now()

    message = queue_mail(event, "ann@example.org", kick=True)
    assert_mail_delivered(topology, smtp_server, message, timeout=30)


def test_a_worker_killed_mid_rotation_is_taken_over_by_the_next(
        topology_factory, settings) -> None:
    settings.IMMERSE_TASK_BACKEND = DATABASE_QUEUE
    topology = topology_factory()
    event = rotation_event("embedded-kill")
    topology.start("worker", "worker")
    run = rotation_start(event, time_limit=12)
    wait_for(lambda: TaskRun.objects.get(pk=run.pk).progress > 0.1, timeout=60,
             what="the rotation to be under way", logs=topology.logs)

    topology.kill("worker")
    lease = 4  # IMMERSE_TASK_LEASE_SECONDS, as the processes were given
    time.sleep(1)
    assert TaskRun.objects.get(pk=run.pk).status == "running"  # nobody will finish it…
    wait_for(lambda: TaskRun.objects.get(pk=run.pk).heartbeat_at
             < timezone.now() - timedelta(seconds=lease), timeout=30, what="the lease to lapse")

    topology.start("worker-2", "worker")  # …until a worker starts and takes it back
    finished = wait_run(topology, TaskRun, run.pk)
    assert (finished.status, finished.attempts) == ("done", 2), finished.message
    assert_rotation_stored_once(event, 40)
