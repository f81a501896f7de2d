"""The production topology: app servers (gunicorn) on PostgreSQL, a Celery worker and
Celery beat on Redis, all real processes. A planning run through the API (202, progress,
done), a rotation, mail through the outbox (kicked, and sent by beat's schedule), and a
worker killed mid-task and restarted: the run ends done, nothing stored twice."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from celery import Celery
from django.db import connection
from django.utils import timezone

from immerse.common.models import TaskRun
from tests.integration.conftest import (
    TopologyCeleryBackend,
    redis_url_or_skip,
    require,
    wait_for,
)
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


@pytest.fixture
def production(topology_factory, smtp_server, settings):
    """The environment of a production deployment, and this process sending to the same
    broker (for the runs the tests start themselves)."""
    require(connection.vendor == "postgresql",
            "the production topology runs on PostgreSQL: set DATABASE_URL=postgres://…")
    redis_url = redis_url_or_skip()
    TopologyCeleryBackend.app = Celery("immerse-test", broker=redis_url, set_as_current=False)
    settings.IMMERSE_TASK_BACKEND = "tests.integration.conftest.TopologyCeleryBackend"
    yield topology_factory(
        IMMERSE_ENV="production", DJANGO_SECRET_KEY="integration-" + "k" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1", DJANGO_SECURE_SSL_REDIRECT="0",
        CELERY_BROKER_URL=redis_url, REDIS_URL=redis_url,
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_server.port}")
    TopologyCeleryBackend.app.close()


def test_app_servers_worker_and_beat_plan_rotate_and_mail(production, smtp_server) -> None:
    topology = production
    event, token = planning_event("prod")
    by_beat = queue_mail(event, "beat@example.org", kick=False)  # only the schedule sends it
    topology.start("worker", "worker", "--concurrency", "2")
    topology.start("beat", "beat")
    topology.serve("--workers", "2")
    status, ready = topology.get("/readyz")
    assert (status, ready["checks"]) == (200, {"database": "ok", "cache": "ok", "broker": "ok"})

    plan_through_the_api(topology, event, token)

    rotation = rotation_start(rotation_event("prod-tables", 20), time_limit=2)
    finished = wait_run(topology, TaskRun, rotation.pk)
    assert finished.status == "done", finished.message
    assert_rotation_stored_once(finished.target, 20)

    kicked = queue_mail(event, "kick@example.org", kick=True)
    assert_mail_delivered(topology, smtp_server, kicked, timeout=30)
    # Beat sends mail_send every minute: the unkicked message goes out within that.
    assert_mail_delivered(topology, smtp_server, by_beat, timeout=90)


def test_a_worker_killed_mid_task_and_restarted_finishes_the_run_once(production) -> None:
    topology = production
    event = rotation_event("prod-kill")
    topology.start("worker", "worker")
    run = rotation_start(event, time_limit=12)
    wait_for(lambda: TaskRun.objects.get(pk=run.pk).progress > 0.1, timeout=60,
             what="the rotation to be under way", logs=topology.logs)

    topology.kill("worker")
    time.sleep(1)
    assert TaskRun.objects.get(pk=run.pk).status == "running"
    wait_for(lambda: TaskRun.objects.get(pk=run.pk).heartbeat_at
             < timezone.now() - timedelta(seconds=4), timeout=30, what="the lease to lapse")

    topology.start("worker-2", "worker")  # takes back the run at start, then works it
    finished = wait_run(topology, TaskRun, run.pk)
    assert (finished.status, finished.attempts) == ("done", 2), finished.message
    assert_rotation_stored_once(event, 40)
