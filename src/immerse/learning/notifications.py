"""Messages that turn the learning cycle: plan review invitations, reviews and expert
comments (queued by the writes that make them), and the periodic ones — feedback after each
session attended, "did step 1 happen?" at the next event, "where are you now?" after one.

The periodic functions take ``now`` and look back over a bounded window only, so a run
that was missed catches up while switching the feature on never mails the past; their keys
make every run after the first a no-op.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.urls import reverse

from immerse.engine.catalogue import LEVEL_LABELS
from immerse.events.models import Event
from immerse.learning.models import Feedback, Plan, PlanCheckin, PlanComment
from immerse.notify.kinds import RATING_LABELS
from immerse.notify.links import absolute, token_make
from immerse.notify.services import Draft, message_queue, messages_queue
from immerse.people.models import Assessment, Person, Registration
from immerse.program.models import AgendaItem

#: Sessions that ended longer ago than this are not asked about.
FEEDBACK_WINDOW = timedelta(hours=24)
#: How long the links in the mails work.
FEEDBACK_LINK_AGE = timedelta(days=30)
CHECKIN_LINK_AGE = timedelta(days=60)
#: Local hour from which the daily messages go out.
MORNING = 9
#: How many days a missed re-assessment invitation is still sent.
CATCH_UP_DAYS = 7


def plan_url(plan: Plan) -> str:
    return absolute(reverse("plan-detail", kwargs={"plan_id": plan.pk}))


# --- written by the plan services ----------------------------------------------------------

def plan_review_invite_queue(*, plan: Plan, reviewer: Person) -> None:
    message_queue(kind="plan_review_invite", key=f"plan_review_invite:{plan.pk}:{reviewer.pk}",
                  to_email=reviewer.email, to_name=reviewer.name, person=reviewer,
                  event=plan.event, context={"author": plan.person.name,
                                             "plan_title": plan.goal,
                                             "review_url": plan_url(plan)})


def plan_comment_queue(*, comment: PlanComment) -> None:
    """The author hears of a peer review or an expert comment on their plan."""
    plan = comment.plan
    review = comment.kind == PlanComment.Kind.REVIEW
    kind = "plan_review_received" if review else "expert_comment"
    message_queue(kind=kind, key=f"{kind}:{comment.pk}", to_email=plan.person.email,
                  to_name=plan.person.name, person=plan.person, event=plan.event,
                  context={"reviewer" if review else "expert": comment.author.name,
                           "plan_title": plan.goal, "plan_url": plan_url(plan)})


# --- feedback after each session attended -------------------------------------------------

def feedback_link(*, person_id: int, session_id: int) -> str:
    """The signed page where a person rates a session without logging in."""
    token = token_make("feedback", [person_id, session_id])
    return absolute(reverse("feedback-link", kwargs={"token": token}))


def feedback_requests_queue(*, now: datetime) -> int:
    """Ask each confirmed attendee about each session on their agenda that ended within
    FEEDBACK_WINDOW, unless they already gave feedback on it."""
    given = Feedback.objects.filter(session_id=OuterRef("session_id"),
                                    person_id=OuterRef("registration__person_id"))
    items = (AgendaItem.objects
             .filter(session__slot__end__lte=now, session__slot__end__gt=now - FEEDBACK_WINDOW,
                     registration__status=Registration.Status.CONFIRMED)
             .exclude(Exists(given))
             .select_related("registration__person", "session__event"))
    drafts = []
    for item in items:
        person, session = item.registration.person, item.session
        link = feedback_link(person_id=person.pk, session_id=session.pk)
        drafts.append(Draft(
            "feedback_request", f"feedback_request:{session.pk}:{person.pk}", person.email,
            person.name, person, session.event, {
                "session_title": session.title, "feedback_url": link,
                "rating_urls": [{"rating": n, "label": str(label), "url": f"{link}?rating={n}"}
                                for n, label in RATING_LABELS.items()]}))
    return messages_queue(drafts)


# --- "did step 1 happen?" at the next event -----------------------------------------------

def checkin_link(*, plan_id: int, event_id: int) -> str:
    token = token_make("checkin", [plan_id, event_id])
    return absolute(reverse("plan-checkin-link", kwargs={"token": token}))


def _local_today(event: Event, now: datetime) -> date | None:
    """The event's local date, or None before MORNING there (nobody is mailed at night)."""
    local = now.astimezone(ZoneInfo(event.time_zone))
    return local.date() if local.hour >= MORNING else None


