"""Check-in services: codes, idempotent check-in, refusals that say why, attendance,
walk-ins, the no-show release and the planned-vs-attended report, with exact values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from immerse.checkin.codes import checkin_code
from immerse.checkin.models import Attendance, CheckIn
from immerse.checkin.release import noshows_release
from immerse.checkin.selectors import attendance_report, checkin_counts, checkin_search
from immerse.checkin.services import (
    CheckinRefused,
    attendance_record,
    checkin_record,
    checkin_settings_set,
    checkin_undo,
    registration_by_code,
    walkin_seat,
)
from immerse.notify.models import Message
from immerse.program.models import AgendaItem
from tests.factories import make_event, make_person, make_registration, make_session, make_user

pytestmark = pytest.mark.django_db


def _code(registration):
    return checkin_code(event_id=registration.event_id, registration_id=registration.pk)


def test_a_code_finds_its_registration_and_checks_in_once():
    event = make_event()
    reg = make_registration(event=event, person=make_person(name="Ada"))
    found = registration_by_code(event=event, code=_code(reg))
    first = checkin_record(registration=found, by=make_user(), how="code")
    again = checkin_record(registration=found, by=None, how="code")
    assert (first.created, again.created) == (True, False)
    assert again.checkin.pk == first.checkin.pk and CheckIn.objects.count() == 1
    assert checkin_counts(event=event).checked_in == 1


def test_an_altered_code_is_refused_as_not_ours():
    event = make_event()
    reg = make_registration(event=event)
    forged = _code(reg).replace(f"-{reg.pk}:", f"-{reg.pk + 1}:")
    with pytest.raises(CheckinRefused) as refused:
        registration_by_code(event=event, code=forged)
    assert refused.value.reason == "code"
    assert refused.value.message == ("This is not a check-in code of immerse, or it was "
                                     "altered.")


def test_a_code_of_another_event_is_refused_naming_this_one():
    here, there = make_event(title="Here"), make_event(title="There")
    with pytest.raises(CheckinRefused) as refused:
        registration_by_code(event=here, code=_code(make_registration(event=there)))
    assert refused.value.reason == "other_event"
    assert refused.value.message == "This code is for another event, not Here."


def test_a_cancelled_registration_is_refused_and_says_why():
    event = make_event()
    reg = make_registration(event=event, status="cancelled", person=make_person(name="Bo"))
    with pytest.raises(CheckinRefused) as refused:
        checkin_record(registration=reg, by=None, how="code")
    assert refused.value.reason == "cancelled"
    assert refused.value.message == ("Bo's registration was cancelled: sign them up again to "
                                     "check them in.")
    assert CheckIn.objects.count() == 0


def test_undo_removes_the_check_in():
    reg = make_registration(event=make_event())
    checkin_record(registration=reg, by=None, how="list")
    assert (checkin_undo(registration=reg), checkin_undo(registration=reg)) == (True, False)


def test_the_door_records_attendance_once_and_checks_in():
    event = make_event()
    session = make_session(event=event)
    reg = make_registration(event=event)
    first = attendance_record(registration=reg, session=session, by=None)
    second = attendance_record(registration=reg, session=session, by=None)
    assert (first[1], second[1]) == (True, False)
    assert Attendance.objects.count() == 1
    assert CheckIn.objects.get().how == "door"


def test_a_waitlisted_walk_in_gets_a_seat_in_a_full_room_and_is_checked_in():
    event = make_event(capacity=1)
    make_registration(event=event)
    walkin = make_registration(event=event, status="waitlisted")
    done = walkin_seat(registration=walkin, by=None)
    walkin.refresh_from_db()
    event.refresh_from_db()
    assert (done.created, walkin.status, event.capacity) == (True, "confirmed", 2)
    assert list(Message.objects.filter(kind="promoted").values_list("to_email", flat=True)) \
        == [walkin.person.email]


def test_search_finds_by_name_words_and_skips_the_cancelled():
    event = make_event()
    make_registration(event=event, person=make_person(name="Ann Smith"))
    make_registration(event=event, person=make_person(name="Ann Jones"), status="cancelled")
    make_registration(event=event, person=make_person(name="Bob Smith"))
    assert [r.person.name for r in checkin_search(event=event, query="smith")] == [
        "Ann Smith", "Bob Smith"]
    assert [r.person.name for r in checkin_search(event=event, query="ann")] == ["Ann Smith"]


def test_release_moves_as_many_no_shows_as_people_wait_and_tells_both():
    event = make_event(capacity=3)
    came = make_registration(event=event)
    early, late = make_registration(event=event), make_registration(event=event)
    waiting = make_registration(event=event, status="waitlisted")
    checkin_record(registration=came, by=None, how="list")
    at = datetime(2027, 5, 1, 9, 30, tzinfo=UTC)
    checkin_settings_set(event=event, release_at=at)
    assert noshows_release(event=event, now=at - timedelta(minutes=1)).released == []
    outcome = noshows_release(event=event, now=at)
    assert [r.pk for r in outcome.released] == [late.pk]
    assert [r.pk for r in outcome.promoted] == [waiting.pk]
    statuses = dict(event.registrations.values_list("pk", "status"))
    assert statuses == {came.pk: "confirmed", early.pk: "confirmed", late.pk: "waitlisted",
                        waiting.pk: "confirmed"}
    told = sorted(Message.objects.values_list("kind", "to_email"))
    assert told == [("promoted", waiting.person.email), ("seat_released", late.person.email)]
    assert Message.objects.get(kind="seat_released").context["position"] == 1
    assert noshows_release(event=event, now=at + timedelta(minutes=5)).released == []


def test_report_counts_planned_and_attended_per_session_format_and_level():
    event = make_event()
    talk = make_session(event=event, title="Talk", fmt="story")
    lab = make_session(event=event, title="Lab", fmt="workshop", start_hour=11)
    one = make_registration(event=event, level=1)
    two = make_registration(event=event, level=2)
    for reg, session in ((one, talk), (two, talk), (one, lab)):
        AgendaItem.objects.create(registration=reg, session=session)
    attendance_record(registration=one, session=talk, by=None)
    # Read after the event: both sessions are held (Lab with nobody there).
    report = attendance_report(event=event, now=datetime(2027, 5, 2, tzinfo=UTC))
    assert [(r.label, r.planned, r.attended, r.share) for r in report.sessions] == [
        ("Talk", 2, 1, 50), ("Lab", 1, 0, 0)]
    assert [(r.planned, r.attended) for r in report.formats] == [(1, 0), (2, 1)]
    assert [(r.label[:1], r.planned, r.attended) for r in report.levels] == [
        ("1", 2, 1), ("2", 1, 0)]
    assert (report.checked_in, report.expected) == (1, 2)


def test_report_shares_count_only_sessions_held_and_say_how_many_are_to_come():
    from django.utils import timezone

    today = timezone.localdate()
    event = make_event(start_date=today - timedelta(days=1), end_date=today + timedelta(days=2))
    held = make_session(event=event, title="Held", fmt="story")  # yesterday 9:00
    ahead = make_session(event=event, title="Ahead", fmt="workshop", start_hour=48 + 9)
    people = [make_registration(event=event, level=level) for level in (1, 1, 2, 3)]
    for reg in people[:3]:
        AgendaItem.objects.create(registration=reg, session=held)
    for reg in people:
        AgendaItem.objects.create(registration=reg, session=ahead)
    attendance_record(registration=people[0], session=held, by=None)
    attendance_record(registration=people[2], session=held, by=None)
    report = attendance_report(event=event)
    assert [(r.label, r.planned, r.attended, r.held, r.share) for r in report.sessions] == [
        ("Held", 3, 2, True, 67), ("Ahead", 4, 0, False, None)]
    assert [(r.label, r.planned, r.attended, r.share) for r in report.formats] == [
        ("Story & case sharing", 3, 2, 67)]
    assert [(r.label[:1], r.planned, r.attended, r.share) for r in report.levels] == [
        ("1", 2, 1, 50), ("2", 1, 1, 100)]
    assert report.to_come == 1
    # Someone marked present makes a session held, even before its slot.
    attendance_record(registration=people[3], session=ahead, by=None)
    report = attendance_report(event=event)
    assert report.to_come == 0
    assert [(r.label, r.planned, r.attended) for r in report.formats] == [
        ("Facilitated workshop", 4, 1), ("Story & case sharing", 3, 2)]


def test_a_replayed_check_in_keeps_when_it_was_tapped_within_bounds():
    from datetime import UTC, datetime, timedelta

    from django.utils import timezone

    event = make_event(title="Here", start_date=timezone.localdate() - timedelta(days=1),
                       end_date=timezone.localdate() + timedelta(days=1))
    tapped = timezone.now() - timedelta(minutes=7)
    kept = checkin_record(registration=make_registration(event=event), by=None, how="code",
                          at=tapped)
    assert kept.checkin.at == tapped
    ahead = checkin_record(registration=make_registration(event=event), by=None, how="code",
                           at=timezone.now() + timedelta(days=3))
    assert abs(ahead.checkin.at - timezone.now()) < timedelta(seconds=5)  # a fast clock: now
    with pytest.raises(CheckinRefused) as refused:
        checkin_record(registration=make_registration(event=event), by=None, how="code",
                       at=datetime(2020, 1, 1, tzinfo=UTC))
    assert (refused.value.reason, refused.value.message) == (
        "time", "A check-in time before Here began is not believed.")
    assert CheckIn.objects.count() == 2


@pytest.mark.django_db(transaction=True)  # the late-joiner hook runs on commit
def test_a_walk_in_never_signed_up_gets_a_seat_agenda_and_table_and_is_checked_in():
    from immerse.checkin.services import walkin_register
    from immerse.tables.models import TableSeat
    from tests.program.test_joins import planned_event

    event, sessions, _regs = planned_event(people=6)
    event.capacity = 6  # full
    event.save(update_fields=["capacity"])
    done = walkin_register(event=event, name="Wal King", email=" Wal@X.example ", by=None)
    reg = done.checkin.registration
    event.refresh_from_db()
    assert (done.created, reg.status, reg.source, reg.person.name, reg.person.email,
            event.capacity) == (True, "confirmed", "walkin", "Wal King", "wal@x.example", 7)
    assert AgendaItem.objects.filter(registration=reg, session=sessions["tables"]).exists()
    assert TableSeat.objects.filter(registration=reg, session=sessions["tables"]).count() == 1
    again = walkin_register(event=event, name="W. King", email="wal@x.example", by=None)
    assert (again.created, again.checkin.pk) == (False, done.checkin.pk)
    assert event.registrations.count() == 7


def test_a_walk_in_already_registered_is_checked_in_keeping_their_registration():
    from immerse.checkin.services import walkin_register

    event = make_event()
    reg = make_registration(event=event, person=make_person(name="Ada", email="ada@x.example"),
                            stories="mine")
    done = walkin_register(event=event, name="Someone", email="ADA@x.example", by=None)
    reg.refresh_from_db()
    assert (done.checkin.registration_id, reg.stories, reg.person.name) == (reg.pk, "mine", "Ada")


@pytest.mark.django_db(transaction=True)
def test_two_desks_checking_in_the_same_person_at_once_make_one_check_in():
    """The offline queue's replay racing a second desk: one row, one 'created'."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL) for two real connections at once")
    reg = make_registration(event=make_event())
    start, results = threading.Barrier(2), []

    def desk() -> None:
        try:
            start.wait()
            results.append(checkin_record(registration=reg, by=None, how="code").created)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=desk) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]
    assert CheckIn.objects.filter(registration=reg).count() == 1
