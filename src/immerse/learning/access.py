"""Who may see or do what in the learning cycle, built on events.roles."""

from __future__ import annotations

from django.db.models import Q

from immerse.events import roles
from immerse.events.models import EventRole
from immerse.learning.models import Plan
from immerse.people.models import Person, Privacy, Registration
from immerse.people.selectors import person_for_user

ACTIVE = [Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]


def person_of(user: roles.AnyUser) -> Person | None:
    return person_for_user(user) if user.is_authenticated else None


def _event_ids(user: roles.AnyUser) -> tuple[set[int], set[int]]:
    """(events the user organizes, events the user takes part in) as id sets."""
    if not user.is_authenticated:
        return set(), set()
    organizes: set[int] = set()
    takes_part: set[int] = set()
    for event_id, role in EventRole.objects.filter(user=user).values_list("event_id", "role"):
        takes_part.add(event_id)
        if role == EventRole.Role.ORGANIZER:
            organizes.add(event_id)
    takes_part |= set(Registration.objects.filter(
        person__user=user, status__in=ACTIVE).values_list("event_id", flat=True))
    return organizes, takes_part


def story_visibility(user: roles.AnyUser) -> Q | None:
    """A filter for the stories ``user`` may read; ``None`` means all of them (staff).

    Public: everyone. Participants: the event's participants, facilitators and organizers.
    Private: the author and the event's organizers.
    """
    if roles.is_active_staff(user):
        return None
    visible = Q(privacy=Privacy.PUBLIC)
    if not user.is_authenticated:
        return visible
    organizes, takes_part = _event_ids(user)
    visible |= Q(person__user=user) | Q(event_id__in=organizes)
    visible |= Q(privacy=Privacy.PARTICIPANTS, event_id__in=takes_part)
    return visible


def is_practitioner(person: Person | None) -> bool:
    """Level 4 on the latest assessment, or marked as an expert."""
    if person is None:
        return False
    if person.is_expert:
        return True
    latest = person.assessments.order_by("-created_at", "-id").first()
    return latest is not None and latest.level == 4


def is_plan_reviewer(user: roles.AnyUser, plan: Plan) -> bool:
    """Invited tablemates, or anyone who gave feedback on the session the plan came from."""
    person = person_of(user)
    if person is None or person.pk == plan.person_id:
        return False
    if plan.reviewers.filter(pk=person.pk).exists():
        return True
    return plan.session is not None and plan.session.feedback.filter(person=person).exists()


def is_plan_expert(user: roles.AnyUser, plan: Plan) -> bool:
    return plan.event is not None and roles.is_facilitator(user, plan.event)


def can_view_plan(user: roles.AnyUser, plan: Plan) -> bool:
    person = person_of(user)
    if person is not None and person.pk == plan.person_id:
        return True
    return is_plan_expert(user, plan) or is_plan_reviewer(user, plan)
