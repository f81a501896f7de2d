"""Apply the builder's proposal to the program; organizers' own pitches.

The builder never makes a clash: a proposal goes to its room when that room is free in its
slot, else to another free room of the same slot (biggest first), else it is created
unplaced for the organizer to place in the schedule grid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from immerse.engine.program_builder import ProgramProposal, ProposedSession, SlotFrame
from immerse.engine.schedule_grid import fit_into_free
from immerse.events.models import Event, Room, Session, TimeSlot
from immerse.events.services import session_create
from immerse.people.services.tools import tools_by_key
from immerse.program.selectors import room_frames, slot_frames

Times = tuple[datetime, datetime]
Cell = tuple[str, Times]


@dataclass(frozen=True)
class ProgramApplied:
    created: int
    moved: int  # placed in another free room of the same slot
    unplaced: int  # every room of the slot was taken


def _times(event: Event, item: ProposedSession, frames: tuple[SlotFrame, ...]) -> Times:
    zone = ZoneInfo(event.time_zone)
    day = event.start_date + timedelta(days=item.day - 1)
    frame = frames[item.slot_index]
    return (datetime.combine(day, frame.start, tzinfo=zone),
            datetime.combine(day, frame.end, tzinfo=zone))


def proposal_cells(*, event: Event, proposal: ProgramProposal,
                   replace: bool = False) -> tuple[Cell | None, ...]:
    """Where each proposed session would go: its (room name, slot times), another free room
    in that slot, or None (unplaced). ``replace``: the program's sessions will be deleted
    first, so their cells count as free."""
    taken: set[Cell] = set()
    if not replace:
        taken = {(name, (start, end)) for name, start, end in Session.objects.filter(
            event=event, room__isnull=False, slot__isnull=False)
            .values_list("room__name", "slot__start", "slot__end")}
    rooms = [frame.name for frame in sorted(room_frames(event), key=lambda r: -r.capacity)]
    frames = slot_frames(event)
    wanted = [(item.room, _times(event, item, frames)) for item in proposal.sessions]
    return fit_into_free(wanted, taken=taken, rooms=rooms)


def program_apply(*, event: Event, proposal: ProgramProposal,
                  replace: bool = False) -> ProgramApplied:
    """Create the proposed sessions (and any missing rooms and slots) in free cells only."""
    with transaction.atomic():
        if replace:
            Session.objects.filter(event=event).delete()
        cells = proposal_cells(event=event, proposal=proposal)
        frames = slot_frames(event)
        rooms = {r.name: r for r in Room.objects.filter(event=event)}
        for position, frame in enumerate(room_frames(event)):
            if frame.name not in rooms:
                rooms[frame.name] = Room.objects.create(event=event, name=frame.name,
                                                        capacity=frame.capacity,
                                                        position=position)
        slots = {(s.start, s.end): s for s in TimeSlot.objects.filter(event=event)}
        tools = tools_by_key()
        moved = unplaced = 0
        for item, cell in zip(proposal.sessions, cells, strict=True):
            times = _times(event, item, frames)
            if times not in slots:
                slots[times] = TimeSlot.objects.create(
                    event=event, start=times[0], end=times[1],
                    label=f"Day {item.day} · {item.slot_index + 1}")
            moved += cell is not None and cell[0] != item.room
            unplaced += cell is None
            session_create(
                event=event, title=item.title, abstract=item.reason, format_key=item.format_key,
                levels=item.levels, topics=item.topics, capacity=item.capacity,
                room=rooms[cell[0]] if cell else None, slot=slots[times] if cell else None,
                tools=[tools[key] for key in item.tools if key in tools])
    return ProgramApplied(len(proposal.sessions), moved, unplaced)
