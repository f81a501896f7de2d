"""The life of a long operation: claimed by one worker, kept alive by heartbeats, finished once.

A view or API call creates a run row and enqueues its task with the run's id, then answers
at once; the page polls the run. The worker that picks the task up calls ``run_claim``:
the first to move the run from queued to running owns it, a duplicate delivery finds it
taken and does nothing (tasks are safe to retry). While it works, a heartbeat thread
renews ``heartbeat_at``; every write the owner makes is fenced by its attempt number, so a
worker that lost its lease (paused too long, reaped) cannot overwrite the run it lost.
``runs_reap`` (periodic, and at every worker's start) takes back runs whose heartbeat
stopped (a worker killed mid-task): queued again while attempts remain, failed after.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone

from immerse.common.models import TaskRun, TrackedRun
from immerse.common.requestid import current_request_id
from immerse.common.tasks import enqueue, task

logger = logging.getLogger("immerse.tasks")
Status = TrackedRun.Status
R = TypeVar("R", bound=TrackedRun)


class LeaseLost(RuntimeError):
    """This worker no longer owns the run (it was reaped and handed on): stop working."""


def lease_seconds() -> float:
    return float(settings.IMMERSE_TASK_LEASE_SECONDS)


@dataclass
class Claim:
    """The run this worker owns, and the attempt number that fences its writes."""

    model: type[TrackedRun]
    pk: int
    attempt: int
    lost: bool = False

    def _mine(self) -> models.QuerySet[Any]:
        return self.model._default_manager.filter(pk=self.pk, status=Status.RUNNING,
                                                  attempts=self.attempt)

    def progress(self, fraction: float, message: str) -> None:
        """Record progress (and a heartbeat); raise ``LeaseLost`` if the run was taken."""
        if self.lost or not self._mine().update(progress=min(max(fraction, 0.0), 1.0),
                                                message=message[:300],
                                                heartbeat_at=timezone.now()):
            self.lost = True
            raise LeaseLost(f"run {self.pk} was taken back from this worker")

    def beat(self) -> None:
        if not self._mine().update(heartbeat_at=timezone.now()):
            self.lost = True

    def still_mine(self) -> bool:
        """Call inside the transaction that stores the result: locks the run row, so the
        reaper cannot hand it on between this check and the commit."""
        return not self.lost and self._mine().select_for_update().exists()

    def finish(self, status: str, message: str, **fields: Any) -> bool:
        """The final write: done or failed, once, by the owner only."""
        return bool(self._mine().update(status=status, message=message[:300],
                                        finished_at=timezone.now(), **fields))


def run_claim(model: type[TrackedRun], pk: int) -> Claim | None:
    """Move a queued run to running for this worker, or None when another has it (or it
    is finished): a task delivered twice runs once."""
    now = timezone.now()
    claimed = model._default_manager.filter(pk=pk, status=Status.QUEUED).update(
        status=Status.RUNNING, attempts=F("attempts") + 1, heartbeat_at=now, started_at=now,
        progress=0.0, message="Started")
    if not claimed:
        logger.info("run %s.%s is not queued any more: nothing to do", model.__name__, pk)
        return None
    attempt = model._default_manager.filter(pk=pk).values_list("attempts", flat=True).get()
    return Claim(model, pk, attempt)


class _Heartbeat(threading.Thread):
    """Renews the lease every quarter of it while the task works (its own connection)."""

    def __init__(self, claim: Claim) -> None:
        super().__init__(name=f"heartbeat-{claim.model.__name__}-{claim.pk}", daemon=True)
        self.claim, self.stopped = claim, threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(lease_seconds() / 4):
                self.claim.beat()
        except Exception:  # a lost database: the reaper will judge by the missing beats
            logger.exception("heartbeat of run %s failed", self.claim.pk)
        finally:
            connection.close()


@contextmanager
def run_lease(model: type[TrackedRun], pk: int) -> Iterator[Claim | None]:
    """Claim the run and keep its lease alive for the duration of the block.

    Inside a transaction (a task run inline by a test) no other connection could see the
    run, so no heartbeat thread is started; the block is short there anyway.
    """
    claim = run_claim(model, pk)
    if claim is None:
        yield None
        return
    heartbeat = None if connection.in_atomic_block else _Heartbeat(claim)
    if heartbeat:
        heartbeat.start()
    try:
        yield claim
    finally:
        if heartbeat:
            heartbeat.stopped.set()
            heartbeat.join()


def run_models() -> list[type[TrackedRun]]:
    """Every concrete run model of the installed apps."""
    return [m for m in apps.get_models() if issubclass(m, TrackedRun)]


def runs_reap(*, max_attempts: int | None = None) -> dict[str, int]:
    """Take back runs whose worker stopped beating: queue them again (their tasks are sent
    again) while attempts remain, else fail them saying why. Returns counts."""
    limit = max_attempts or settings.IMMERSE_TASK_MAX_ATTEMPTS
    now = timezone.now()
    stale_before = now - timedelta(seconds=lease_seconds())
    counts = {"retried": 0, "failed": 0}
    for model in run_models():
        running = model._default_manager.filter(status=Status.RUNNING,
                                                heartbeat_at__lt=stale_before)
        for run in running:
            same = model._default_manager.filter(pk=run.pk, status=Status.RUNNING,
                                                 attempts=run.attempts)
            if run.attempts < limit:
                if same.update(status=Status.QUEUED, progress=0.0, message=(
                        f"The worker stopped; queued again (attempt {run.attempts + 1} "
                        f"of {limit})")):
                    name, args = run.task_call()
                    enqueue(name, *args)
                    counts["retried"] += 1
            elif same.update(status=Status.FAILED, finished_at=now, message=(
                    f"The worker stopped {run.attempts} times; the run was given up. "
                    "Start it again once the workers are healthy.")):
                counts["failed"] += 1
    if any(counts.values()):
        logger.warning("reaped runs whose worker stopped: %s", counts)
    return counts


@task("runs_reap", every=timedelta(minutes=1))
def runs_reap_task() -> dict[str, int]:
    """Take back runs whose worker stopped beating: queued again, failed after 3 attempts."""
    return runs_reap()


# ---- generic runs (TaskRun) -------------------------------------------------------------


def task_run_start(*, task_name: str, target: models.Model, user: Any = None,
                   arguments: dict[str, Any] | None = None, return_url: str = "",
                   message: str = "Waiting for a worker") -> TaskRun:
    """Record a run of ``task_name`` on ``target`` and enqueue it; returns at once."""
    with transaction.atomic():
        run = TaskRun.objects.create(
            task=task_name, arguments=arguments or {}, created_by=user,
            target_type=ContentType.objects.get_for_model(target), target_id=target.pk,
            message=message, return_url=return_url, request_id=current_request_id())
        enqueue(task_name, run.pk)
    run.refresh_from_db()  # an inline backend has run it already
    return run


def task_runs_on(*, target: models.Model) -> models.QuerySet[TaskRun]:
    return TaskRun.objects.filter(target_type=ContentType.objects.get_for_model(target),
                                  target_id=target.pk)


#: What a generic run's work receives: the run, and ``report(fraction, message)``.
Work = Callable[[TaskRun, Callable[[float, str], None]], dict[str, Any]]


class Refused(ValueError):
    """The operation cannot be done as asked: the run fails with this message (no trace),
    and ``problems`` (each named by place: a row, a field) go into its result."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def task_run_execute(run_id: int, work: Work) -> TaskRun | None:
    """Claim the run, do ``work`` under its lease, store its result (a JSON-able dict).

    ``work`` writes its rows in its own transaction, calling ``claim_check()`` (the
    ``report`` callable's ``still_mine`` attribute) before it commits, so a run taken back
    from this worker stores nothing. A ``Refused`` or any other error fails the run with
    its message; the work's own transaction leaves nothing half-written.
    """
    with run_lease(TaskRun, run_id) as claim:
        if claim is None:
            return None
        run = TaskRun.objects.get(pk=run_id)
        started = time.monotonic()
        report = _Reporter(claim)
        try:
            result = work(run, report)
        except LeaseLost:
            logger.warning("run %s was taken back mid-work; its result is dropped", run_id)
            return None
        except Refused as exc:
            claim.finish(Status.FAILED, str(exc), result={"problems": exc.problems})
        except Exception as exc:
            logger.exception("run %s (%s) failed", run_id, run.task)
            claim.finish(Status.FAILED, f"{type(exc).__name__}: {exc}")
        else:
            result.setdefault("seconds", round(time.monotonic() - started, 2))
            claim.finish(Status.DONE, "Done", progress=1.0, result=result)
    return TaskRun.objects.get(pk=run_id)


