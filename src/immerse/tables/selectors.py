"""Reads for round tables: who sits where, the engine's view of them, and my tablemates.

Every read here runs a fixed number of queries, however many tables or people.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q

from immerse.engine.grouping import AttendeeProfile, table_diversity
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
        is_expert=r.person.is_expert or (r.level or 0) == 4) for r in registrations]


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
