"""Apply the builder's proposal to the program; organizers' own pitches."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from immerse.engine.program_builder import ProgramProposal
from immerse.events.models import Event, Room, Session, TimeSlot
from immerse.events.services import session_create
from immerse.people.services.tools import tools_by_key
from immerse.program.selectors import room_frames, slot_frames


def program_apply(*, event: Event, proposal: ProgramProposal, replace: bool = False) -> int:
    """Create the proposed sessions (and any missing rooms and slots). Returns how many."""
    zone = ZoneInfo(event.time_zone)
    frames = slot_frames(event)
    with transaction.atomic():
        if replace:
            Session.objects.filter(event=event).delete()
        rooms = {r.name: r for r in Room.objects.filter(event=event)}
        for position, frame in enumerate(room_frames(event)):
            if frame.name not in rooms:
                rooms[frame.name] = Room.objects.create(event=event, name=frame.name,
                                                        capacity=frame.capacity,
                                                        position=position)
        slots = {(s.start, s.end): s for s in TimeSlot.objects.filter(event=event)}
        tools = tools_by_key()
        for item in proposal.sessions:
            day = event.start_date + timedelta(days=item.day - 1)
            slot_frame = frames[item.slot_index]
            start = datetime.combine(day, slot_frame.start, tzinfo=zone)
            end = datetime.combine(day, slot_frame.end, tzinfo=zone)
            if (start, end) not in slots:
                slots[(start, end)] = TimeSlot.objects.create(
                    event=event, start=start, end=end,
                    label=f"Day {item.day} · {item.slot_index + 1}")
            session_create(
                event=event, title=item.title, abstract=item.reason, format_key=item.format_key,
                levels=item.levels, topics=item.topics, capacity=item.capacity,
                room=rooms[item.room], slot=slots[(start, end)],
                tools=[tools[key] for key in item.tools if key in tools])
    return len(proposal.sessions)
