"""Planning personal agendas: from registrations, wishes and the program to the engine and back.

``agenda_run_start`` records a run and hands it to a worker (the web answers at once);
``agenda_run_execute`` does the work under the run's lease (``common.runs``): build the
problem, solve it, store the agendas with their reasons, and the satisfaction figures
organizers look at.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from immerse.common.requestid import current_request_id
from immerse.common.runs import Claim, LeaseLost, run_lease
from immerse.common.tasks import enqueue
from immerse.engine.agenda.costs import PersonFacts, SessionFacts
from immerse.engine.agenda.figures import satisfaction
from immerse.engine.agenda.model import AgendaSolution
from immerse.engine.agenda.planning import (
    AgendaPlan,
    PlanAttendee,
    PlanSession,
    plan_agendas,
    plan_digest,
)
from immerse.engine.agenda.reasons import reason_to_json
from immerse.engine.wording import count
from immerse.events.models import Event, Session, TimeSlot
from immerse.people.models import Assessment, Registration
from immerse.program.models import AgendaItem, AgendaRun, SessionWish
from immerse.program.selectors import seats_taken_forget
from immerse.program.services.notifications import agenda_ready_queue, agendas_now

logger = logging.getLogger(__name__)
ALL_LEVELS = (1, 2, 3, 4)  # a session that targets no level suits every level


@dataclass
class PlanInput:
    """The engine's plan and the rows its keys stand for (``r<pk>``, ``s<pk>``, ``t<pk>``),
    with the slots' names for people."""

    plan: AgendaPlan
    registrations: dict[str, Registration]
    sessions: dict[str, Session]
    slot_labels: dict[str, str] = field(default_factory=dict)
    slot_days: dict[str, str] = field(default_factory=dict)


def session_facts(session: Session) -> SessionFacts:
    """What the engine knows of a session (its tools prefetched, or one query)."""
    return SessionFacts(f"s{session.pk}", session.title,
                        tuple(session.target_levels) or ALL_LEVELS, tuple(session.topics),
                        tuple(t.key for t in session.tools.all()), session.format)


def person_facts(registrations: Sequence[Registration]) -> dict[int, PersonFacts]:
    """What each registration's person told us, by registration id (three queries in all):
    level, interests, the sessions they starred in the event, the goal from their latest
    questionnaire that asked it, and the problem they brought."""
    if not registrations:
        return {}
    event_id = registrations[0].event_id
    person_ids = [r.person_id for r in registrations]
    wishes: defaultdict[int, set[str]] = defaultdict(set)
    for person_id, session_id in SessionWish.objects.filter(
            session__event_id=event_id, person_id__in=person_ids).values_list(
            "person_id", "session_id"):
        wishes[person_id].add(f"s{session_id}")
    goals: dict[int, str] = {}  # the latest answer to "what do you most want?"
    for person_id, answers in (Assessment.objects.filter(person_id__in=person_ids)
                               .order_by("person_id", "-created_at", "-id")
                               .values_list("person_id", "answers")):
        if (answers or {}).get("want"):
            goals.setdefault(person_id, answers["want"])
    return {reg.pk: PersonFacts(reg.level, frozenset(reg.interests or ()),
                                frozenset(wishes[reg.person_id]),
                                goal=goals.get(reg.person_id), problems=reg.problems)
            for reg in registrations}


def slot_names(event: Event, slots: Sequence[TimeSlot]) -> tuple[dict[str, str], dict[str, str]]:
    """Each slot's label ("Tue 11:00") and, over several days, its day ("day 2 (Tue 16 Mar)"),
    keyed ``t<pk>``, in the event's time zone."""
    zone = ZoneInfo(event.time_zone)
    starts = {f"t{slot.pk}": slot.start.astimezone(zone) for slot in slots}
    dates = sorted({start.date() for start in starts.values()})
    labels = {key: f"{start:%a %H:%M}" for key, start in starts.items()}
    if len(dates) < 2:
        return labels, {}
    number = {day: n for n, day in enumerate(dates, start=1)}
    return labels, {key: f"day {number[start.date()]} ({start:%a %-d %b})"
                    for key, start in starts.items()}


def plan_input(*, event: Event, keep_confirmed: bool) -> PlanInput:
    """The engine problem for the event's confirmed attendees and scheduled sessions."""
    sessions = {f"s{s.pk}": s for s in Session.objects.filter(event=event, slot__isnull=False)
                .select_related("room", "slot").prefetch_related("tools")}
    regs = {f"r{r.pk}": r for r in Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED).select_related("person")}
    facts = person_facts(list(regs.values()))
    slots = sorted({s.slot_id: s.scheduled_slot for s in sessions.values()}.values(),
                   key=lambda slot: (slot.start, slot.pk))
    confirmed: defaultdict[str, list[str]] = defaultdict(list)
    if keep_confirmed:
        for reg_id, session_id in AgendaItem.objects.filter(
                registration__event=event, confirmed=True,
                registration__status=Registration.Status.CONFIRMED).values_list(
                "registration_id", "session_id"):
            confirmed[f"r{reg_id}"].append(f"s{session_id}")
    plan = plan_agendas(
        slots=[f"t{slot.pk}" for slot in slots],
        sessions=[PlanSession(session_facts(s), slot=f"t{s.slot_id}", seats=s.seats)
                  for s in sessions.values()],
        attendees=[PlanAttendee(key, reg.person.name, facts[reg.pk])
                   for key, reg in regs.items()],
        confirmed=confirmed)
    labels, days = slot_names(event, slots)
    return PlanInput(plan, regs, sessions, labels, days)


