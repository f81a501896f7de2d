"""Runs under a lease: claimed once, fenced by attempt, taken back when the beats stop."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from immerse.common.models import TaskRun
from immerse.common.runs import (
    LeaseLost,
    Refused,
    run_claim,
    runs_reap,
    task_run_execute,
    task_run_start,
)
from immerse.program.models import AgendaRun
from tests.factories import make_event

pytestmark = pytest.mark.django_db


def _queued_run(**fields) -> TaskRun:
    event = make_event()
    return TaskRun.objects.create(task="tables_form", target=event, **fields)


def test_a_run_is_claimed_once_a_second_delivery_does_nothing() -> None:
    run = _queued_run()
    first = run_claim(TaskRun, run.pk)
    assert first is not None and first.attempt == 1
    assert run_claim(TaskRun, run.pk) is None
    run.refresh_from_db()
    assert (run.status, run.attempts) == ("running", 1)
    assert run.heartbeat_at is not None and run.started_at is not None


def test_a_worker_that_lost_its_run_cannot_write_to_it() -> None:
    run = _queued_run()
    stale = run_claim(TaskRun, run.pk)
    TaskRun.objects.filter(pk=run.pk).update(status="queued")  # reaped meanwhile
    fresh = run_claim(TaskRun, run.pk)
    assert fresh is not None and fresh.attempt == 2
    with pytest.raises(LeaseLost):
        stale.progress(0.5, "still working")
    assert not stale.finish("done", "Done")
    assert fresh.finish("done", "Done")
    run.refresh_from_db()
    assert (run.status, run.attempts) == ("done", 2)


def test_the_reaper_requeues_a_run_whose_beats_stopped_and_sends_it_again(settings) -> None:
    settings.IMMERSE_TASK_LEASE_SECONDS = 60
    sent: list[tuple[str, tuple]] = []
    settings.IMMERSE_TASK_BACKEND = "tests.common.test_runs.RecordingBackend"
    RecordingBackend.sent = sent
    run = _queued_run()
    run_claim(TaskRun, run.pk)
    alive = _queued_run()
    run_claim(TaskRun, alive.pk)
    TaskRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=2))

    assert runs_reap() == {"retried": 1, "failed": 0}
    run.refresh_from_db()
    assert run.status == "queued" and "attempt 2 of 3" in run.message
    assert sent == [("tables_form", (run.pk,))]
    alive.refresh_from_db()
    assert alive.status == "running"


def test_the_reaper_fails_a_run_after_its_last_attempt() -> None:
    run = _queued_run(attempts=2)
    run_claim(TaskRun, run.pk)  # attempt 3 of 3
    TaskRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    assert runs_reap(max_attempts=3) == {"retried": 0, "failed": 1}
    run.refresh_from_db()
    assert run.status == "failed" and "stopped 3 times" in run.message
    assert run.finished_at is not None


def test_the_reaper_also_takes_back_agenda_runs() -> None:
    run = AgendaRun.objects.create(event=make_event(), status="running", attempts=1,
                                   heartbeat_at=timezone.now() - timedelta(hours=1))
    assert runs_reap(max_attempts=1) == {"retried": 0, "failed": 1}
    assert AgendaRun.objects.get(pk=run.pk).status == "failed"


def test_a_refused_run_fails_with_its_message_and_problems() -> None:
    run = _queued_run()

    def work(run, report):
        report(0.5, "Checking")
        raise Refused("The sheet has problems", ["row 3: no e-mail"])

    task_run_execute(run.pk, work)
    run.refresh_from_db()
    assert (run.status, run.message) == ("failed", "The sheet has problems")
    assert run.result == {"problems": ["row 3: no e-mail"]}


def test_a_finished_run_keeps_its_result_and_timing() -> None:
    run = _queued_run()
    task_run_execute(run.pk, lambda run, report: {"summary": "All seated."})
    run.refresh_from_db()
    assert (run.status, run.progress, run.result["summary"]) == ("done", 1.0, "All seated.")
    assert run.result["seconds"] >= 0
    # Delivered again (a broker's redelivery): nothing runs a second time.
    assert task_run_execute(run.pk, lambda run, report: pytest.fail("ran twice")) is None


def test_starting_a_run_records_its_target_and_enqueues_it(settings) -> None:
    settings.IMMERSE_TASK_BACKEND = "tests.common.test_runs.RecordingBackend"
    RecordingBackend.sent = []
    event = make_event()
    run = task_run_start(task_name="tables_form", target=event, arguments={"seed": 1})
    assert (run.status, run.target, run.arguments) == ("queued", event, {"seed": 1})
    assert RecordingBackend.sent == [("tables_form", (run.pk,))]


class RecordingBackend:
    """A backend that only records what was sent (the tests above check the reaper's
    and the start's sends, not a worker)."""

    sent: list[tuple[str, tuple]] = []

    def send(self, name: str, args: tuple) -> None:
        self.sent.append((name, args))
