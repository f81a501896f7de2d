"""What an organizer does to registrations from the registrations page: promote from the
waiting list, move to it, cancel, resend the registration message, and correct a person's
details or level.

Every action takes the event's seats lock (``registrations.seats_lock``) and keeps the
capacity rule: a promotion into a full event is refused unless the organizer raises the
capacity on purpose, and moving people to the waiting list never leaves a seat free while
someone waits (the first people in line get it, or the organizer lowers the capacity).
Each person affected is told by message, inside the same transaction.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from immerse.engine import levels
from immerse.engine.catalogue import LEVEL_LABELS
from immerse.events.models import Event
from immerse.notify.models import Message
from immerse.people.models import Assessment, Registration
from immerse.people.roles import profiles_correctable
from immerse.people.services.assessments import assessment_row, assessment_take_bulk
from immerse.people.services.notices import (
    notice_cancelled,
    notice_entered,
    notice_promoted,
)
from immerse.people.services.registrations import (
    agenda_join_soon,
    seats_lock,
    waitlist_promote,
)
from immerse.people.services.signup import one_line

Status = Registration.Status


class CapacityRefused(Exception):
    """The action would break the capacity rule; nothing was changed. ``capacity``: the
    capacity that would make a refused promotion possible (None for other refusals)."""

    def __init__(self, message: str, *, capacity: int | None) -> None:
        super().__init__(message)
        self.capacity = capacity


@dataclass
class Outcome:
    """What an action did: to whom, who moved up into freed seats, whom it passed over
    (already in the state asked for), and the capacity it set, if it changed it."""

    changed: list[Registration] = field(default_factory=list)
    moved_up: list[Registration] = field(default_factory=list)
    skipped: list[Registration] = field(default_factory=list)
    capacity: int | None = None


def _selected(event: Event, ids: Collection[int]) -> list[Registration]:
    """The event's registrations among ``ids`` (others' ids are ignored), queue order."""
    return list(Registration.objects.filter(event=event, pk__in=list(ids))
                .select_related("event", "person").order_by("created_at", "id"))


def _seats(count: int) -> str:
    """A count of seats, the one noun phrase the refusals below take as a placeholder
    (each sentence agrees with its other count, the people moved, through ngettext)."""
    return ngettext("%(count)s seat", "%(count)s seats", count) % {"count": count}


def _promote_refusal(event: Event, *, free: int, taken: int, waiting: int,
                     needed: int) -> str:
    values = {"title": event.title, "seats": _seats(free), "taken": taken,
              "capacity": event.capacity, "people": waiting, "needed": needed}
    if free:
        first = ngettext(
            "%(title)s has %(seats)s free (%(taken)s of %(capacity)s taken), so %(people)s "
            "person cannot be promoted.",
            "%(title)s has %(seats)s free (%(taken)s of %(capacity)s taken), so %(people)s "
            "people cannot be promoted.", waiting)
    else:
        first = ngettext(
            "%(title)s has no seat free (%(taken)s of %(capacity)s taken), so %(people)s "
            "person cannot be promoted.",
            "%(title)s has no seat free (%(taken)s of %(capacity)s taken), so %(people)s "
            "people cannot be promoted.", waiting)
    then = ngettext("Raise the capacity to %(needed)s to give this person a seat.",
                    "Raise the capacity to %(needed)s to give them a seat.", waiting)
    return f"{first % values} {then % values}"


def _capacity_set(event: Event, capacity: int) -> None:
    Event.objects.filter(pk=event.pk).update(capacity=capacity)
    event.capacity = capacity


def registrations_promote(*, event: Event, ids: Collection[int],
                          raise_capacity: bool = False) -> Outcome:
    """Give the selected waiting people a seat, in queue order, and tell each.

    Raises ``CapacityRefused`` when there are fewer free seats than people to promote,
    unless ``raise_capacity``: the capacity then grows by exactly the seats missing.
    """
    with transaction.atomic():
        seats = seats_lock(event=event)
        event.refresh_from_db(fields=["capacity"])
        selected = _selected(event, ids)
        waiting = [r for r in selected if r.status == Status.WAITLISTED]
        outcome = Outcome(skipped=[r for r in selected if r.status != Status.WAITLISTED])
        free = max(0, event.capacity - seats.taken)
        if len(waiting) > free:
            needed = seats.taken + len(waiting)
            if not raise_capacity:
                raise CapacityRefused(
                    _promote_refusal(event, free=free, taken=seats.taken,
                                     waiting=len(waiting), needed=needed),
                    capacity=needed)
            _capacity_set(event, needed)
            outcome.capacity = needed
        for registration in waiting:
            registration.status = Status.CONFIRMED
            registration.save(update_fields=["status", "updated_at"])
            notice_promoted(registration=registration, by_organizer=True)
        agenda_join_soon(waiting)
        outcome.changed = waiting
    return outcome


def registrations_waitlist(*, event: Event, ids: Collection[int],
                           lower_capacity: bool = False) -> Outcome:
    """Move the selected confirmed people to the back of the waiting list, and tell each.

    The seats they free go to the first people already waiting; with ``lower_capacity``
    they go away instead (the room shrank). Raises ``CapacityRefused`` when a seat would
    stay free while they wait (nobody else is waiting for it): the next change would
    simply give it back to them.
    """
    with transaction.atomic():
        seats = seats_lock(event=event)
        event.refresh_from_db(fields=["capacity"])
        selected = _selected(event, ids)
        moving = [r for r in selected if r.status == Status.CONFIRMED]
        outcome = Outcome(skipped=[r for r in selected if r.status != Status.CONFIRMED])
        if not moving:
            return outcome
        now = timezone.now()
        for registration in moving:
            # They queue from now, behind everyone already waiting (as a returning sign-up).
            registration.status, registration.created_at = Status.WAITLISTED, now
            registration.save(update_fields=["status", "created_at", "updated_at"])
        taken_after = seats.taken - len(moving)
        if lower_capacity:
            freed = max(0, event.capacity - taken_after) - max(0, event.capacity - seats.taken)
            outcome.capacity = event.capacity - freed
            _capacity_set(event, outcome.capacity)
        moving_ids = [r.pk for r in moving]
        outcome.moved_up = waitlist_promote(event=event, keep_waiting=moving_ids)
        still_free = event.capacity - taken_after - len(outcome.moved_up)
        if still_free > 0:
            raise CapacityRefused(_free_seat_refusal(event, still_free, len(moving),
                                                     lower_capacity), capacity=None)
        for registration in moving:
            notice_entered(registration=registration, by_organizer=True)
        outcome.changed = moving
    return outcome


def _free_seat_refusal(event: Event, free: int, moving: int, lowered: bool) -> str:
    values = {"title": event.title, "seats": _seats(free), "people": moving}
    if lowered:
        first = ngettext(
            "%(title)s has %(seats)s free with nobody waiting, so %(people)s person moved to "
            "the waiting list would get a seat straight back.",
            "%(title)s has %(seats)s free with nobody waiting, so %(people)s people moved to "
            "the waiting list would get a seat straight back.", moving)
        return f"{first % values} " + _("Cancel instead, or lower the capacity in the "
                                         "event's settings.")
    first = ngettext(
        "Nobody else is waiting for the %(seats)s this frees, so this person would get a seat "
        "straight back.",
        "Nobody else is waiting for the %(seats)s this frees, so they would get a seat "
        "straight back.", moving)
    return f"{first % values} " + _("Lower the capacity with the move (the room shrank), or "
                                    "cancel instead.")


def registrations_cancel(*, event: Event, ids: Collection[int]) -> Outcome:
    """Cancel the selected registrations, then give the freed seats to the first people
    waiting (never to someone selected: all are cancelled first). Everyone is told: the
    cancelled, by the organizers, and whoever moved up."""
    with transaction.atomic():
        seats_lock(event=event)
        selected = _selected(event, ids)
        outcome = Outcome(skipped=[r for r in selected if r.status == Status.CANCELLED])
        outcome.changed = [r for r in selected if r.status != Status.CANCELLED]
        for registration in outcome.changed:
            registration.status = Status.CANCELLED
            registration.save(update_fields=["status", "updated_at"])
            notice_cancelled(registration=registration, by_organizer=True)
        outcome.moved_up = waitlist_promote(event=event)
    return outcome


def registrations_restore(*, event: Event, ids: Collection[int]) -> Outcome:
    """Undo cancellations: the selected cancelled people join the back of the waiting list
    (nobody already waiting is passed over), and a free seat goes to the first in line as
    always, which may be them. Each is told where they stand: a seat, or a place in line."""
    with transaction.atomic():
        seats_lock(event=event)
        selected = _selected(event, ids)
        returning = [r for r in selected if r.status == Status.CANCELLED]
        outcome = Outcome(skipped=[r for r in selected if r.status != Status.CANCELLED])
        now = timezone.now()
        for registration in returning:
            registration.status, registration.created_at = Status.WAITLISTED, now
            registration.save(update_fields=["status", "created_at", "updated_at"])
        promoted = waitlist_promote(event=event)  # tells those it seats
        seated = {r.pk for r in promoted}
        for registration in returning:
            if registration.pk not in seated:
                notice_entered(registration=registration, by_organizer=True)
        returned = {r.pk for r in returning}
        outcome.changed = returning
        outcome.moved_up = [r for r in promoted if r.pk not in returned]
    return outcome


def registrations_resend(*, event: Event, ids: Collection[int], nonce: str) -> Outcome:
    """Send the selected people their registration message again: the seat with their level
    and why, or their place in line. One message per person per ``nonce`` (a page's form),
    so a double click sends once and a later visit may send again; cancelled registrations
    are passed over (``skipped``, as are people already sent this nonce's message)."""
    with transaction.atomic():
        selected = _selected(event, ids)
        active = [r for r in selected if r.status != Status.CANCELLED]
        keys = {r.pk: f"resend:{r.pk}:{nonce}"[:200] for r in active}
        sent = set(Message.objects.filter(key__in=keys.values()).values_list("key", flat=True))
        latest = _latest_assessments(event, active)
        outcome = Outcome(skipped=[r for r in selected if r.status == Status.CANCELLED])
        for registration in active:
            if keys[registration.pk] in sent:
                outcome.skipped.append(registration)
                continue
            notice_entered(registration=registration, key=keys[registration.pk],
                           assessment=latest.get(registration.person_id))
            outcome.changed.append(registration)
    return outcome


def _latest_assessments(event: Event, registrations: list[Registration]
                        ) -> dict[int, Assessment]:
    """Each person's latest assessment for ``event`` (one query): the level's "why"."""
    latest: dict[int, Assessment] = {}
    for assessment in Assessment.objects.filter(
            event=event, person_id__in=[r.person_id for r in registrations]
    ).order_by("created_at", "id"):
        latest[assessment.person_id] = assessment
    return latest


def registration_edit(*, registration: Registration, name: str, organization: str,
                      discipline: str, level: int | None = None,
                      reason: str = "") -> Assessment | None:
    """Correct the person's name, organization and discipline (only while the profile is
    the organizers' to correct: ``roles.profiles_correctable``); with a ``level`` other than
    the registration's, place them there (``reason`` required): recorded as an assessment
    that says the organizers placed them and why, which their level card then shows."""
    with transaction.atomic():
        person = registration.person
        # Someone with an account or another event keeps their profile (only they change it).
        if person.pk in profiles_correctable(event=registration.event, person_ids=[person.pk]):
            person.name = one_line(name)[:200]
            person.organization = one_line(organization)[:200]
            person.discipline = discipline
            person.save(update_fields=["name", "organization", "discipline"])
        if level is None or level == registration.level:
            return None
        reason = one_line(reason)
        if not reason:
            raise ValueError(_("Say why the level changes: the person reads it."))
        placement = _placement(registration, level, reason)
        registration.level = level
        registration.save(update_fields=["level", "updated_at"])
    return placement


def _placement(registration: Registration, level: int, reason: str) -> Assessment:
    """The organizers' placement as an assessment, keeping the answers it overrides."""
    person, event = registration.person, registration.event
    previous = Assessment.objects.filter(person=person, event=event).first() \
        or person.assessments.first()
    before = f" (it was {LEVEL_LABELS[registration.level]})" if registration.level else ""
    result = levels.Assessment(
        level=level, label=LEVEL_LABELS[level],
        explanation=f"The organizers placed you at {LEVEL_LABELS[level]}{before}: "
                    f"{reason.rstrip('.')}.",
        reasons=("placed by the organizers",), look_for=levels.look_for(level),
        topic_levels=previous.topic_levels if previous else {})
    [placement] = assessment_take_bulk(rows=[assessment_row(
        person=person, event=event, answers=previous.answers if previous else {},
        result=result, placed_by_organizer=True)])
    return placement
