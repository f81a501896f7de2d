"""Reads of progression: a person's level history, the events they attended and the ones
coming up, and the next events to suggest (``engine.next_steps`` judges the ladder)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from immerse.engine.languages import translated_into
from immerse.engine.next_steps import EventOffer, ladder_fit
from immerse.events.models import Event, Session
from immerse.learning.models import EventPathway, SeriesEvent
from immerse.people.models import Assessment, Person, Registration


@dataclass(frozen=True)
class Suggestion:
    event: Event
    reason: str


@dataclass(frozen=True)
class PersonEvents:
    """``attended``: events over (their last day before today in their own time zone) where
    the person had a seat; ``coming_up``: events not over yet, with the registration."""

    attended: list[Event] = field(default_factory=list)
    coming_up: list[Registration] = field(default_factory=list)


def person_level(person: Person) -> int | None:
    """The latest assessment's level, else the level of the latest sign-up."""
    latest = person.assessments.order_by("-created_at", "-id").first()
    if latest is not None:
        return latest.level
    return (Registration.objects.filter(person=person, level__isnull=False)
            .order_by("-created_at").values_list("level", flat=True).first())


def level_history(*, person: Person) -> QuerySet[Assessment]:
    return person.assessments.select_related("event").order_by("created_at", "id")


def event_is_over(event: Event, now: datetime | None = None) -> bool:
    """Its last day is before today where it takes place."""
    today = (now or timezone.now()).astimezone(ZoneInfo(event.time_zone)).date()
    return event.end_date < today


def person_events(*, person: Person, now: datetime | None = None) -> PersonEvents:
    """Attended (over, with a seat) and coming up (not over, confirmed or waiting). One
    query."""
    found = PersonEvents()
    for registration in (Registration.objects.filter(person=person).exclude(
            status=Registration.Status.CANCELLED).select_related("event")
            .order_by("event__start_date", "event_id")):
        if not event_is_over(registration.event, now):
            found.coming_up.append(registration)
        elif registration.status == Registration.Status.CONFIRMED:
            found.attended.append(registration.event)
    return found


def _pathway(event: Event) -> EventPathway | None:
    try:
        return event.pathway
    except EventPathway.DoesNotExist:
        return None


def _offers(events: list[Event]) -> dict[int, EventOffer]:
    """Each event's sessions per level, and its pathway's declared range (one query)."""
    by_event: defaultdict[int, Counter[int]] = defaultdict(Counter)
    for event_id, levels in Session.objects.filter(event__in=events).values_list(
            "event_id", "target_levels"):
        by_event[event_id].update(levels or ())
    offers = {}
    for event in events:
        pathway = _pathway(event)
        offers[event.pk] = EventOffer(
            dict(by_event[event.pk]),
            (pathway.min_level, pathway.max_level) if pathway is not None else None)
    return offers


def _behind_on_a_path(event: Event, followed: dict[int, tuple[int, str]], level: int,
                      offer: EventOffer) -> bool:
    """An event earlier on a path the person has gone further on, which starts below their
    level (the 101 course for someone past the immersion and no longer an Eye-opener)."""
    entry = min((n for n, count in offer.sessions_by_level.items() if count), default=None)
    if entry is None and offer.declared is not None:
        entry = offer.declared[0]
    return any(item.series_id in followed and item.position < followed[item.series_id][0]
               for item in event.series_items.all()) and entry is not None and entry < level


def events_suggested(*, person: Person, today: date, limit: int = 3,
                     language: str | None = None) -> list[Suggestion]:
    """Upcoming published events that fit the person's level on the ladder (never one
    pitched entirely below it) and whose prerequisites they have done or signed up for;
    the reasons in ``language`` (English for one without a grammar module).

    The next event of a series the person is following comes first; then events with
    sessions at their level and a step up; then either; then those open to every level;
    by date within each.
    """
    level = person_level(person) or 1
    attended = set(Registration.objects.filter(
        person=person, status=Registration.Status.CONFIRMED).values_list("event_id", flat=True))
    signed_up = set(Registration.objects.filter(person=person).exclude(
        status=Registration.Status.CANCELLED).values_list("event_id", flat=True))
    # Which series the person follows: the positions of the series' events they attended.
    followed: dict[int, tuple[int, str]] = {}
    for series_id, position, title in SeriesEvent.objects.filter(
            event_id__in=attended).values_list("series_id", "position", "event__title"):
        if series_id not in followed or position > followed[series_id][0]:
            followed[series_id] = (position, title)
    items = SeriesEvent.objects.select_related("series").order_by("position")
    candidates = list(Event.objects.filter(published=True, listed=True,
                                           start_date__gte=today)
                      .exclude(id__in=signed_up).select_related("pathway")
                      .prefetch_related("pathway__prerequisites",
                                        Prefetch("series_items", queryset=items))
                      .order_by("start_date"))
    offers = _offers(candidates)
    ranked: list[tuple[int, date, Suggestion]] = []
    for event in candidates:
        pathway = _pathway(event)
        if pathway is not None and any(p.pk not in attended
                                       for p in pathway.prerequisites.all()):
            continue
        fit = ladder_fit(level=level, offer=offers[event.pk],
                         language=translated_into(language) or "en")
        if fit is None:
            continue
        rank, reason = fit.rank, fit.reason
        if _behind_on_a_path(event, followed, level, offers[event.pk]):
            continue
        for item in event.series_items.all():
            after = followed.get(item.series_id)
            if after is not None and after[0] < item.position:
                rank = 0
                reason = gettext("Next in %(series)s, after %(event)s.") % {
                    "series": item.series.title, "event": after[1]} + f" {reason}"
                break
        ranked.append((rank, event.start_date, Suggestion(event, reason)))
    ranked.sort(key=lambda row: (row[0], row[1]))
    return [suggestion for _, _, suggestion in ranked[:limit]]
