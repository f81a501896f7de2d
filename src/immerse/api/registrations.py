"""Sign-up, cancellation and waitlists over the API, under the same rules as the web."""

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import create_model, field_validator

from immerse.api.auth import optional, required
from immerse.api.errors import ApiError, error_responses
from immerse.api.events import visible_event
from immerse.api.inputs import EMAIL, ONE_LINE, ONE_LINE_NOT_BLANK, InputSchema, RowId
from immerse.api.paging import PageIn
from immerse.common.limits import signup_address_limited
from immerse.engine.catalogue import LEVEL_LABELS, TOOL_BY_KEY
from immerse.engine.levels import QUESTIONS
from immerse.events import roles
from immerse.events.models import Event
from immerse.notify.services import AddressRefused, address_clean
from immerse.people.access import my_person
from immerse.people.models import Person, Registration, SignupQuestion
from immerse.people.selectors import person_for_user, waitlist_position
from immerse.people.services.identity import signup_request
from immerse.people.services.questions import QuestionError, answers_clean, questions_of
from immerse.people.services.registrations import registration_cancel
from immerse.people.services.signup import (
    SignupData,
    one_line,
    signup_refusal,
    signup_submit,
)

router = Router(tags=["registrations"])

Discipline = Literal["marketing", "pr", "technology", "communications", "hr", "other"]
Frequency = Literal["never", "tried", "monthly", "weekly", "daily"]
PrivacyLevel = Literal["private", "participants", "public"]
#: A catalogue tool's key (GET /tools): the schema lists them, so unknown keys are refused.
if TYPE_CHECKING:  # a Literal built from the catalogue at runtime; a key to mypy
    ToolKey = str
else:
    ToolKey = Literal[tuple(TOOL_BY_KEY)]


class ToolUseIn(InputSchema):
    frequency: Frequency
    confidence: int = Field(1, ge=1, le=5)


#: The questionnaire's answers (GET /questionnaire): each question, with its own choices.
AnswersIn: type[InputSchema] = create_model(  # type: ignore[call-overload]
    "AnswersIn", __base__=InputSchema,
    **{question.key: (Literal[tuple(c.key for c in question.choices)] | None,
                      Field(None, description=question.prompt))
       for question in QUESTIONS})


#: A handle or address on one channel: one line.
ChannelHandle = Annotated[str, Field(pattern=ONE_LINE)]


def answers_of(answers: InputSchema) -> dict[str, str]:
    """The answers given, as the services take them (questions left out are absent)."""
    return answers.model_dump(exclude_none=True)


class SignupIn(InputSchema):
    name: str = Field(..., min_length=1, max_length=200, pattern=ONE_LINE_NOT_BLANK)
    email: str = Field(..., max_length=254, pattern=EMAIL)
    organization: str = Field("", max_length=200, pattern=ONE_LINE)
    discipline: Discipline = "other"
    region: str = Field("", max_length=100, pattern=ONE_LINE)
    channels: dict[Literal["microblog", "blog", "video"], ChannelHandle] = {}
    tool_uses: dict[ToolKey, ToolUseIn] = Field({}, description="Catalogue tool key → use.")
    answers: AnswersIn = Field(default_factory=AnswersIn,  # type: ignore[valid-type]
                               description="Question key → choice key (GET /questionnaire).")
    stories: str = Field("", max_length=4000)
    problems: str = Field("", max_length=4000)
    stories_privacy: PrivacyLevel = Field(
        "private", description="Who sees the stories: private (the person and the event's "
        "organizers), participants (also everyone taking part), public (anyone). The most "
        "private by default, as on the sign-up form.")
    other_tools: str = Field("", max_length=300)
    interests: list[str] = Field([], max_length=20)
    extra_answers: dict[str, str | list[str]] = Field(
        {}, max_length=50, description="The organizers' questions (GET …/signup/questions): "
        "question id → text, or the chosen option(s).")

    @field_validator("email")
    @classmethod
    def _deliverable(cls, value: str) -> str:
        try:
            return address_clean(value)
        except AddressRefused as exc:
            raise ValueError(str(exc)) from exc

    @field_validator("name")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if not one_line(value):
            raise ValueError(_("a name is required"))
        return one_line(value)


