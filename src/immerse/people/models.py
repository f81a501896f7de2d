"""People, their tool inventory, per-event registrations, level assessments and the tool
snapshot taken with each."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from immerse.common.labels import LEVEL_NAMES
from immerse.common.languages import KNOWN
from immerse.common.questionnaire import DISCIPLINE_NAMES, FREQUENCY_NAMES, named_choices
from immerse.engine.catalogue import DISCIPLINES, FREQUENCIES
from immerse.engine.levels import QUESTION_BY_KEY, is_guess, look_for, unanswered_core

# "1 Eye-opener": the level's name in the active language when the choices are drawn.
LEVEL_CHOICES = [(level, format_lazy("{} {}", level, name)) for level, name in LEVEL_NAMES.items()]


class Tool(models.Model):
    """The catalogue of social tools (seeded from engine.catalogue.TOOLS)."""

    key = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=80)
    examples = models.CharField(max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "label"]

    def __str__(self) -> str:
        return self.label


class Person(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(unique=True)
    organization = models.CharField(max_length=200, blank=True)
    discipline = models.CharField(
        max_length=20, choices=named_choices(DISCIPLINES, DISCIPLINE_NAMES), default="other")
    region = models.CharField(max_length=100, blank=True)
    # {"microblog": "@ann", "blog": "https://…", "video": "https://…"}: public on the hub.
    channels = models.JSONField(default=dict, blank=True)
    bio = models.TextField(blank=True)
    is_expert = models.BooleanField(default=False, help_text=_("Practitioner/expert on call."))
    # When the owner of ``email`` last proved it by clicking a link sent there (sign-up
    # confirmation, log-in link, password reset). Until then nobody may act as this person
    # on the strength of the address alone; organizers' imports do not set it.
    email_verified_at = models.DateTimeField(null=True, blank=True)
    # The language they chose (the switcher stores it): their pages and every message to
    # them, whoever sends it. Empty: not chosen (the event's default, then the browser's).
    language = models.CharField(_("language"), max_length=8, blank=True,
                                choices=list(KNOWN.items()))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name


class ToolUse(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="tool_uses")
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="uses")
    frequency = models.CharField(
        max_length=10, choices=named_choices(FREQUENCIES, FREQUENCY_NAMES), default="never")
    confidence = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "tool"], name="unique_tool_use"),
            models.CheckConstraint(
                condition=models.Q(confidence__gte=1, confidence__lte=5),
                name="tool_confidence_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.tool} {self.frequency}"


class Privacy(models.TextChoices):
    PRIVATE = "private", _("Only me and the organizers")
    PARTICIPANTS = "participants", _("Event participants")
    PUBLIC = "public", _("Public")


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waitlisted")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="registrations")
    status = models.CharField(max_length=12, choices=Status.choices, db_index=True)
    level = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES, null=True, blank=True)
    stories = models.TextField(blank=True, help_text=_("Stories and cases they bring."))
    problems = models.TextField(blank=True, help_text=_("Problems they bring."))
    stories_privacy = models.CharField(
        max_length=12, choices=Privacy.choices, default=Privacy.PARTICIPANTS
    )
    other_tools = models.CharField(max_length=300, blank=True)
    interests = models.JSONField(default=list, blank=True, help_text=_("Topics they want."))
    source = models.CharField(max_length=20, default="web")  # web, import, api, demo
    # The secret in the attendee's private calendar URL (calendar apps cannot log in).
    calendar_token = models.CharField(max_length=43, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="unique_registration")
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.event} ({self.status})"


class Assessment(models.Model):
    """One take of the level questionnaire; re-takes add rows, so history is kept."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assessments")
    event = models.ForeignKey(
        "events.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answers = models.JSONField(default=dict)
    level = models.PositiveSmallIntegerField(choices=LEVEL_CHOICES)
    explanation = models.TextField()
    look_for = models.TextField(blank=True)
    topic_levels = models.JSONField(default=dict, blank=True)
    # The organizer gave the level (a sheet's level column): not a guess, answers or not.
    placed_by_organizer = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.person}: level {self.level}"

    @property
    def advice(self) -> str:
        """What to look for: the stored words, or the level's when none were stored."""
        return self.look_for or look_for(self.level)

    @property
    def is_guess(self) -> bool:
        """The level came without the questionnaire's core answers (an import, an API call
        with tools only): a guess, which the person's pages say, with the way to fix it.
        A level the organizer placed is not a guess."""
        return not self.placed_by_organizer and is_guess(self.answers)

    @property
    def unanswered_prompts(self) -> list[str]:
        return [QUESTION_BY_KEY[key].prompt for key in unanswered_core(self.answers)]