def agenda_run_create(*, event: Event, user: User | None,
                      keep_confirmed: bool = True, fair: bool = False, time_limit: float = 30.0,
                      seed: int = 0, notify: bool = False) -> AgendaRun:
    """Record a run, not yet sent to a worker (the CLI and the demo execute it themselves).
    ``notify``: tell people at once instead of leaving the messages for the organizer."""
    return AgendaRun.objects.create(event=event, created_by=user, keep_confirmed=keep_confirmed,
                                    fair=fair, time_limit=time_limit, seed=seed, notify=notify,
                                    message=_("Waiting for a worker"),
                                    request_id=current_request_id())


def agenda_run_start(*, event: Event, user: User | None, keep_confirmed: bool = True,
                     fair: bool = False, time_limit: float = 30.0, seed: int = 0,
                     notify: bool = False) -> AgendaRun:
    """Record a run and hand it to a worker; returns at once with the queued run."""
    with transaction.atomic():
        run = agenda_run_create(event=event, user=user, keep_confirmed=keep_confirmed,
                                fair=fair, time_limit=time_limit, seed=seed, notify=notify)
        enqueue("agenda_plan", run.pk)
    run.refresh_from_db()  # an inline backend (tests) has planned already
    return run


def agenda_run_execute(run_id: int) -> AgendaRun:
    """Solve and store under the run's lease; failures are recorded on the run, never
    half-written agendas. A run another worker holds (or finished) is left alone."""
    with run_lease(AgendaRun, run_id) as claim:
        if claim is not None:
            _execute(AgendaRun.objects.select_related("event").get(pk=run_id), claim)
    return AgendaRun.objects.get(pk=run_id)


def _execute(run: AgendaRun, claim: Claim) -> None:
    claim.progress(0.02, _("Reading levels, interests and wishes"))
    try:
        plan = plan_input(event=run.event, keep_confirmed=run.keep_confirmed)
        run.inputs_digest = plan_digest(plan.plan)  # what the engine saw
        started = time.monotonic()
        last = [0.0]

        def report(fraction: float, message: str) -> None:
            if time.monotonic() - last[0] > 0.5:  # a row update at most twice a second
                last[0] = time.monotonic()
                claim.progress(0.05 + 0.85 * fraction, message)

        # The solver stack (OR-Tools, HiGHS, Numba, SciPy) loads in the process that plans
        # (a background worker), never in a web worker that imports this module.
        from immerse.engine.agenda.solve import solve_agenda

        solution = solve_agenda(plan.plan.problem, time_limit=run.time_limit, fair=run.fair,
                                seed=run.seed, progress=report, fixed=plan.plan.fixed or None)
        claim.progress(0.92, _("Saving agendas"))
        with transaction.atomic():
            if not claim.still_mine():
                raise LeaseLost(f"run {run.pk} was taken back before saving")
            _store(run, plan, solution)
            claim.finish(AgendaRun.Status.DONE,
                         f"{count(len(solution.assignment), 'agenda')} saved", progress=1.0,
                         inputs_digest=run.inputs_digest, objective=solution.objective,
                         lower_bound=solution.lower_bound,
                         seconds=time.monotonic() - started,
                         stats=satisfaction(plan.plan, solution, slot_labels=plan.slot_labels,
                                            slot_days=plan.slot_days))
        seats_taken_forget(event_id=run.event_id)
    except LeaseLost:
        logger.warning("agenda run %s was taken back from this worker; nothing stored", run.pk)
    except Exception as exc:  # recorded for the organizer; the old agendas stay in place
        logger.exception("agenda run %s failed", run.pk)
        claim.finish(AgendaRun.Status.FAILED, str(exc)[:300], inputs_digest=run.inputs_digest)


def _store(run: AgendaRun, plan: PlanInput, solution: AgendaSolution) -> None:
    before = agendas_now(event=run.event)
    items = AgendaItem.objects.filter(registration__event=run.event)
    if run.keep_confirmed:
        items = items.filter(confirmed=False)
    items.delete()
    kept = set(AgendaItem.objects.filter(registration__event=run.event)
               .values_list("registration_id", "session_id"))
    AgendaItem.objects.bulk_create([
        AgendaItem(registration=plan.registrations[rkey], session=plan.sessions[skey], run=run,
                   reason=plan.plan.reasons[(rkey, skey)][:300],
                   reason_parts=reason_to_json(plan.plan.reason_parts.get((rkey, skey), ())))
        for rkey, skeys in solution.assignment.items() for skey in skeys
        if (plan.registrations[rkey].pk, plan.sessions[skey].pk) not in kept
    ])
    # Only people whose agenda is new or changed hear of it, once the organizer says so
    # (the messages wait: notify.waiting); a retried run queues nothing.
    agenda_ready_queue(event=run.event, before=before, key=f"run-{run.pk}",
                       wait=not run.notify)
