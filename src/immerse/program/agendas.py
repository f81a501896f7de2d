"""Personal agendas after planning: read them, swap within capacity, wait for a full session."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count

from immerse.engine.agenda.costs import PersonFacts, SessionFacts, fit
from immerse.events.models import Event, Session, TimeSlot
from immerse.people.models import Person, Registration
from immerse.program.models import AgendaItem, SessionWaitlist, SessionWish


class SwapRefused(ValueError):
    """The swap cannot happen (full, other event, not scheduled…); the message says why."""


@dataclass
class Option:
    session: Session
    taken: int
    waiting: bool

    @property
    def seats_left(self) -> int | None:
        return None if self.session.seats is None else max(0, self.session.seats - self.taken)


@dataclass
class AgendaSlot:
    slot: TimeSlot
    item: AgendaItem | None
    options: list[Option] = field(default_factory=list)


SEATS_TAKEN_SECONDS = 10


def _seats_taken_key(event_id: int) -> str:
    return f"seats-taken:{event_id}"


def seats_taken_forget(*, event_id: int) -> None:
    """Drop the cached counts after agenda items moved (a swap, a planning run)."""
    cache.delete(_seats_taken_key(event_id))


def seats_taken(*, event: Event) -> dict[int, int]:
    """{session id: people with it on their agenda} for the event, cached for a few seconds.

    One GROUP BY over every agenda item of the event (70,000 rows at 10,000 attendees, ~20
    ms) would otherwise run on each agenda view. The figure is only shown: ``agenda_swap``
    counts again under its row lock; swaps and planning runs drop the cache.
    """
    key = _seats_taken_key(event.pk)
    taken = cache.get(key)
    if taken is None:
        taken = dict(AgendaItem.objects.filter(session__event=event).order_by()
                     .values_list("session_id").annotate(n=Count("id")))
        cache.set(key, taken, SEATS_TAKEN_SECONDS)
    return taken


def agenda_of(*, registration: Registration) -> list[AgendaSlot]:
    """Every slot of the event with the person's session (if any) and the alternatives."""
    event = registration.event
    sessions = list(Session.objects.filter(event=event, slot__isnull=False)
                    .select_related("slot", "room")
                    .order_by("slot__start", "room__position", "id"))
    taken = seats_taken(event=event)
    items = {item.session_id: item for item in
             AgendaItem.objects.filter(registration=registration)
             .select_related("session__room")}
    waiting = set(SessionWaitlist.objects.filter(registration=registration)
                  .values_list("session_id", flat=True))
    slots: dict[int, AgendaSlot] = {}
    for session in sessions:
        entry = slots.setdefault(session.slot_id, AgendaSlot(slot=session.slot, item=None))
        if session.pk in items:
            entry.item = items[session.pk]
        else:
            entry.options.append(Option(session, taken.get(session.pk, 0),
                                        session.pk in waiting))
    return list(slots.values())


def _taken(session: Session) -> int:
    return AgendaItem.objects.filter(session=session).count()


def agenda_swap(*, registration: Registration, session: Session) -> AgendaItem:
    """Move to ``session`` in its slot if a seat is free; frees the old seat for the queue."""
    if session.event_id != registration.event_id or session.slot_id is None:
        raise SwapRefused("That session is not in this event's timetable.")
    with transaction.atomic():
        # Lock the session row so two people cannot take its last seat at once.
        # order_by(): the default ordering joins slot and room, and PostgreSQL cannot lock
        # rows on the nullable side of an outer join.
        Session.objects.select_for_update().filter(pk=session.pk).order_by().values_list(
            "pk").first()
        if session.seats is not None and _taken(session) >= session.seats:
            raise SwapRefused(f"{session.title} is full: join its waiting list instead.")
        previous = (AgendaItem.objects.filter(registration=registration,
                                              session__slot_id=session.slot_id)
                    .select_related("session").first())
        if previous is not None and previous.session_id == session.pk:
            return previous
        _, reason = fit(_person_facts(registration), _session_facts(session))
        item = AgendaItem.objects.create(
            registration=registration, session=session, confirmed=True,
            source=AgendaItem.Source.SWAPPED, reason=f"You chose it ({reason})"[:300])
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
        # Someone else may have taken the seat in the meantime: then they stay in line.
        with suppress(SwapRefused):
            agenda_swap(registration=first.registration, session=session)


def session_wait_join(*, registration: Registration, session: Session) -> int:
    """Join the queue of a full session; returns the 1-based place."""
    if session.event_id != registration.event_id:
        raise SwapRefused("That session is not in this event.")
    wait, _ = SessionWaitlist.objects.get_or_create(registration=registration, session=session)
    return SessionWaitlist.objects.filter(session=session, created_at__lte=wait.created_at,
                                          id__lte=wait.id).count()


def agenda_confirm(*, registration: Registration) -> int:
    """The attendee confirms their agenda: re-planning will keep it."""
    return AgendaItem.objects.filter(registration=registration).update(confirmed=True)


def wish_toggle(*, person: Person, session: Session) -> bool:
    """Star or un-star a session; returns whether it is starred now."""
    deleted, _ = SessionWish.objects.filter(person=person, session=session).delete()
    if deleted:
        return False
    SessionWish.objects.create(person=person, session=session)
    return True


def wished_sessions(*, person: Person | None, event: Event) -> set[int]:
    if person is None:
        return set()
    return set(SessionWish.objects.filter(person=person, session__event=event)
               .values_list("session_id", flat=True))


def _person_facts(registration: Registration) -> PersonFacts:
    wishes = frozenset(f"s{sid}" for sid in SessionWish.objects.filter(
        person=registration.person).values_list("session_id", flat=True))
    return PersonFacts(registration.level, frozenset(registration.interests or ()), wishes)


def _session_facts(session: Session) -> SessionFacts:
    return SessionFacts(f"s{session.pk}", session.title, tuple(session.target_levels),
                        tuple(session.topics), tuple(t.key for t in session.tools.all()))
