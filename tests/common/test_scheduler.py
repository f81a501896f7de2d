"""The embedded scheduler: one lease holder sends the registry's periodic tasks at cadence."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from immerse.common.models import Lease, ScheduledTask
from immerse.common.scheduler import LEASE_NAME, Scheduler, lease_acquire
from immerse.common.tasks import periodic_tasks

pytestmark = pytest.mark.django_db


def test_only_the_lease_holder_sends_however_many_schedulers_run() -> None:
    sent: list[tuple[str, str]] = []
    first = Scheduler(holder="a", send=lambda name: sent.append(("a", name)))
    second = Scheduler(holder="b", send=lambda name: sent.append(("b", name)))
    first.tick()
    second.tick()
    assert {who for who, _ in sent} == {"a"}
    assert sorted(name for _, name in sent) == sorted(periodic_tasks())


def test_a_task_is_sent_again_only_when_its_cadence_has_passed() -> None:
    sent: list[str] = []
    scheduler = Scheduler(holder="a", send=sent.append)
    scheduler.tick()
    sent.clear()
    scheduler.tick()
    assert sent == []
    # A minute later: the every-minute tasks are due, the hourly one is not.
    for name in ("mail_send", "runs_reap"):
        scheduler.last_sent[name] -= timedelta(minutes=1)
    assert sorted(scheduler.tick()) == ["mail_send", "runs_reap"]


def test_a_restarted_scheduler_keeps_the_cadence_it_recorded() -> None:
    Scheduler(holder="old", send=lambda name: None).tick()
    Lease.objects.filter(name=LEASE_NAME).update(expires_at=timezone.now() - timedelta(1))
    sent: list[str] = []
    Scheduler(holder="new", send=sent.append).tick()
    assert sent == []  # everything was sent moments ago by the old one
    assert set(ScheduledTask.objects.values_list("name", flat=True)) == set(periodic_tasks())


def test_an_expired_lease_passes_to_another_process() -> None:
    assert lease_acquire("x", "a", seconds=30)
    assert not lease_acquire("x", "b", seconds=30)
    assert lease_acquire("x", "a", seconds=30)  # the holder renews
    Lease.objects.filter(name="x").update(expires_at=timezone.now() - timedelta(seconds=1))
    assert lease_acquire("x", "b", seconds=30)
    assert Lease.objects.get(name="x").holder == "b"
