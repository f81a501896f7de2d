"""Reads of take-home plans: a person's plans, one plan's page, reviewers, the next event."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from immerse.events.models import Event
from immerse.learning import access
from immerse.learning.models import Plan, PlanComment
from immerse.people.models import Person, Registration
from immerse.program.models import AgendaItem
from immerse.tables.selectors import tablemates_of

#: The most session companions a picker offers (a five-day immersion shares some session
#: with nearly everyone; those who share the most come first).
SESSION_MATES_SHOWN = 40


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


@dataclass(frozen=True)
class ReviewerChoice:
    person: Person
    where: str  # why they are offered: the table shared, or the sessions in common


@dataclass(frozen=True)
class ReviewerChoices:
    """Whom the author of a plan may invite to review it: the people they sat with at
    round tables first; without any, the people in their own sessions, labelled so."""

    tablemates: list[ReviewerChoice] = field(default_factory=list)
    session_mates: list[ReviewerChoice] = field(default_factory=list)

    @property
    def people(self) -> list[ReviewerChoice]:
        return [*self.tablemates, *self.session_mates]


def plan_reviewer_choices(*, plan: Plan) -> ReviewerChoices:
    """Tablemates (``tables.selectors.tablemates_of``) of the author at the plan's event;
    when they have none, the participants of the sessions on the author's agenda, the plan's
    own session first, then by sessions in common. Already invited reviewers are left out.
    A fixed number of queries."""
    if plan.event_id is None:
        return ReviewerChoices()
    mine = (Registration.objects.filter(event_id=plan.event_id, person_id=plan.person_id,
                                        status__in=access.ACTIVE).first())
    if mine is None:
        return ReviewerChoices()
    invited = {p.pk for p in plan.reviewers.all()} | {plan.person_id}
    seen: dict[int, ReviewerChoice] = {}
    for table in tablemates_of(registration=mine):
        when = date_format(localtime(table.seat.session.slot.start), "D j M") \
            if table.seat.session.slot else ""
        for mate in table.mates:
            if mate.person_id in invited or mate.person_id in seen:
                continue
            seen[mate.person_id] = ReviewerChoice(
                mate.person, f"table {table.seat.table} at {table.seat.session.title}"
                + (f", {when}" if when else ""))
    if seen:
        return ReviewerChoices(tablemates=sorted(seen.values(), key=lambda c: c.person.name))
    return ReviewerChoices(session_mates=_session_mates(plan, mine, invited))


def _session_mates(plan: Plan, mine: Registration, invited: set[int]) -> list[ReviewerChoice]:
    my_sessions = list(AgendaItem.objects.filter(registration=mine)
                       .values_list("session_id", flat=True))
    shared: dict[int, list[str]] = {}
    people: dict[int, Person] = {}
    in_plan_session: set[int] = set()
    for item in (AgendaItem.objects.filter(session_id__in=my_sessions,
                                           registration__status__in=access.ACTIVE)
                 .exclude(registration__person_id__in=invited)
                 .select_related("registration__person", "session")
                 .order_by("session__slot__start", "session_id")):
        person = item.registration.person
        people[person.pk] = person
        shared.setdefault(person.pk, []).append(item.session.title)
        if item.session_id == plan.session_id:
            in_plan_session.add(person.pk)
    ranked = sorted(people, key=lambda pk: (pk not in in_plan_session, -len(shared[pk]),
                                            people[pk].name))
    return [ReviewerChoice(people[pk], _in_common(shared[pk]))
            for pk in ranked[:SESSION_MATES_SHOWN]]


def _in_common(titles: list[str]) -> str:
    if len(titles) == 1:
        return _("also in %(title)s") % {"title": titles[0]}
    return ngettext("%(count)s session in common, such as %(title)s",
                    "%(count)s sessions in common, such as %(title)s",
                    len(titles)) % {"count": len(titles), "title": titles[0]}


def plan_next_event(*, person: Person, plan: Plan) -> Event | None:
    """The event where the plan is revisited: the person's next event after the plan's."""
    after = plan.event.start_date if plan.event else None
    regs = Registration.objects.filter(person=person, status=Registration.Status.CONFIRMED)
    if after:
        regs = regs.filter(event__start_date__gt=after)
    reg = regs.select_related("event").order_by("event__start_date").first()
    return reg.event if reg else None
