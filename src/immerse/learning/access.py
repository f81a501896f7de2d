"""Who may see or do what in the learning cycle, built on events.roles."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from immerse.events import roles
from immerse.events.models import EventRole, Session
from immerse.learning.models import Plan
from immerse.people.models import Person, Privacy, Registration
from immerse.people.selectors import person_for_user
from immerse.program.models import AgendaItem
from immerse.tables.models import TableSeat

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


def attended(person: Person | None, session: Session) -> bool:
    """Whether ``person`` was at ``session``, as far as immerse knows before check-in: the
    session is on their personal agenda (confirmed registration), they host it, or they
    facilitate or organize its event. Giving feedback needs it."""
    if person is None:
        return False
    if AgendaItem.objects.filter(session=session, registration__person=person,
                                 registration__status=Registration.Status.CONFIRMED).exists():
        return True
    if session.facilitators.filter(pk=person.pk).exists():
        return True
    return person.user is not None and roles.is_facilitator(person.user, session.event)


def is_tablemate(person: Person, plan: Plan) -> bool:
    """``person`` sat at a round table with the plan's author at the plan's event."""
    if plan.event_id is None:
        return False
    author_there = TableSeat.objects.filter(
        registration__person_id=plan.person_id, session_id=OuterRef("session_id"),
        table=OuterRef("table"))
    return TableSeat.objects.filter(
        registration__person=person, registration__status__in=ACTIVE,
        session__event_id=plan.event_id).filter(Exists(author_there)).exists()


def is_plan_reviewer(user: roles.AnyUser, plan: Plan) -> bool:
    """The people the author invited, and the author's tablemates at the plan's event.
    (Giving feedback on the plan's session is not enough: anyone could give it.)"""
    person = person_of(user)
    if person is None or person.pk == plan.person_id:
        return False
    return plan.reviewers.filter(pk=person.pk).exists() or is_tablemate(person, plan)


def is_plan_expert(user: roles.AnyUser, plan: Plan) -> bool:
    return plan.event is not None and roles.is_facilitator(user, plan.event)


def can_view_plan(user: roles.AnyUser, plan: Plan) -> bool:
    person = person_of(user)
    if person is not None and person.pk == plan.person_id:
        return True
    return is_plan_expert(user, plan) or is_plan_reviewer(user, plan)
