"""Take-home plans: versioned, peer-reviewed, commented by experts, revisited later."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

PLAN_FIELDS: tuple[tuple[str, str], ...] = (
    ("goal", "Goal"),
    ("listen_first", "Who to listen to first, and where"),
    ("step_1", "First step"),
    ("step_2", "Second step"),
    ("step_3", "Third step"),
    ("success", "How success is seen"),
    ("risk_legal", "Legal risks"),
    ("risk_culture", "Culture risks"),
    ("risk_security", "Security risks"),
)


class Plan(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="plans")
    event = models.ForeignKey("events.Event", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="plans")
    session = models.ForeignKey("events.Session", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="plans")
    goal = models.CharField(max_length=300, help_text=_("Copy of the latest version's goal."))
    reviewers = models.ManyToManyField("people.Person", blank=True,
                                       related_name="plans_to_review")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return self.goal


class PlanVersion(models.Model):
    """One saved state of a plan; saving never overwrites, it adds the next number."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    goal = models.TextField()
    listen_first = models.TextField(blank=True)
    tools = models.JSONField(default=list, blank=True, help_text=_("Catalogue tool keys."))
    step_1 = models.TextField(blank=True)
    step_2 = models.TextField(blank=True)
    step_3 = models.TextField(blank=True)
    success = models.TextField(blank=True)
    risk_legal = models.TextField(blank=True)
    risk_culture = models.TextField(blank=True)
    risk_security = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_plan_version")
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"

    @property
    def steps(self) -> list[str]:
        return [self.step_1, self.step_2, self.step_3]


class PlanComment(models.Model):
    class Kind(models.TextChoices):
        REVIEW = "review", _("Peer review")
        EXPERT = "expert", _("Expert comment")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments")
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="plan_comments")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.author}"


class PlanCheckin(models.Model):
    """"Did step 1 happen?": asked again at the next event the person comes to."""

    class Status(models.TextChoices):
        DONE = "done", _("Done")
        PARTLY = "partly", _("Partly")
        NOT_YET = "not_yet", _("Not yet")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="checkins")
    step = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices)
    note = models.TextField(blank=True)
    event = models.ForeignKey("events.Event", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["step", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(step__gte=1, step__lte=3),
                                   name="checkin_step_1_to_3")
        ]

    def __str__(self) -> str:
        return f"{self.plan} step {self.step}: {self.status}"
