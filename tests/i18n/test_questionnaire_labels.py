"""The questionnaire's words (questions, answers, frequencies, disciplines, tools) reach the
forms in the reader's language and stay the engine's words in English."""

from __future__ import annotations

import pytest
from django.utils import translation

from immerse.common.questionnaire import (
    ANSWER_LABELS,
    DISCIPLINE_NAMES,
    FREQUENCY_NAMES,
    QUESTION_PROMPTS,
    TOOL_EXAMPLES,
    TOOL_NAMES,
    TOOL_NAMES_INLINE,
)
from immerse.engine.catalogue import DISCIPLINES, FREQUENCIES, TOOLS
from immerse.engine.levels import QUESTIONS
from immerse.learning.forms import ReassessForm
from immerse.people.forms import SignupForm


def _english(names: dict) -> dict:
    return {key: str(name) for key, name in names.items()}


def test_the_words_are_the_engines_in_english():
    with translation.override("en"):
        assert _english(QUESTION_PROMPTS) == {q.key: q.prompt for q in QUESTIONS}
        assert _english(ANSWER_LABELS) == {(q.key, c.key): c.label
                                           for q in QUESTIONS for c in q.choices}
        assert _english(FREQUENCY_NAMES) == dict(FREQUENCIES)
        assert _english(DISCIPLINE_NAMES) == dict(DISCIPLINES)
        assert _english(TOOL_NAMES) == {tool.key: tool.label for tool in TOOLS}
        assert _english(TOOL_NAMES_INLINE) == {tool.key: tool.label.lower() for tool in TOOLS}
        assert {key: str(text) for key, text in TOOL_EXAMPLES.items()} == {
            tool.key: tool.examples for tool in TOOLS if tool.key in TOOL_EXAMPLES}


@pytest.mark.parametrize("form_class", [SignupForm, ReassessForm])
def test_the_forms_follow_the_active_language(form_class):
    with translation.override("de"):
        form = form_class()
        assert form.fields["tool_live-video"].label == "Live-Video"
        assert dict(form.fields["tool_wikis"].choices)["never"] == "Nie"
    with translation.override("en"):
        form = form_class()
        assert form.fields["q_work_use"].label == QUESTIONS[0].prompt
        assert dict(form.fields["tool_wikis"].choices)["tried"] == "Tried it"
        assert form.fields["conf_live-video"].label == "Confidence with live video"
