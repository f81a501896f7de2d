"""Planning personal agendas: from registrations, wishes and the program to the engine and back.

``agenda_run_start`` records a run and hands it to the task queue (inline without one);
``agenda_run_execute`` does the work: build the problem, solve it, store the agendas with
their reasons, and the satisfaction figures organizers look at.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from immerse.common.tasks import enqueue
from immerse.engine.agenda.model import AgendaProblem, AgendaSolution
from immerse.engine.agenda.model import Attendee as EngineAttendee
from immerse.engine.agenda.model import Session as EngineSession
from immerse.engine.agenda.solve import solve_agenda
from immerse.events.models import Event, Session
from immerse.people.models import Registration
from immerse.program.costs import PersonFacts, SessionFacts, fit
from immerse.program.models import AgendaItem, AgendaRun, SessionWish
from immerse.program.selectors import seats_taken_forget

NEAR_FULL = 0.9
# When rooms cannot seat everyone in some slot, every seat taken is credited this much, so
# the solver fills all seats first and only then looks at fit (all fit costs are far below).
SEAT_CREDIT = 100.0


@dataclass
class PlanInput:
    problem: AgendaProblem
    fixed: dict[str, tuple[str, ...]]
    registrations: dict[str, Registration]
    sessions: dict[str, Session]
    reasons: dict[tuple[str, str], str]
    costs: dict[tuple[str, str], float]


def _key(session: Session) -> str:
    return f"s{session.pk}"


def plan_input(*, event: Event, keep_confirmed: bool) -> PlanInput:
    """The engine problem for the event's confirmed attendees and scheduled sessions."""
    sessions = {_key(s): s for s in Session.objects.filter(event=event, slot__isnull=False)
                .select_related("room", "slot").prefetch_related("tools")}
    regs = {f"r{r.pk}": r for r in Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED).select_related("person")}
    wishes: defaultdict[int, set[str]] = defaultdict(set)
    for person_id, session_id in SessionWish.objects.filter(
            session__event=event).values_list("person_id", "session_id"):
        wishes[person_id].add(f"s{session_id}")
    facts = {key: SessionFacts(key, s.title, tuple(s.target_levels) or (1, 2, 3, 4),
                               tuple(s.topics), tuple(t.key for t in s.tools.all()))
             for key, s in sessions.items()}
    costs, reasons, attendees = {}, {}, []
    for rkey, reg in regs.items():
        person = PersonFacts(reg.level, frozenset(reg.interests or ()),
                             frozenset(wishes[reg.person_id]))
        row = {}
        for skey, session_facts in facts.items():
            cost, reason = fit(person, session_facts)
            row[skey] = cost
            costs[(rkey, skey)], reasons[(rkey, skey)] = cost, reason
        attendees.append(EngineAttendee(attendee_id=rkey, cost=row, default_cost=10.0))
    slots = sorted({s.slot_id for s in sessions.values()},
                   key=lambda sid: next(s.slot.start for s in sessions.values()
                                        if s.slot_id == sid))
    engine_sessions = tuple(
        EngineSession(session_id=key, slot=f"t{s.slot_id}", topic=key, min_size=0,
                      max_size=s.seats if s.seats is not None else len(regs))
        for key, s in sessions.items())
    seats = defaultdict(int)
    for item in engine_sessions:
        seats[item.slot] += item.max_size
    # Everyone is somewhere in every slot when the rooms can hold them; otherwise at most one,
    # with every seat credited so that no seat stays empty while someone has none.
    enough = all(seats[f"t{sid}"] >= len(regs) for sid in slots)
    if not enough:
        attendees = [EngineAttendee(attendee_id=a.attendee_id, default_cost=a.default_cost,
                                    cost={k: c - SEAT_CREDIT for k, c in a.cost.items()})
                     for a in attendees]
    problem = AgendaProblem(slots=tuple(f"t{sid}" for sid in slots), sessions=engine_sessions,
                            attendees=tuple(attendees),
                            one_per_slot="exactly" if enough else "at_most",
                            no_repeat_topic=True)
    fixed: dict[str, tuple[str, ...]] = {}
    if keep_confirmed:
        confirmed = defaultdict(list)
        for reg_id, session_id in AgendaItem.objects.filter(
                registration__event=event, confirmed=True,
                registration__status=Registration.Status.CONFIRMED).values_list(
                "registration_id", "session_id"):
            if f"s{session_id}" in sessions:
                confirmed[f"r{reg_id}"].append(f"s{session_id}")
        fixed = {k: tuple(v) for k, v in confirmed.items()}
        _check_fixed_fit(fixed, sessions)
    return PlanInput(problem, fixed, regs, sessions, reasons, costs)


class PlanningError(ValueError):
    """The inputs cannot be planned as they are; the message says what to change."""


def _check_fixed_fit(fixed: dict[str, tuple[str, ...]], sessions: dict[str, Session]) -> None:
    held: defaultdict[str, int] = defaultdict(int)
    for keys in fixed.values():
        for key in keys:
            held[key] += 1
    over = [f"{sessions[k].title} ({n} confirmed, {sessions[k].seats} seats)"
            for k, n in held.items() if sessions[k].seats is not None and n > sessions[k].seats]
    if over:
        raise PlanningError("More people confirmed these sessions than they have seats: "
                            + "; ".join(over) + ". Add seats, or re-plan everyone.")