class SignupPendingOut(Schema):
    status: Literal["pending"]
    detail: str


#: The one answer to every sign-up that waits for its address to be confirmed: the same
#: whether or not the address or an account exists.
def _pending() -> dict[str, str]:
    """The 202 answer, in the asker's language (so built per request, not at import)."""
    return {"status": "pending", "detail": _("We sent a link to the address given: the "
            "sign-up counts once its owner opens it. Nothing is registered until then.")}


class RegistrationOut(Schema):
    id: int
    event: str
    name: str
    email: str | None = Field(None, description="Only for the person and the organizers.")
    status: str
    waitlist_position: int | None
    level: int | None
    level_label: str | None
    created_at: datetime


class SignupOut(RegistrationOut):
    explanation: str
    look_for: str


class CancelOut(Schema):
    cancelled: RegistrationOut
    promoted: RegistrationOut | None


class RegistrationFilter(Schema):
    status: Literal["confirmed", "waitlisted", "cancelled"] | None = None


def registration_out(reg: Registration, *, show_email: bool,
                     position: int | None = None) -> dict[str, object]:
    return {
        "id": reg.pk, "event": reg.event.slug, "name": reg.person.name,
        "email": reg.person.email if show_email else None, "status": reg.status,
        "waitlist_position": (position or None) if position is not None
        else waitlist_position(reg),
        "level": reg.level, "level_label": LEVEL_LABELS.get(reg.level) if reg.level else None,
        "created_at": reg.created_at,
    }



@router.post("/events/{slug}/registrations", auth=optional,
             response={201: SignupOut, 202: SignupPendingOut, **error_responses(404, 409, 422)},
             summary="Sign up (or join the waitlist)")
def registration_create(request: HttpRequest, slug: str, payload: SignupIn) -> Status[Any]:
    """An organizer's token signs anyone up at once (201). So does the owner of a verified
    address signing themselves up. Any other sign-up waits for the address's owner to
    open the link we mail there (202, the same answer whether or not the address exists)."""
    event = visible_event(request, slug)
    data = SignupData(
        name=payload.name, email=payload.email, organization=payload.organization,
        discipline=payload.discipline, region=payload.region,
        channels={str(k): v for k, v in payload.channels.items()},
        tool_uses={k: (v.frequency, v.confidence) for k, v in payload.tool_uses.items()},
        answers=answers_of(payload.answers), stories=payload.stories, problems=payload.problems,
        stories_privacy=payload.stories_privacy, other_tools=payload.other_tools,
        interests=tuple(payload.interests), extra=_extra_answers(event, payload.extra_answers))
    user = request.user if request.user.is_authenticated else None
    if signup_address_limited(request, data.email):
        raise ApiError(429, _("Too many sign-ups for this address: slow down."))
    if user is not None and roles.is_organizer(user, event):
        result = signup_submit(event=event, data=data, source="api")
    elif (refusal := signup_refusal(event=event)) is not None:
        raise ApiError(409, refusal)
    elif (own := _verified_self(user, data.email)) is not None:
        result = signup_submit(event=event, data=data, person=own, source="api")
    else:
        signup_request(event=event, data=data, requested_by=user, source="api")
        return Status(202, _pending())
    body = registration_out(result.registration, show_email=True,
                            position=result.waitlist_position or 0)
    body.update(explanation=result.assessment.explanation,
                look_for=result.assessment.look_for)
    return Status(201, body)


def _extra_answers(event: Event,
                   raw: dict[str, str | list[str]]) -> dict[str, str | list[str]]:
    try:
        return answers_clean(questions=questions_of(event), raw=raw)
    except QuestionError as error:
        # 409, not 422: the body fits the schema; it does not fit this event's questions.
        raise ApiError(409, _("The answers do not fit this event's questions."), [
            {"field": f"extra_answers.{error.field}", "message": error.message}]) from error


