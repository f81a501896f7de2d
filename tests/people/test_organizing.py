"""The organizer's actions on registrations (people.services.organizing): the capacity rule
holds, the seats freed go to the first in line, everyone affected is told."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from immerse.notify.models import Message
from immerse.notify.rendering import message_render
from immerse.people.models import Assessment, PendingSignup, Registration
from immerse.people.services.organizing import (
    CapacityRefused,
    registration_edit,
    registrations_cancel,
    registrations_promote,
    registrations_resend,
    registrations_restore,
    registrations_waitlist,
)
from tests.factories import make_event, make_person, make_registration

pytestmark = pytest.mark.django_db
CONFIRMED, WAITLISTED, CANCELLED = "confirmed", "waitlisted", "cancelled"


def _event(capacity: int, confirmed: int, waiting: int):
    """An event with people signed up in order: ``confirmed`` seated, then ``waiting``."""
    event = make_event(slug="conf", title="Summit", capacity=capacity)
    start = timezone.now() - timedelta(days=1)
    regs = []
    for i in range(confirmed + waiting):
        reg = make_registration(event=event, person=make_person(name=f"P{i}"),
                                status=CONFIRMED if i < confirmed else WAITLISTED, level=2)
        Registration.objects.filter(pk=reg.pk).update(created_at=start + timedelta(minutes=i))
        regs.append(reg)
    return event, regs


def _status(reg) -> str:
    return Registration.objects.get(pk=reg.pk).status


def _told(reg) -> list[tuple[str, bool]]:
    return [(m.kind, bool(m.context.get("by_organizer")))
            for m in Message.objects.filter(person=reg.person).order_by("id")]


def test_promote_gives_a_free_seat_even_out_of_queue_order_and_tells_them() -> None:
    event, (_seated, first, second) = _event(capacity=2, confirmed=1, waiting=2)
    outcome = registrations_promote(event=event, ids=[second.pk])
    assert [r.pk for r in outcome.changed] == [second.pk] and outcome.capacity is None
    assert (_status(second), _status(first)) == (CONFIRMED, WAITLISTED)
    assert _told(second) == [("promoted", True)]


def test_promoting_into_a_full_event_is_refused_and_changes_nothing() -> None:
    event, (_a, _b, waiting) = _event(capacity=2, confirmed=2, waiting=1)
    with pytest.raises(CapacityRefused) as refused:
        registrations_promote(event=event, ids=[waiting.pk])
    assert str(refused.value) == ("Summit has no seat free (2 of 2 taken), so 1 person cannot "
                                  "be promoted. Raise the capacity to 3 to give this person "
                                  "a seat.")
    assert refused.value.capacity == 3
    assert _status(waiting) == WAITLISTED and _told(waiting) == []
    event.refresh_from_db()
    assert event.capacity == 2


def test_raising_the_capacity_promotes_exactly_the_seats_missing() -> None:
    event, regs = _event(capacity=3, confirmed=2, waiting=3)
    outcome = registrations_promote(event=event, ids=[r.pk for r in regs[2:]],
                                    raise_capacity=True)
    event.refresh_from_db()
    assert event.capacity == 5 and outcome.capacity == 5
    assert [_status(r) for r in regs] == [CONFIRMED] * 5


def test_promote_passes_over_people_not_waiting() -> None:
    event, (seated, waiting) = _event(capacity=5, confirmed=1, waiting=1)
    outcome = registrations_promote(event=event, ids=[seated.pk, waiting.pk])
    assert [r.pk for r in outcome.skipped] == [seated.pk]
    assert [r.pk for r in outcome.changed] == [waiting.pk]


def test_seats_held_for_unconfirmed_sign_ups_count_as_taken() -> None:
    event, (_seated, waiting) = _event(capacity=2, confirmed=1, waiting=1)
    PendingSignup.objects.create(event=event, email="h@x.example", nonce="n" * 32,
                                 payload={}, expires_at=timezone.now() + timedelta(days=1),
                                 held_until=timezone.now() + timedelta(minutes=30))
    with pytest.raises(CapacityRefused):
        registrations_promote(event=event, ids=[waiting.pk])


def test_ids_of_another_event_are_ignored() -> None:
    event, _ = _event(capacity=5, confirmed=0, waiting=0)
    elsewhere = make_registration(event=make_event(capacity=5), status=WAITLISTED)
    outcome = registrations_promote(event=event, ids=[elsewhere.pk])
    assert outcome.changed == [] and _status(elsewhere) == WAITLISTED


def test_moving_to_the_waiting_list_gives_the_seat_to_the_first_in_line() -> None:
    event, (a, b, first, second) = _event(capacity=2, confirmed=2, waiting=2)
    outcome = registrations_waitlist(event=event, ids=[a.pk])
    assert [r.pk for r in outcome.moved_up] == [first.pk]
    assert [_status(r) for r in (a, b, first, second)] == [
        WAITLISTED, CONFIRMED, CONFIRMED, WAITLISTED]
    # a queues from now: behind everyone already waiting.
    line = list(Registration.objects.filter(event=event, status=WAITLISTED)
                .order_by("created_at", "id").values_list("pk", flat=True))
    assert line == [second.pk, a.pk]
    assert _told(a) == [("waitlisted", True)] and _told(first) == [("promoted", False)]
    waitlisted = Message.objects.get(person=a.person)
    assert waitlisted.context["position"] == 2


def test_moving_with_nobody_waiting_is_refused_unless_the_capacity_drops() -> None:
    event, (a, _b) = _event(capacity=2, confirmed=2, waiting=0)
    with pytest.raises(CapacityRefused) as refused:
        registrations_waitlist(event=event, ids=[a.pk])
    assert "Nobody else is waiting for the 1 seat this frees" in str(refused.value)
    assert _status(a) == CONFIRMED and _told(a) == []

    outcome = registrations_waitlist(event=event, ids=[a.pk], lower_capacity=True)
    event.refresh_from_db()
    assert event.capacity == 1 == outcome.capacity
    assert _status(a) == WAITLISTED and outcome.moved_up == []


def test_moving_people_out_of_an_overfull_event_frees_no_seat() -> None:
    event, regs = _event(capacity=2, confirmed=4, waiting=0)
    outcome = registrations_waitlist(event=event, ids=[regs[3].pk, regs[2].pk])
    assert [_status(r) for r in regs] == [CONFIRMED, CONFIRMED, WAITLISTED, WAITLISTED]
    assert outcome.moved_up == []


def test_cancelling_many_gives_each_freed_seat_to_the_next_in_line() -> None:
    event, (a, b, c, first, second, third) = _event(capacity=3, confirmed=3, waiting=3)
    outcome = registrations_cancel(event=event, ids=[a.pk, c.pk, second.pk])
    assert [_status(r) for r in (a, b, c, first, second, third)] == [
        CANCELLED, CONFIRMED, CANCELLED, CONFIRMED, CANCELLED, CONFIRMED]
    # second was selected too: never promoted on the way to being cancelled.
    assert [r.pk for r in outcome.moved_up] == [first.pk, third.pk]
    assert _told(second) == [("cancelled", True)]
    assert _told(a) == [("cancelled", True)] and _told(third) == [("promoted", False)]
    again = registrations_cancel(event=event, ids=[a.pk])
    assert again.changed == [] and [r.pk for r in again.skipped] == [a.pk]


def test_a_restored_cancellation_queues_behind_everyone_waiting() -> None:
    event, (a, b, waiting) = _event(capacity=2, confirmed=2, waiting=1)
    registrations_cancel(event=event, ids=[a.pk])  # the seat goes to the one waiting
    assert _status(waiting) == CONFIRMED
    Message.objects.all().delete()
    outcome = registrations_restore(event=event, ids=[a.pk, b.pk])
    assert _status(a) == WAITLISTED and [r.pk for r in outcome.changed] == [a.pk]
    assert [r.pk for r in outcome.skipped] == [b.pk] and outcome.moved_up == []
    assert _told(a) == [("waitlisted", True)] and _told(b) == []


def test_a_restored_cancellation_takes_a_free_seat_when_nobody_waits_before_it() -> None:
    event, (a, _seated) = _event(capacity=2, confirmed=2, waiting=0)
    registrations_cancel(event=event, ids=[a.pk])
    Message.objects.all().delete()
    registrations_restore(event=event, ids=[a.pk])
    assert _status(a) == CONFIRMED and _told(a) == [("promoted", False)]
    assert Registration.objects.filter(event=event, status=CONFIRMED).count() == 2


def test_resend_is_once_per_page_and_allowed_again_later() -> None:
    event, (seated, waiting) = _event(capacity=1, confirmed=1, waiting=1)
    Assessment.objects.create(person=seated.person, event=event, level=2,
                              explanation="You post weekly.")
    cancelled = make_registration(event=event, status=CANCELLED)
    ids = [seated.pk, waiting.pk, cancelled.pk]
    first = registrations_resend(event=event, ids=ids, nonce="page-1")
    double_click = registrations_resend(event=event, ids=ids, nonce="page-1")
    later = registrations_resend(event=event, ids=[seated.pk], nonce="page-2")
    assert len(first.changed) == 2 and double_click.changed == [] and len(later.changed) == 1
    assert [r.pk for r in first.skipped] == [cancelled.pk]
    mails = Message.objects.filter(person=seated.person)
    assert [m.kind for m in mails] == ["registration_confirmed"] * 2
    assert mails[0].context["explanation"] == "You post weekly."
    assert Message.objects.get(person=waiting.person).context["position"] == 1
    assert not Message.objects.filter(person=cancelled.person).exists()


def test_edit_corrects_the_person_and_places_the_level_with_the_reason() -> None:
    event, (reg,) = _event(capacity=5, confirmed=1, waiting=0)
    Assessment.objects.create(person=reg.person, event=event, level=2, explanation="x",
                              answers={"goal": "plan"}, topic_levels={"microblog": 2})
    placement = registration_edit(
        registration=reg, name="  Ann\nSmit ", organization="ACME", discipline="pr",
        level=4, reason="she runs the hospital's accounts")
    reg.refresh_from_db()
    reg.person.refresh_from_db()
    assert (reg.person.name, reg.person.organization, reg.person.discipline) == (
        "Ann Smit", "ACME", "pr")
    assert reg.level == 4
    assert placement.explanation == ("The organizers placed you at Just do it (it was Baby "
                                     "steps): she runs the hospital's accounts.")
    assert placement.answers == {"goal": "plan"} and placement.tool_snapshot is not None
    assert reg.person.assessments.first() == placement


def test_a_level_change_needs_a_reason_and_same_level_adds_no_assessment() -> None:
    _, (reg,) = _event(capacity=5, confirmed=1, waiting=0)
    with pytest.raises(ValueError):
        registration_edit(registration=reg, name="A", organization="", discipline="other",
                          level=3, reason="  ")
    assert registration_edit(registration=reg, name="A", organization="",
                             discipline="other", level=2) is None
    assert not Assessment.objects.filter(person=reg.person).exists()


def test_the_messages_say_the_organizers_did_it() -> None:
    event, (a, b, first) = _event(capacity=2, confirmed=2, waiting=1)
    registrations_waitlist(event=event, ids=[a.pk])  # first moves up by the queue
    registrations_promote(event=event, ids=[a.pk], raise_capacity=True)
    registrations_cancel(event=event, ids=[b.pk])
    said = {(m.person_id, m.kind): message_render(m).text for m in Message.objects.all()}
    assert "The organizers of Summit moved you to the waiting list: you are number 1." \
        in said[a.person_id, "waitlisted"]
    assert "Good news: the organizers of Summit gave you a seat." in said[a.person_id,
                                                                         "promoted"]
    assert "you were first on the waiting list" in said[first.person_id, "promoted"]
    assert "The organizers of Summit cancelled your registration." in said[b.person_id,
                                                                           "cancelled"]
    html = message_render(Message.objects.get(person=b.person, kind="cancelled")).html
    assert "The organizers of <strong>Summit</strong> cancelled your registration." in html
