"""Reads for round tables: who sits where, the engine's view of them, and my tablemates.

Every read here runs a fixed number of queries, however many tables or people.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils import timezone

from immerse.engine.grouping import AttendeeProfile, table_diversity
from immerse.engine.grouping.sizes import TableSizeAdvice, table_size_advice
from immerse.events.models import Event, Session
from immerse.people.models import Registration, ToolUse
from immerse.program.models import AgendaItem
from immerse.tables.models import TablePlan, TableSeat


def table_sessions(*, event: Event) -> list[Session]:
    """The event's table-discussion sessions in time order."""
    return list(Session.objects.filter(event=event, format="table")
                .select_related("slot", "room").order_by("slot__start", "id"))


def table_plans(*, sessions: Sequence[Session]) -> dict[int, TablePlan]:
    """The stored plan of each of ``sessions`` that has one, by session id (one query)."""
    return {plan.session_id: plan for plan in TablePlan.objects.filter(session__in=sessions)}


def table_plan_get(*, session: Session) -> TablePlan | None:
    return TablePlan.objects.filter(session=session).first()


def seated_registrations(*, session: Session) -> list[Registration]:
    """Who sits at the session's tables: those whose agenda has it, or, before agendas are
    planned, every confirmed attendee."""
    planned = AgendaItem.objects.filter(session=session).values_list("registration_id",
                                                                      flat=True)
    regs = Registration.objects.filter(event=session.event,
                                       status=Registration.Status.CONFIRMED)
    if AgendaItem.objects.filter(registration__event=session.event).exists():
        regs = regs.filter(pk__in=planned)
    return list(regs.select_related("person").order_by("id"))


def table_size_default(*, event: Event) -> TableSizeAdvice:
    """The table size that gives every table an expert where the numbers allow, for the
    people who sit at the event's table sessions (as ``seated_registrations`` counts them:
    those with one on their agenda, or everyone confirmed before agendas). Two queries."""
    regs = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    if AgendaItem.objects.filter(registration__event=event).exists():
        regs = regs.filter(agenda__session__format="table").distinct()
    rows = list(regs.values_list("pk", "person__is_expert", "level"))
    experts = sum(1 for _, is_expert, level in rows if is_expert or level == 4)
    return table_size_advice(people=len(rows), experts=experts)


def _is_expert(registration: Registration) -> bool:
    return registration.person.is_expert or (registration.level or 0) == 4


def unseated_registrations(
    *, registration_ids: Sequence[int] | None = None,
) -> list[tuple[Session, list[Registration]]]:
    """Who should sit at a table session whose tables are formed but has no seat there:
    a late joiner, someone promoted, or someone who swapped into the session. Only events
    not yet over; ``registration_ids`` narrows it to those people (else: everyone)."""
    plans = TablePlan.objects.filter(session__event__end_date__gte=timezone.localdate())
    wanted = set(registration_ids or ())
    if registration_ids is not None:
        plans = plans.filter(session__event__registrations__in=registration_ids).distinct()
    found = []
    for plan in plans.select_related("session__event").order_by("session_id"):
        session = plan.session
        seated = set(TableSeat.objects.filter(session=session)
                     .values_list("registration_id", flat=True))
        missing = [r for r in seated_registrations(session=session) if r.pk not in seated
                   and (registration_ids is None or r.pk in wanted)]
        if missing:
            found.append((session, missing))
    return found


def profiles_of(registrations: Sequence[Registration]) -> list[AttendeeProfile]:
    """Engine profiles for registrations (with their persons): one query whatever their
    number."""
    uses: dict[int, dict[str, str]] = {}
    for person_id, key, frequency in ToolUse.objects.filter(
            person__in=[r.person_id for r in registrations]).values_list(
            "person_id", "tool__key", "frequency"):
        uses.setdefault(person_id, {})[key] = frequency
    return [AttendeeProfile(
        tools=uses.get(r.person_id, {}), discipline=r.person.discipline,
        organization=r.person.organization, level=r.level or 1, region=r.person.region,
        story=" ".join(part for part in (r.stories, r.problems) if part),
        is_expert=_is_expert(r)) for r in registrations]


@dataclass
class TableView:
    number: int
    seats: list[TableSeat]
    figures: dict[str, int]
    experts: list[str]


def tables_of(*, session: Session) -> list[TableView]:
    """Each table with its people and its diversity figures (two queries in all)."""
    seats = list(TableSeat.objects.filter(session=session)
                 .select_related("registration__person").order_by("table", "id"))
    profiles = profiles_of([seat.registration for seat in seats])
    by_table: dict[int, list[int]] = {}
    for index, seat in enumerate(seats):
        by_table.setdefault(seat.table, []).append(index)
    return [
        TableView(number, [seats[i] for i in members],
                  table_diversity(profiles, members),
                  [seats[i].registration.person.name for i in members
                   if profiles[i].is_expert])
        for number, members in sorted(by_table.items())
    ]


@dataclass
class MyTable:
    seat: TableSeat
    mates: list[Registration]


def tablemates_of(*, registration: Registration) -> list[MyTable]:
    """The registration's seats in time order, each with the others at that table.

    Two queries whatever the number of sessions or tablemates (persons included).
    """
    seats = list(TableSeat.objects.filter(registration=registration)
                 .select_related("session__slot").order_by("session__slot__start",
                                                           "session_id"))
    if not seats:
        return []
    mine = {(seat.session_id, seat.table): seat for seat in seats}
    mates: dict[int, list[Registration]] = {seat.pk: [] for seat in seats}
    at_my_tables = reduce(or_, (Q(session_id=session_id, table=table)
                                for session_id, table in mine))
    for other in (TableSeat.objects.filter(at_my_tables).exclude(registration=registration)
                  .select_related("registration__person").order_by("table", "id")):
        mates[mine[(other.session_id, other.table)].pk].append(other.registration)
    return [MyTable(seat, mates[seat.pk]) for seat in seats]
