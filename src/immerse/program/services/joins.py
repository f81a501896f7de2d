"""Late joiners: an agenda for someone confirmed after planning, in the seats left.

Someone who signs up after the organizer planned the agendas, or who is promoted from the
waiting list, gets an agenda by an incremental re-plan: only the newcomers are planned,
over the seats nobody holds, with the same costs and reasons as a full run; everyone
else's agenda stays exactly as it is. Then their table seats follow (``tables_join``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from immerse.common.tasks import enqueue
from immerse.engine.agenda.planning import PlanAttendee, PlanSession, plan_agendas
from immerse.engine.agenda.reasons import reason_to_json
from immerse.events.models import Event, Session
from immerse.people.models import Registration
from immerse.program.models import AgendaItem, AgendaRun
from immerse.program.selectors import seats_taken_forget
from immerse.program.services.notifications import agenda_ready_queue
from immerse.program.services.planning import person_facts, session_facts

#: Seconds the solver gets for a batch of newcomers (a handful of people: far more than
#: enough; the bound keeps a large batch from holding the seat locks for long).
JOIN_TIME_LIMIT = 5.0
#: Registrations one sweep hands on, so a backlog is worked off over a few minutes.
SWEEP_LIMIT = 500


def agenda_join(*, registration_ids: Sequence[int]) -> dict[int, int]:
    """Plan the agendas of these registrations if they are confirmed, have none yet and
    their event was planned; returns {registration id: sessions added}. Safe to repeat."""
    added: dict[int, int] = {}
    regs = list(Registration.objects.filter(pk__in=list(registration_ids),
                                            status=Registration.Status.CONFIRMED)
                .select_related("person", "event").order_by("pk"))
    by_event: defaultdict[int, list[Registration]] = defaultdict(list)
    for reg in regs:
        by_event[reg.event_id].append(reg)
    for newcomers in by_event.values():
        event = newcomers[0].event
        run = (AgendaRun.objects.filter(event=event, status=AgendaRun.Status.DONE)
               .order_by("-finished_at", "-id").first())
        if run is not None:
            added.update(_join_event(event, run, newcomers))
    # Table seats follow the agenda; tables_join also seats people of events planned
    # without agendas (everyone confirmed sits at every table session then).
    ids = [reg.pk for reg in regs]
    if ids:
        transaction.on_commit(lambda: enqueue("tables_join", *ids))
    return added


def _join_event(event: Event, run: AgendaRun, newcomers: list[Registration]) -> dict[int, int]:
    with transaction.atomic():
        # Hold every session's seat count still (agenda_swap locks the one it fills), so
        # two joins or a join and a swap never hand out the same last seat.
        locked = list(Session.objects.select_for_update().filter(event=event).order_by("pk")
                      .values_list("pk", flat=True))
        planned = set(AgendaItem.objects.filter(registration__in=newcomers)
                      .values_list("registration_id", flat=True))
        newcomers = [reg for reg in newcomers if reg.pk not in planned]
        if not newcomers or not locked:
            return {}
        sessions = {f"s{s.pk}": s for s in Session.objects.filter(
            event=event, slot__isnull=False).select_related("slot", "room")
            .prefetch_related("tools")}
        taken = dict(AgendaItem.objects.filter(
            session__event=event, registration__status=Registration.Status.CONFIRMED)
            .order_by().values_list("session_id").annotate(n=Count("id")))
        slots = sorted({s.slot_id: s.scheduled_slot for s in sessions.values()}.values(),
                       key=lambda slot: (slot.start, slot.pk))
        facts = person_facts(newcomers)
        plan = plan_agendas(
            slots=[f"t{slot.pk}" for slot in slots],
            sessions=[PlanSession(session_facts(s), slot=f"t{s.slot_id}",
                                  seats=None if s.seats is None
                                  else max(0, s.seats - taken.get(s.pk, 0)))
                      for s in sessions.values()],
            attendees=[PlanAttendee(f"r{reg.pk}", reg.person.name, facts[reg.pk])
                       for reg in newcomers])
        # The solver stack (OR-Tools, HiGHS, Numba, SciPy) loads in the process that plans
        # (a background worker), never in a web worker that imports this module.
        from immerse.engine.agenda.solve import solve_agenda

        solution = solve_agenda(plan.problem, time_limit=JOIN_TIME_LIMIT, seed=run.seed)
        regs = {f"r{reg.pk}": reg for reg in newcomers}
        AgendaItem.objects.bulk_create([
            AgendaItem(registration=regs[rkey], session=sessions[skey], run=run,
                       reason=plan.reasons[(rkey, skey)][:300],
                       reason_parts=reason_to_json(plan.reason_parts.get((rkey, skey), ())))
            for rkey, skeys in solution.assignment.items() for skey in skeys])
        # A late joiner hears that their agenda is ready, as everyone did after the run.
        agenda_ready_queue(event=event, before={}, key=f"join-{run.pk}",
                           registration_ids=[reg.pk for reg in newcomers])
    seats_taken_forget(event_id=event.pk)
    return {regs[rkey].pk: len(skeys) for rkey, skeys in solution.assignment.items()}


def agenda_joins_enqueue() -> int:
    """The periodic sweep: hand every late joiner to ``agenda_join``, one batch per event
    (so newcomers of one event share the seats fairly); returns how many were handed on."""
    batches = agenda_join_candidates()
    for ids in batches.values():
        enqueue("agenda_join", *ids)
    return sum(len(ids) for ids in batches.values())


def agenda_join_candidates(*, limit: int = SWEEP_LIMIT) -> dict[int, list[int]]:
    """Confirmed registrations without an agenda in events that were planned and are not
    over yet, by event id: the late joiners a periodic sweep hands to ``agenda_join``."""
    planned = AgendaRun.objects.filter(event=OuterRef("event"), status=AgendaRun.Status.DONE)
    has_items = AgendaItem.objects.filter(registration=OuterRef("pk"))
    found: defaultdict[int, list[int]] = defaultdict(list)
    for reg_id, event_id in (Registration.objects.filter(
            status=Registration.Status.CONFIRMED, event__end_date__gte=timezone.localdate())
            .filter(Exists(planned)).exclude(Exists(has_items))
            .order_by("event_id", "pk").values_list("pk", "event_id")[:limit]):
        found[event_id].append(reg_id)
    return dict(found)
