"""Forming diverse round tables for table-discussion sessions, one session or a rotation.

Each table mixes tools, disciplines, organizations and levels, colleagues sit apart, and
experts are spread so each table gets one when possible. Who sits at a session's tables is
``selectors.seated_registrations``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence

from django.db import transaction

from immerse.engine.grouping import (
    Grouping,
    attendee_distances,
    profile_constraints,
    solve_groups,
    solve_rotation,
)
from immerse.events.models import Event, Session
from immerse.people.models import Registration
from immerse.tables.models import TablePlan, TableSeat
from immerse.tables.notifications import table_seats_queue
from immerse.tables.selectors import profiles_of, seated_registrations, table_sessions

DEFAULT_TABLE_SIZE = 8


class TablesRefused(ValueError):
    """Tables cannot be formed as asked; the message says why."""


def table_bounds(people: int, table_size: int) -> list[tuple[int, int]]:
    """As few tables as the size allows, their sizes differing by at most one."""
    if people < 2:
        raise TablesRefused("At least two people are needed to form tables.")
    tables = max(1, math.ceil(people / table_size))
    low = people // tables
    high = low + (1 if people % tables else 0)
    return [(low, high)] * tables


def tables_form(*, session: Session, table_size: int = DEFAULT_TABLE_SIZE,
                time_limit: float = 5.0, seed: int = 0,
                before_store: Callable[[], None] | None = None) -> TablePlan:
    """Diverse tables for one session. ``before_store`` runs inside the storing transaction
    (a background run checks there that it still owns the run)."""
    regs = seated_registrations(session=session)
    profiles = profiles_of(regs)
    bounds = table_bounds(len(regs), table_size)
    grouping = solve_groups(attendee_distances(profiles), bounds, time_limit=time_limit,
                            seed=seed, constraints=profile_constraints(profiles))
    with transaction.atomic():
        if before_store:
            before_store()
        plan = _store(session, regs, grouping, rotation_round=None)
        table_seats_queue(event=session.event, sessions=[session], registrations=regs)
        return plan


def tables_rotation_check(*, event: Event) -> list[Session]:
    """The rotation's sessions, or ``TablesRefused`` saying why there can be none."""
    sessions = table_sessions(event=event)
    if len(sessions) < 2:
        raise TablesRefused("A rotation needs at least two table-discussion sessions.")
    return sessions


def tables_rotation_form(*, event: Event, table_size: int = DEFAULT_TABLE_SIZE,
                         time_limit: float = 20.0, seed: int = 0,
                         before_store: Callable[[], None] | None = None) -> list[TablePlan]:
    """One grouping per table session, meeting as many new people as possible.

    Everyone who sits at any of the sessions is in every round (a rotation needs one room).
    """
    sessions = tables_rotation_check(event=event)
    regs = sorted({r.pk: r for s in sessions for r in seated_registrations(session=s)}
                  .values(), key=lambda r: r.pk)
    profiles = profiles_of(regs)
    bounds = table_bounds(len(regs), table_size)
    rounds = solve_rotation(attendee_distances(profiles), bounds, len(sessions),
                            time_limit=time_limit, seed=seed,
                            constraints=profile_constraints(profiles))
    with transaction.atomic():
        if before_store:
            before_store()
        plans = [_store(session, regs, grouping, rotation_round=n)
                 for n, (session, grouping) in enumerate(zip(sessions, rounds, strict=True),
                                                          start=1)]
        table_seats_queue(event=event, sessions=sessions, registrations=regs)
        return plans


def _store(session: Session, regs: Sequence[Registration], grouping: Grouping, *,
           rotation_round: int | None) -> TablePlan:
    TableSeat.objects.filter(session=session).delete()
    TableSeat.objects.bulk_create([
        TableSeat(session=session, registration=regs[item], table=table)
        for table, members in enumerate(grouping.groups, start=1) for item in members])
    TablePlan.objects.filter(session=session).delete()
    return TablePlan.objects.create(
        session=session, tables=len(grouping.groups), seed=grouping.seed,
        objective=grouping.objective, seconds=grouping.seconds,
        violations=[_readable(v) for v in grouping.violations],
        rotation_round=rotation_round)


def _readable(violation: str) -> str:
    # The engine counts groups from 0; people count tables from 1.
    return re.sub(r"\bgroup (\d+)", lambda m: f"table {int(m.group(1)) + 1}", violation)


@transaction.atomic
def table_move(*, session: Session, registration: Registration, table: int) -> TableSeat:
    """The organizer moves someone by hand; the diversity figures follow on the page."""
    plan = TablePlan.objects.filter(session=session).first()
    if plan is None or not 1 <= table <= plan.tables:
        raise TablesRefused(f"There is no table {table} in {session.title}.")
    seat = TableSeat.objects.filter(session=session, registration=registration).first()
    if seat is None:
        raise TablesRefused(f"{registration.person.name} has no seat in {session.title}.")
    seat.table, seat.moved_by_hand = table, True
    seat.save(update_fields=["table", "moved_by_hand"])
    return seat
