"""Reads of the community of practice: an event's practitioners and learners, mentor
matching and host suggestions (computed by the engine, stored by services), the shared
resources and posts, chapters and series."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from immerse.engine.catalogue import FREQUENCY_RANK
from immerse.engine.mentoring import Mentee, Mentor, MentorMatching, match_mentors
from immerse.events.models import Event, EventRole, Session
from immerse.learning.models import (
    Chapter,
    ExperiencePost,
    Mentorship,
    Resource,
    Series,
    SeriesEvent,
)
from immerse.people.models import Person, Registration, ToolUse

_REGULAR = FREQUENCY_RANK["weekly"]
#: How many resources and posts the community page lists.
LISTED = 50


@dataclass(frozen=True)
class MatchResult:
    matching: MentorMatching
    persons: dict[str, Person]


def event_people(*, event: Event) -> tuple[list[tuple[Person, list[str]]],
                                           list[tuple[Person, int, list[str]]]]:
    """(practitioners, learners) of the event with their interests (and learners' levels)."""
    regs = (Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
            .select_related("person"))
    practitioners, learners = [], []
    for reg in regs:
        if reg.level == 4 or reg.person.is_expert:
            practitioners.append((reg.person, list(reg.interests or [])))
        elif reg.level is not None:
            learners.append((reg.person, reg.level, list(reg.interests or [])))
    registered = {p.pk for p, _ in practitioners} | {p.pk for p, _, _ in learners}
    for person in Person.objects.filter(
            user__event_roles__event=event, user__event_roles__role=EventRole.Role.FACILITATOR,
            is_expert=True).exclude(pk__in=registered).distinct():
        practitioners.append((person, []))
    return practitioners, learners


def _tools(person_ids: list[int]) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """(mastered tools: weekly+ and confident, learning tools: used but not yet confident)."""
    mastered: dict[int, set[str]] = {}
    learning: dict[int, set[str]] = {}
    for pid, key, freq, conf in ToolUse.objects.filter(person_id__in=person_ids).values_list(
            "person_id", "tool__key", "frequency", "confidence"):
        if FREQUENCY_RANK[freq] >= _REGULAR and conf >= 4:
            mastered.setdefault(pid, set()).add(key)
        elif FREQUENCY_RANK[freq] >= 1 and conf <= 3:
            learning.setdefault(pid, set()).add(key)
    return mastered, learning


def _discipline(person: Person) -> str:
    """"Other" is no shared ground: only a named discipline counts as a match."""
    return "" if person.discipline == "other" else person.discipline


def event_mentor_matching(*, event: Event, capacity: int = 3, seed: int = 0) -> MatchResult:
    """Match the event's practitioners to its level 1-3 attendees (engine.mentoring).

    A read: the organizer sees the proposal first; ``services.mentorships_save`` stores it.
    """
    practitioners, learners = event_people(event=event)
    ids = [p.pk for p, _ in practitioners] + [p.pk for p, _, _ in learners]
    mastered, learning = _tools(ids)
    mentors = [Mentor(str(p.pk), frozenset(interests), frozenset(mastered.get(p.pk, ())),
                      _discipline(p)) for p, interests in practitioners]
    mentees = [Mentee(str(p.pk), frozenset(interests), frozenset(learning.get(p.pk, ())),
                      _discipline(p), level) for p, level, interests in learners]
    matching = match_mentors(mentors=mentors, mentees=mentees, capacity_per_mentor=capacity,
                             seed=seed)
    persons = {str(p.pk): p for p, _ in practitioners} | {str(p.pk): p for p, _, _ in learners}
    return MatchResult(matching, persons)


@dataclass(frozen=True)
class HostSuggestion:
    session: Session
    hosts: list[tuple[Person, float]]


def host_suggestions(*, event: Event, limit: int = 3) -> list[HostSuggestion]:
    """Practitioners who fit each session: 2 per shared topic, 1 per mastered session tool."""
    practitioners, _ = event_people(event=event)
    mastered, _ = _tools([p.pk for p, _ in practitioners])
    sessions = (Session.objects.filter(event=event).select_related("slot")
                .prefetch_related("tools", "facilitators"))
    suggestions = []
    for session in sessions:
        hosting = {p.pk for p in session.facilitators.all()}
        topics = set(session.topics or [])
        tools = {t.key for t in session.tools.all()}
        scored = []
        for person, interests in practitioners:
            if person.pk in hosting:
                continue
            fit = 2.0 * len(topics & set(interests)) + len(tools & mastered.get(person.pk, set()))
            if fit > 0:
                scored.append((person, fit))
        scored.sort(key=lambda row: (-row[1], row[0].name))
        suggestions.append(HostSuggestion(session, scored[:limit]))
    return suggestions


def mentors_of(*, person: Person) -> QuerySet[Mentorship]:
    return Mentorship.objects.filter(mentee=person).select_related("mentor", "event")


def mentees_of(*, person: Person) -> QuerySet[Mentorship]:
    return Mentorship.objects.filter(mentor=person).select_related("mentee", "event")


def resources_listed() -> QuerySet[Resource]:
    return Resource.objects.select_related("person").prefetch_related("tools")[:LISTED]


def experience_posts_listed() -> QuerySet[ExperiencePost]:
    return ExperiencePost.objects.select_related("person").prefetch_related("tools")[:LISTED]


def chapters_with_events() -> QuerySet[Chapter]:
    """Regional chapters, each with its published meetups in date order."""
    published = Event.objects.filter(published=True).order_by("start_date")
    return Chapter.objects.prefetch_related(Prefetch("events", queryset=published))


def series_with_events() -> QuerySet[Series]:
    """Series (course paths, discussion series) with their published events."""
    items = SeriesEvent.objects.filter(event__published=True).select_related("event")
    return Series.objects.select_related("chapter").prefetch_related(
        Prefetch("items", queryset=items))
