"""Reads of progression: a person's level history, events attended, the next event to suggest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet

from immerse.events.models import Event
from immerse.learning.models import EventPathway, SeriesEvent
from immerse.people.models import Assessment, Person, Registration


@dataclass(frozen=True)
class Suggestion:
    event: Event
    reason: str


def person_level(person: Person) -> int | None:
    """The latest assessment's level, else the level of the latest sign-up."""
    latest = person.assessments.order_by("-created_at", "-id").first()
    if latest is not None:
        return latest.level
    return (Registration.objects.filter(person=person, level__isnull=False)
            .order_by("-created_at").values_list("level", flat=True).first())


def level_history(*, person: Person) -> QuerySet[Assessment]:
    return person.assessments.select_related("event").order_by("created_at", "id")


def events_attended(*, person: Person) -> QuerySet[Event]:
    return Event.objects.filter(registrations__person=person,
                                registrations__status=Registration.Status.CONFIRMED
                                ).order_by("start_date")


def _pathway(event: Event) -> EventPathway | None:
    try:
        return event.pathway
    except EventPathway.DoesNotExist:
        return None


def events_suggested(*, person: Person, today: date, limit: int = 3) -> list[Suggestion]:
    """Upcoming published events that fit the person's level and whose prerequisites are done.

    The next event of a series the person is following comes first, then by date.
    """
    level = person_level(person) or 1
    attended = set(Registration.objects.filter(
        person=person, status=Registration.Status.CONFIRMED).values_list("event_id", flat=True))
    signed_up = set(Registration.objects.filter(person=person).exclude(
        status=Registration.Status.CANCELLED).values_list("event_id", flat=True))
    # Which series the person follows: the positions of the series' events they attended.
    followed: dict[int, int] = {}
    for series_id, position in SeriesEvent.objects.filter(event_id__in=attended).values_list(
            "series_id", "position"):
        followed[series_id] = min(position, followed.get(series_id, position))
    items = SeriesEvent.objects.select_related("series").order_by("position")
    candidates = (Event.objects.filter(published=True, start_date__gte=today)
                  .exclude(id__in=signed_up).select_related("pathway")
                  .prefetch_related("pathway__prerequisites",
                                    Prefetch("series_items", queryset=items))
                  .order_by("start_date"))
    ranked: list[tuple[int, date, Suggestion]] = []
    for event in candidates:
        pathway = _pathway(event)
        if pathway is not None:
            if not pathway.min_level <= level <= pathway.max_level:
                continue
            if any(p.pk not in attended for p in pathway.prerequisites.all()):
                continue
        rank, reason = 1, f"Fits your level ({level})."
        for item in event.series_items.all():
            if followed.get(item.series_id, item.position) < item.position:
                rank, reason = 0, f"Next in {item.series.title}."
                break
        ranked.append((rank, event.start_date, Suggestion(event, reason)))
    ranked.sort(key=lambda row: (row[0], row[1]))
    return [suggestion for _, _, suggestion in ranked[:limit]]