class ToolSnapshot(models.Model):
    """The person's tool inventory when an assessment was taken: {tool key: [freq, conf]}.

    ToolUse holds only the present; reports need the past to tell which tools were adopted.
    Written with the assessment by ``people.services.assessments``.
    """

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE,
                                      related_name="tool_snapshot")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="tool_snapshots")
    tools = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Moved from the learning app; the table kept its name, so no data was copied.
        db_table = "learning_toolsnapshot"

    def __str__(self) -> str:
        return f"Tools of {self.person} at assessment {self.assessment_id}"


class ApiToken(models.Model):
    """A token for integrations: only its SHA-256 is stored; the key is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class SheetUpload(models.Model):
    """An uploaded sign-up sheet waiting for the organizer's go-ahead after the preview.

    Kept in the database, not on one server's disk, so any app server can finish the import.
    """

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                    related_name="+")
    filename = models.CharField(max_length=200)
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.filename


class PendingSignup(models.Model):
    """A sign-up kept until the owner of its address clicks the link mailed there.

    Nothing about the person is written before that: the submitted form is kept here as
    ``payload`` and applied on confirmation (``people.services.identity``). While
    ``held_until`` lies ahead, a seat is kept for it; after that the seat is free again.
    """

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    payload = models.JSONField(default=dict)
    source = models.CharField(max_length=20, default="web")
    # The account that asked (a logged-in user whose address is not proven), if any.
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    nonce = models.CharField(max_length=32)
    held_until = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["event", "email"], condition=models.Q(confirmed_at__isnull=True),
            name="one_open_signup_per_address")]
        indexes = [models.Index(fields=["event", "held_until"], name="signup_hold"),
                   models.Index(fields=["held_until"], name="signup_hold_due"),
                   models.Index(fields=["expires_at"], name="signup_expiry")]

    def __str__(self) -> str:
        return f"{self.email} for {self.event_id} ({'confirmed' if self.confirmed_at else 'open'})"


class LoginLink(models.Model):
    """A one-time log-in link mailed to a person: used once, or expired."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=32)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["expires_at"], name="login_link_expiry")]

    def __str__(self) -> str:
        return f"log-in link {self.pk} for {self.person_id}"


class SignupQuestion(models.Model):
    """A question of the organizers' own on the sign-up form (the web form and the API
    ask it; the answers follow the registration into its page, the CSV and the backup)."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        ONE = "one", _("One choice")
        MANY = "many", _("Several choices")

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE,
                              related_name="signup_questions")
    prompt = models.CharField(max_length=300)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.TEXT)
    #: The options of a choice question, as shown (and stored in the answers).
    choices = models.JSONField(default=list, blank=True)
    required = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.prompt


class SignupAnswer(models.Model):
    """One registration's answer to one extra question: text, a choice, or a list of them."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="signup_answers")
    question = models.ForeignKey(SignupQuestion, on_delete=models.CASCADE,
                                 related_name="answers")
    value = models.JSONField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["registration", "question"],
                                               name="one_answer_per_question")]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.text}"

    @property
    def text(self) -> str:
        """The answer as one line (several choices joined by "; ")."""
        return "; ".join(self.value) if isinstance(self.value, list) else str(self.value)
