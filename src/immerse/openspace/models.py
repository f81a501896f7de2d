"""Open space: a proposals period, the sessions participants propose, and their votes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from immerse.engine.catalogue import LEVEL_LABELS
from immerse.events.models import format_choices

TITLE_MAX = 120
OFFER_MAX = 1000

#: Why a proposal was not placed, for people (keys: engine.openspace.Unplaced).
UNPLACED_REASONS = {
    "no_votes": _("Nobody voted for it."),
    "no_room": _("No free room and slot was left: other proposals had more votes."),
    "host_busy": _("Its host is busy (hosting another session) at every free time."),
}


class OpenSpace(models.Model):
    """One event's proposals period and when its proposals are placed in the program.

    ``rooms`` and ``slots`` limit where proposals may go (empty: every room, every slot);
    within them only the room-slots with no session are free.
    """

    event = models.OneToOneField("events.Event", on_delete=models.CASCADE,
                                 related_name="open_space")
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    places_at = models.DateTimeField(help_text=_("When the proposals are placed in the program."))
    rooms = models.ManyToManyField("events.Room", blank=True, related_name="+")
    slots = models.ManyToManyField("events.TimeSlot", blank=True, related_name="+")
    placed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")),
                                   name="open_space_closes_after_opening"),
        ]

    def __str__(self) -> str:
        return f"Open space of {self.event}"


class Proposal(models.Model):
    """A session a participant offers to host; ``session`` once placed in the program."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE,
                              related_name="proposals")
    registration = models.ForeignKey("people.Registration", on_delete=models.CASCADE,
                                     related_name="proposals")
    title = models.CharField(max_length=TITLE_MAX)
    offer = models.TextField(max_length=OFFER_MAX)
    format = models.CharField(max_length=20, choices=format_choices)
    levels = models.JSONField(default=list)
    session = models.OneToOneField("events.Session", on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="proposal")
    # Why it was not placed (engine.openspace.Unplaced), empty while waiting or once placed.
    unplaced = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def level_labels(self) -> list[str]:
        return [f"{level} · {LEVEL_LABELS[level]}" for level in self.levels
                if level in LEVEL_LABELS]

    @property
    def unplaced_reason(self) -> str:
        return str(UNPLACED_REASONS.get(self.unplaced, ""))


class ProposalVote(models.Model):
    """One participant would attend a proposal: one vote per person per proposal."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="votes")
    registration = models.ForeignKey("people.Registration", on_delete=models.CASCADE,
                                     related_name="proposal_votes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "registration"],
                                               name="one_vote_per_proposal")]

    def __str__(self) -> str:
        return f"{self.registration} → {self.proposal}"