class QuestionOut(Schema):
    id: int
    prompt: str
    kind: Literal["text", "one", "many"]
    choices: list[str]
    required: bool


@router.get("/events/{slug}/signup/questions", auth=optional,
            response={200: list[QuestionOut], **error_responses(404)},
            summary="The organizers' extra sign-up questions")
def signup_questions(request: HttpRequest, slug: str) -> list[SignupQuestion]:
    return questions_of(visible_event(request, slug))


def _verified_self(user: User | None, email: str) -> Person | None:
    """The caller's own person, when ``email`` is their address and they proved it."""
    own = person_for_user(user) if user is not None else None
    if own is None or own.email_verified_at is None or own.email != email:
        return None
    return own


class RegistrationPage(Schema):
    count: int
    items: list[RegistrationOut]


@router.get("/events/{slug}/registrations", auth=required,
            response={200: RegistrationPage, **error_responses(401, 403, 404)},
            summary="All registrations (organizers)")
def registrations_list(request: HttpRequest, slug: str, filters: Query[RegistrationFilter],
                       page: Query[PageIn]) -> dict[str, object]:
    event = visible_event(request, slug)
    if not roles.is_organizer(request.user, event):
        raise PermissionDenied(_("Only this event's organizers can list its registrations."))
    regs = Registration.objects.filter(event=event).select_related("person", "event")
    if filters.status:
        regs = regs.filter(status=filters.status)
    rows = list(regs.order_by("created_at", "id")[page.offset:page.offset + page.limit])
    places = _queue_places(rows)
    return {"count": regs.count(), "items": [
        registration_out(r, show_email=True, position=places.get(r.pk, 0)) for r in rows]}


def _queue_places(rows: list[Registration]) -> dict[int, int]:
    """{registration id: 1-based waitlist place} for the waitlisted rows of one page.

    The page is a stretch of the event's registrations in queue order (created_at, id), so
    its waitlisted rows are consecutive in the queue: the first one's place (one COUNT of
    those ahead) numbers them all. A window over every registration cost ~55 ms at 10,000.
    """
    waiting = [r for r in rows if r.status == Registration.Status.WAITLISTED]
    if not waiting:
        return {}
    first = waitlist_position(waiting[0]) or 1
    return {r.pk: first + n for n, r in enumerate(waiting)}


@router.get("/events/{slug}/registrations/me", auth=required,
            response={200: SignupOut, **error_responses(401, 403, 404)})
def registration_mine(request: HttpRequest, slug: str) -> dict[str, object]:
    event = visible_event(request, slug)
    person = my_person(request)
    reg = get_object_or_404(Registration.objects.select_related("person", "event"),
                            event=event, person=person) if person else None
    if reg is None:
        raise ApiError(404, _("You have not signed up for this event."))
    latest = reg.person.assessments.first()
    body = registration_out(reg, show_email=True)
    body.update(explanation=latest.explanation if latest else "",
                look_for=latest.look_for if latest else "")
    return body


@router.post("/events/{slug}/registrations/{registration_id}/cancel", auth=required,
             response={200: CancelOut, **error_responses(401, 403, 404, 409)})
def registration_cancel_api(request: HttpRequest, slug: str,
                            registration_id: RowId) -> dict[str, object]:
    event = visible_event(request, slug)
    reg = get_object_or_404(Registration.objects.select_related("person", "event"),
                            event=event, pk=registration_id)
    own = reg.person.user_id is not None and reg.person.user_id == request.user.pk
    if not own and not roles.is_organizer(request.user, event):
        raise PermissionDenied(_("Only the person or the organizers can cancel a registration."))
    if reg.status == Registration.Status.CANCELLED:
        raise ApiError(409, _("This registration is already cancelled."))
    promoted = registration_cancel(registration=reg)
    reg.refresh_from_db()
    organizer = roles.is_organizer(request.user, event)
    return {
        "cancelled": registration_out(reg, show_email=True),
        "promoted": registration_out(promoted, show_email=organizer) if promoted else None,
    }
