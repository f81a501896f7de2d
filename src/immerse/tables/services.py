"""Forming diverse round tables for table-discussion sessions, one session or a rotation,
and seating late joiners at tables already formed.

Each table mixes tools, disciplines, organizations and levels, colleagues sit apart, and
experts are spread so each table gets one when possible. Across the event's table sessions
nobody sits with the same person twice where the numbers allow: a rotation solves all
sessions together, and one session's tables avoid whoever already met at the others. Who
sits at a session's tables is ``selectors.seated_registrations``. Seats an organizer moved
by hand stay where they were put when the tables are formed again, alone or as a rotation.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from immerse.common.tasks import enqueue
from immerse.engine.grouping import (
    AttendeeProfile,
    Grouping,
    GroupingInfeasible,
    attendee_distances,
    profile_constraints,
)
from immerse.engine.languages import translated_into
from immerse.engine.wording import join_words
from immerse.events.models import Event, Session
from immerse.people.models import Registration
from immerse.tables.models import TablePlan, TableSeat
from immerse.tables.notifications import table_seats_queue
from immerse.tables.selectors import (
    profiles_of,
    seated_registrations,
    table_sessions,
    table_size_default,
    unseated_registrations,
)

if TYPE_CHECKING:
    import numpy as np


class TablesRefused(ValueError):
    """Tables cannot be formed as asked; the message says why."""


def table_bounds(people: int, table_size: int) -> list[tuple[int, int]]:
    """As few tables as the size allows, their sizes differing by at most one."""
    if people < 2:
        raise TablesRefused(_("At least two people are needed to form tables."))
    tables = max(1, math.ceil(people / table_size))
    low = people // tables
    high = low + (1 if people % tables else 0)
    return [(low, high)] * tables


def tables_form(*, session: Session, table_size: int | None = None,
                time_limit: float = 5.0, seed: int = 0,
                before_store: Callable[[], None] | None = None) -> TablePlan:
    """Diverse tables for one session; ``table_size`` None follows the number of experts
    (``selectors.table_size_default``). Seats moved by hand stay at their table.
    ``before_store`` runs inside the storing transaction (a background run checks there that
    it still owns the run)."""
    regs = seated_registrations(session=session)
    profiles = profiles_of(regs)
    size = table_size or table_size_default(event=session.event).size
    bounds = table_bounds(len(regs), size)
    fixed, notes = _hand_moved(session, regs, len(bounds))
    rules = replace(profile_constraints(profiles), fixed=fixed)
    # The grouping solvers bring NumPy and Numba: loaded by the process that forms tables
    # (a background run), not by every web worker that imports this module.
    from immerse.engine.grouping.solver import solve_groups

    try:
        # Who already sat together at the event's other table sessions meets new people now.
        grouping = solve_groups(attendee_distances(profiles), bounds, time_limit=time_limit,
                                seed=seed, constraints=rules,
                                met=_met_elsewhere(session, regs))
    except GroupingInfeasible as exc:
        raise TablesRefused(_too_many_moved(bounds)) from exc
    with transaction.atomic():
        if before_store:
            before_store()
        plan = _store(session, regs, profiles, grouping, rotation_round=None,
                      moved=set(fixed), notes=notes)
        # The messages wait for the organizer's "Tell them now" (notify.waiting).
        table_seats_queue(event=session.event, sessions=[session], registrations=regs,
                          wait=True)
        return plan


def tables_rotation_check(*, event: Event) -> list[Session]:
    """The rotation's sessions, or ``TablesRefused`` saying why there can be none."""
    sessions = table_sessions(event=event)
    if len(sessions) < 2:
        raise TablesRefused(_("A rotation needs at least two table-discussion sessions."))
    return sessions


