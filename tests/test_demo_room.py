"""The demo immersion's room: its first day's questions, polls, check-ins and table notes,
as `immerse demo` builds them (``demo.room``)."""

from __future__ import annotations

import random

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef
from django.test import Client

from immerse.audience.models import Poll, Question
from immerse.audience.selectors import event_report, questions_ranked
from immerse.checkin.models import Attendance, CheckIn
from immerse.checkin.selectors import attendance_report
from immerse.demo.room import ROOM_USERS, room_demo_plan_seed
from immerse.events.models import Event
from immerse.program.models import AgendaItem
from immerse.program.services.planning import agenda_run_create, agenda_run_execute
from immerse.tables.models import TableNotes, TableNotesRevision
from immerse.tables.services import tables_rotation_form

pytestmark = pytest.mark.django_db


def immersion() -> Event:
    return Event.objects.get(slug="mobile-immersion")


def test_the_demo_room_has_questions_moderated_and_upvoted_in_two_sessions(demo_db) -> None:
    asked = Question.objects.filter(session__event=immersion())
    assert asked.values("session").distinct().count() == 2
    assert asked.filter(author_name="").count() == 3  # anonymous, which the event allows
    assert (asked.filter(pinned=True).count(), asked.filter(status="hidden").count(),
            asked.filter(answered_at__isnull=False).count()) == (1, 1, 2)
    listening = asked.get(pinned=True).session
    ranked = list(questions_ranked(session=listening))
    assert ranked[0].pinned and ranked[0].votes == 14  # moderating kept its votes
    assert [q.votes for q in ranked[1:4]] == [11, 4, 2]  # then by votes, answered last
    assert ranked[-1].answered_at is not None and len(ranked) == 5


def test_the_demo_room_has_every_kind_of_poll_and_a_before_after_shift(demo_db) -> None:
    polls = Poll.objects.filter(session__event=immersion())
    assert set(polls.values_list("kind", flat=True)) == {
        "single", "multiple", "rating", "words", "inventory"}
    assert set(polls.filter(status="open").values_list("kind", flat=True)) == {
        "multiple", "words"}
    attendee = get_user_model().objects.get(username="attendee")
    assert not polls.filter(votes__user=attendee).exists()  # left for the visitor to try
    results = {r.poll.pk: r for _s, rs, _n in event_report(event=immersion()) for r in rs}
    after = results[polls.get(phase="after").pk]
    assert after.voters == 34
    assert [(label, round(change, 2)) for label, change in after.shift or []] == [
        ("Not yet", -0.41), ("With a colleague beside me", 0.26), ("Yes, on my own", 0.15)]
    assert all(r.voters >= 30 for r in results.values())
    assert get_user_model().objects.filter(username__startswith="attendee").count() == (
        ROOM_USERS)


def _first_day_held(event: Event) -> None:
    """What demo_plan does, with the immersion only and shorter limits."""
    agenda_run_execute(agenda_run_create(event=event, user=None, time_limit=3).pk)
    tables_rotation_form(event=event, time_limit=2)
    room_demo_plan_seed(rng=random.Random(1), event=event,
                        desk=get_user_model().objects.get(username="organizer"))


def test_the_demo_first_day_shows_planned_and_attended_and_table_notes(demo_db) -> None:
    event = immersion()
    _first_day_held(event)
    report = attendance_report(event=event)
    assert (report.checked_in, report.expected) == (81, 90)  # nine no-shows
    first_day = [row for row in report.sessions if row.attended]
    assert len(first_day) >= 5 and all(row.attended < 90 for row in first_day)
    assert any(row.planned > row.attended > 0 for row in first_day)
    # The immersion is dated ahead: only the first day, where people were marked present,
    # is held; the other days' sessions are not held yet and stay out of the shares.
    held = [row for row in report.sessions if row.held]
    assert [row.label for row in held] == [row.label for row in first_day]
    assert report.to_come == len(report.sessions) - len(held) > 0
    assert sum(row.planned for row in report.formats) == sum(row.planned for row in held)
    assert all(row.share is not None and row.share >= 50 for row in report.formats)
    assert CheckIn.objects.filter(registration__event=event).count() == 81
    assert set(CheckIn.objects.values_list("how", flat=True)) == {"code", "list"}
    assert Attendance.objects.filter(session__event=event).count() > 200
    notes = TableNotes.objects.filter(session__event=event)
    assert sorted(n.number for n in notes) == [4, 4, 4]
    assert all("What we agreed" in n.text and "To try tomorrow" in n.text for n in notes)
    merged = TableNotesRevision.objects.filter(notes__in=notes, number=3)
    assert set(merged.values_list("base", "conflicts")) == {(1, 0)}
    # The organizer's report says it in words.
    client = Client()
    client.force_login(get_user_model().objects.get(username="organizer"))
    page = client.get(f"/events/{event.slug}/organize/report/")
    text = " ".join(page.content.decode().split())
    assert "81 of 90 confirmed people checked in at the event." in text
    assert (f"{report.to_come} sessions are not held yet: they are left out of the shares "
            "per format and per level.") in text
    assert ("Shift since before: Not yet -41 percentage points; With a colleague beside me "
            "+26 percentage points; Yes, on my own +15 percentage points") in text


def test_the_demo_room_has_nobody_in_two_sessions_of_one_slot(demo_db) -> None:
    event = immersion()
    _first_day_held(event)
    present = Attendance.objects.filter(session__event=event)
    doubled = (present.values("registration", "session__slot").annotate(n=Count("pk"))
               .filter(n__gt=1))
    assert list(doubled) == []
    # Sessions with room for it have their two who dropped in unplanned (not on their
    # agenda); a plenary that everyone came to has nobody free to drop in.
    on_agenda = AgendaItem.objects.filter(registration=OuterRef("registration"),
                                          session=OuterRef("session"))
    unplanned = present.filter(~Exists(on_agenda)).values("session").annotate(n=Count("pk"))
    assert len(unplanned) >= 5
    assert {row["n"] for row in unplanned} == {2}
