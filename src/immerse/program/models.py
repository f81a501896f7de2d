"""Agenda runs, personal agendas, session wishes and per-session waitlists."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from immerse.common.models import TrackedRun


class SessionWish(models.Model):
    """An attendee starred a session: planning treats it as their strongest preference."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="wishes")
    session = models.ForeignKey("events.Session", on_delete=models.CASCADE,
                                related_name="wishes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "session"],
                                               name="unique_wish")]

    def __str__(self) -> str:
        return f"{self.person} ☆ {self.session}"


class AgendaRun(TrackedRun):
    """One planning run: its inputs digest, seed, result figures, progress and lease."""

    task_name = "agenda_plan"

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE,
                              related_name="agenda_runs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    keep_confirmed = models.BooleanField(default=True)
    fair = models.BooleanField(default=False)
    # Tell people of their new agendas at once; otherwise the messages wait for the
    # organizer's "Tell them now" (notify.waiting).
    notify = models.BooleanField(default=False)
    time_limit = models.FloatField(default=30.0)
    seed = models.IntegerField(default=0)
    inputs_digest = models.CharField(max_length=64, blank=True)
    objective = models.FloatField(null=True, blank=True)
    lower_bound = models.FloatField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    stats = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Agenda run {self.pk} for {self.event} ({self.status})"

    @property
    def gap(self) -> float | None:
        """How far the solution may be from the best possible (share of the objective)."""
        if not self.objective or self.lower_bound is None:
            return None
        return (self.objective - self.lower_bound) / max(abs(self.objective), 1e-9)


class AgendaItem(models.Model):
    """A session on someone's personal agenda, with the reason it is there."""

    class Source(models.TextChoices):
        PLANNED = "planned", _("Planned")
        SWAPPED = "swapped", _("Swapped by the attendee")
        MANUAL = "manual", _("Set by the organizer")

    registration = models.ForeignKey("people.Registration", on_delete=models.CASCADE,
                                     related_name="agenda")
    session = models.ForeignKey("events.Session", on_delete=models.CASCADE,
                                related_name="agenda_items")
    run = models.ForeignKey(AgendaRun, on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="items")
    reason = models.CharField(max_length=300, blank=True)
    # The same reason as parts any language can write (engine.agenda.reasons); a page shows
    # them in its reader's language. Empty on rows from before, which show ``reason``.
    reason_parts = models.JSONField(default=list, blank=True)
    confirmed = models.BooleanField(default=False, help_text=_("The attendee confirmed it."))
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.PLANNED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["registration", "session"],
                                               name="unique_agenda_item")]
        indexes = [models.Index(fields=["session"])]

    def __str__(self) -> str:
        return f"{self.registration.person} → {self.session}"


class SessionWaitlist(models.Model):
    """Waiting for a seat in a full session; the first in line moves in when one frees up."""

    registration = models.ForeignKey("people.Registration", on_delete=models.CASCADE,
                                     related_name="session_waits")
    session = models.ForeignKey("events.Session", on_delete=models.CASCADE,
                                related_name="waitlist")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["registration", "session"],
                                               name="unique_session_wait")]

    def __str__(self) -> str:
        return f"{self.registration.person} waits for {self.session}"
