"""The organizers' extra sign-up questions: asking them, checking and keeping the answers.

Answers travel as ``{question id (str): text | [choices]}``: in the web form, the API body,
the payload of a sign-up waiting for its confirmation, and into ``SignupAnswer`` rows once
the registration exists (``answers_store``, called by ``signup_apply``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from immerse.events.models import Event
from immerse.people.models import Registration, SignupAnswer, SignupQuestion

Kind = SignupQuestion.Kind
#: The longest text answer kept.
ANSWER_MAX = 2000


class QuestionError(ValueError):
    """A question or an answer refused; ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


def questions_of(event: Event) -> list[SignupQuestion]:
    return list(SignupQuestion.objects.filter(event=event))


def question_save(*, event: Event, question: SignupQuestion | None, prompt: str, kind: str,
                  choices: Sequence[str] = (), required: bool = False) -> SignupQuestion:
    """Create or change a question; a choice question needs at least two options."""
    prompt = " ".join(prompt.split())
    options = list(dict.fromkeys(" ".join(c.split()) for c in choices if c.strip()))
    if not prompt:
        raise QuestionError("prompt", _("A question needs its wording."))
    if kind not in Kind.values:
        raise QuestionError("kind", _("Choose text, one choice or several choices."))
    if kind != Kind.TEXT and len(options) < 2:
        raise QuestionError("choices", _("A choice question needs at least two options."))
    if question is None:
        question = SignupQuestion(event=event, position=SignupQuestion.objects.filter(
            event=event).count())
    question.prompt, question.kind, question.required = prompt, kind, required
    question.choices = options if kind != Kind.TEXT else []
    question.save()
    return question


def question_delete(*, question: SignupQuestion) -> int:
    """Delete a question with its answers; returns how many answers went with it."""
    answers = question.answers.count()
    question.delete()
    return answers


def _clean_one(question: SignupQuestion, value: Any) -> str | list[str] | None:
    if question.kind == Kind.MANY:
        values = [value] if isinstance(value, str) else list(value or [])
        if any(not isinstance(v, str) or v not in question.choices for v in values):
            raise QuestionError(str(question.pk), _("Choose among: %(options)s.")
                                % {"options": "; ".join(question.choices)})
        return list(dict.fromkeys(values)) or None
    if not isinstance(value, str | type(None)):
        raise QuestionError(str(question.pk), _("Expected one answer."))
    text = (value or "").strip()
    if question.kind == Kind.ONE and text and text not in question.choices:
        raise QuestionError(str(question.pk), _("Choose one of: %(options)s.")
                            % {"options": "; ".join(question.choices)})
    if len(text) > ANSWER_MAX:
        raise QuestionError(str(question.pk), _("At most %(n)d characters.") % {"n": ANSWER_MAX})
    return text or None


def answers_clean(*, questions: Sequence[SignupQuestion],
                  raw: Mapping[str, Any]) -> dict[str, str | list[str]]:
    """The answers to ``questions`` from ``raw`` (by question id), checked: an unknown
    question, an option not offered or a required question left empty is refused naming
    the question's id."""
    known = {str(q.pk): q for q in questions}
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise QuestionError(unknown[0], _("No such question for this event."))
    answers: dict[str, str | list[str]] = {}
    for key, question in known.items():
        value = _clean_one(question, raw.get(key))
        if value is None and question.required:
            raise QuestionError(key, _("This question needs an answer."))
        if value is not None:
            answers[key] = value
    return answers


@transaction.atomic
def answers_store(*, registration: Registration, answers: Mapping[str, Any]) -> None:
    """Keep ``answers`` (already checked) for ``registration``; questions deleted since
    the sign-up was made are skipped."""
    questions = set(SignupQuestion.objects.filter(
        event_id=registration.event_id, pk__in=[int(k) for k in answers if k.isdigit()])
        .values_list("pk", flat=True))
    for key, value in answers.items():
        if key.isdigit() and int(key) in questions:
            SignupAnswer.objects.update_or_create(registration=registration,
                                                  question_id=int(key),
                                                  defaults={"value": value})
