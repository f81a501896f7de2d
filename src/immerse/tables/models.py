"""Round tables: who sits at which table in a table-discussion session."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TablePlan(models.Model):
    """How the tables of one session were formed (kept for the organizer, and re-runs)."""

    session = models.OneToOneField("events.Session", on_delete=models.CASCADE,
                                   related_name="table_plan")
    tables = models.PositiveSmallIntegerField()
    seed = models.IntegerField(default=0)
    objective = models.FloatField()
    seconds = models.FloatField()
    violations = models.JSONField(default=list, blank=True)
    rotation_round = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.tables} tables for {self.session}"


class TableSeat(models.Model):
    session = models.ForeignKey("events.Session", on_delete=models.CASCADE,
                                related_name="table_seats")
    registration = models.ForeignKey("people.Registration", on_delete=models.CASCADE,
                                     related_name="table_seats")
    table = models.PositiveSmallIntegerField(help_text=_("1-based table number"))
    moved_by_hand = models.BooleanField(default=False)

    class Meta:
        ordering = ["table", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "registration"],
                                               name="one_seat_per_session")]

    def __str__(self) -> str:
        return f"{self.registration.person} at table {self.table}"


NOTES_MAX = 20000


class TableNotes(models.Model):
    """The notes of one table of a session as they stand now (``number``: the latest
    revision); the row tablemates' saves lock, one at a time, to merge onto."""

    session = models.ForeignKey("events.Session", on_delete=models.CASCADE,
                                related_name="table_notes")
    table = models.PositiveSmallIntegerField(help_text=_("1-based table number"))
    text = models.TextField(blank=True, max_length=NOTES_MAX)
    number = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey("people.Person", on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "table"],
                                               name="one_notes_per_table")]

    def __str__(self) -> str:
        return f"Notes of table {self.table} of {self.session}"


class TableNotesRevision(models.Model):
    """One save of a table's notes: who, when, from which revision, and what it became."""

    notes = models.ForeignKey(TableNotes, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    base = models.PositiveIntegerField(help_text=_("The revision the editor had loaded."))
    text = models.TextField(blank=True, max_length=NOTES_MAX)
    author = models.ForeignKey("people.Person", on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="table_notes_revisions")
    conflicts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["notes", "number"],
                                               name="one_revision_number_per_notes")]

    def __str__(self) -> str:
        return f"Revision {self.number} of {self.notes}"


class TableStory(models.Model):
    """The facilitator's proposal to publish a table's notes as a story for the library.

    ``story_id`` is the learning app's story once published (a plain id: learning sits
    above tables and writes it, tables does not know stories).
    """

    notes = models.OneToOneField(TableNotes, on_delete=models.CASCADE, related_name="story")
    title = models.CharField(max_length=300)
    privacy = models.CharField(max_length=12)
    proposed_by = models.ForeignKey("auth.User", on_delete=models.SET_NULL, null=True,
                                    related_name="+")
    story_id = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.title


class TableStoryConsent(models.Model):
    """A tablemate who wrote in the notes, asked whether the story may name them."""

    class Answer(models.TextChoices):
        WAITING = "waiting", pgettext_lazy("consent", "Waiting")
        YES = "yes", pgettext_lazy("consent", "Yes")
        NO = "no", pgettext_lazy("consent", "No")

    story = models.ForeignKey(TableStory, on_delete=models.CASCADE, related_name="consents")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=8, choices=Answer.choices, default=Answer.WAITING)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["story", "person"],
                                               name="one_consent_per_author")]

    def __str__(self) -> str:
        return f"{self.person}: {self.answer}"
