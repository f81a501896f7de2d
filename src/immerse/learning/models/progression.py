"""Progression across events: series and courses, prerequisites, chapters."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from immerse.people.models import LEVEL_CHOICES


class Chapter(models.Model):
    """A regional community with recurring meetups (events of kind ``meetup``)."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    region = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True)
    cadence = models.CharField(max_length=120, blank=True, help_text=_("e.g. first Thursday"))
    events = models.ManyToManyField("events.Event", blank=True, related_name="chapters")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Series(models.Model):
    """Events in order: a course path (101 → immersion → deeper) or a discussion series."""

    class Kind(models.TextChoices):
        PATH = "path", _("Course path")
        DISCUSSION = "discussion", _("Discussion series")
        MEETUPS = "meetups", _("Meetup series")

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.PATH)
    description = models.TextField(blank=True)
    chapter = models.ForeignKey(Chapter, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="series")

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.title


class SeriesEvent(models.Model):
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="items")
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE,
                              related_name="series_items")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["series", "event"], name="unique_series_event")
        ]

    def __str__(self) -> str:
        return f"{self.series} #{self.position}: {self.event}"


class EventPathway(models.Model):
    """Who an event is for: a level range and the events or courses to do first."""

    event = models.OneToOneField("events.Event", on_delete=models.CASCADE,
                                 related_name="pathway")
    min_level = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES, default=1)
    max_level = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES, default=4)
    prerequisites = models.ManyToManyField("events.Event", blank=True, related_name="unlocks")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(min_level__lte=models.F("max_level")),
                                   name="pathway_levels_ordered")
        ]

    def __str__(self) -> str:
        return f"Pathway of {self.event}"