class _Reporter:
    """``report(fraction, message)`` for a generic run's work; ``ensure_mine()`` before it
    commits its result; ``phase(…)`` for a step that reports nothing while it works."""

    def __init__(self, claim: Claim) -> None:
        self.claim = claim

    def __call__(self, fraction: float, message: str) -> None:
        self.claim.progress(fraction, message)

    def ensure_mine(self) -> None:
        """Inside the transaction that stores the result: raise if the run was taken."""
        if not self.claim.still_mine():
            raise LeaseLost(f"run {self.claim.pk} was taken back before saving")

    @contextmanager
    def phase(self, start: float, end: float, *, seconds: float, message: str) -> Iterator[None]:
        """A step expected to take ``seconds`` (a solver's time limit): the progress moves
        from ``start`` towards ``end`` once a second meanwhile, so the page stays alive."""
        self.claim.progress(start, message)
        if connection.in_atomic_block:  # inline in a test: no other connection sees the run
            yield
            return
        stop = threading.Event()
        ticker = threading.Thread(target=self._tick, args=(stop, start, end, seconds, message),
                                  daemon=True)
        ticker.start()
        try:
            yield
        finally:
            stop.set()
            ticker.join()

    def _tick(self, stop: threading.Event, start: float, end: float, seconds: float,
              message: str) -> None:
        began = time.monotonic()
        try:
            while not stop.wait(1.0):
                share = min(1.0, (time.monotonic() - began) / max(seconds, 1.0))
                self.claim.progress(start + (end - start) * share * 0.95, message)
        except LeaseLost:
            pass  # the main thread finds out at its next report or before storing
        finally:
            connection.close()
