"""Assessments: run the engine's level rules, keep the history, and snapshot the tools.

Every assessment is written here together with a copy of the person's tool inventory at
that moment (reports compare the copies to tell which tools were adopted): sign-up, the
API, re-assessment, sheet import and the demo all come through ``assessment_take`` or its
bulk form ``assessment_take_bulk``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from immerse.engine import levels
from immerse.engine.catalogue import LEVEL_LABELS
from immerse.events.models import Event
from immerse.people.models import Assessment, Person, Registration, ToolSnapshot
from immerse.people.selectors import tool_inventories
from immerse.people.services.tools import ToolAnswer, tool_uses_set


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
        guessed=False,  # the organizer knows the person: a placement is not a guess
    )


def assessment_row(
    *, person: Person, event: Event | None, answers: Mapping[str, str],
    result: levels.Assessment, placed_by_organizer: bool = False,
) -> Assessment:
    """An unsaved Assessment, for ``assessment_take_bulk``; ``placed_by_organizer``: the
    level came from the organizer (a sheet's level column), so it is not a guess."""
    return Assessment(
        person=person, event=event, answers=dict(answers), level=result.level,
        explanation=result.explanation, look_for=result.look_for,
        topic_levels=result.topic_levels, placed_by_organizer=placed_by_organizer,
    )


def assessment_take(
    *, person: Person, event: Event | None, answers: Mapping[str, str],
    tool_uses: Mapping[str, tuple[str, int]] | None = None, retry_safe: bool = False,
    new_person: bool = False,
) -> Assessment:
    """One take of the questionnaire: store the tool answers given (over the person's other
    entries), assess them, record the Assessment and its tool snapshot.

    Without ``tool_uses`` the person's stored inventory is assessed as it is (the API's
    re-take, which sends answers only). With ``retry_safe`` (sign-up) a take that says
    the same as the person's latest one for this event returns that one: a client's retry
    must not add a second row to their history. ``new_person`` (made in this transaction)
    skips both reads: no history yet, and the inventory is exactly ``tool_uses``.
    """
    # No savepoint: inside a caller's transaction a failure here fails the caller's whole
    # write anyway (the sign-up), and savepoints cost two queries each.
    with transaction.atomic(savepoint=False):
        if tool_uses is None:
            tool_uses = {key: (use[0], use[1]) for key, use in tool_inventories(
                person_ids=[person.pk]).get(person.pk, {}).items()}
        else:
            tool_uses_set(person=person, uses={
                key: ToolAnswer(freq, conf) for key, (freq, conf) in tool_uses.items()})
        result = assessment_compute(answers=answers, tool_uses=tool_uses)
        same = _same_take(person, event, answers, result) \
            if retry_safe and not new_person else None
        if same is not None:
            return same
        known = {person.pk: {key: [f, c] for key, (f, c) in tool_uses.items()}} \
            if new_person else None
        [assessment] = assessment_take_bulk(rows=[
            assessment_row(person=person, event=event, answers=answers, result=result)],
            inventories=known)
    return assessment


def registrations_level_follow(*, assessment: Assessment) -> int:
    """A retake before an event is the level that event plans with: the person's active
    registrations for events not begun yet take the new level (their sign-up's level may
    have been a guess). Events under way or over keep the level people came in with, which
    the reports compare against. Returns the number of registrations changed."""
    return Registration.objects.filter(
        person_id=assessment.person_id, event__start_date__gt=timezone.localdate(),
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED],
    ).exclude(level=assessment.level).update(level=assessment.level,
                                             updated_at=timezone.now())


def _same_take(person: Person, event: Event | None, answers: Mapping[str, str],
               result: levels.Assessment) -> Assessment | None:
    latest = Assessment.objects.filter(person=person, event=event).first()
    same = latest is not None and latest.answers == dict(answers) and (
        latest.level, latest.explanation, latest.topic_levels) == (
        result.level, result.explanation, result.topic_levels)
    return latest if same else None


def assessment_take_bulk(
    *, rows: Sequence[Assessment], inventories: dict[int, dict[str, list[Any]]] | None = None,
) -> list[Assessment]:
    """Insert unsaved assessments with one tool snapshot each, copied from the people's
    current inventory (read here unless the caller knows it): the same few queries however
    many rows (sheet import, demo)."""
    with transaction.atomic(savepoint=False):  # no savepoint: see assessment_take
        made = Assessment.objects.bulk_create(rows)
        if inventories is None:
            inventories = tool_inventories(person_ids={a.person_id for a in made})
        ToolSnapshot.objects.bulk_create([
            ToolSnapshot(assessment=a, person_id=a.person_id,
                         tools=inventories.get(a.person_id, {})) for a in made])
    return made
