"""The immersion's past edition (spring 2026): a learning cycle that has happened.

Sixty people signed up in February at the level their answers gave then, sat at round
tables in March, drafted take-home plans, and retook the questionnaire a month later: some
moved up the ladder and took up tools, most plans were checked in on in May and June. Their
current assessment (made by ``demo.build``) is that retake; this module adds what came
before it, so the edition's report shows movement, tools adopted and plans followed up.
Everything is seeded and dated: the same seed gives the same edition.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from immerse.demo.learning import feedback_seed
from immerse.demo.people import LEVEL_ANSWERS, PersonDraft
from immerse.engine.catalogue import FREQUENCY_RANK, TOOL_BY_KEY, format_keys
from immerse.events.models import Event
from immerse.learning.models import Feedback, Plan, PlanCheckin, PlanComment, PlanVersion
from immerse.people.models import Assessment, Person, Registration
from immerse.people.services.assessments import (
    assessment_compute,
    assessment_row,
    assessment_take_bulk,
)
from immerse.tables.models import TablePlan, TableSeat
from immerse.tables.selectors import table_format_keys

SLUG = "mobile-immersion-2026"
TITLE = "Mobile Social Media Immersion 2026"
START = date(2026, 3, 16)
ZONE = ZoneInfo("Europe/Amsterdam")
SIGNED_UP = datetime(2026, 2, 2, 9, 0, tzinfo=ZONE)  # the sign-ups ran over two weeks
RETAKEN = datetime(2026, 4, 20, 19, 0, tzinfo=ZONE)  # a month after, over a week
TABLE_SIZE = 6
_MONTHLY = FREQUENCY_RANK["monthly"]


def past_edition_seed(*, rng: random.Random, event: Event, persons: Sequence[Person],
                      drafts: Sequence[PersonDraft], attendee: Person) -> None:
    """Registrations, the sign-up assessments and the retakes, table seats, feedback,
    plans with reviews and check-ins, for ``persons`` (``attendee``, the demo's log-in, came
    in as an Eye-opener and left at their level now)."""
    before = _signup_assessments(rng, event, persons, drafts, forced={attendee.pk: 1})
    regs = Registration.objects.bulk_create([
        Registration(event=event, person=person, level=before[person.pk], source="demo",
                     status="confirmed", stories=draft.story, problems=draft.problem,
                     interests=draft.interests)
        for person, draft in zip(persons, drafts, strict=True)])
    for i, reg in enumerate(regs):
        reg.created_at = SIGNED_UP + timedelta(minutes=331 * i)
    Registration.objects.bulk_update(regs, ["created_at"])
    _retakes_dated(rng, event, persons)
    _tables(rng, event, regs)
    feedback_seed(rng, [event])
    for feedback in (made := list(Feedback.objects.filter(session__event=event)
                                  .select_related("session__slot"))):
        feedback.created_at = feedback.session.scheduled_slot.end + timedelta(hours=2)
    Feedback.objects.bulk_update(made, ["created_at"])
    _plans(rng, event, regs, attendee)


def _signup_assessments(rng: random.Random, event: Event, persons: Sequence[Person],
                        drafts: Sequence[PersonDraft], forced: dict[int, int]
                        ) -> dict[int, int]:
    """What each person answered in February: more than half of those above Eye-opener one
    rung lower than now, without some of the tools they use now. Assessed by the real
    rules; returns the level each came in with."""
    rows, inventories, levels = [], {}, {}
    for person, draft in zip(persons, drafts, strict=True):
        moved = person.pk in forced or (draft.level > 1 and rng.random() < 0.6)
        target = forced.get(person.pk, draft.level - 1 if moved else draft.level)
        uses = _tools_before(rng, draft.tool_uses, target=target, moved=moved)
        answers = {q: rng.choice(options) for q, options in LEVEL_ANSWERS[target].items()}
        result = assessment_compute(answers=answers, tool_uses=uses)
        levels[person.pk] = result.level
        rows.append(assessment_row(person=person, event=event, answers=answers, result=result))
        inventories[person.pk] = {key: [f, c] for key, (f, c) in uses.items()}
    made = assessment_take_bulk(rows=rows, inventories=inventories)
    for i, assessment in enumerate(made):
        assessment.created_at = SIGNED_UP + timedelta(minutes=331 * i, seconds=1)
    Assessment.objects.bulk_update(made, ["created_at"])
    return levels


def _tools_before(rng: random.Random, now: dict[str, tuple[str, int]], *, target: int,
                  moved: bool) -> dict[str, tuple[str, int]]:
    """The inventory before: for an Eye-opener nothing used monthly yet; for Baby steps no
    tool used regularly with confidence; others put aside a tool now and then (each one
    put aside counts as adopted since)."""
    before = dict(now)
    for key, (frequency, confidence) in now.items():
        used = FREQUENCY_RANK[frequency] >= _MONTHLY
        if used and (target == 1 or (moved and rng.random() < 0.5) or rng.random() < 0.1):
            before[key] = (rng.choice(["never", "tried"]), max(1, confidence - 2))
        elif target == 2 and FREQUENCY_RANK[frequency] >= FREQUENCY_RANK["weekly"]:
            before[key] = ("monthly", min(confidence, 3))
    return before


def _retakes_dated(rng: random.Random, event: Event, persons: Sequence[Person]) -> None:
    """The people's present assessment is the retake they did after the edition."""
    now = list(Assessment.objects.filter(person__in=persons, event=None))
    for assessment in now:
        assessment.event = event
        assessment.created_at = RETAKEN + timedelta(hours=rng.randint(0, 7 * 24))
    Assessment.objects.bulk_update(now, ["event", "created_at"])