def tables_rotation_form(*, event: Event, table_size: int | None = None,
                         time_limit: float = 20.0, seed: int = 0,
                         before_store: Callable[[], None] | None = None) -> list[TablePlan]:
    """One grouping per table session, meeting as many new people as possible.

    Everyone who sits at any of the sessions is in every round (a rotation needs one room).
    A seat moved by hand in a round stays at its table in that round.
    """
    sessions = tables_rotation_check(event=event)
    regs = sorted({r.pk: r for s in sessions for r in seated_registrations(session=s)}
                  .values(), key=lambda r: r.pk)
    profiles = profiles_of(regs)
    size = table_size or table_size_default(event=event).size
    bounds = table_bounds(len(regs), size)
    kept = [_hand_moved(session, regs, len(bounds)) for session in sessions]
    # The grouping solvers bring NumPy and Numba: loaded by the process that forms tables
    # (a background run), not by every web worker that imports this module.
    from immerse.engine.grouping.rotation import solve_rotation

    try:
        rounds = solve_rotation(attendee_distances(profiles), bounds, len(sessions),
                                time_limit=time_limit, seed=seed,
                                constraints=profile_constraints(profiles),
                                fixed_rounds=[fixed for fixed, _ in kept])
    except GroupingInfeasible as exc:
        raise TablesRefused(_too_many_moved(bounds)) from exc
    with transaction.atomic():
        if before_store:
            before_store()
        plans = [_store(session, regs, profiles, grouping, rotation_round=n,
                        moved=set(fixed), notes=notes)
                 for n, (session, grouping, (fixed, notes)) in enumerate(
                     zip(sessions, rounds, kept, strict=True), start=1)]
        table_seats_queue(event=event, sessions=sessions, registrations=regs, wait=True)
        return plans


def _hand_moved(session: Session, regs: Sequence[Registration],
                tables: int) -> tuple[dict[int, int], list[str]]:
    """Item → group of the seats moved by hand that still fit, and notes for those that
    do not (the person left, or the table is gone)."""
    index = {reg.pk: i for i, reg in enumerate(regs)}
    fixed, notes = {}, []
    for seat in (TableSeat.objects.filter(session=session, moved_by_hand=True)
                 .select_related("registration__person")):
        if seat.registration_id not in index:
            continue  # no longer at this session: nothing to keep
        if seat.table > tables:
            notes.append(_("%(name)s was moved by hand to table %(table)d, which no longer "
                           "exists: seated again.") % {"name": seat.registration.person.name,
                                                       "table": seat.table})
            continue
        fixed[index[seat.registration_id]] = seat.table - 1
    return fixed, notes


def _too_many_moved(bounds: Sequence[tuple[int, int]]) -> str:
    return _("More people were moved by hand to one table than it seats (%(most)d at most): "
             "move some back, or choose a larger table size.") % {"most": bounds[0][1]}


def _store(session: Session, regs: Sequence[Registration], profiles: Sequence[AttendeeProfile],
           grouping: Grouping, *, rotation_round: int | None, moved: set[int],
           notes: Sequence[str] = ()) -> TablePlan:
    TableSeat.objects.filter(session=session).delete()
    TableSeat.objects.bulk_create([
        TableSeat(session=session, registration=regs[item], table=table,
                  moved_by_hand=item in moved)
        for table, members in enumerate(grouping.groups, start=1) for item in members])
    TablePlan.objects.filter(session=session).delete()
    return TablePlan.objects.create(
        session=session, tables=len(grouping.groups), seed=grouping.seed,
        objective=grouping.objective, seconds=grouping.seconds,
        violations=[*notes, *table_notes(regs, profiles, grouping.groups)],
        rotation_round=rotation_round)


def _joined(parts: Sequence[str]) -> str:
    """``a, b and c`` in the active language."""
    return join_words(parts, language=translated_into(get_language()) or "en")


def table_notes(regs: Sequence[Registration], profiles: Sequence[AttendeeProfile],
                groups: Sequence[Sequence[int]]) -> list[str]:
    """What an organizer should know about the tables, by name: tables without an expert,
    colleagues who share a table."""
    notes = []
    bare = [str(n) for n, members in enumerate(groups, start=1)
            if not any(profiles[i].is_expert for i in members)]
    if bare:
        notes.append(ngettext("Table %(tables)s has no expert.",
                              "Tables %(tables)s have no expert.", len(bare))
                     % {"tables": _joined(bare)})
    for n, members in enumerate(groups, start=1):
        by_org: dict[str, list[str]] = {}
        for i in members:
            organization = regs[i].person.organization.strip()
            if organization:
                by_org.setdefault(organization.casefold(), []).append(regs[i].person.name)
        for names in by_org.values():
            if len(names) > 1:
                notes.append(_("%(names)s, colleagues, share table %(table)d.")
                             % {"names": _joined(names), "table": n})
    return notes