def plan_checkins_queue(*, now: datetime) -> int:
    """At each event that is on, ask its confirmed attendees whose plan comes from their
    previous event whether the plan's first step happened (once per plan and event)."""
    queued = 0
    for event in Event.objects.filter(start_date__lte=(now + timedelta(days=1)).date(),
                                      end_date__gte=(now - timedelta(days=1)).date()):
        today = _local_today(event, now)
        if today is not None and event.start_date <= today <= event.end_date:
            queued += messages_queue(_checkin_drafts(event))
    return queued


def _checkin_drafts(event: Event) -> list[Draft]:
    people = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED) \
        .values("person_id")
    answered = PlanCheckin.objects.filter(plan_id=OuterRef("pk"), step=1, event=event)
    plans = list(Plan.objects.filter(person_id__in=people, event__start_date__lt=event.start_date)
                 .exclude(Exists(answered))
                 .select_related("person", "event").prefetch_related("versions"))
    # The check-in belongs to the person's *next* event after the plan's, not any later one.
    dates: defaultdict[int, list[date]] = defaultdict(list)
    for person_id, start in Registration.objects.filter(
            person_id__in={plan.person_id for plan in plans},
            status=Registration.Status.CONFIRMED).values_list("person_id", "event__start_date"):
        dates[person_id].append(start)
    drafts = []
    for plan in plans:
        if plan.event is None:  # not possible after the filter on its start date
            continue
        later = [d for d in dates[plan.person_id] if d > plan.event.start_date]
        versions = list(plan.versions.all())  # newest first
        first_step = versions[0].step_1.strip() if versions else ""
        if not first_step or min(later, default=None) != event.start_date:
            continue
        drafts.append(Draft(
            "plan_checkin", f"plan_checkin:{plan.pk}:{event.pk}", plan.person.email,
            plan.person.name, plan.person, event, {
                "plan_title": plan.goal, "first_step": first_step, "plan_url": plan_url(plan),
                "checkin_url": checkin_link(plan_id=plan.pk, event_id=event.pk)}))
    return drafts


# --- "where are you now?" after the event -------------------------------------------------

def reassess_invites_queue(*, now: datetime) -> int:
    """IMMERSE_REASSESS_AFTER_DAYS after an event ends (or up to CATCH_UP_DAYS later), invite
    its confirmed attendees to retake the questionnaire, unless they did since it ended."""
    after = timedelta(days=settings.IMMERSE_REASSESS_AFTER_DAYS)
    queued = 0
    for event in Event.objects.filter(
            end_date__lte=(now - after + timedelta(days=1)).date(),
            end_date__gte=(now - after - timedelta(days=CATCH_UP_DAYS + 1)).date()):
        today = _local_today(event, now)
        due = event.end_date + after
        if today is not None and due <= today < due + timedelta(days=CATCH_UP_DAYS):
            queued += messages_queue(_reassess_drafts(event))
    return queued


def _reassess_drafts(event: Event) -> list[Draft]:
    since = Assessment.objects.filter(person_id=OuterRef("person_id"),
                                      created_at__date__gt=event.end_date)
    regs = (Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
            .exclude(Exists(since)).select_related("person"))
    url = absolute(reverse("reassess")) + f"?event={event.slug}"
    context: dict[str, Any] = {"assess_url": url}
    return [Draft("reassess_invite", f"reassess_invite:{event.pk}:{reg.person_id}",
                  reg.person.email, reg.person.name, reg.person, event,
                  {**context, "level_label": LEVEL_LABELS.get(reg.level or 0, "not assessed")})
            for reg in regs]
