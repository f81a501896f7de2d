"""The schedule grid's writes: place, move or unplace a session; tell the people it affects.

The placement rule (one session per room and slot) is checked here with a clear refusal and
kept by the database constraint ``one_session_per_room_and_slot`` for every other writer.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from immerse.events.models import Room, Session, TimeSlot
from immerse.notify.links import absolute
from immerse.notify.services import Draft, messages_queue
from immerse.people.models import Registration
from immerse.studio.services.audit import audit_record


class PlacementError(ValueError):
    """A placement that makes no sense (a room or slot of another event, half a cell)."""


class PlacementClash(Exception):
    """The cell is taken: ``session_there`` is the session already in that room and slot.

    The one refusal of the placement rule, for the grid, the set-up pages and the API;
    ``message`` words it (the API answers 409 with it, naming ``field``)."""

    field = "slot"

    def __init__(self, session_there: Session) -> None:
        self.session_there = session_there
        self.message = _("%(room)s is taken in this slot by “%(title)s”.") % {
            "room": session_there.room.name if session_there.room else "",
            "title": session_there.title}
        super().__init__(self.message)


def _session_there(*, session: Session, room: Room, slot: TimeSlot) -> Session | None:
    return (Session.objects.filter(room=room, slot=slot).exclude(pk=session.pk)
            .select_related("room", "slot").first())


def session_place(
    *, session: Session, room: Room | None, slot: TimeSlot | None, by: Any = None
) -> Session:
    """Put ``session`` in ``room`` at ``slot`` (both None: unplace it).

    Raises PlacementClash naming the session already there, PlacementError for a room or
    slot of another event or half a cell. ``by``: the user who moved it (kept for the audit
    trail)."""
    if (room is None) != (slot is None):
        raise PlacementError(_("Choose both a room and a time slot, or neither."))
    for part in (room, slot):
        if part is not None and part.event_id != session.event_id:
            raise PlacementError(_("That room or time slot belongs to another event."))
    with transaction.atomic():
        if room is not None and slot is not None:
            there = _session_there(session=session, room=room, slot=slot)
            if there is not None:
                raise PlacementClash(there)
        session.room, session.slot = room, slot
        try:
            with transaction.atomic():
                session.save(update_fields=["room", "slot"])
        except IntegrityError:
            # Another writer took the cell between the check and the save.
            there = _session_there(session=session, room=room, slot=slot)  # type: ignore[arg-type]
            if there is None:
                raise
            raise PlacementClash(there) from None
        audit_record(event=session.event, actor=by, action="session.moved",
                     summary=_("Moved “%(title)s” to %(place)s") % {
                         "title": session.title,
                         "place": _cell(room, slot)},
                     details={"session": session.pk, "room": room.pk if room else None,
                              "slot": slot.pk if slot else None})
    return session


def _cell(room: Room | None, slot: TimeSlot | None) -> str:
    if room is None or slot is None:
        return str(_("unplaced"))
    start = slot.start.astimezone(ZoneInfo(slot.event.time_zone))
    return f"{room.name}, {slot.label or f'{start:%Y-%m-%d %H:%M}'}"


def affected_registrations(*, session: Session) -> list[Registration]:
    """Confirmed people whose agenda holds ``session`` (they would want to hear of a move)."""
    return list(Registration.objects.filter(
        agenda__session=session, status=Registration.Status.CONFIRMED)
        .select_related("person").order_by("person__name", "pk").distinct())


def session_moved_drafts(*, session: Session, registrations: list[Registration],
                         was: dict[str, Any], key: str) -> list[Draft]:
    """The ``session_moved`` message to each of ``registrations``; ``was``: where and when
    the session was (``room``, ``starts_at``); ``key`` names the move, so a repeated POST
    queues nothing twice."""
    agenda_url = absolute(reverse("my-agenda", kwargs={"slug": session.event.slug}))
    context = {"session_title": session.title, "agenda_url": agenda_url,
               "was_room": was["room"], "was_starts_at": was["starts_at"],
               "room": session.room.name if session.room else "",
               "starts_at": session.slot.start if session.slot else None}
    return [Draft("session_moved", f"session_moved:{session.pk}:{reg.pk}:{key}",
                  reg.person.email, reg.person.name, reg.person, session.event, context)
            for reg in registrations]


def session_moved_tell(*, session: Session, registrations: list[Registration],
                       was: dict[str, Any], key: str) -> int:
    """Queue ``session_moved`` to the people whose agenda holds the moved session."""
    return messages_queue(session_moved_drafts(session=session, registrations=registrations,
                                               was=was, key=key))
