"""Check-in writes: check in (idempotent), undo, attend a session, give a walk-in a seat,
and the organizer's release time.

Every write is safe to replay: the staff page queues check-ins while offline and sends
them again when back, and the unique row per registration (per session for attendance)
makes a second one a no-op even when two arrive at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from immerse.checkin.codes import CodeRefused, code_read
from immerse.checkin.models import Attendance, CheckIn, CheckinSettings
from immerse.checkin.selectors import release_forget
from immerse.events.models import Event, Session
from immerse.people.models import Registration
from immerse.people.services.organizing import registrations_promote
from immerse.people.services.signup import SignupData, signup_submit

Status = Registration.Status


class CheckinRefused(Exception):
    """Nobody was checked in; ``message`` says why, ``reason`` is a stable word for clients
    (``code``, ``other_event``, ``unknown``, ``cancelled``, ``waitlisted``) and
    ``registration`` the one found, when one was (a waitlisted walk-in can get a seat)."""

    def __init__(self, message: str, *, reason: str,
                 registration: Registration | None = None) -> None:
        super().__init__(message)
        self.message, self.reason, self.registration = message, reason, registration


@dataclass(frozen=True)
class Checked:
    checkin: CheckIn
    created: bool


def registration_by_code(*, event: Event, code: str) -> Registration:
    """The event's registration a code names, or ``CheckinRefused`` saying why not."""
    try:
        read = code_read(code)
    except CodeRefused as exc:
        raise CheckinRefused(str(exc), reason="code") from None
    if read.event_id != event.pk:
        # Staff of this event learn nothing about the other one.
        raise CheckinRefused(_("This code is for another event, not %(event)s.")
                             % {"event": event.title}, reason="other_event")
    found = (Registration.objects.select_related("person", "event")
             .filter(event=event, pk=read.registration_id).first())
    if found is None:
        raise CheckinRefused(_("This registration no longer exists."), reason="unknown")
    return found


def registration_by_id(*, event: Event, registration_id: int) -> Registration:
    found = (Registration.objects.select_related("person", "event")
             .filter(event=event, pk=registration_id).first())
    if found is None:
        raise CheckinRefused(_("No registration %(id)s at %(event)s.")
                             % {"id": registration_id, "event": event.title}, reason="unknown")
    return found


def _refusal(registration: Registration) -> CheckinRefused | None:
    name = registration.person.name
    if registration.status == Status.CANCELLED:
        return CheckinRefused(
            _("%(name)s's registration was cancelled: sign them up again to check them in.")
            % {"name": name}, reason="cancelled", registration=registration)
    if registration.status == Status.WAITLISTED:
        return CheckinRefused(
            _("%(name)s is on the waiting list: give them a seat to check them in.")
            % {"name": name}, reason="waitlisted", registration=registration)
    return None


# A desk may open before the event (or be tried out the evening before): a tap up to this
# long ago is believed even when it precedes the event's first day.
EARLY_DESK = timedelta(hours=12)


def checkin_moment(*, event: Event, at: datetime | None) -> datetime:
    """When a check-in happened: ``at`` as the desk tapped it (a queued offline check-in
    keeps its moment), never in the future (a phone's clock runs ahead: now instead), never
    before the event's window (its first day, local; or ``EARLY_DESK`` ago if that is
    earlier), which is refused: such a time is not a tap at this event."""
    now = timezone.now()
    if at is None or at > now:
        return now
    first_day = datetime.combine(event.start_date, time.min, tzinfo=ZoneInfo(event.time_zone))
    if at < min(first_day, now - EARLY_DESK):
        raise CheckinRefused(_("A check-in time before %(event)s began is not believed.")
                             % {"event": event.title}, reason="time")
    return at


def checkin_record(*, registration: Registration, by: Any, how: str,
                   at: datetime | None = None) -> Checked:
    """Check a confirmed registration in; a second check-in returns the first (created
    False). ``at``: when it was tapped (bounded by ``checkin_moment``)."""
    if (refused := _refusal(registration)) is not None:
        raise refused
    moment = checkin_moment(event=registration.event, at=at)
    user = by if getattr(by, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            row, created = CheckIn.objects.get_or_create(
                registration=registration, defaults={"at": moment, "by": user, "how": how})
    except IntegrityError:  # the same check-in arrived twice at once: the other one won
        row, created = CheckIn.objects.get(registration=registration), False
    return Checked(row, created)


def checkin_undo(*, registration: Registration) -> bool:
    """Undo a check-in (a wrong tap); True if there was one."""
    deleted, _rows = CheckIn.objects.filter(registration=registration).delete()
    return deleted > 0


def attendance_record(*, registration: Registration, session: Session,
                      by: Any) -> tuple[Attendance, bool]:
    """Mark a confirmed registration present in ``session``, checking them in to the event
    if they were not yet (the door is as good a proof as the desk). Idempotent."""
    checkin_record(registration=registration, by=by, how=CheckIn.How.DOOR)
    user = by if getattr(by, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            return Attendance.objects.get_or_create(
                registration=registration, session=session, defaults={"by": user})
    except IntegrityError:
        return Attendance.objects.get(registration=registration, session=session), False


def walkin_seat(*, registration: Registration, by: Any) -> Checked:
    """A walk-in on the waiting list gets a seat (the capacity grows by one if the room is
    full: they are standing in it) and is checked in. The promotion goes through the
    organizers' own path, which tells them and plans their agenda and table as a late
    joiner (``program.services.joins``)."""
    with transaction.atomic():
        registrations_promote(event=registration.event, ids=[registration.pk],
                              raise_capacity=True)
        registration.refresh_from_db(fields=["status", "updated_at"])
        return checkin_record(registration=registration, by=by, how=CheckIn.How.LIST)


def walkin_register(*, event: Event, name: str, email: str, by: Any) -> Checked:
    """Someone at the desk who never signed up: registered through the sign-up's own path
    (found by e-mail if they have a profile; a cancelled registration re-enters), given a
    seat as a waiting walk-in is when the event is full (capacity raised), and checked in.
    Their agenda and table follow through the late-joiner path like any newly confirmed
    person. Someone already registered is simply checked in (or seated, if waiting)."""
    with transaction.atomic():
        registration = (Registration.objects.select_related("person", "event")
                        .filter(event=event, person__email=email.strip().lower())
                        .exclude(status=Status.CANCELLED).first())
        if registration is None:
            registration = signup_submit(event=event, source="walkin",
                                         data=SignupData(name=name, email=email)).registration
        if registration.status == Status.WAITLISTED:
            return walkin_seat(registration=registration, by=by)
        return checkin_record(registration=registration, by=by, how=CheckIn.How.LIST)


def checkin_settings_set(*, event: Event, release_at: datetime | None) -> CheckinSettings:
    """Set (or clear) the no-show release time; a new time may release again."""
    row, _created = CheckinSettings.objects.update_or_create(
        event=event, defaults={"release_at": release_at, "released_at": None})
    # Now, and again after the commit: a page read meanwhile kept the old time.
    release_forget(event_id=event.pk)
    transaction.on_commit(lambda: release_forget(event_id=event.pk))
    return row