@transaction.atomic
def table_move(*, session: Session, registration: Registration, table: int) -> TableSeat:
    """The organizer moves someone by hand; the diversity figures follow on the page, and
    forming the tables again keeps the seat."""
    plan = TablePlan.objects.filter(session=session).first()
    if plan is None or not 1 <= table <= plan.tables:
        raise TablesRefused(_("There is no table %(table)d in %(session)s.")
                            % {"table": table, "session": session.title})
    seat = TableSeat.objects.filter(session=session, registration=registration).first()
    if seat is None:
        raise TablesRefused(_("%(name)s has no seat in %(session)s.")
                            % {"name": registration.person.name, "session": session.title})
    seat.table, seat.moved_by_hand = table, True
    seat.save(update_fields=["table", "moved_by_hand"])
    return seat


def tables_join(*, registration_ids: Sequence[int]) -> int:
    """Seat late joiners at the tables already formed of the sessions they attend, without
    moving anyone; returns the number of seats given. Idempotent: who has a seat keeps it.

    In a rotation the newcomer avoids the people they already met in the other rounds.
    """
    given = 0
    for session, newcomers in unseated_registrations(registration_ids=registration_ids):
        with transaction.atomic():
            # One seat-giver per session at a time: a second join waits and sees the first.
            Session.objects.select_for_update().filter(pk=session.pk).order_by().values_list(
                "pk").first()
            given += _seat_newcomers(session, newcomers)
    return given


def tables_joins_enqueue() -> int:
    """The periodic sweep: everyone who should sit at formed tables but has no seat goes to
    ``tables_join`` in one batch; returns how many."""
    ids = sorted({reg.pk for _, regs in unseated_registrations() for reg in regs})
    if ids:
        enqueue("tables_join", *ids)
    return len(ids)


def _seat_newcomers(session: Session, newcomers: Sequence[Registration]) -> int:
    plan = TablePlan.objects.filter(session=session).first()
    seats = list(TableSeat.objects.filter(
        session=session, registration__status=Registration.Status.CONFIRMED)
        .select_related("registration__person").order_by("table", "id"))
    seated_ids = {seat.registration_id for seat in seats}
    newcomers = [reg for reg in newcomers if reg.pk not in seated_ids]
    if plan is None or not newcomers:
        return 0
    regs = [seat.registration for seat in seats] + list(newcomers)
    profiles = profiles_of(regs)
    groups: list[list[int]] = [[] for _ in range(plan.tables)]
    for i, seat in enumerate(seats):
        if 1 <= seat.table <= plan.tables:
            groups[seat.table - 1].append(i)
    # The grouping solvers bring NumPy and Numba: loaded by the process that forms tables
    # (a background run), not by every web worker that imports this module.
    from immerse.engine.grouping.placement import place_newcomers

    placed = place_newcomers(
        attendee_distances(profiles), groups, range(len(seats), len(regs)),
        constraints=profile_constraints(profiles), met=_met_elsewhere(session, regs))
    TableSeat.objects.bulk_create([
        TableSeat(session=session, registration=regs[item], table=table + 1)
        for item, table in placed.items()])
    return len(placed)


def _met_elsewhere(session: Session, regs: Sequence[Registration]) -> np.ndarray:
    """How often each two of ``regs`` sat together at the event's other table sessions."""
    # NumPy on first use: only background work (forming tables, seating late joiners) needs it.
    import numpy as np

    index = {reg.pk: i for i, reg in enumerate(regs)}
    met = np.zeros((len(regs), len(regs)))
    tables: dict[tuple[int, int], list[int]] = {}
    for session_id, table, reg_id in (TableSeat.objects.filter(
            session__event_id=session.event_id, registration_id__in=list(index))
            .exclude(session=session).values_list("session_id", "table", "registration_id")):
        tables.setdefault((session_id, table), []).append(index[reg_id])
    for members in tables.values():
        met[np.ix_(members, members)] += 1.0
    np.fill_diagonal(met, 0.0)
    return met
