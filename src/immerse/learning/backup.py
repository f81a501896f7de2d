"""What the learning app puts in an event's backup (see ``common.backups``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from immerse.common.backups import AppBackup, BackedUp, Unlocks, event_rows, owned_rows
from immerse.learning.models import (
    Chapter,
    EventPathway,
    ExperiencePost,
    Feedback,
    Mentorship,
    Plan,
    PlanCheckin,
    PlanComment,
    PlanVersion,
    Resource,
    Series,
    SeriesEvent,
    Story,
)


def _chapters(scope: Any) -> Any:
    series = Series.objects.filter(items__event=scope.event)
    return Chapter.objects.filter(
        Q(events=scope.event) | Q(pk__in=series.values("chapter_id"))).distinct()


def _unlocked(event: Any) -> Iterable[str]:
    """The events whose pathway has ``event`` as a prerequisite."""
    return EventPathway.objects.filter(prerequisites=event).values_list("event__slug",
                                                                        flat=True)


def _unlocks_restore(event: Any, slugs: list[str]) -> None:
    for slug in slugs:
        for pathway in EventPathway.objects.filter(event__slug=slug):
            pathway.prerequisites.add(event)


BACKUP = AppBackup(
    models=(
        BackedUp(Chapter, "shared", _chapters, key="slug"),
        BackedUp(Series, "shared",
                 lambda scope: Series.objects.filter(items__event=scope.event), key="slug"),
        event_rows(Feedback, "session__event"),
        event_rows(Story, outlives_event=True),
        event_rows(Plan, outlives_event=True),
        event_rows(PlanVersion, "plan__event"), event_rows(PlanComment, "plan__event"),
        event_rows(PlanCheckin, "plan__event"), event_rows(Mentorship),
        event_rows(SeriesEvent), event_rows(EventPathway),
        owned_rows(Resource), owned_rows(ExperiencePost),
    ),
    people=(
        lambda scope: Feedback.objects.filter(session__event=scope.event)
        .values_list("person_id"),
        lambda scope: Plan.objects.filter(event=scope.event).values_list("person_id"),
        lambda scope: Plan.reviewers.through.objects.filter(plan__event=scope.event)
        .values_list("person_id"),
        lambda scope: PlanComment.objects.filter(plan__event=scope.event)
        .values_list("author_id"),
        lambda scope: Mentorship.objects.filter(event=scope.event).values_list("mentor_id"),
        lambda scope: Mentorship.objects.filter(event=scope.event).values_list("mentee_id"),
        lambda scope: Story.objects.filter(event=scope.event, person__isnull=False)
        .values_list("person_id"),
    ),
    person_links=("feedback", "plans", "plan_comments", "plans_to_review", "mentoring",
                  "mentors"),
    unlocks=Unlocks(read=_unlocked, restore=_unlocks_restore),
)
