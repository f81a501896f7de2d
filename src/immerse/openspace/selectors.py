"""Reads about open space: the period, proposals with live vote counts, the version."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, QuerySet

from immerse.common.live import rows_version
from immerse.events.models import Event
from immerse.openspace.models import UNPLACED_REASONS, OpenSpace, Proposal, ProposalVote
from immerse.people.models import Registration

__all__ = ["UNPLACED_REASONS", "open_space_of", "proposals_list", "proposals_version"]


def open_space_of(event: Event) -> OpenSpace | None:
    return OpenSpace.objects.filter(event=event).first()


def proposals_list(*, event: Event, registration: Registration | None) -> QuerySet[Proposal]:
    """The event's proposals, most voted first, with ``n_votes`` and ``mine`` (voted by
    ``registration``) in one query."""
    rows = (Proposal.objects.filter(event=event)
            .select_related("registration__person", "session__room", "session__slot")
            .annotate(n_votes=Count("votes")))
    if registration is not None:
        rows = rows.annotate(mine=Exists(ProposalVote.objects.filter(
            proposal=OuterRef("pk"), registration=registration)))
    return rows.order_by("-n_votes", "created_at", "id")


def proposals_version(*, event: Event) -> str:
    """Changes with any proposal, vote count or the period (one aggregate query each)."""
    space = open_space_of(event)
    extra = f"{space.updated_at.timestamp() if space else 0}"
    return rows_version(Proposal.objects.filter(event=event), extra=extra)
