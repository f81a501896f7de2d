"""The outbox: one row per logical message, which is also the person's in-app notification."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from immerse.notify.kinds import KINDS

KIND_CHOICES = [(kind.key, kind.label) for kind in KINDS]


class Message(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SUPPRESSED = "suppressed", _("Not sent (unsubscribed)")
        # Queued while messages were held (the demo's fictional people): in the outbox and
        # the in-app list, never handed to SMTP.
        HELD = "held", _("Held (never sent)")
        # Planning agendas or forming tables made it: it waits until the organizer says
        # "Tell them now" (not sent, not in the person's in-app list meanwhile).
        WAITING = "waiting", _("Waiting for the organizer")

    kind = models.CharField(max_length=40, choices=KIND_CHOICES)
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, null=True, blank=True,
                              related_name="messages")
    # The in-app owner; None for an address nobody has confirmed yet.
    person = models.ForeignKey("people.Person", on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="messages")
    to_email = models.EmailField()
    to_name = models.CharField(max_length=200, blank=True)
    context = models.JSONField(default=dict, blank=True)
    # The recipient's chosen language when it was queued (empty: none chosen; rendering
    # then takes the event's default, then English): ``rendering.message_language``.
    language = models.CharField(max_length=8, blank=True)
    # The kind's credential-bearing placeholders (``Kind.secret``: confirmation, log-in,
    # reset, rating, check-in and calendar links), kept out of ``context`` so that only the
    # mail handed to SMTP carries them; every page, the admin and exports leave them out.
    secrets = models.JSONField(default=dict, blank=True, editable=False)
    # Unique per logical message ("promoted:reg-17"): queuing it again is a no-op.
    key = models.CharField(max_length=200, unique=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Where the mail setting handed it when it was sent ("console", "file:<dir>",
    # "smtp:<host>:<port>"): the outbox says it in words (notify.delivery).
    sent_via = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="message_due"),
            models.Index(fields=["person", "-created_at"], name="message_inbox"),
            models.Index(fields=["event", "status"], name="message_outbox"),
            models.Index(fields=["sent_at"], name="message_sent_at"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.to_email} ({self.status})"


class Suppression(models.Model):
    """An address that opted out of one kind (or of every non-transactional kind: "")."""

    email = models.EmailField()
    kind = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["email", "kind"],
                                               name="suppression_once")]

    def __str__(self) -> str:
        return f"{self.email} ✕ {self.kind or 'all optional mail'}"


class MessageTemplate(models.Model):
    """An organizer's wording of one kind for one event (placeholders checked on save)."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE,
                              related_name="message_templates")
    kind = models.CharField(max_length=40, choices=KIND_CHOICES)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "kind"],
                                               name="message_template_once")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.event_id}"


class Broadcast(models.Model):
    """An organizer's message to a segment of an event's people, queued once per recipient.

    ``nonce`` comes from the form that previewed it: the same form sent twice (a double
    click, a reload) queues nothing more.
    """

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE,
                              related_name="broadcasts")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    # {"levels": [1, 2], "statuses": ["confirmed"], "tools": ["blogging"], "disciplines": []}
    segment = models.JSONField(default=dict, blank=True)
    recipients = models.PositiveIntegerField(default=0)
    nonce = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.subject} ({self.recipients} recipients)"
