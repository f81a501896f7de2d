"""Questions and polls from the room: ask, upvote, answer polls (attendees and staff of the
event); create polls (session staff). A closed poll or a question not open to votes is a
409; bad input a 422 naming the field; another event's rows a 404."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from ninja import Field, Router, Schema, Status

from immerse.api.auth import required
from immerse.api.errors import ApiError, error_responses
from immerse.api.inputs import ONE_LINE, InputSchema, RowId
from immerse.audience import selectors, services
from immerse.audience.access import Room, room_for, room_of, staff_required
from immerse.audience.models import (
    CHOICE_MAX,
    PROMPT_MAX,
    QUESTION_MAX,
    WORD_MAX,
    Poll,
    Question,
)

router = Router(tags=["audience"])


class RoomQuestionIn(InputSchema):
    text: str = Field(..., min_length=1, max_length=QUESTION_MAX)
    anonymous: bool = False


class RoomQuestionOut(Schema):
    id: int
    text: str
    author: str | None  # None: asked anonymously
    votes: int
    voted: bool
    pinned: bool
    answered: bool
    status: str


class RoomVoteOut(Schema):
    question_id: int
    votes: int
    voted: bool


class RoomPollIn(InputSchema):
    kind: Poll.Kind
    prompt: str = Field(..., min_length=1, max_length=PROMPT_MAX, pattern=ONE_LINE)
    choices: list[str] = Field([], max_length=12)


class RoomPollVoteIn(InputSchema):
    answer: list[int | str] = Field(..., min_length=1, max_length=12)


class RoomWordOut(Schema):
    word: str
    count: int


class RoomPollOut(Schema):
    id: int
    kind: str
    prompt: str
    choices: list[str]
    status: str
    phase: str
    before_id: int | None
    voters: int
    counts: list[int]
    mean: float | None
    words: list[RoomWordOut]
    shift: list[tuple[str, float]] | None
    my_answer: list[int | str] | None


def _refusal(exc: services.AudienceError) -> ApiError:
    if exc.closed or not exc.field:
        return ApiError(409, str(exc))
    return ApiError(422, str(exc), [{"field": exc.field, "message": str(exc)}])


def _question_out(q: Question, mine: set[int]) -> dict[str, Any]:
    return {"id": q.pk, "text": q.text, "author": q.author_name or None, "votes": q.votes,
            "voted": q.pk in mine, "pinned": q.pinned, "answered": q.answered_at is not None,
            "status": q.status}


@router.get("/events/{slug}/sessions/{session_id}/questions", auth=required,
            response={200: list[RoomQuestionOut], **error_responses(401, 403, 404)},
            summary="A session's questions from the room, most wanted first")
def questions_list(request: HttpRequest, slug: str, session_id: RowId) -> list[dict[str, Any]]:
    room = room_for(request, slug, session_id)
    mine = selectors.my_votes(session=room.session, user=room.user)
    return [_question_out(q, mine)
            for q in selectors.questions_ranked(session=room.session, staff=room.staff)]


@router.post("/events/{slug}/sessions/{session_id}/questions", auth=required,
             response={201: RoomQuestionOut, **error_responses(401, 403, 404, 422)},
             summary="Ask a question in a session (rate-limited)")
def questions_ask(request: HttpRequest, slug: str, session_id: RowId,
                  payload: RoomQuestionIn) -> Status[Any]:
    room = room_for(request, slug, session_id)
    if is_ratelimited(request, group="audience:ask", key="user",
                      rate=settings.QUESTION_RATE, method="POST", increment=True):
        raise ApiError(429, _("Too many questions: wait a minute."))
    try:
        question = services.question_ask(session=room.session, user=room.user,
                                          name=room.name, text=payload.text,
                                          anonymous=payload.anonymous)
    except services.AudienceError as exc:
        raise _refusal(exc) from exc
    return Status(201, _question_out(question, set()))


def _question_room(request: HttpRequest, slug: str, question_id: int) -> tuple[Question, Room]:
    question = get_object_or_404(Question.objects.select_related("session__event"),
                                 pk=question_id, session__event__slug=slug)
    return question, room_of(request, question.session.event, question.session)


def _vote(request: HttpRequest, slug: str, question_id: int, *, on: bool) -> dict[str, Any]:
    question, room = _question_room(request, slug, question_id)
    try:
        services.question_vote(question=question, user=room.user, on=on)
    except services.AudienceError as exc:
        raise _refusal(exc) from exc
    question.refresh_from_db(fields=["votes"])
    return {"question_id": question.pk, "votes": question.votes, "voted": on}


@router.post("/events/{slug}/questions/{question_id}/votes", auth=required,
             response={200: RoomVoteOut, **error_responses(401, 403, 404, 409)},
             summary="Upvote a question (a second upvote changes nothing)")
def question_upvote(request: HttpRequest, slug: str, question_id: RowId) -> dict[str, Any]:
    return _vote(request, slug, question_id, on=True)


@router.delete("/events/{slug}/questions/{question_id}/votes", auth=required,
               response={200: RoomVoteOut, **error_responses(401, 403, 404, 409)},
               summary="Take your upvote back")
def question_unvote(request: HttpRequest, slug: str, question_id: RowId) -> dict[str, Any]:
    return _vote(request, slug, question_id, on=False)


def _poll_out(result: selectors.PollResult) -> dict[str, Any]:
    poll = result.poll
    return {"id": poll.pk, "kind": poll.kind, "prompt": poll.prompt, "choices": poll.choices,
            "status": poll.status, "phase": poll.phase, "before_id": result.before_id,
            "voters": result.voters, "counts": [n for _label, n, _p in result.bars],
            "mean": result.mean, "shift": result.shift, "my_answer": result.my_answer,
            "words": [{"word": w.word, "count": w.count} for w in result.words]}


@router.get("/events/{slug}/sessions/{session_id}/polls", auth=required,
            response={200: list[RoomPollOut], **error_responses(401, 403, 404)},
            summary="A session's polls with their results (drafts for staff only)")
def polls_list(request: HttpRequest, slug: str, session_id: RowId) -> list[dict[str, Any]]:
    room = room_for(request, slug, session_id)
    return [_poll_out(r) for r in selectors.poll_results(
        session=room.session, user=room.user, shown_only=not room.staff)]


@router.post("/events/{slug}/sessions/{session_id}/polls", auth=required,
             response={201: RoomPollOut, **error_responses(401, 403, 404, 422)},
             summary="Create a poll in draft (session staff)")
def polls_create(request: HttpRequest, slug: str, session_id: RowId,
                 payload: RoomPollIn) -> Status[Any]:
    room = room_for(request, slug, session_id)
    staff_required(room)
    if any(len(c) > CHOICE_MAX for c in payload.choices):
        raise ApiError(422, _("A choice is too long."),
                       [{"field": "choices", "message": _("at most %(count)s characters")
                                                  % {"count": CHOICE_MAX}}])
    try:
        poll = services.poll_create(session=room.session, kind=payload.kind,
                                    prompt=payload.prompt, choices=payload.choices)
    except services.AudienceError as exc:
        raise _refusal(exc) from exc
    result = next(r for r in selectors.poll_results(session=room.session, shown_only=False)
                  if r.poll.pk == poll.pk)
    return Status(201, _poll_out(result))


@router.post("/events/{slug}/polls/{poll_id}/votes", auth=required,
             response={200: RoomPollOut, **error_responses(401, 403, 404, 409, 422)},
             summary="Answer a poll (a second answer replaces the first); 409 when closed")
def poll_answer(request: HttpRequest, slug: str, poll_id: RowId,
                payload: RoomPollVoteIn) -> dict[str, Any]:
    poll = get_object_or_404(Poll.objects.select_related("session__event"), pk=poll_id,
                             session__event__slug=slug)
    room = room_of(request, poll.session.event, poll.session)
    if poll.status == Poll.Status.DRAFT and not room.staff:
        raise ApiError(404, _("No such poll."))
    if any(isinstance(a, str) and len(a) > WORD_MAX for a in payload.answer):
        raise ApiError(422, _("A word is too long."),
                       [{"field": "answer", "message": _("at most %(count)s characters")
                                                  % {"count": WORD_MAX}}])
    try:
        services.poll_vote(poll=poll, user=room.user, answer=payload.answer)
    except services.AudienceError as exc:
        raise _refusal(exc) from exc
    return _poll_out(next(r for r in selectors.poll_results(
        session=room.session, user=room.user, shown_only=False) if r.poll.pk == poll.pk))
