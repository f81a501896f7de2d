"""Personal agendas after planning: swap within capacity, wait for a full session, confirm,
star sessions, and the private calendar link."""

from __future__ import annotations

import secrets
from contextlib import suppress

from django.db import transaction
from django.utils.translation import gettext as _

from immerse.engine.agenda.costs import fit_parts
from immerse.engine.agenda.reasons import ReasonPart, reason_text, reason_to_json
from immerse.events.models import Session
from immerse.people.models import Person, Registration
from immerse.program.models import AgendaItem, SessionWaitlist, SessionWish
from immerse.program.selectors import seats_taken_forget
from immerse.program.services.notifications import agenda_ready_queue
from immerse.program.services.planning import person_facts, session_facts


class SwapRefused(ValueError):
    """The swap cannot happen (full, other event, not scheduled…); the message says why."""


def _taken(session: Session) -> int:
    return AgendaItem.objects.filter(session=session).count()


def agenda_swap(*, registration: Registration, session: Session) -> AgendaItem:
    """Move to ``session`` in its slot if a seat is free; frees the old seat for the queue."""
    if session.event_id != registration.event_id or session.slot_id is None:
        raise SwapRefused(_("That session is not in this event's timetable."))
    with transaction.atomic():
        # Lock the session row so two people cannot take its last seat at once.
        # order_by(): the default ordering joins slot and room, and PostgreSQL cannot lock
        # rows on the nullable side of an outer join.
        Session.objects.select_for_update().filter(pk=session.pk).order_by().values_list(
            "pk").first()
        if session.seats is not None and _taken(session) >= session.seats:
            raise SwapRefused(_("%(session)s is full: join its waiting list instead.")
                              % {"session": session.title})
        previous = (AgendaItem.objects.filter(registration=registration,
                                              session__slot_id=session.slot_id)
                    .select_related("session").first())
        if previous is not None and previous.session_id == session.pk:
            return previous
        _score, parts = fit_parts(person_facts([registration])[registration.pk],
                                  session_facts(session))
        reason = (ReasonPart("chosen"), *parts)
        item = AgendaItem.objects.create(
            registration=registration, session=session, confirmed=True,
            source=AgendaItem.Source.SWAPPED, reason=reason_text(reason),
            reason_parts=reason_to_json(reason))
        SessionWaitlist.objects.filter(registration=registration, session=session).delete()
        if previous is not None:
            freed = previous.session
            previous.delete()
            _promote_waiting(freed)
    # The mover sees the new counts at once; others within SEATS_TAKEN_SECONDS at worst.
    seats_taken_forget(event_id=session.event_id)
    return item


def _promote_waiting(session: Session) -> None:
    """The first person waiting for ``session`` takes the freed seat, if still free."""
    first = SessionWaitlist.objects.filter(session=session).select_related(
        "registration__person", "registration__event").first()
    if first is not None:
        registration = first.registration
        before = {registration.pk: frozenset(AgendaItem.objects.filter(
            registration=registration).values_list("session_id", flat=True))}
        # Someone else may have taken the seat in the meantime: then they stay in line.
        with suppress(SwapRefused):
            item = agenda_swap(registration=registration, session=session)
            # They were waiting, not choosing now: tell them their agenda changed.
            agenda_ready_queue(event=session.event, before=before, key=f"seat-{item.pk}",
                               registration_ids=[registration.pk])


def session_wait_join(*, registration: Registration, session: Session) -> int:
    """Join the queue of a full session; returns the 1-based place."""
    if session.event_id != registration.event_id:
        raise SwapRefused(_("That session is not in this event."))
    wait, _created = SessionWaitlist.objects.get_or_create(registration=registration,
                                                           session=session)
    return SessionWaitlist.objects.filter(session=session, created_at__lte=wait.created_at,
                                          id__lte=wait.id).count()


def agenda_confirm(*, registration: Registration) -> int:
    """The attendee confirms their agenda: re-planning will keep it."""
    return AgendaItem.objects.filter(registration=registration).update(confirmed=True)


def wish_toggle(*, person: Person, session: Session) -> bool:
    """Star or un-star a session; returns whether it is starred now."""
    deleted, _rest = SessionWish.objects.filter(person=person, session=session).delete()
    if deleted:
        return False
    SessionWish.objects.create(person=person, session=session)
    return True


def calendar_token_ensure(*, registration: Registration) -> str:
    """The registration's private calendar token, made on first request."""
    if not registration.calendar_token:
        registration.calendar_token = secrets.token_urlsafe(32)
        registration.save(update_fields=["calendar_token"])
    return registration.calendar_token

