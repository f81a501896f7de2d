"""The level questionnaire: rules, explanations and validation."""

from __future__ import annotations

import itertools

import pytest

from immerse.engine.catalogue import FORMAT_BY_KEY, TOOLS
from immerse.engine.levels import (
    CORE_QUESTIONS,
    QUESTIONS,
    Assessment,
    AssessmentError,
    ToolUse,
    assess,
    is_guess,
    look_for,
    unanswered_core,
)

PRACTITIONER = {
    "work_use": "job",
    "plan": "written",
    "led": "led",
    "measure": "regularly",
    "teach": "yes",
    "want": "share",
}


def test_questionnaire_has_five_to_seven_questions_with_unique_keys() -> None:
    keys = [q.key for q in QUESTIONS]
    assert 5 <= len(keys) <= 7
    assert len(set(keys)) == len(keys)
    for question in QUESTIONS:
        assert question.prompt.endswith("?")
        assert len({c.key for c in question.choices}) == len(question.choices) >= 3
        assert question.assumed in {c.key for c in question.choices}
        assert question.choice_pairs[0] == (question.choices[0].key, question.choices[0].label)


def test_all_never_is_eye_opener() -> None:
    never = {tool.key: ToolUse("never") for tool in TOOLS}
    result = assess(answers={"work_use": "none"}, tool_uses=never)
    assert result.level == 1
    assert result.label == "Eye-opener"
    assert "not tried" in result.explanation
    assert "stories of what others did" in result.explanation
    assert set(result.topic_levels.values()) == {1}


def test_nothing_answered_is_eye_opener_and_says_what_was_assumed() -> None:
    result = assess(answers={}, tool_uses={})
    assert result.level == 1
    assumed = [r for r in result.reasons if r.startswith("You did not answer")]
    assert len(assumed) == len(QUESTIONS)
    assert any("'Not at all'" in r for r in assumed)


def test_daily_confident_with_plan_led_and_teach_is_just_do_it() -> None:
    result = assess(answers=PRACTITIONER, tool_uses={"microblogging": ToolUse("daily", 5)})
    assert result.level == 4
    assert result.label == "Just do it"
    assert result.explanation.startswith("You use microblogging daily for work, have a written")
    assert "host tables for levels 1-3" in result.explanation
    assert result.topic_levels == {"microblogging": 4}


def test_daily_without_plan_is_preparation_with_plan_to_take_home() -> None:
    answers = {**PRACTITIONER, "plan": "none"}
    result = assess(answers=answers, tool_uses={"microblogging": ToolUse("daily", 4)})
    assert result.level == 3
    assert result.explanation == (
        "You use microblogging daily for work but have no plan yet: Preparation sessions "
        "give you a plan to take home."
    )
    assert any("a written plan (without one you stay at Preparation)" in r
               for r in result.reasons)


def test_informal_plan_caps_at_preparation_with_peer_review() -> None:
    answers = {**PRACTITIONER, "plan": "informal"}
    result = assess(answers=answers, tool_uses={"blogging": ToolUse("weekly", 4)})
    assert result.level == 3
    assert "nothing written yet" in result.explanation
    assert "peer review" in result.explanation
    assert "plan to take home" in result.explanation


def test_written_plan_but_never_led_stays_preparation_and_names_the_gap() -> None:
    answers = {**PRACTITIONER, "led": "helped"}
    result = assess(answers=answers, tool_uses={"wikis": ToolUse("weekly", 5)})
    assert result.level == 3
    assert "an initiative you ran or led" in result.explanation


def test_not_confident_enough_for_just_do_it() -> None:
    result = assess(answers=PRACTITIONER, tool_uses={"wikis": ToolUse("daily", 3)})
    # The plan, the initiative and measuring are signs of fit (3), but no tool is mastered.
    assert result.level == 3
    assert any("confidence 4 or more" in r for r in result.reasons)


def test_private_use_is_baby_steps_even_when_confident() -> None:
    result = assess(
        answers={"work_use": "private", "plan": "written", "led": "led", "teach": "yes"},
        tool_uses={"social-networking": ToolUse("daily", 5)},
    )
    assert result.level == 2
    assert result.explanation.startswith(
        "You use social networking daily, privately, not for work yet: Baby steps"
    )
    assert result.topic_levels == {"social-networking": 2}
    assert "context, strategy and business benefits" in result.explanation


def test_occasional_work_use_without_signs_is_baby_steps() -> None:
    result = assess(
        answers={"work_use": "occasional", "plan": "none", "led": "no", "measure": "no"},
        tool_uses={"blogging": ToolUse("monthly", 3)},
    )
    assert result.level == 2
    assert "You use blogging monthly for work but it is not yet clear where it fits" in (
        result.explanation
    )


def test_tried_once_is_still_eye_opener() -> None:
    result = assess(answers={"work_use": "none"}, tool_uses={"podcasts": ToolUse("tried", 1)})
    assert result.level == 1
    assert any("trying one once does not count" in reason for reason in result.reasons)


def test_tried_once_without_answers_is_eye_opener_and_monthly_is_baby_steps() -> None:
    assert assess(answers={}, tool_uses={"podcasts": ToolUse("tried", 2)}).level == 1
    assert assess(answers={}, tool_uses={"podcasts": ToolUse("monthly", 2)}).level == 2


