"""Questions and polls from the room: what attendees ask and vote on during a session."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from immerse.events.models import Event, Session

#: Longest question (a sentence or two, readable on the projector).
QUESTION_MAX = 300
#: Longest poll prompt and choice.
PROMPT_MAX = 200
CHOICE_MAX = 80
#: Words one person gives a word-cloud poll, and the longest word.
WORDS_MAX = 3
WORD_MAX = 30


class AudienceSettings(models.Model):
    """The event's rules for the room: may people ask anonymously, are questions approved
    before the room sees them."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE,
                                 related_name="audience_settings")
    anonymous_questions = models.BooleanField(
        default=False, verbose_name=_("Allow anonymous questions"))
    moderate_questions = models.BooleanField(
        default=False, verbose_name=_("Approve questions before the room sees them"))
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Room rules of event {self.event_id}"


class Question(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        VISIBLE = "visible", _("Visible")
        HIDDEN = "hidden", _("Hidden")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="questions")
    # Kept even when anonymous (one vote each, rate limits); never shown then.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="audience_questions")
    author_name = models.CharField(max_length=200, blank=True)  # empty: anonymous
    text = models.CharField(max_length=QUESTION_MAX)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VISIBLE)
    pinned = models.BooleanField(default=False)
    answered_at = models.DateTimeField(null=True, blank=True)
    # Kept by the vote services with F() under the vote's unique constraint.
    votes = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self) -> str:
        return self.text[:60]


class QuestionVote(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="upvotes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="audience_question_votes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["question", "user"],
                                               name="audience_one_vote_per_question")]

    def __str__(self) -> str:
        return f"Vote on question {self.question_id}"


class Poll(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("One choice")
        MULTIPLE = "multiple", _("Several choices")
        RATING = "rating", _("A rating from 1 to 5")
        WORDS = "words", _("A word cloud")
        INVENTORY = "inventory", _("Tools used this week")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Not open yet")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Phase(models.TextChoices):
        NONE = "", _("On its own")
        BEFORE = "before", _("Before the session")
        AFTER = "after", _("After the session")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="polls")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    prompt = models.CharField(max_length=PROMPT_MAX)
    choices = models.JSONField(default=list, blank=True)  # labels, for single/multiple/inventory
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    phase = models.CharField(max_length=10, choices=Phase.choices, default="", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.prompt[:60]


class PollPair(models.Model):
    """A "before" poll and the "after" copy that repeats it: their results show the shift.
    A row of its own (not a link on the poll) so that a backup restores both polls first."""

    before = models.OneToOneField(Poll, on_delete=models.CASCADE, related_name="pair_after")
    after = models.OneToOneField(Poll, on_delete=models.CASCADE, related_name="pair_before")

    def __str__(self) -> str:
        return f"Polls {self.before_id} → {self.after_id}"


class PollVote(models.Model):
    """One person's answer: choice indexes, a rating ``[n]`` or normalised words."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="audience_poll_votes")
    answer = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "user"],
                                               name="audience_one_vote_per_poll")]

    def __str__(self) -> str:
        return f"Answer to poll {self.poll_id}"
