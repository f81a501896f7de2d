"""Community of practice: mentor matching for an event, and practitioners as session hosts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from immerse.engine.catalogue import FREQUENCY_RANK
from immerse.engine.mentoring import Mentee, Mentor, MentorMatching, match_mentors
from immerse.events.models import Event, EventRole, Session
from immerse.learning.models import Mentorship
from immerse.people.models import Person, Registration, ToolUse

_REGULAR = FREQUENCY_RANK["weekly"]


@dataclass(frozen=True)
class MatchResult:
    matching: MentorMatching
    persons: dict[str, Person]


def event_people(event: Event) -> tuple[list[tuple[Person, list[str]]], list[tuple[Person, int,
                                                                                list[str]]]]:
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
    """Match the event's practitioners to its level 1-3 attendees (engine.mentoring)."""
    practitioners, learners = event_people(event)
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


@transaction.atomic
def mentorships_save(*, event: Event, result: MatchResult) -> int:
    """Replace the event's mentorships with the matching."""
    Mentorship.objects.filter(event=event).delete()
    made = Mentorship.objects.bulk_create([
        Mentorship(event=event, mentor_id=int(mentor), mentee_id=int(mentee),
                   fit=result.matching.fits[mentee])
        for mentee, mentor in result.matching.pairs.items()])
    return len(made)


@dataclass(frozen=True)
class HostSuggestion:
    session: Session
    hosts: list[tuple[Person, float]]


def host_suggestions(*, event: Event, limit: int = 3) -> list[HostSuggestion]:
    """Practitioners who fit each session: 2 per shared topic, 1 per mastered session tool."""
    practitioners, _ = event_people(event)
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


@transaction.atomic
def session_host_add(*, session: Session, person: Person) -> None:
    session.facilitators.add(person)
