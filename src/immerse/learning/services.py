"""Writes of the learning cycle: stories, feedback, plans and their reviews, check-ins, and
the community of practice (resources, experience posts, mentorships, practitioners as hosts).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from immerse.events.models import Event, Session
from immerse.learning import access
from immerse.learning.models import (
    ExperiencePost,
    Feedback,
    Mentorship,
    Plan,
    PlanCheckin,
    PlanComment,
    PlanVersion,
    Resource,
    Story,
)
from immerse.learning.models.plans import PLAN_FIELDS
from immerse.learning.notifications import plan_comment_queue, plan_review_invite_queue
from immerse.learning.selectors.community import MatchResult
from immerse.learning.selectors.feedback import attendee_registration
from immerse.learning.selectors.plans import plan_reviewer_candidates
from immerse.people.models import Assessment, Person, Tool
from immerse.people.services.assessments import assessment_take, registrations_level_follow


class LearningError(ValueError):
    """A write the rules do not allow; the message says which rule and, where useful, field."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# --- stories -------------------------------------------------------------------------------

STORY_TEXT_FIELDS = ("title", "context", "what_was_done", "outcome", "body")


def story_search_text(*, story: Story, tools: Iterable[Tool]) -> str:
    """Every searchable word of a story in one string (the full-text index reads it)."""
    parts = [getattr(story, name) for name in STORY_TEXT_FIELDS]
    parts += [str(topic) for topic in story.topics or []]
    parts += [f"{tool.label} {tool.key.replace('-', ' ')}" for tool in tools]
    return "\n".join(part for part in parts if part)


@transaction.atomic
def story_save(*, story: Story | None = None, tools: Sequence[Tool] = (),
               sessions: Sequence[Session] = (), **fields: Any) -> Story:
    """Create or update a story and keep its search text in step with fields and tools."""
    story = story or Story()
    for name, value in fields.items():
        setattr(story, name, value)
    if story.privacy == "participants" and story.event_id is None:
        raise LearningError(_("Only an event's participants: choose the event."), field="event")
    story.search_text = story_search_text(story=story, tools=tools)
    story.save()
    story.tools.set(tools)
    if sessions:
        story.sessions.set(sessions)
    return story


@transaction.atomic
def story_delete(*, story: Story) -> None:
    """Delete a story (its author's choice; the view checks who asks)."""
    story.delete()


def stories_bulk_create(rows: Sequence[tuple[Story, Sequence[Tool]]]) -> list[Story]:
    """Insert many new stories with their tools (demo, imports); the index triggers follow."""
    for story, tools in rows:
        story.search_text = story_search_text(story=story, tools=tools)
    made = Story.objects.bulk_create([story for story, _ in rows])
    links = [Story.tools.through(story_id=story.pk, tool_id=tool.pk)
             for story, (_row, tools) in zip(made, rows, strict=True) for tool in tools]
    Story.tools.through.objects.bulk_create(links)
    return made


# --- feedback ------------------------------------------------------------------------------

#: In English (marked for makemessages); ``feedback_prompt`` gives them in the page's language.
FEEDBACK_PROMPTS: dict[int, str] = {
    1: gettext_noop("Which example will you show a colleague?"),
    2: gettext_noop("Which small step will you try at work this month, and with whom?"),
    3: gettext_noop("What is the first step of your plan?"),
    4: gettext_noop("What will you share with the community, or whom will you help next?"),
}


#: Why someone registered may still not give feedback on a session.
NOT_ATTENDED = gettext_lazy("Only people who attended this session (it is on their agenda) "
                            "give feedback on it.")


def feedback_prompt(level: int | None) -> str:
    """The 'one thing I will do next' question, fitted to the person's rung."""
    return _(FEEDBACK_PROMPTS.get(level or 1, FEEDBACK_PROMPTS[1]))


class FeedbackNotOpen(LearningError):
    """Feedback on a session that has not started yet (nobody can say how it was)."""


def feedback_opens_at(session: Session) -> datetime:
    """When feedback on ``session`` opens: its start, or the event's first day if it has no
    time slot yet."""
    if session.slot is not None:
        return session.slot.start
    zone = ZoneInfo(session.event.time_zone)
    return datetime.combine(session.event.start_date, time.min, tzinfo=zone)


