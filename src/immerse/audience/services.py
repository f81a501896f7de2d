"""Writes for the room: ask, vote, moderate questions; create, open, close and answer polls.

One vote per person is the database's rule (unique constraints); the services make a
second vote a no-op and keep the question's count with ``F()`` only when a row was really
added or removed, so two requests at once never count twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from immerse.audience.models import (
    CHOICE_MAX,
    PROMPT_MAX,
    QUESTION_MAX,
    WORD_MAX,
    WORDS_MAX,
    AudienceSettings,
    Poll,
    PollPair,
    PollVote,
    Question,
    QuestionVote,
)
from immerse.common.live import live_bump, live_key
from immerse.engine.catalogue import TOOLS
from immerse.engine.polls import RATING_HIGH, RATING_LOW
from immerse.engine.wordcloud import word_normalise
from immerse.events.models import Event, Session


def _questions_changed(session_id: int) -> None:
    live_bump(live_key("questions", session_id))


def _polls_changed(session_id: int) -> None:
    live_bump(live_key("polls", session_id))


class AudienceError(Exception):
    """A refusal to show the person: ``field`` names what is wrong ("" for the whole)."""

    def __init__(self, message: str, *, field: str = "", closed: bool = False) -> None:
        super().__init__(message)
        self.field, self.closed = field, closed


def settings_for(event: Event) -> AudienceSettings:
    found = AudienceSettings.objects.filter(event=event).first()
    return found or AudienceSettings(event=event)


def audience_settings_set(*, event: Event, anonymous_questions: bool,
                          moderate_questions: bool) -> AudienceSettings:
    found, _created = AudienceSettings.objects.update_or_create(
        event=event, defaults={"anonymous_questions": anonymous_questions,
                               "moderate_questions": moderate_questions})
    return found


def question_ask(*, session: Session, user: Any, name: str, text: str,
                 anonymous: bool = False) -> Question:
    """Add a question; anonymous only where the event allows it; waiting for approval
    where the event moderates first."""
    text = " ".join(text.split())
    if not text:
        raise AudienceError(_("Write your question first."), field="text")
    if len(text) > QUESTION_MAX:
        raise AudienceError(_("A question holds at most %(n)d characters.")
                            % {"n": QUESTION_MAX}, field="text")
    rules = settings_for(session.event)
    if anonymous and not rules.anonymous_questions:
        raise AudienceError(_("This event does not take anonymous questions."),
                            field="anonymous")
    status = Question.Status.PENDING if rules.moderate_questions else Question.Status.VISIBLE
    asked = Question.objects.create(session=session, user=user, text=text, status=status,
                                    author_name="" if anonymous else name[:200])
    _questions_changed(session.pk)
    return asked


def question_vote(*, question: Question, user: Any, on: bool = True) -> bool:
    """Set ``user``'s upvote on or off (idempotent); True when something changed."""
    if question.status != Question.Status.VISIBLE:
        raise AudienceError(_("This question is not open to votes."))
    if on:
        try:
            with transaction.atomic():
                QuestionVote.objects.create(question=question, user=user)
        except IntegrityError:
            return False  # voted already (perhaps a moment ago, in another request)
        step = F("votes") + 1
    else:
        removed, _rows = QuestionVote.objects.filter(question=question, user=user).delete()
        if not removed:
            return False
        step = F("votes") - 1
    Question.objects.filter(pk=question.pk).update(votes=step, updated_at=timezone.now())
    _questions_changed(question.session_id)
    return True


MODERATIONS = ("approve", "hide", "pin", "unpin", "answered", "reopen")


def question_moderate(*, question: Question, action: str) -> Question:
    """What session staff do to a question: approve, hide, pin, unpin, mark answered."""
    moderations: dict[str, dict[str, object]] = {
        "approve": {"status": Question.Status.VISIBLE},
        "hide": {"status": Question.Status.HIDDEN, "pinned": False},
        "pin": {"pinned": True, "status": Question.Status.VISIBLE},
        "unpin": {"pinned": False},
        "answered": {"answered_at": timezone.now(), "pinned": False},
        "reopen": {"answered_at": None},
    }
    changes = moderations.get(action, {})
    if not changes:
        raise AudienceError(_("Unknown action."), field="action")
    for name, value in changes.items():
        setattr(question, name, value)
    # Only what the action changes: ``votes`` moved in the database (F()) since ``question``
    # was read, and a full save would write the stale count back.
    question.save(update_fields=[*changes, "updated_at"])
    _questions_changed(question.session_id)
    return question


