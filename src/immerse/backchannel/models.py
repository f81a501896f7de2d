"""Posts about an event: tweets, toots, blog entries and facilitators' notes."""

from __future__ import annotations

from django.db import models


class Post(models.Model):
    # No index of its own: the unique key and the (event, created_at) index both lead with
    # it, and every index is paid for on each of an ingest's many inserts.
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="posts",
                              db_index=False)
    # Free text: importers name their platform ("twitter", "mastodon", "feed", "note", …).
    source = models.CharField(max_length=40)
    source_id = models.CharField(max_length=200, help_text="Id at the source: deduplicates.")
    author = models.CharField(max_length=200)
    text = models.TextField()
    created_at = models.DateTimeField()
    reply_to_id = models.CharField(max_length=200, blank=True)
    reply_to_author = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=500, blank=True)
    hashtags = models.JSONField(default=list, blank=True)
    mentions = models.JSONField(default=list, blank=True)
    kind = models.CharField(max_length=10, default="post", help_text="post, reply, repost…")
    lang = models.CharField(max_length=16, blank=True)
    sentiment = models.CharField(max_length=10, blank=True)
    is_question = models.BooleanField(default=False)
    ingested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "source", "source_id"], name="unique_post_per_source"
            )
        ]
        indexes = [models.Index(fields=["event", "created_at"])]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:60]}"