def feedback_open_check(*, session: Session, now: datetime | None = None) -> None:
    """Raise FeedbackNotOpen, saying when it opens, if ``session`` has not started."""
    opens = feedback_opens_at(session)
    if opens <= (now or timezone.now()):
        return
    local = opens.astimezone(ZoneInfo(session.event.time_zone))
    raise FeedbackNotOpen(_("Feedback opens when the session starts on %(date)s at %(time)s.")
                          % {"date": formats.date_format(local, "j F Y"),
                             "time": formats.time_format(local, "H:i")})


@transaction.atomic
def feedback_submit(*, session: Session, person: Person, rating: int, what_worked: str = "",
                    next_step: str = "", story_line: str = "") -> Feedback:
    """Record (or replace) one attendee's feedback on a session that has started."""
    registration = attendee_registration(event=session.event, person=person)
    if registration is None:
        raise LearningError(_("Only confirmed attendees of this event can give feedback."))
    if not access.attended(person, session):
        raise LearningError(str(NOT_ATTENDED))
    feedback_open_check(session=session)
    if not 1 <= rating <= 5:
        raise LearningError(_("Rating must be 1 to 5."), field="rating")
    feedback, _created = Feedback.objects.update_or_create(
        session=session, person=person,
        defaults={"rating": rating, "what_worked": what_worked, "next_step": next_step,
                  "story_line": story_line, "level": registration.level,
                  "prompt": feedback_prompt(registration.level)})
    return feedback


@transaction.atomic
def feedback_rate(*, session: Session, person: Person, rating: int,
                  what_worked: str | None = None, next_step: str | None = None) -> Feedback:
    """A rating from the feedback mail's one-click link: it sets (or changes) the rating and
    keeps the words already given unless new ones come with it."""
    registration = attendee_registration(event=session.event, person=person)
    if registration is None:
        raise LearningError(_("Only confirmed attendees of this event can give feedback."))
    if not access.attended(person, session):
        raise LearningError(str(NOT_ATTENDED))
    feedback_open_check(session=session)
    if not 1 <= rating <= 5:
        raise LearningError(_("Rating must be 1 to 5."), field="rating")
    words = {name: value for name, value in (("what_worked", what_worked),
                                             ("next_step", next_step)) if value is not None}
    feedback, created = Feedback.objects.get_or_create(
        session=session, person=person,
        defaults={"rating": rating, "level": registration.level,
                  "prompt": feedback_prompt(registration.level), **words})
    if not created:
        for name, value in {"rating": rating, **words}.items():
            setattr(feedback, name, value)
        feedback.save(update_fields=["rating", *words])
    return feedback


# --- plans ---------------------------------------------------------------------------------

PLAN_KEYS = tuple(name for name, _ in PLAN_FIELDS)


