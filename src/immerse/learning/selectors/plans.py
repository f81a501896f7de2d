"""Reads of take-home plans: a person's plans, one plan's page, reviewers, the next event."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from immerse.events.models import Event
from immerse.learning import access
from immerse.learning.models import Plan, PlanComment
from immerse.people.models import Person, Registration


def plans_of(*, person: Any) -> QuerySet[Plan]:
    return (Plan.objects.filter(person=person).select_related("event", "session")
            .prefetch_related("versions", "checkins__event")
            .annotate(version_count=Count("versions", distinct=True)))


def plan_for_page(*, plan_id: int) -> Plan:
    comments = PlanComment.objects.select_related("author", "version")
    return (Plan.objects.select_related("person", "event", "session")
            .prefetch_related("versions", "reviewers", Prefetch("comments", queryset=comments),
                              "checkins__event")
            .get(pk=plan_id))


def plan_reviewer_candidates(*, plan: Plan) -> QuerySet[Person]:
    """Who the author may invite to review: the other participants of the plan's event."""
    if plan.event_id is None:
        return Person.objects.none()
    return (Person.objects.filter(registrations__event_id=plan.event_id,
                                  registrations__status__in=access.ACTIVE)
            .exclude(pk=plan.person_id).distinct())


def plan_next_event(*, person: Person, plan: Plan) -> Event | None:
    """The event where the plan is revisited: the person's next event after the plan's."""
    after = plan.event.start_date if plan.event else None
    regs = Registration.objects.filter(person=person, status=Registration.Status.CONFIRMED)
    if after:
        regs = regs.filter(event__start_date__gt=after)
    reg = regs.select_related("event").order_by("event__start_date").first()
    return reg.event if reg else None