def poll_create(*, session: Session, kind: str, prompt: str, choices: Sequence[str] = (),
                before: Poll | None = None) -> Poll:
    """A poll in draft; ``inventory`` polls take their choices from the tool catalogue; an
    ``after`` copy of ``before`` (same kind, prompt and choices) pairs them."""
    if before is not None:
        if before.phase == Poll.Phase.AFTER or PollPair.objects.filter(before=before).exists():
            raise AudienceError(_("This poll already has its after poll."))
        before.phase = Poll.Phase.BEFORE
        before.save(update_fields=["phase", "updated_at"])
        after = Poll.objects.create(session=session, kind=before.kind, prompt=before.prompt,
                                    choices=before.choices, phase=Poll.Phase.AFTER)
        PollPair.objects.create(before=before, after=after)
        _polls_changed(session.pk)
        return after
    prompt = " ".join(prompt.split())
    if not prompt or len(prompt) > PROMPT_MAX:
        raise AudienceError(_("A question of 1 to %(n)d characters.") % {"n": PROMPT_MAX},
                            field="prompt")
    if kind not in Poll.Kind.values:
        raise AudienceError(_("Unknown kind of poll."), field="kind")
    labels = _choices(kind, choices)
    poll = Poll.objects.create(session=session, kind=kind, prompt=prompt, choices=labels)
    _polls_changed(session.pk)
    return poll


def _choices(kind: str, choices: Sequence[str]) -> list[str]:
    if kind == Poll.Kind.INVENTORY:
        return [tool.label for tool in TOOLS]
    if kind not in (Poll.Kind.SINGLE, Poll.Kind.MULTIPLE):
        return []
    labels = [" ".join(c.split()) for c in choices if c.strip()]
    if not 2 <= len(labels) <= 12 or any(len(c) > CHOICE_MAX for c in labels):
        raise AudienceError(_("Give 2 to 12 choices of at most %(n)d characters each.")
                            % {"n": CHOICE_MAX}, field="choices")
    return labels


def poll_status_set(*, poll: Poll, status: str) -> Poll:
    if status not in Poll.Status.values:
        raise AudienceError(_("Unknown status."), field="status")
    poll.status = status
    poll.save(update_fields=["status", "updated_at"])
    _polls_changed(poll.session_id)
    return poll


def poll_vote(*, poll: Poll, user: Any, answer: Sequence[int | str]) -> PollVote:
    """Record ``user``'s answer; a second vote replaces the first (the same answer again
    changes nothing). A poll that is not open refuses."""
    if poll.status != Poll.Status.OPEN:
        raise AudienceError(_("This poll is closed."), closed=True)
    clean = _answer(poll, answer)
    with transaction.atomic():
        vote, created = PollVote.objects.select_for_update().get_or_create(
            poll=poll, user=user, defaults={"answer": clean})
        changed = created or vote.answer != clean
        if not created and changed:
            vote.answer = clean
            vote.save(update_fields=["answer", "updated_at"])
    if changed:
        _polls_changed(poll.session_id)
    return vote


def _answer(poll: Poll, answer: Sequence[int | str]) -> list[Any]:
    if poll.kind == Poll.Kind.WORDS:
        words = [word_normalise(str(w)) for w in answer]
        words = [w for w in words if w]
        if not words or len(words) > WORDS_MAX or any(len(w) > WORD_MAX for w in words):
            raise AudienceError(_("Give 1 to %(n)d words of at most %(m)d characters.")
                                % {"n": WORDS_MAX, "m": WORD_MAX}, field="answer")
        return words
    try:
        numbers = sorted({int(a) for a in answer})
    except (TypeError, ValueError):
        raise AudienceError(_("Choose from the list."), field="answer") from None
    if poll.kind == Poll.Kind.RATING:
        if len(numbers) != 1 or not RATING_LOW <= numbers[0] <= RATING_HIGH:
            raise AudienceError(_("Give one rating from 1 to 5."), field="answer")
        return numbers
    single = poll.kind == Poll.Kind.SINGLE
    if not numbers or (single and len(numbers) != 1) or \
            not all(0 <= n < len(poll.choices) for n in numbers):
        raise AudienceError(_("Choose from the list."), field="answer")
    return numbers
