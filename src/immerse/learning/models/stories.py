"""Stories, problems and cases; feedback after sessions."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from immerse.engine.catalogue import DISCIPLINES
from immerse.people.models import LEVEL_CHOICES, Privacy


class Story(models.Model):
    class Kind(models.TextChoices):
        STORY = "story", _("Story")
        PROBLEM = "problem", _("Problem")
        CASE = "case", _("Case")

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STORY)
    title = models.CharField(max_length=300)
    context = models.TextField(blank=True)
    what_was_done = models.TextField(blank=True)
    outcome = models.TextField(blank=True, help_text=_("Not necessarily money."))
    body = models.TextField(blank=True)
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="stories"
    )
    event = models.ForeignKey(
        "events.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="stories"
    )
    tools = models.ManyToManyField("people.Tool", blank=True, related_name="stories")
    topics = models.JSONField(default=list, blank=True)
    level = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES, null=True, blank=True)
    discipline = models.CharField(max_length=20, choices=DISCIPLINES, blank=True)
    privacy = models.CharField(max_length=12, choices=Privacy.choices, default=Privacy.PRIVATE)
    sessions = models.ManyToManyField("events.Session", blank=True, related_name="cases")
    # All searchable words in one column, kept by services.story_save; the full-text index
    # (FTS5 on SQLite, a GIN tsvector expression index on PostgreSQL) is built on it.
    search_text = models.TextField(blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return self.title


class Feedback(models.Model):
    session = models.ForeignKey("events.Session", on_delete=models.CASCADE, related_name="feedback")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    what_worked = models.TextField(blank=True)
    next_step = models.TextField(blank=True, help_text=_("One thing I will do next."))
    story_line = models.CharField(max_length=300, blank=True)
    # The level and prompt at the time, so "what works for whom" survives re-assessment.
    level = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES, null=True, blank=True)
    prompt = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="unique_feedback"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.session}: {self.rating}"
