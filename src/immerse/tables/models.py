"""Round tables: who sits at which table in a table-discussion session."""

from __future__ import annotations

from django.db import models


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
    table = models.PositiveSmallIntegerField(help_text="1-based table number")
    moved_by_hand = models.BooleanField(default=False)

    class Meta:
        ordering = ["table", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "registration"],
                                               name="one_seat_per_session")]

    def __str__(self) -> str:
        return f"{self.registration.person} at table {self.table}"
