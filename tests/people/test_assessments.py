"""Every assessment is written with its tool snapshot, whichever way it comes in."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext

from immerse.engine.formats.signup_sheet import read_signup_sheet
from immerse.people.models import Assessment, ToolSnapshot, ToolUse
from immerse.people.services.assessments import assessment_take
from immerse.people.services.imports import attendees_import
from immerse.people.services.tools import tools_sync
from tests.factories import make_event, make_person

pytestmark = pytest.mark.django_db
SHEET = ("Name;E-mail;Discipline;Microblogging;Blogging;plan\n"
         "Ann;ann@a.example;pr;daily 4;never;none\n"
         "Bob;bob@b.example;hr;never;monthly 2;\n"
         "Cas;cas@c.example;it;;;informal\n")
backfill = importlib.import_module(
    "immerse.people.migrations.0007_toolsnapshot_backfill").snapshots_backfill


def snapshots() -> dict[str, dict[str, list[object]]]:
    return {s.person.email: s.tools for s in ToolSnapshot.objects.select_related("person")}


def test_sheet_import_gives_every_imported_attendee_a_snapshot() -> None:
    event = make_event()

    attendees_import(event=event, sheet=read_signup_sheet(SHEET.encode(), source="s.csv"))

    assert Assessment.objects.count() == ToolSnapshot.objects.count() == 3
    assert snapshots() == {
        "ann@a.example": {"microblogging": ["daily", 4], "blogging": ["never", 1]},
        "bob@b.example": {"microblogging": ["never", 1], "blogging": ["monthly", 2]},
        "cas@c.example": {"microblogging": ["never", 1], "blogging": ["never", 1]},
    }
    assert all(s.person_id == s.assessment.person_id
               for s in ToolSnapshot.objects.select_related("assessment"))


def test_sheet_import_queries_do_not_grow_with_the_rows() -> None:
    tools_sync()
    header = SHEET.splitlines(keepends=True)[0]

    def queries(rows: int) -> int:
        sheet = read_signup_sheet((header + "".join(
            f"P{rows} {i};p{rows}-{i}@x.example;pr;weekly 3;tried;none\n"
            for i in range(rows))).encode(), source="s.csv")
        event = make_event()
        with CaptureQueriesContext(connection) as captured:
            attendees_import(event=event, sheet=sheet)
        return len(captured)

    # The snapshots are two of them; SQLite needs no seat lock (its write lock is taken).
    expected = 16 if connection.features.has_select_for_update else 15
    assert queries(3) == queries(60) == expected
    assert ToolSnapshot.objects.count() == 63


def test_assessment_take_stores_the_tools_and_snapshots_the_whole_inventory() -> None:
    person = make_person()
    ToolUse.objects.create(person=person, tool=tools_sync()["wikis"], frequency="weekly",
                           confidence=3)

    assessment = assessment_take(person=person, event=None, answers={},
                                 tool_uses={"blogging": ("daily", 5)})

    assert assessment.tool_snapshot.tools == {"wikis": ["weekly", 3], "blogging": ["daily", 5]}
    assert ToolUse.objects.get(person=person, tool__key="blogging").frequency == "daily"


def test_a_retried_signup_take_adds_no_second_assessment() -> None:
    person, event = make_person(), make_event()
    first = assessment_take(person=person, event=event, answers={},
                            tool_uses={"blogging": ("daily", 5)}, retry_safe=True)
    again = assessment_take(person=person, event=event, answers={},
                            tool_uses={"blogging": ("daily", 5)}, retry_safe=True)
    assert again.pk == first.pk
    assert (Assessment.objects.count(), ToolSnapshot.objects.count()) == (1, 1)


def test_no_signal_writes_on_saving_an_assessment() -> None:
    assert not post_save.has_listeners(Assessment)
    Assessment.objects.create(person=make_person(), level=1, explanation="raw")
    assert not ToolSnapshot.objects.exists()


def test_backfill_snapshots_assessments_without_one_from_current_tool_uses() -> None:
    tools = tools_sync()
    ann, bob = make_person(email="ann@a.example"), make_person(email="bob@b.example")
    ToolUse.objects.create(person=ann, tool=tools["podcasts"], frequency="monthly",
                           confidence=2)
    kept = assessment_take(person=bob, event=None, answers={},
                           tool_uses={"wikis": ("tried", 1)})
    # Rows as the old sheet import left them: no snapshot (bulk_create fired no signal).
    Assessment.objects.bulk_create([
        Assessment(person=ann, level=1, explanation="imported"),
        Assessment(person=bob, level=2, explanation="imported")])
    ToolUse.objects.filter(person=bob).update(frequency="weekly")

    backfill(apps, None)
    backfill(apps, None)  # a second run finds nothing to do

    by_assessment = {s.assessment.explanation + s.person.email: s.tools
                     for s in ToolSnapshot.objects.select_related("assessment", "person")}
    assert by_assessment == {
        f"{kept.explanation}bob@b.example": {"wikis": ["tried", 1]},
        "importedann@a.example": {"podcasts": ["monthly", 2]},
        "importedbob@b.example": {"wikis": ["weekly", 1]},
    }