def _tables(rng: random.Random, event: Event, regs: Sequence[Registration]) -> None:
    """Everyone at every round-table session, shuffled into tables of six (the edition
    predates planned rotations)."""
    seats, plans = [], []
    for session in event.sessions.filter(format__in=table_format_keys()).order_by("slot__start"):
        order = list(regs)
        rng.shuffle(order)
        tables = -(-len(order) // TABLE_SIZE)
        seats += [TableSeat(session=session, registration=reg, table=i % tables + 1)
                  for i, reg in enumerate(order)]
        plans.append(TablePlan(session=session, tables=tables, seed=0, objective=0.0,
                               seconds=0.0))
    TablePlan.objects.bulk_create(plans)
    TableSeat.objects.bulk_create(seats)


STEPS = ("Set up listening alerts for our sector", "Agree a weekly posting rhythm with my "
         "manager", "Publish the first post and report back to the team")
REVISED_STEP_2 = ("Agree a weekly posting rhythm with my manager, and a colleague who covers "
                  "for me on holiday")


def _plans(rng: random.Random, event: Event, regs: Sequence[Registration],
           attendee: Person) -> None:
    """Plans drafted in the workshop by people at Baby steps or Preparation; a tablemate
    reviewed each; three in four were checked in on in May or June."""
    workshop = (event.sessions.filter(format__in=format_keys(lambda f: f.yields_plan))
                .order_by("slot__start").first())
    authors = [r for r in regs if r.person_id == attendee.pk] + [
        r for r in regs if r.level in (2, 3) and r.person_id != attendee.pk][:13]
    keys = [rng.choice(sorted(TOOL_BY_KEY)) for _ in authors]
    plans = Plan.objects.bulk_create([
        Plan(person_id=reg.person_id, event=event, session=workshop,
             goal=f"Use {TOOL_BY_KEY[key].label.lower()} to reach "
                  f"{reg.person.discipline} audiences")
        for reg, key in zip(authors, keys, strict=True)])
    day = datetime.combine(START + timedelta(days=3), time(16), tzinfo=ZONE)
    drafts = [dict(goal=plan.goal, listen_first="Sector forums and our customers' posts",
                   tools=[key], step_1=STEPS[0], step_2=STEPS[1], step_3=STEPS[2],
                   success="Three useful conversations in the first month",
                   risk_legal="Names of customers", risk_culture="Fear of criticism",
                   risk_security="Shared passwords")
              for plan, key in zip(plans, keys, strict=True)]
    versions = PlanVersion.objects.bulk_create([
        PlanVersion(plan=plan, number=1, **draft)
        for plan, draft in zip(plans, drafts, strict=True)])
    # Revised after the tablemate's question, on the last day.
    revised = PlanVersion.objects.bulk_create([
        PlanVersion(plan=plan, number=2, **{**draft, "step_2": REVISED_STEP_2})
        for plan, draft in zip(plans, drafts, strict=True)])
    seated = {s.registration.person_id: (s.session_id, s.table) for s in TableSeat.objects
              .filter(session__event=event).select_related("registration")
              .order_by("session__slot__start")}
    by_table: dict[tuple[int, int], list[int]] = {}
    for person_id, where in seated.items():
        by_table.setdefault(where, []).append(person_id)
    comments, checkins = [], []
    for plan, version in zip(plans, versions, strict=True):
        mates = [p for p in by_table.get(seated.get(plan.person_id, (0, 0)), [])
                 if p != plan.person_id]
        if mates:
            peer = rng.choice(mates)
            plan.reviewers.add(peer)
            comments.append(PlanComment(plan=plan, version=version, author_id=peer,
                                        kind="review",
                                        body="Clear first step. Who covers for you in week 2?"))
        if plan.person_id == attendee.pk or rng.random() < 0.75:
            for step in (1, 2):
                status = rng.choice(["done", "done", "partly"] if step == 1
                                    else ["done", "partly", "not_yet"])
                checkins.append(PlanCheckin(plan=plan, step=step, status=status,
                                            note="Checked in by the mailed link."))
    PlanComment.objects.bulk_create(comments)
    made = PlanCheckin.objects.bulk_create(checkins)
    for i, checkin in enumerate(made):
        checkin.created_at = datetime(2026, 5, 18, 10, tzinfo=ZONE) + timedelta(days=3 * i)
    PlanCheckin.objects.bulk_update(made, ["created_at"])
    records: list[Plan | PlanVersion] = [*plans, *versions]
    for record in records:
        record.created_at = day
    for comment in comments:
        comment.created_at = day + timedelta(hours=17)
    for record in revised:
        record.created_at = day + timedelta(hours=19)
    Plan.objects.bulk_update(plans, ["created_at"])
    PlanVersion.objects.bulk_update([*versions, *revised], ["created_at"])
    PlanComment.objects.bulk_update(comments, ["created_at"])
