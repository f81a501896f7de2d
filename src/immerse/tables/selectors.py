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
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from immerse.engine.catalogue import format_keys
from immerse.engine.grouping import (
    AttendeeProfile,
    Repeats,
    table_diversity,
    tablemate_repeats,
    tables_for_new_people,
)
from immerse.engine.grouping.sizes import TableSizeAdvice, table_size_advice
from immerse.engine.languages import translated_into
from immerse.events.models import Event, Session
from immerse.people.models import Registration, ToolUse
from immerse.program.models import AgendaItem
from immerse.tables.models import TablePlan, TableSeat


def table_format_keys() -> tuple[str, ...]:
    """The session formats that seat people at round tables (the catalogue says which)."""
    return format_keys(lambda f: f.seats_at_tables)


def table_sessions(*, event: Event) -> list[Session]:
    """The event's table-discussion sessions in time order."""
    return list(Session.objects.filter(event=event, format__in=table_format_keys())
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


def table_size_default(*, event: Event, language: str | None = None) -> TableSizeAdvice:
    """The table size that gives every table an expert where the numbers allow, for the
    people who sit at the event's table sessions (as ``seated_registrations`` counts them:
    those with one on their agenda, or everyone confirmed before agendas), its note in
    ``language`` (English for one without a grammar module). Two queries."""
    regs = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    if AgendaItem.objects.filter(registration__event=event).exists():
        regs = regs.filter(agenda__session__format__in=table_format_keys()).distinct()
    rows = list(regs.values_list("pk", "person__is_expert", "level"))
    experts = sum(1 for _, is_expert, level in rows if is_expert or level == 4)
    return table_size_advice(people=len(rows), experts=experts,
                             language=translated_into(language) or "en")


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


@dataclass(frozen=True)
class TablemateRepeats:
    """Who sits with the same person at more than one of the event's table sessions.

    ``sessions`` counts the table sessions with tables formed; ``headline`` says how many
    pairs meet again (or that nobody does) and ``details`` how often and why, in sentences.
    """

    sessions: int
    repeats: Repeats
    headline: str
    details: list[str]


def tablemate_repeats_of(*, event: Event) -> TablemateRepeats:
    """The repeats across every formed table session of ``event`` and why they remain.

    One query whatever the number of sessions or people.
    """
    tables: dict[int, dict[int, list[int]]] = {}
    by_hand: set[tuple[int, int, int]] = set()
    experts: set[int] = set()
    rounds: dict[int, int | None] = {}
    for session_id, table, reg_id, moved, is_expert, level, rotation_round in (
            TableSeat.objects.filter(session__event=event,
                                     session__format__in=table_format_keys())
            .values_list("session_id", "table", "registration_id", "moved_by_hand",
                         "registration__person__is_expert", "registration__level",
                         "session__table_plan__rotation_round")):
        tables.setdefault(session_id, {}).setdefault(table, []).append(reg_id)
        rounds[session_id] = rotation_round
        if moved:
            by_hand.add((session_id, table, reg_id))
        if is_expert or level == 4:  # as `_is_expert` counts them
            experts.add(reg_id)
    sessions = [list(by_table.values()) for _, by_table in sorted(tables.items())]
    repeats = tablemate_repeats(sessions)
    if len(sessions) < 2:
        return TablemateRepeats(len(sessions), repeats, "", [])
    if not repeats.pairs:
        return TablemateRepeats(len(sessions), repeats, _(
            "Nobody sits with the same person twice across the %(sessions)d table "
            "sessions.") % {"sessions": len(sessions)}, [])
    headline = ngettext(
        "%(pairs)d pair of people sits together at more than one table session.",
        "%(pairs)d pairs of people sit together at more than one table session.",
        repeats.pairs) % {"pairs": repeats.pairs}
    how_often = "; ".join(ngettext(
        "%(count)d pair at %(times)d sessions", "%(count)d pairs at %(times)d sessions",
        pairs) % {"count": pairs, "times": times} for times, pairs in repeats.by_times.items())
    details = [_("How often: %(how_often)s.") % {"how_often": how_often}]
    details += _why(sessions, repeats, len(experts), _moved_by_hand(tables, by_hand),
                    formed_together=all(r is not None for r in rounds.values()))
    return TablemateRepeats(len(sessions), repeats, headline, details)


def _why(sessions: Sequence[Sequence[Sequence[int]]], repeats: Repeats, experts: int,
         moved_pairs: int, *, formed_together: bool) -> list[str]:
    """The reasons repeats remain, most forcing first."""
    reasons = []
    if repeats.unavoidable:
        fewest = min(len(tables) for tables in sessions)
        largest = max(len(members) for tables in sessions for members in tables)
        values = {"largest": largest, "fewest": fewest, "floor": repeats.unavoidable,
                  "remeetings": repeats.remeetings}
        reasons.append((_(
            "Why: the %(largest)d people at one table are more than the %(fewest)d tables of "
            "another session, so some of them must sit together again. No seating at these "
            "tables has fewer than %(floor)d repeats (a pair counts once for every two "
            "sessions it shares), and these tables have no more.")
            if repeats.remeetings <= repeats.unavoidable else _(
            "Why: the %(largest)d people at one table are more than the %(fewest)d tables of "
            "another session, so some of them must sit together again. No seating at these "
            "tables has fewer than %(floor)d repeats (a pair counts once for every two "
            "sessions it shares); these tables have %(remeetings)d.")) % values)
        reasons.append(_alternative(sessions, experts))
    if moved_pairs:
        reasons.append(ngettext(
            "%(pairs)d of these pairs shares a table because a seat was moved by hand.",
            "%(pairs)d of these pairs share a table because a seat was moved by hand.",
            moved_pairs) % {"pairs": moved_pairs})
    if repeats.remeetings > repeats.unavoidable and not formed_together:
        reasons.append(_(
            "The sessions' tables were formed one at a time: forming a rotation for all "
            "table sessions at once may avoid more."))
    elif repeats.remeetings > repeats.unavoidable and not moved_pairs:
        reasons.append(_(
            "An expert at every table and colleagues at different tables come first, and "
            "the search stops at its time limit: forming the tables again may avoid more."))
    return reasons


def _alternative(sessions: Sequence[Sequence[Sequence[int]]], experts: int) -> str:
    """More, smaller tables that could seat everyone with new people only, at what cost."""
    people = max(sum(len(members) for members in tables) for tables in sessions)
    tables = tables_for_new_people(people)
    low, extra = divmod(people, tables)
    short = max(tables - experts, 0)
    values = {
        "tables": tables,
        "sizes": str(low) if not extra else _("%(low)d or %(high)d") % {
            "low": low, "high": low + 1},
        # a table size of ceil(people / tables) makes exactly `tables` tables
        "size": low + (1 if extra else 0),
        "short": short,
    }
    if short:
        return ngettext(
            "A table size of %(size)d (%(tables)d tables of %(sizes)s) could seat everyone "
            "with new people only, but %(short)d table would have no expert.",
            "A table size of %(size)d (%(tables)d tables of %(sizes)s) could seat everyone "
            "with new people only, but %(short)d tables would have no expert.",
            short) % values
    return _("A table size of %(size)d (%(tables)d tables of %(sizes)s) could seat everyone "
             "with new people only.") % values


def _moved_by_hand(tables: dict[int, dict[int, list[int]]],
                   by_hand: set[tuple[int, int, int]]) -> int:
    """Pairs that sit together more than once and share a table at which one of them was
    put by hand."""
    counts: dict[tuple[int, int], int] = {}
    placed: set[tuple[int, int]] = set()
    for session_id, by_table in tables.items():
        for table, members in by_table.items():
            ordered = sorted(members)
            for k, a in enumerate(ordered):
                for b in ordered[k + 1:]:
                    counts[(a, b)] = counts.get((a, b), 0) + 1
                    if {(session_id, table, a), (session_id, table, b)} & by_hand:
                        placed.add((a, b))
    return sum(1 for pair in placed if counts[pair] > 1)
