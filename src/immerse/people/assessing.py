"""Assessments: run the engine's level rules on a person and keep the history."""

from __future__ import annotations

from collections.abc import Mapping

from immerse.engine import levels
from immerse.engine.catalogue import LEVEL_LABELS
from immerse.events.models import Event
from immerse.people.models import Assessment, Person


def assessment_compute(
    *, answers: Mapping[str, str], tool_uses: Mapping[str, tuple[str, int]],
    placed_level: int | None = None,
) -> levels.Assessment:
    """The engine's assessment; an organizer's explicit placement wins but stays explained."""
    uses = {key: levels.ToolUse(freq, conf) for key, (freq, conf) in tool_uses.items()}
    result = levels.assess(answers=answers, tool_uses=uses)
    if placed_level is None or placed_level == result.level:
        return result
    return levels.Assessment(
        level=placed_level,
        label=LEVEL_LABELS[placed_level],
        explanation=f"The organizer placed you at {LEVEL_LABELS[placed_level]} on the sign-up "
        f"sheet (the questionnaire alone suggests {result.label}).",
        reasons=(*result.reasons, "placed by the organizer"),
        look_for=levels.look_for(placed_level),
        topic_levels=result.topic_levels,
    )


def assessment_record(
    *, person: Person, event: Event | None, answers: Mapping[str, str],
    result: levels.Assessment,
) -> Assessment:
    return Assessment.objects.create(
        person=person, event=event, answers=dict(answers), level=result.level,
        explanation=result.explanation, look_for=result.look_for,
        topic_levels=result.topic_levels,
    )


def assessment_row(
    *, person: Person, event: Event | None, answers: Mapping[str, str],
    result: levels.Assessment,
) -> Assessment:
    """An unsaved Assessment, for bulk writes."""
    return Assessment(
        person=person, event=event, answers=dict(answers), level=result.level,
        explanation=result.explanation, look_for=result.look_for,
        topic_levels=result.topic_levels,
    )
