"""The embedded scheduler: the periodic tasks of the registry, sent at their cadence by the
one process that holds the ``scheduler`` lease.

Every ``immerse serve`` starts a worker with a scheduler; several may run (two app servers,
a restart overlapping the old process), and only the holder of the lease sends anything.
The holder renews the lease while it lives; if it dies, another takes over once the lease
expires. When each task was last sent is kept in the database, so a restart or a handover
keeps the cadence instead of sending everything again. In production Celery beat does the
same job from the same registry (``config.celery``); run exactly one ``immerse beat``.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import IntegrityError, close_old_connections, transaction
from django.db.models import Q
from django.utils import timezone

from immerse.common.models import Lease, ScheduledTask
from immerse.common.tasks import enqueue, periodic_tasks

logger = logging.getLogger("immerse.scheduler")

LEASE_NAME = "scheduler"
LEASE_SECONDS = 30


def holder_name() -> str:
    """This process, recognisable in the lease row: host, pid and a random suffix."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"[:100]


def lease_acquire(name: str, holder: str, *, seconds: float) -> bool:
    """Take or renew the lease ``name`` for ``seconds``; False while another holds it."""
    now = timezone.now()
    until = now + timedelta(seconds=seconds)
    if Lease.objects.filter(name=name).filter(Q(holder=holder) | Q(expires_at__lt=now)).update(
            holder=holder, expires_at=until):
        return True
    try:
        with transaction.atomic():
            Lease.objects.create(name=name, holder=holder, expires_at=until)
    except IntegrityError:  # another process created it first
        return False
    return True


def lease_release(name: str, holder: str) -> None:
    Lease.objects.filter(name=name, holder=holder).delete()


class Scheduler:
    """Sends each periodic task when its cadence has passed, while holding the lease."""

    def __init__(self, *, holder: str | None = None, send: Callable[[str], None] = enqueue,
                 lease_seconds: float = LEASE_SECONDS) -> None:
        self.holder = holder or holder_name()
        self.send = send
        self.lease_seconds = lease_seconds
        self.held_until: datetime | None = None
        self.last_sent: dict[str, datetime] = {}

    def holds_lease(self, now: datetime) -> bool:
        # Renew once half the lease has passed: no write on most ticks.
        if self.held_until and self.held_until - now > timedelta(seconds=self.lease_seconds / 2):
            return True
        had = self.held_until is not None
        if not lease_acquire(LEASE_NAME, self.holder, seconds=self.lease_seconds):
            if had:
                logger.warning("scheduler lease lost to another process")
            self.held_until = None
            return False
        if not had:
            logger.info("scheduler lease taken by %s", self.holder)
            self.last_sent = dict(ScheduledTask.objects.values_list("name", "last_sent_at"))
        self.held_until = now + timedelta(seconds=self.lease_seconds)
        return True

    def tick(self) -> list[str]:
        """Send what is due; returns the names sent."""
        now = timezone.now()
        if not self.holds_lease(now):
            return []
        sent = []
        for name, every in sorted(periodic_tasks().items()):
            last = self.last_sent.get(name)
            if last is not None and now - last < every:
                continue
            self.send(name)
            ScheduledTask.objects.update_or_create(name=name, defaults={"last_sent_at": now})
            self.last_sent[name] = now
            sent.append(name)
        return sent

    def run(self, stop: threading.Event, *, interval: float = 1.0) -> None:
        """Tick until ``stop`` is set; a failed tick (a lost database) is logged and retried."""
        try:
            while not stop.is_set():
                close_old_connections()
                try:
                    for name in self.tick():
                        logger.debug("periodic task %s sent", name)  # its run logs the work
                except Exception:
                    logger.exception("scheduler tick failed; retrying")
                    self.held_until = None
                stop.wait(interval)
        finally:
            try:
                if self.held_until is not None:
                    lease_release(LEASE_NAME, self.holder)
            finally:
                close_old_connections()