def inputs_digest(plan: PlanInput) -> str:
    """A fingerprint of what the engine saw, so two runs can be compared honestly."""
    body = {
        "slots": plan.problem.slots, "one_per_slot": plan.problem.one_per_slot,
        "sessions": [(s.session_id, s.slot, s.max_size) for s in plan.problem.sessions],
        "costs": sorted((a, s, c) for (a, s), c in plan.costs.items()),
        "fixed": sorted(plan.fixed.items()),
    }
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def agenda_run_start(*, event: Event, user: AbstractBaseUser | None, keep_confirmed: bool = True,
                     fair: bool = False, time_limit: float = 30.0, seed: int = 0) -> AgendaRun:
    run = AgendaRun.objects.create(event=event, created_by=user, keep_confirmed=keep_confirmed,
                                   fair=fair, time_limit=time_limit, seed=seed,
                                   message="Waiting for a worker")
    enqueue("agenda_plan", run.pk)
    run.refresh_from_db()
    return run


def agenda_run_execute(run_id: int) -> AgendaRun:
    """Solve and store; failures are recorded on the run, never half-written agendas."""
    run = AgendaRun.objects.select_related("event").get(pk=run_id)
    _progress(run, 0.02, "Reading levels, interests and wishes", status=AgendaRun.Status.RUNNING)
    try:
        plan = plan_input(event=run.event, keep_confirmed=run.keep_confirmed)
        run.inputs_digest = inputs_digest(plan)
        started = time.monotonic()
        last = [0.0]

        def report(fraction: float, message: str) -> None:
            if time.monotonic() - last[0] > 0.5:  # a row update at most twice a second
                last[0] = time.monotonic()
                _progress(run, 0.05 + 0.85 * fraction, message)

        solution = solve_agenda(plan.problem, time_limit=run.time_limit, fair=run.fair,
                                seed=run.seed, progress=report, fixed=plan.fixed or None)
        _progress(run, 0.92, "Saving agendas")
        with transaction.atomic():
            _store(run, plan, solution)
        seats_taken_forget(event_id=run.event_id)
        run.objective, run.lower_bound = solution.objective, solution.lower_bound
        run.seconds = time.monotonic() - started
        run.stats = satisfaction(plan, solution)
        run.status, run.progress, run.message = AgendaRun.Status.DONE, 1.0, "Done"
    except Exception as exc:  # recorded for the organizer; the old agendas stay in place
        run.status, run.message = AgendaRun.Status.FAILED, str(exc)[:300]
    run.finished_at = timezone.now()
    run.save()
    return run


def _progress(run: AgendaRun, fraction: float, message: str, *, status: str | None = None) -> None:
    run.progress, run.message = fraction, message[:300]
    fields = {"progress": fraction, "message": run.message}
    if status:
        run.status = fields["status"] = status
    AgendaRun.objects.filter(pk=run.pk).update(**fields)


def _store(run: AgendaRun, plan: PlanInput, solution: AgendaSolution) -> None:
    items = AgendaItem.objects.filter(registration__event=run.event)
    if run.keep_confirmed:
        items = items.filter(confirmed=False)
    items.delete()
    kept = set(AgendaItem.objects.filter(registration__event=run.event)
               .values_list("registration_id", "session_id"))
    AgendaItem.objects.bulk_create([
        AgendaItem(registration=plan.registrations[rkey], session=plan.sessions[skey], run=run,
                   reason=plan.reasons[(rkey, skey)][:300])
        for rkey, skeys in solution.assignment.items() for skey in skeys
        if (plan.registrations[rkey].pk, plan.sessions[skey].pk) not in kept
    ])


def satisfaction(plan: PlanInput, solution: AgendaSolution) -> dict[str, object]:
    """What organizers look at after a run."""
    at_level, worst = 0, []
    fill: defaultdict[str, int] = defaultdict(int)
    for rkey, skeys in solution.assignment.items():
        reg = plan.registrations[rkey]
        level = reg.level or 1
        if all(level in (plan.sessions[k].target_levels or [level]) for k in skeys):
            at_level += 1
        worst.append((sum(plan.costs[(rkey, k)] for k in skeys), reg.person.name, rkey))
        for key in skeys:
            fill[key] += 1
    worst.sort(reverse=True)
    crowded = []
    for key, session in plan.sessions.items():
        seats = session.seats
        if seats and fill[key] >= NEAR_FULL * seats:
            crowded.append({"session": session.title, "seats": seats, "assigned": fill[key]})
    n = len(solution.assignment)
    slots = len(plan.problem.slots)
    return {
        "without_a_seat_somewhere": sum(1 for skeys in solution.assignment.values()
                                        if len(skeys) < slots),
        "attendees": n,
        "all_at_level": at_level,
        "share_all_at_level": round(at_level / n, 4) if n else 0.0,
        "worst_off": [{"name": name, "cost": cost} for cost, name, _ in worst[:5]],
        "near_or_over_capacity": crowded,
        "one_per_slot": plan.problem.one_per_slot,
        "seat_credit": SEAT_CREDIT if plan.problem.one_per_slot == "at_most" else 0.0,
        "method": solution.method,
    }
