"""From the intake to a program skeleton the organizer then edits."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from immerse.engine.inventory import problem_themes, room_inventory
from immerse.engine.pitch import session_pitch
from immerse.engine.program_builder import (
    IntakeSummary,
    ProgramProposal,
    RoomFrame,
    SlotFrame,
    build_program,
)
from immerse.events.models import Event, Room, Session, TimeSlot
from immerse.people.selectors import inventory_records
from immerse.people.services.tools import tools_by_key

DEFAULT_SLOTS = (SlotFrame(time(9), time(10, 30)), SlotFrame(time(11), time(12, 30)),
                 SlotFrame(time(13, 30), time(15)), SlotFrame(time(15, 30), time(17)))
DEFAULT_ROOMS = (RoomFrame("Plenary hall", 100), RoomFrame("Workshop room A", 24),
                 RoomFrame("Workshop room B", 24), RoomFrame("Lab", 30))


def event_days(event: Event) -> int:
    return (event.end_date - event.start_date).days + 1


def slot_frames(event: Event) -> tuple[SlotFrame, ...]:
    """The first day's slots when the event has any, else a classic four-slot day."""
    zone = ZoneInfo(event.time_zone)
    first = TimeSlot.objects.filter(event=event).order_by("start").first()
    if first is None:
        return DEFAULT_SLOTS
    day = first.start.astimezone(zone).date()
    frames = [SlotFrame(s.start.astimezone(zone).time(), s.end.astimezone(zone).time())
              for s in TimeSlot.objects.filter(event=event).order_by("start")
              if s.start.astimezone(zone).date() == day]
    return tuple(dict.fromkeys(frames))


def room_frames(event: Event) -> tuple[RoomFrame, ...]:
    rooms = tuple(RoomFrame(r.name, r.capacity) for r in Room.objects.filter(event=event))
    return rooms or DEFAULT_ROOMS


def program_propose(*, event: Event, seed: int = 0) -> ProgramProposal:
    records = inventory_records(event=event)
    texts = [t for r in records for t in (r.stories, r.problems) if t.strip()]
    intake = IntakeSummary.from_inventory(room_inventory(records),
                                          problem_themes(texts, max_themes=6, seed=seed))
    return build_program(intake=intake, days=event_days(event), slots_per_day=slot_frames(event),
                         rooms=room_frames(event), seed=seed)


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
            frame = frames[item.slot_index]
            start = datetime.combine(day, frame.start, tzinfo=zone)
            end = datetime.combine(day, frame.end, tzinfo=zone)
            if (start, end) not in slots:
                slots[(start, end)] = TimeSlot.objects.create(
                    event=event, start=start, end=end,
                    label=f"Day {item.day} · {item.slot_index + 1}")
            session = Session.objects.create(
                event=event, title=item.title, abstract=item.reason, format=item.format_key,
                target_levels=list(item.levels), topics=list(item.topics),
                capacity=item.capacity, room=rooms[item.room], slot=slots[(start, end)],
                pitch=session_pitch(title=item.title, format_key=item.format_key,
                                    levels=item.levels, topics=item.topics, tools=item.tools))
            session.tools.set([tools[key] for key in item.tools if key in tools])
    return len(proposal.sessions)


def session_pitch_set(*, session: Session, pitch: str | None) -> Session:
    """An organizer's own wording sticks; ``None`` goes back to the generated pitch."""
    if pitch is None or not pitch.strip():
        session.pitch = session_pitch(
            title=session.title, format_key=session.format, levels=session.target_levels,
            topics=session.topics, tools=[t.key for t in session.tools.all()])
        session.pitch_edited = False
    else:
        session.pitch, session.pitch_edited = pitch.strip(), True
    session.save(update_fields=["pitch", "pitch_edited"])
    return session
