"""Place an event's open-space proposals in the program, at the set time or on demand.

The timetable engine (through ``engine.openspace``) chooses the room-slot of each most wanted
proposal; here they become real program sessions, hosted by their proposers, on their
voters' agendas, and people are told.

Never a clash: openspace sits below studio in the layers, so the studio's placement rule
(``studio.services.grid.session_place``) cannot be called. The same rule holds here by a
plain check inside the locked transaction (the room-slot still has no session) and, for any
writer racing past it, the database's ``one_session_per_room_and_slot`` constraint.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from immerse.engine.openspace import OpenSpaceProblem, Placement, Spot, place_proposals
from immerse.engine.openspace import Proposal as Wanted
from immerse.events.models import Event, Room, Session, TimeSlot
from immerse.events.services import session_create
from immerse.notify.links import absolute
from immerse.notify.services import Draft, messages_queue
from immerse.openspace.models import OpenSpace, Proposal, ProposalVote
from immerse.openspace.services import OpenSpaceError
from immerse.people.models import Registration
from immerse.program.models import AgendaItem

#: The search work per placing (the engine's ``effort``): a few seconds at 200 proposals.
EFFORT = 0.2


@dataclass(frozen=True)
class Placed:
    sessions: int
    unplaced: int
    agenda_items: int


def free_spots(space: OpenSpace) -> list[tuple[Room, TimeSlot]]:
    """The open space's room-slots with no session (its rooms and slots, or all)."""
    rooms = list(space.rooms.all()) or list(Room.objects.filter(event=space.event_id))
    slots = list(space.slots.all()) or list(TimeSlot.objects.filter(event=space.event_id))
    taken = set(Session.objects.filter(event=space.event_id, room__isnull=False,
                                       slot__isnull=False).values_list("room_id", "slot_id"))
    return [(room, slot) for slot in slots for room in rooms if (room.pk, slot.pk) not in taken]


def _host_busy(event: Event, person_ids: set[int]) -> dict[str, frozenset[str]]:
    """Per proposer (person id), the slots where they already host a session."""
    busy: defaultdict[str, set[str]] = defaultdict(set)
    hosting = Session.facilitators.through.objects.filter(
        person_id__in=person_ids, session__event=event, session__slot__isnull=False)
    for person_id, slot_id in hosting.values_list("person_id", "session__slot_id"):
        busy[str(person_id)].add(str(slot_id))
    return {person: frozenset(slots) for person, slots in busy.items()}


def _problem(event: Event, proposals: list[Proposal],
             spots: list[tuple[Room, TimeSlot]]) -> OpenSpaceProblem:
    hosts = {p.registration.person_id for p in proposals}
    return OpenSpaceProblem(
        proposals=tuple(Wanted(str(p.pk), str(p.registration.person_id),
                               frozenset(str(v.registration_id) for v in p.votes.all()))
                        for p in proposals),
        spots=tuple(Spot(str(slot.pk), str(room.pk), room.capacity) for room, slot in spots),
        busy=_host_busy(event, hosts))


def open_space_place(*, event: Event) -> Placed:
    """Place the proposals now (once): sessions, agendas, messages. Raises if placed."""
    with transaction.atomic():
        space = OpenSpace.objects.select_for_update().filter(event=event).first()
        if space is None or space.placed_at is not None:
            raise OpenSpaceError(_("There is nothing to place: no open space, or placed "
                                   "already."), closed=True)
        proposals = list(Proposal.objects.filter(event=event, session__isnull=True)
                         .select_related("registration__person")
                         .prefetch_related(Prefetch("votes", ProposalVote.objects.select_related(
                             "registration__person"))))
        spots = free_spots(space)
        placement = place_proposals(_problem(event, proposals, spots), effort=EFFORT)
        placed = _store(event, proposals, spots, placement)
        space.placed_at = timezone.now()
        space.save(update_fields=["placed_at", "updated_at"])
    return placed


def _store(event: Event, proposals: list[Proposal], spots: list[tuple[Room, TimeSlot]],
           placement: Placement) -> Placed:
    where = {(str(room.pk), str(slot.pk)): (room, slot) for room, slot in spots}
    drafts: list[Draft] = []
    items = 0
    for proposal in proposals:
        spot = placement.placed.get(str(proposal.pk))
        if spot is None:
            reason = placement.unplaced.get(str(proposal.pk))
            proposal.unplaced = str(reason) if reason else "no_room"
            proposal.save(update_fields=["unplaced", "updated_at"])
            continue
        room, slot = where[(spot.room_id, spot.slot_id)]
        if Session.objects.filter(room=room, slot=slot).exists():  # the placement rule
            proposal.unplaced = "no_room"
            proposal.save(update_fields=["unplaced", "updated_at"])
            continue
        session = session_create(event=event, title=proposal.title, format_key=proposal.format,
                                 levels=proposal.levels, topics=[], tools=[], room=room,
                                 slot=slot, abstract=proposal.offer)
        session.facilitators.add(proposal.registration.person)
        proposal.session, proposal.unplaced = session, ""
        proposal.save(update_fields=["session", "unplaced", "updated_at"])
        added = _agendas_add(session, [v.registration for v in proposal.votes.all()])
        items += len(added)
        drafts += _drafts(event, session, proposal.registration, added)
    messages_queue(drafts)
    placed = sum(1 for p in proposals if p.session_id)
    return Placed(sessions=placed, unplaced=len(proposals) - placed, agenda_items=items)


def _agendas_add(session: Session, voters: list[Registration]) -> list[Registration]:
    """Put the session on each confirmed voter's agenda where their slot is free, up to its
    seats (first voters first); returns who got it."""
    confirmed = [r for r in voters if r.status == Registration.Status.CONFIRMED]
    busy = set(AgendaItem.objects.filter(registration__in=confirmed,
                                         session__slot_id=session.slot_id)
               .values_list("registration_id", flat=True))
    free = [r for r in confirmed if r.pk not in busy][:session.seats or len(confirmed)]
    AgendaItem.objects.bulk_create([
        AgendaItem(registration=r, session=session, source=AgendaItem.Source.MANUAL,
                   reason=_("You voted for it in the open space.")[:300]) for r in free])
    return free


def _drafts(event: Event, session: Session, host: Registration,
            voters: list[Registration]) -> list[Draft]:
    slot, room = session.scheduled_slot, session.room
    context = {"session_title": session.title, "starts_at": slot.start,
               "room": room.name if room else "",
               "agenda_url": absolute(reverse("my-agenda", kwargs={"slug": event.slug}))}
    drafts = [Draft("proposal_placed", f"proposal_placed:{session.pk}", host.person.email,
                    host.person.name, host.person, event, context)]
    drafts += [Draft("proposal_agenda", f"proposal_agenda:{session.pk}:{r.pk}",
                     r.person.email, r.person.name, r.person, event, context)
               for r in voters if r.pk != host.pk]
    return drafts


def open_spaces_due(*, now: object = None) -> int:
    """Place every open space whose time has come; returns how many were placed."""
    due = OpenSpace.objects.filter(placed_at__isnull=True,
                                   places_at__lte=now or timezone.now()).select_related("event")
    done = 0
    for space in due:
        try:
            open_space_place(event=space.event)
        except OpenSpaceError:  # another worker placed it meanwhile
            continue
        done += 1
    return done
