"""The community of practice: shared resources, experience posts, mentorships."""

from __future__ import annotations

from django.db import models


class Resource(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="resources")
    title = models.CharField(max_length=200)
    url = models.URLField()
    note = models.TextField(blank=True)
    tools = models.ManyToManyField("people.Tool", blank=True, related_name="resources")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class ExperiencePost(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="experience_posts")
    title = models.CharField(max_length=200)
    body = models.TextField()
    tools = models.ManyToManyField("people.Tool", blank=True, related_name="experience_posts")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Mentorship(models.Model):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, null=True, blank=True,
                              related_name="mentorships")
    mentor = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="mentoring")
    mentee = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="mentors")
    fit = models.FloatField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "mentee"], name="unique_mentee_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.mentor} mentors {self.mentee}"
