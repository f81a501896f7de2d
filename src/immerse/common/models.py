"""Background work's own rows: runs with a lease, the scheduler's lease and cadence.

``TrackedRun`` is the abstract shape of every long operation the web hands to a worker
(a planning run, a rotation, an import): a status, progress and message a page can poll,
and a heartbeat that the worker renews while it works. A run whose heartbeat stops is
taken back by ``runs.runs_reap`` (retried, then failed): never "running" forever.
``TaskRun`` is the concrete run for operations without a model of their own.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TrackedRun(models.Model):
    """Status, progress and lease of one long operation (abstract: each run model adds its
    inputs and results). ``task_name`` is the registered task that executes it by id."""

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("run", "Queued")
        RUNNING = "running", pgettext_lazy("run", "Running")
        DONE = "done", pgettext_lazy("run", "Done")
        FAILED = "failed", pgettext_lazy("run", "Failed")

    task_name = ""  # the registered task that executes a run of this model, given its id

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.FloatField(default=0.0)
    message = models.CharField(max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text=_("How often a worker claimed this run (a retry adds one)."))
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Renewed by the worker while it runs."))
    started_at = models.DateTimeField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True,
                                  help_text=_("The request that started it (X-Request-ID)."))
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def task_call(self) -> tuple[str, tuple[object, ...]]:
        """The task and arguments that execute this run (what the reaper re-sends)."""
        return self.task_name, (self.pk,)


class TaskRun(TrackedRun):
    """A long operation with no model of its own: a rotation, a sheet import, an upload's
    ingest. ``target`` is what it works on (an event); ``result`` what the page shows."""

    task = models.CharField(max_length=100)
    arguments = models.JSONField(default=dict, blank=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    result = models.JSONField(default=dict, blank=True)
    return_url = models.CharField(max_length=300, blank=True,
                                  help_text=_("Where the page leads once the run is done."))

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "task"],
                                name="taskrun_target_idx"),
                   models.Index(fields=["status", "heartbeat_at"], name="taskrun_lease_idx")]

    def __str__(self) -> str:
        return f"{self.task} run {self.pk} ({self.status})"

    def task_call(self) -> tuple[str, tuple[object, ...]]:
        return self.task, (self.pk,)


class Lease(models.Model):
    """A named lease one process holds until ``expires_at`` (renewed while it lives): only
    the holder of ``scheduler`` runs the periodic tasks, however many processes compete."""

    name = models.CharField(max_length=50, primary_key=True)
    holder = models.CharField(max_length=100)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} held by {self.holder} until {self.expires_at:%H:%M:%S}"


class ScheduledTask(models.Model):
    """When the embedded scheduler last sent a periodic task (so a restart keeps cadence)."""

    name = models.CharField(max_length=100, primary_key=True)
    last_sent_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} last sent {self.last_sent_at:%Y-%m-%d %H:%M:%S}"
