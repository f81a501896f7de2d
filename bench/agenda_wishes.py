"""The wishes section of bench/agenda.py: do agendas honour what people asked for?

On the three demo events (built by the real demo code into a throwaway SQLite database and
read by the real planning service) and a generated 600-person, two-day event, plan every
agenda twice from the same facts: with today's costs (issue 19's "before": level distance
and interests only, copied here as the reference) and with the costs that weigh goals,
problems and level cards (``engine.agenda.costs.fit``). For each plan:

* goal met: people whose stated goal ("a plan to take home" …) is delivered by a session
  on their agenda, out of those for whom a fitting session exists (a session of a format
  that delivers the goal, at their level). "Of the possible" divides by the most that
  could be met at once given the seats (a maximum flow: askers → fitting sessions →
  seats), the issue's "where a fitting session had a seat" (target ≥ 95 %);
* level fit: people with every session at their level;
* cost: the total under today's costs (today's plan is optimal for it, so this is the
  price of honouring wishes) and under the new costs;
* worst-off: the highest personal cost under each, and the fewest sessions at level.

The new rule is also solved with ``fair`` (the organizer's "help the worst-off first"),
which minimises the highest personal cost before the total.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from immerse.engine.agenda.costs import PersonFacts, SessionFacts, fit, goal_met_by  # noqa: E402
from immerse.engine.agenda.figures import goal_figures  # noqa: E402
from immerse.engine.agenda.model import AgendaSolution  # noqa: E402
from immerse.engine.agenda.planning import (  # noqa: E402
    AgendaPlan,
    PlanAttendee,
    PlanSession,
    plan_agendas,
)
from immerse.engine.agenda.solve import solve_agenda  # noqa: E402
from immerse.engine.catalogue import FORMATS, TOOLS  # noqa: E402

HEADER = ("| event | people | costs | goal met (of fitting) | of the possible | all at level "
          "| cost, today's rule | cost, new rule | worst-off (today's / new rule) "
          "| fewest at level | s |")


def today_fit(person: PersonFacts, session: SessionFacts) -> tuple[float, str]:
    """The cost rule before issue 19: 3 + 2 × level distance − 1 on a matching interest,
    0 when starred (engine/agenda/costs.py at commit 941f366)."""
    level = person.level or 1
    distance = min((abs(level - t) for t in session.levels), default=0)
    wanted = {i.casefold() for i in person.interests}
    names = {t.casefold() for t in session.topics} | set(session.tools)
    if session.key in person.wishes:
        return 0.0, ""
    return 3.0 + 2.0 * distance - 1.0 * bool(wanted & names), ""


def demo_plans() -> list[tuple[str, Callable[..., AgendaPlan]]]:
    """The demo events as the planning service sees them (a throwaway SQLite database)."""
    folder = tempfile.mkdtemp(prefix="immerse-bench-wishes-")
    os.environ["IMMERSE_DATA_DIR"] = folder
    os.environ.pop("DATABASE_URL", None)
    from immerse.cli.django_setup import setup_django

    setup_django(migrate=True)
    from immerse.demo.build import DEMO_SLUGS, demo_build
    from immerse.events.models import Event
    from immerse.program.services.planning import plan_input

    started = time.perf_counter()
    demo_build(seed=2009)
    print(f"demo built in {time.perf_counter() - started:.0f} s in {folder}")
    plans = []
    for slug in DEMO_SLUGS:
        base = plan_input(event=Event.objects.get(slug=slug), keep_confirmed=False).plan

        def again(cost: Callable[..., tuple[float, str]], base: AgendaPlan = base) -> AgendaPlan:
            return plan_agendas(slots=base.problem.slots, sessions=base.sessions,
                                attendees=base.attendees, cost=cost)

        plans.append((f"demo {slug}", again))
    return plans


def generated_plan(n: int = 600, *, seed: int = 2026) -> Callable[..., AgendaPlan]:
    """A two-day event: 4 slots a day, 6 parallel sessions of random formats, seats for
    about 1.1 × the people per slot; people with levels, goals (¾ their level's usual
    one), interests, problems naming a tool, and a few stars."""
    from immerse.demo import content
    from immerse.engine.catalogue import formats_to_look_for

    rng = random.Random(seed)
    usual_goal = {1: "stories", 2: "context", 3: "plan", 4: "share"}
    tools = [t.key for t in TOOLS]
    sessions = []
    slots = [f"d{d}-{s}" for d in (1, 2) for s in range(1, 5)]
    for slot in slots:
        # Every slot serves each level's first format once; the other rooms are random.
        formats = [formats_to_look_for(level)[0] for level in (1, 2, 3, 4)]
        formats += rng.sample([f for f in FORMATS if f.key != "plenary"], 2)
        shares = [rng.uniform(0.6, 1.4) for _ in formats]
        for k, fmt in enumerate(formats):
            picked = rng.sample(tools, rng.choice((1, 2)))
            seats = max(12, round(1.1 * n * shares[k] / sum(shares)))
            sessions.append(PlanSession(SessionFacts(
                f"{slot}-{k}", f"{fmt.label} {slot}-{k}", fmt.levels,
                tuple(t.replace("-", " ") for t in picked[:1]), tuple(picked), fmt.key),
                slot, seats))
    attendees = []
    for i in range(n):
        level = rng.choices((1, 2, 3, 4), (35, 30, 22, 13))[0]
        goal = (usual_goal[level] if rng.random() < 0.75
                else rng.choice(list(usual_goal.values())))
        tool = rng.choice(TOOLS).label.lower()
        problem = rng.choice(content.PROBLEM_TEMPLATES).format(tool=tool, dept="marketing")
        stars = frozenset(rng.sample([s.facts.key for s in sessions], 2)
                          if rng.random() < 0.1 else [])
        attendees.append(PlanAttendee(f"a{i}", f"Attendee {i}", PersonFacts(
            level, frozenset(rng.sample(tools, rng.choice((0, 1, 2)))), stars, goal, problem)))

    def build(cost: Callable[..., tuple[float, str]]) -> AgendaPlan:
        return plan_agendas(slots=slots, sessions=sessions, attendees=attendees, cost=cost)

    return build


def possible(plan: AgendaPlan) -> int:
    """The most goal-askers that can hold a fitting session at once, seats permitting."""
    askers = [a for a in plan.attendees if a.facts.goal]
    sessions = [s for s in plan.sessions if s.seats is None or s.seats > 0]
    n_a, n_s = len(askers), len(sessions)
    source, sink = 0, 1 + n_a + n_s
    rows, cols, caps = [], [], []
    for i, attendee in enumerate(askers, start=1):
        rows.append(source), cols.append(i), caps.append(1)
        level = attendee.facts.level or 1
        for j, session in enumerate(sessions, start=1 + n_a):
            if goal_met_by(attendee.facts, session.facts) and level in session.facts.levels:
                rows.append(i), cols.append(j), caps.append(1)
    for j, session in enumerate(sessions, start=1 + n_a):
        rows.append(j), cols.append(sink), caps.append(session.seats or n_a)
    graph = csr_matrix((np.array(caps, dtype=np.int32), (rows, cols)), shape=(sink + 1,) * 2)
    return int(maximum_flow(graph, source, sink).flow_value)


def measure(name: str, build: Callable[..., AgendaPlan], time_limit: float) -> list[str]:
    new_plan, old_plan = build(fit), build(today_fit)
    rows = []
    for label, plan, fair in (("today's", old_plan, False), ("new", new_plan, False),
                              ("new, fair", new_plan, True)):
        started = time.perf_counter()
        solution = solve_agenda(plan.problem, time_limit=time_limit, seed=0, fair=fair)
        seconds = time.perf_counter() - started
        rows.append(_row(name, label, new_plan, old_plan, solution, seconds))
    return rows


def _row(name: str, label: str, new_plan: AgendaPlan, old_plan: AgendaPlan,
         solution: AgendaSolution, seconds: float) -> str:
    goals = goal_figures(new_plan, solution)
    most = possible(new_plan)
    sessions = {s.facts.key: s.facts for s in new_plan.sessions}
    people = {a.key: a.facts for a in new_plan.attendees}
    at_level = {a: sum((people[a].level or 1) in sessions[k].levels for k in keys)
                for a, keys in solution.assignment.items()}
    old_cost = {a: sum(old_plan.costs[(a, k)] for k in keys)
                for a, keys in solution.assignment.items()}
    new_cost = {a: sum(new_plan.costs[(a, k)] for k in keys)
                for a, keys in solution.assignment.items()}
    n = len(solution.assignment)
    all_at_level = sum(1 for a, keys in solution.assignment.items() if at_level[a] == len(keys))
    fitting, met = goals["fitting"], goals["met"]
    return (f"| {name} | {n} | {label} | {met} / {fitting} ({met / max(fitting, 1):.1%}) "
            f"| {met / max(min(fitting, most), 1):.1%} (max {most}) "
            f"| {all_at_level / max(n, 1):.1%} | {sum(old_cost.values()):g} "
            f"| {sum(new_cost.values()):g} | {max(old_cost.values()):g} / "
            f"{max(new_cost.values()):g} | {min(at_level.values())} of "
            f"{len(new_plan.problem.slots)} | {seconds:.1f} |")


def run_wishes(quick: bool) -> None:
    limit = 10.0 if quick else 30.0
    cases = [*demo_plans(), ("generated 600, 2 days", generated_plan(600))]
    lines = [HEADER, "|" + "---|" * 11]
    for name, build in cases:
        lines += measure(name, build, limit)
        print(lines[-1])
    print("\n" + "\n".join(lines))
