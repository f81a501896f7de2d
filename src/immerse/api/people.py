"""The caller's own profile, tool inventory and assessments; the public catalogue."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Body, Field, Router, Schema, Status

from immerse.api.auth import optional, required
from immerse.api.errors import ApiError, error_responses
from immerse.api.inputs import ONE_LINE, ONE_LINE_NOT_BLANK, InputSchema
from immerse.api.registrations import (
    AnswersIn,
    ChannelHandle,
    Discipline,
    ToolKey,
    ToolUseIn,
    answers_of,
)
from immerse.engine.catalogue import TOOLS
from immerse.engine.levels import QUESTIONS
from immerse.people.access import my_person
from immerse.people.models import Assessment, Person
from immerse.people.services.assessments import assessment_take, registrations_level_follow
from immerse.people.services.tools import ToolAnswer, tool_uses_set

router = Router(tags=["people"])


class ToolOut(Schema):
    key: str
    label: str
    examples: str


class ChoiceOut(Schema):
    key: str
    label: str


class QuestionOut(Schema):
    key: str
    prompt: str
    choices: list[ChoiceOut]


class ProfileOut(Schema):
    name: str
    email: str
    organization: str
    discipline: str
    region: str
    channels: dict[str, str]
    tool_uses: dict[str, ToolUseIn]


class ProfileIn(InputSchema):
    name: str | None = Field(None, min_length=1, max_length=200, pattern=ONE_LINE_NOT_BLANK)
    organization: str | None = Field(None, max_length=200, pattern=ONE_LINE)
    discipline: Discipline | None = None
    region: str | None = Field(None, max_length=100, pattern=ONE_LINE)
    channels: dict[str, ChannelHandle] | None = None


class AssessmentIn(InputSchema):
    answers: AnswersIn  # type: ignore[valid-type]


class AssessmentOut(Schema):
    level: int
    is_guess: bool = Field(description="True when a core question of the questionnaire was "
                           "left unanswered: the level is a guess, and the person's pages "
                           "ask them to finish the questionnaire.")
    explanation: str
    look_for: str
    answers: dict[str, str]
    created_at: datetime


@router.get("/tools", response={200: list[ToolOut], **error_responses()}, auth=optional,
            summary="The tool catalogue")
def tools_list(request: HttpRequest) -> list[dict[str, str]]:
    return [{"key": t.key, "label": t.label, "examples": t.examples} for t in TOOLS]


@router.get("/questionnaire", response={200: list[QuestionOut], **error_responses()},
            auth=optional,
            summary="The level questionnaire")
def questionnaire(request: HttpRequest) -> list[dict[str, object]]:
    return [{"key": q.key, "prompt": q.prompt,
             "choices": [{"key": c.key, "label": c.label} for c in q.choices]}
            for q in QUESTIONS]


def _me(request: HttpRequest) -> Person:
    person = my_person(request)
    if person is None:
        raise ApiError(404, _("Your account has no attendee profile yet: sign up for an event."))
    return person


def _profile(person: Person) -> dict[str, object]:
    uses = {u.tool.key: {"frequency": u.frequency, "confidence": u.confidence}
            for u in person.tool_uses.select_related("tool")}
    return {"name": person.name, "email": person.email, "organization": person.organization,
            "discipline": person.discipline, "region": person.region,
            "channels": person.channels, "tool_uses": uses}


@router.get("/me", response={200: ProfileOut, **error_responses(401, 403, 404)},
            auth=required)
def me(request: HttpRequest) -> dict[str, object]:
    return _profile(_me(request))


@router.patch("/me", response={200: ProfileOut, **error_responses(401, 403, 404, 422)},
              auth=required)
def me_update(request: HttpRequest, payload: ProfileIn) -> dict[str, object]:
    person = _me(request)
    for field, value in payload.dict(exclude_none=True).items():
        setattr(person, field, value)
    person.full_clean(exclude=["user"])
    person.save()
    return _profile(person)


@router.put("/me/tools", response={200: ProfileOut, **error_responses(401, 403, 404, 422)},
            auth=required, summary="Replace your tool inventory entries")
def me_tools(request: HttpRequest,
             # ninja types Body as an Annotated alias; Body(...) is its runtime marker
             payload: dict[ToolKey, ToolUseIn] = Body(...),  # type: ignore[type-arg]
             ) -> dict[str, object]:
    person = _me(request)
    tool_uses_set(person=person, uses={k: ToolAnswer(v.frequency, v.confidence)
                                       for k, v in payload.items()})
    return _profile(person)


@router.get("/me/assessments",
            response={200: list[AssessmentOut], **error_responses(401, 403, 404)},
            auth=required, summary="Your level history, newest first")
def assessments_list(request: HttpRequest) -> list[Assessment]:
    return list(_me(request).assessments.all()[:100])


@router.post("/me/assessments",
             response={201: AssessmentOut, **error_responses(401, 403, 404, 422)},
             auth=required, summary="Re-take the questionnaire")
def assessments_create(request: HttpRequest, payload: AssessmentIn) -> Status[Any]:
    with transaction.atomic():
        assessment = assessment_take(person=_me(request), event=None,
                                     answers=answers_of(payload.answers))
        registrations_level_follow(assessment=assessment)
    return Status(201, assessment)
