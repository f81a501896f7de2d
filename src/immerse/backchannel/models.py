"""Posts about an event (tweets, toots, Bluesky posts, blog entries, facilitators' notes),
where they come from (sources polled on the social web, uploaded files), and how the wall
shows them (the event's listening settings and its moderators' decisions on authors)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from immerse.backchannel.kinds import KIND_BY_KEY, PolledKind, describe, kind_choices

#: The most an organizer may set: a year of margin around the event, a week for an alert.
#: Bounded so that one event's settings cannot overflow a date for the whole site.
MARGIN_HOURS_MAX = 24 * 366
ALERT_MINUTES_MAX = 7 * 24 * 60


class Post(models.Model):
    # No index of its own: the unique key and the (event, created_at) index both lead with
    # it, and every index is paid for on each of an ingest's many inserts.
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="posts",
                              db_index=False)
    # Free text: tweets and toots name their platform ("twitter", "mastodon", "bluesky"),
    # other inputs take their kind's default_label in engine.listening.sources ("csv",
    # "feed", "note").
    source = models.CharField(max_length=40)
    source_id = models.CharField(max_length=200, help_text=_("Id at the source: deduplicates."))
    author = models.CharField(max_length=200)
    text = models.TextField()
    created_at = models.DateTimeField()
    reply_to_id = models.CharField(max_length=200, blank=True)
    reply_to_author = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=500, blank=True)
    hashtags = models.JSONField(default=list, blank=True)
    mentions = models.JSONField(default=list, blank=True)
    kind = models.CharField(max_length=10, default="post", help_text=_("post, reply, repost…"))
    lang = models.CharField(max_length=16, blank=True)
    sentiment = models.CharField(max_length=10, blank=True)
    is_question = models.BooleanField(default=False)
    ingested_at = models.DateTimeField(auto_now_add=True)
    # The wall's moderation. Database defaults: the ingest writes rows with plain SQL and
    # names only the columns it fills.
    hidden = models.BooleanField(default=False, db_default=False,
                                 help_text=_("A moderator took it off the wall."))
    pinned = models.BooleanField(default=False, db_default=False,
                                 help_text=_("Shown at the top of the wall."))
    reviewed = models.BooleanField(
        default=False, db_default=False,
        help_text=_("A moderator let it onto a wall that holds posts with a content warning."))
    # What the author wrote beside the text: shown apart, counted for topics and links.
    content_warning = models.CharField(
        max_length=500, blank=True, db_default="",
        help_text=_("The author's warning (Mastodon spoiler text, Bluesky labels)."))
    sensitive = models.BooleanField(default=False, db_default=False,
                                    help_text=_("Covered on the wall until opened."))
    attachments = models.JSONField(
        default=list, blank=True,
        help_text=_('[kind, text] pairs: "poll" options, image "alt" text, a "link" card, '
        'the "quote"d post.'))
    # Other names the source gives: a reply may point at a parent or an author by them.
    local_id = models.CharField(max_length=200, blank=True, db_default="",
                                help_text=_("The id on the Mastodon instance read (host/id)."))
    author_id = models.CharField(max_length=200, blank=True, db_default="",
                                 help_text=_("The author's id at the source (a Bluesky DID)."))
    reply_to_author_id = models.CharField(max_length=200, blank=True, db_default="")

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


class Source(models.Model):
    """One place on the social web the event listens to, polled in the background.

    ``state`` holds where the next poll starts (Mastodon ``min_id``, Bluesky cursor and
    high-water time, feed ``ETag``/``Last-Modified``); ``secret`` the Bluesky app password
    and session tokens, encrypted (``backchannel.secrets``).
    """

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE,
                              related_name="listening_sources")
    # Callable choices: the migration stores the reference, so a new kind needs none.
    kind = models.CharField(max_length=10, choices=kind_choices)
    url = models.URLField(max_length=500, help_text=_("Instance, service or feed address."))
    tag = models.CharField(max_length=200, blank=True,
                           help_text=_("Hashtag (Mastodon) or search terms (Bluesky)."))
    handle = models.CharField(max_length=200, blank=True, help_text=_("Bluesky login handle."))
    secret = models.TextField(blank=True, help_text=_("Encrypted credentials and session."))
    active = models.BooleanField(default=True)
    state = models.JSONField(default=dict, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveIntegerField(default=0, help_text=_("Failed polls in a row."))
    last_error = models.CharField(max_length=500, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_summary = models.JSONField(default=dict, blank=True)
    posts_added = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "url", "tag"]
        constraints = [
            models.UniqueConstraint(fields=["event", "kind", "url", "tag"],
                                    name="unique_listening_source")
        ]
        indexes = [models.Index(fields=["active", "next_poll_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.url} {self.tag}".strip()

    @property
    def polled_kind(self) -> PolledKind | None:
        """Its entry in ``backchannel.kinds`` (None for a kind no longer there)."""
        return KIND_BY_KEY.get(self.kind)

    @property
    def label(self) -> str:
        """How people recognise it: ``#tag on mastodon.social``, ``"term" on Bluesky``."""
        kind = self.polled_kind
        return describe(kind.source_label if kind else "{address}", url=self.url, tag=self.tag)


class Upload(models.Model):
    """A backchannel file uploaded on the web, ingested by a background task.

    Kept in the database, not on one server's disk, so any worker can ingest it; the bytes
    are dropped once the ingest is done.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Ingesting")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE,
                              related_name="listening_uploads")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    filename = models.CharField(max_length=200)
    fmt = models.CharField(max_length=10, help_text=_("Format, as sniffed or chosen."))
    data = models.BinaryField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    report = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


class ListeningSettings(models.Model):
    """An event's listening choices; a missing row means the site's defaults."""

    event = models.OneToOneField("events.Event", on_delete=models.CASCADE,
                                 related_name="listening_settings")
    wall_public = models.BooleanField(
        default=False, help_text=_("Anyone with the link may open the wall."))
    hold_new_authors = models.BooleanField(
        default=False, help_text=_("Posts by authors not yet approved wait for a moderator."))
    margin_before_hours = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MARGIN_HOURS_MAX)],
        help_text=_("Keep posts from this long before the first day."))
    margin_after_hours = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MARGIN_HOURS_MAX)],
        help_text=_("Keep posts until this long after the last day."))
    question_alert_minutes = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(ALERT_MINUTES_MAX)],
        help_text=_("Alert organizers when a question waits this long."))

    class Warned(models.TextChoices):
        COLLAPSE = "collapse", _("Show them collapsed behind the warning")
        HOLD = "hold", _("Hold them for a moderator")

    warned_posts = models.CharField(
        max_length=10, choices=Warned.choices, default=Warned.COLLAPSE,
        help_text=_("Posts with a content warning or marked sensitive: on the wall, "
                    "the dashboard and this page their text opens on a click."))
    #: Bumped by every moderation decision, so walls notice a change without new posts.
    moderation_version = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Listening settings of {self.event}"


class AuthorReview(models.Model):
    """A moderator's decision on one author of one platform: shown, or kept off the wall."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        BLOCKED = "blocked", _("Blocked")

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE,
                              related_name="author_reviews")
    source = models.CharField(max_length=40)
    author = models.CharField(max_length=200)
    decision = models.CharField(max_length=10, choices=Decision.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "source", "author"],
                                    name="unique_author_review")
        ]

    def __str__(self) -> str:
        return f"{self.author} ({self.source}): {self.decision}"
