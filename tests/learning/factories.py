"""Factories for learning-cycle tests, on top of tests.factories."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from django.test import Client

from immerse.events.models import Event, Session
from immerse.learning.models import Plan, Story
from immerse.learning.services import plan_create, story_save
from immerse.people.models import Assessment, Person, ToolUse
from immerse.people.services.assessments import assessment_take_bulk
from immerse.people.services.tools import tools_sync
from immerse.program.models import AgendaItem
from tests.factories import PASSWORD, make_person, make_registration, make_user

ZONE = ZoneInfo("Europe/Amsterdam")


def login(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def make_attendee(*, event: Event, level: int = 1, status: str = "confirmed",
                  interests: list[str] | None = None, attends: Iterable[Session] = (),
                  **fields: object) -> tuple[object, Person]:
    """A user with a person registered for ``event`` at ``level``, with ``attends`` on
    their personal agenda (what feedback needs)."""
    user = make_user()
    person = make_person(user=user, **fields)
    registration = make_registration(event=event, person=person, status=status, level=level,
                                     interests=interests or [])
    AgendaItem.objects.bulk_create([AgendaItem(registration=registration, session=session)
                                    for session in attends])
    return user, person


def make_story(*, title: str, privacy: str = "public", event: Event | None = None,
               person: Person | None = None, tools: tuple[str, ...] = (), **fields: object
               ) -> Story:
    catalogue = tools_sync()
    return story_save(title=title, privacy=privacy, event=event, person=person,
                      tools=[catalogue[key] for key in tools], **fields)


def make_plan(*, person: Person, event: Event | None, goal: str = "Start listening",
              **fields: object) -> Plan:
    data = {"goal": goal, "step_1": "Set up alerts", "step_2": "Read for a month",
            "step_3": "Report to the team", **fields}
    return plan_create(person=person, event=event, data=data)


def make_assessment(*, person: Person, level: int, when: datetime,
                    tools: dict[str, str] | None = None) -> Assessment:
    """An assessment at ``when``; ``tools`` sets the inventory first (so the snapshot has it)."""
    catalogue = tools_sync()
    for key, frequency in (tools or {}).items():
        ToolUse.objects.update_or_create(person=person, tool=catalogue[key],
                                         defaults={"frequency": frequency, "confidence": 3})
    [assessment] = assessment_take_bulk(rows=[
        Assessment(person=person, level=level, explanation="test", answers={})])
    Assessment.objects.filter(pk=assessment.pk).update(created_at=when)
    assessment.refresh_from_db()
    return assessment


def at(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 12, 0, tzinfo=ZONE)