def test_measuring_regularly_alone_is_a_sign_of_fit() -> None:
    result = assess(
        answers={"work_use": "job", "plan": "none", "led": "no", "measure": "regularly"},
        tool_uses={"blogging": ToolUse("monthly", 2)},
    )
    assert result.level == 3
    assert any("measure results regularly: at least Preparation" in r for r in result.reasons)


def test_missing_work_use_is_inferred_from_regular_tools_and_said() -> None:
    answers = {k: v for k, v in PRACTITIONER.items() if k != "work_use"}
    result = assess(answers=answers, tool_uses={"microblogging": ToolUse("daily", 5)})
    assert result.level == 4
    assert any("'For work, now and then'" in r for r in result.reasons)


def test_wish_for_another_level_is_noted_not_obeyed() -> None:
    result = assess(answers={"work_use": "none", "want": "plan"}, tool_uses={})
    assert result.level == 1
    assert any("You asked for a plan to take home, which is what Preparation sessions offer"
               in r for r in result.reasons)


def test_unanswered_wish_is_not_reported_as_asked() -> None:
    result = assess(answers={"work_use": "job", "plan": "written"}, tool_uses={})
    assert result.level == 3
    assert not any(r.startswith("You asked") for r in result.reasons)


def test_topic_levels_per_tool() -> None:
    uses = {
        "microblogging": ToolUse("daily", 4),
        "blogging": ToolUse("monthly", 5),
        "podcasts": ToolUse("never"),
        "wikis": ToolUse("weekly", 3),
    }
    result = assess(answers={"work_use": "job"}, tool_uses=uses)
    assert result.topic_levels == {"microblogging": 3, "blogging": 2, "wikis": 2, "podcasts": 1}


@pytest.mark.parametrize(
    ("answers", "tool_uses", "question"),
    [
        ({"colour": "blue"}, {}, "colour"),
        ({"plan": "maybe"}, {}, "plan"),
        ({}, {"myspace": ToolUse("daily")}, "tool_uses:myspace"),
        ({}, {"blogging": ToolUse("hourly")}, "tool_uses:blogging"),
        ({}, {"blogging": ToolUse("daily", 6)}, "tool_uses:blogging"),
        ({}, {"blogging": ToolUse("daily", 0)}, "tool_uses:blogging"),
    ],
)
def test_invalid_input_names_the_question(
    answers: dict[str, str], tool_uses: dict[str, ToolUse], question: str
) -> None:
    with pytest.raises(AssessmentError) as caught:
        assess(answers=answers, tool_uses=tool_uses)
    assert caught.value.question == question
    assert str(caught.value).startswith(f"{question}: ")


def test_look_for_names_catalogue_formats() -> None:
    assert "Story & case sharing" in look_for(1)
    assert "Facilitated workshop" in look_for(3)
    assert FORMAT_BY_KEY["community"].label in look_for(4)


def _all_assessments() -> list[tuple[dict[str, str], Assessment]]:
    out = []
    for combo in itertools.product(*[[c.key for c in q.choices] for q in QUESTIONS]):
        answers = dict(zip([q.key for q in QUESTIONS], combo, strict=True))
        for use in (ToolUse("never"), ToolUse("monthly", 3), ToolUse("daily", 5)):
            out.append((answers, assess(answers=answers, tool_uses={"blogging": use})))
    return out


def test_rules_hold_over_every_combination_of_answers() -> None:
    # Independent restatement of the documented caps, checked on all 1,296 × 3 inputs.
    for answers, result in _all_assessments():
        assert result.level in (1, 2, 3, 4)
        assert result.label and result.explanation and result.look_for
        if answers["plan"] != "written":
            assert result.level <= 3
        if answers["work_use"] in ("none", "private"):
            assert result.level <= 2
        if result.level == 4:
            assert answers["led"] == "led" and answers["teach"] == "yes"
        if result.level == 3:
            assert "plan to take home" in result.explanation


def test_same_input_same_assessment() -> None:
    uses = {"microblogging": ToolUse("weekly", 4), "wikis": ToolUse("tried")}
    assert assess(answers=PRACTITIONER, tool_uses=uses) == assess(
        answers=dict(PRACTITIONER), tool_uses=dict(uses)
    )


def test_a_level_without_the_core_answers_is_a_guess() -> None:
    """Skipping the questionnaire must not look like an Eye-opener who said so."""
    skipped = assess(answers={})
    tools_only = assess(answers={}, tool_uses={"microblogging": ToolUse("daily", 4)})
    partly = assess(answers={"work_use": "job", "plan": "none", "want": "plan"})
    answered = assess(answers={"work_use": "none", "plan": "none", "led": "no",
                               "measure": "no", "teach": "no"})
    assert (skipped.level, skipped.guessed) == (1, True)
    assert (tools_only.level, tools_only.guessed) == (3, True)  # inferred from the tools
    assert partly.guessed and unanswered_core({"work_use": "job", "plan": "none"}) == (
        "led", "measure", "teach")
    assert (answered.level, answered.guessed) == (1, False)


def test_the_wish_alone_does_not_make_a_guess() -> None:
    core = {"work_use": "job", "plan": "none", "led": "no", "measure": "no", "teach": "no"}
    assert not is_guess(core) and assess(answers=core).guessed is False
    assert is_guess({**core, "teach": ""})  # an empty answer is no answer
    assert set(CORE_QUESTIONS) == {q.key for q in QUESTIONS} - {"want"}