def _plan_values(data: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {name: str(data.get(name, "") or "").strip() for name in PLAN_KEYS}
    if not values["goal"]:
        raise LearningError(_("A plan needs a goal."), field="goal")
    tools = [str(key) for key in data.get("tools", [])]
    unknown = sorted(set(tools) - set(Tool.objects.filter(key__in=tools)
                                      .values_list("key", flat=True)))
    if unknown:
        raise LearningError(_("Unknown tools: %(tools)s") % {"tools": ", ".join(unknown)},
                            field="tools")
    values["tools"] = tools
    return values


@transaction.atomic
def plan_create(*, person: Person, event: Event | None, data: Mapping[str, Any],
                session: Session | None = None) -> Plan:
    values = _plan_values(data)
    plan = Plan.objects.create(person=person, event=event, session=session,
                               goal=values["goal"][:300])
    PlanVersion.objects.create(plan=plan, number=1, **values)
    return plan


@transaction.atomic
def plan_save(*, plan: Plan, data: Mapping[str, Any]) -> PlanVersion:
    """Save a new version; the previous ones stay. An unchanged plan adds no version."""
    values = _plan_values(data)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    current = plan.versions.order_by("-number").first()
    if current is not None and all(getattr(current, k) == v for k, v in values.items()):
        return current
    number = current.number + 1 if current else 1
    version = PlanVersion.objects.create(plan=plan, number=number, **values)
    plan.goal = values["goal"][:300]
    plan.save(update_fields=["goal", "updated_at"])
    return version


@transaction.atomic
def plan_reviewer_invite(*, plan: Plan, reviewer: Person) -> None:
    """The author invites a tablemate: another participant of the plan's event."""
    if reviewer.pk == plan.person_id:
        raise LearningError(_("You cannot review your own plan."), field="reviewer")
    if not plan_reviewer_candidates(plan=plan).filter(pk=reviewer.pk).exists():
        raise LearningError(_("Reviewers must take part in the same event."), field="reviewer")
    plan.reviewers.add(reviewer)
    plan_review_invite_queue(plan=plan, reviewer=reviewer)


@transaction.atomic
def plan_comment_add(*, plan: Plan, user: Any, kind: str, body: str) -> PlanComment:
    """A peer review (invited tablemates) or an expert comment (the event's facilitators)."""
    author = access.person_of(user)
    if author is None:
        raise LearningError(_("Log in with your participant profile to comment."))
    if kind == PlanComment.Kind.REVIEW and not access.is_plan_reviewer(user, plan):
        raise LearningError(_("Only invited tablemates can review this plan."))
    if kind == PlanComment.Kind.EXPERT and not access.is_plan_expert(user, plan):
        raise LearningError(_("Only this event's facilitators can add expert comments."))
    if kind not in PlanComment.Kind.values:
        raise LearningError(_("Unknown comment kind %(kind)r.") % {"kind": kind}, field="kind")
    if not body.strip():
        raise LearningError(_("Write a comment first."), field="body")
    version = plan.versions.latest("number")  # every plan has its first version
    comment = PlanComment.objects.create(plan=plan, version=version, author=author, kind=kind,
                                         body=body.strip())
    plan_comment_queue(comment=comment)
    return comment


@transaction.atomic
def plan_checkin_record(*, plan: Plan, step: int, status: str, note: str = "",
                        event: Event | None = None) -> PlanCheckin:
    """"Did step N happen?": one answer per step and event (a new answer replaces it)."""
    if step not in (1, 2, 3):
        raise LearningError(_("Steps are 1, 2 and 3."), field="step")
    if status not in PlanCheckin.Status.values:
        raise LearningError(_("Unknown status %(status)r.") % {"status": status}, field="status")
    checkin, _created = PlanCheckin.objects.update_or_create(
        plan=plan, step=step, event=event, defaults={"status": status, "note": note})
    return checkin


# --- community of practice -----------------------------------------------------------------

@transaction.atomic
def resource_create(*, person: Person | None, tools: Sequence[Tool], **fields: Any) -> Resource:
    """A practitioner shares a resource (a link with a note) with the community."""
    resource = Resource.objects.create(person=person, **fields)
    resource.tools.set(tools)
    return resource


@transaction.atomic
def experience_post_create(*, person: Person | None, tools: Sequence[Tool],
                           **fields: Any) -> ExperiencePost:
    """A practitioner writes up an experience for the community."""
    post = ExperiencePost.objects.create(person=person, **fields)
    post.tools.set(tools)
    return post


@transaction.atomic
def mentorships_save(*, event: Event, result: MatchResult) -> int:
    """Replace the event's mentorships with the matching."""
    Mentorship.objects.filter(event=event).delete()
    made = Mentorship.objects.bulk_create([
        Mentorship(event=event, mentor_id=int(mentor), mentee_id=int(mentee),
                   fit=result.matching.fits[mentee])
        for mentee, mentor in result.matching.pairs.items()])
    return len(made)


@transaction.atomic
def session_host_add(*, session: Session, person: Person) -> None:
    """A practitioner from the room hosts the session (with its facilitators)."""
    session.facilitators.add(person)


# --- assessments ---------------------------------------------------------------------------

def reassessment_submit(*, person: Person, event: Event | None, answers: Mapping[str, str],
                        tool_uses: Mapping[str, tuple[str, int]]) -> Assessment:
    """Retake the questionnaire: update the inventory, add an assessment; events not begun
    yet plan with the new level."""
    with transaction.atomic():
        assessment = assessment_take(person=person, event=event, answers=answers,
                                     tool_uses=tool_uses)
        registrations_level_follow(assessment=assessment)
    return assessment
