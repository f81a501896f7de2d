"""Event templates: the days, rooms, time slots and session skeletons a new event starts from.

Pure data (no Django): a template is what an organizer would otherwise type into the admin
for an hour. Times are relative (a day number and a wall-clock time in the event's time
zone), so one template fits any dates. Sessions name a catalogue format and the levels they
are for; their pitches are generated when they are created, like any other session's.

To add a template, add one :class:`EventTemplate` to :data:`TEMPLATES` (the tests check that
its formats exist, its sessions never share a room in one slot and its slots never overlap
in a room); the studio's new-event form lists it at once.

>>> TEMPLATE_BY_KEY["workshop"].days
1
>>> [s.title for s in TEMPLATE_BY_KEY["immersion"].sessions][:1]
['Listening to each other']
>>> slot_times(TEMPLATE_BY_KEY["meetup"].slots[0], first_day=date(2027, 3, 4))
(datetime.datetime(2027, 3, 4, 18, 30), datetime.datetime(2027, 3, 4, 19, 0))
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta


@dataclass(frozen=True)
class RoomPlan:
    name: str
    capacity: int


@dataclass(frozen=True)
class SlotPlan:
    """A time slot: ``day`` counts from 0 (the event's first day); ``start`` is local time."""

    day: int
    start: time
    minutes: int
    label: str = ""


@dataclass(frozen=True)
class SessionPlan:
    """A session skeleton, placed in ``slot`` and ``room`` (indexes into the template's
    tuples)."""

    title: str
    format_key: str
    levels: tuple[int, ...]
    slot: int
    room: int
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventTemplate:
    key: str
    kind: str  # an engine.catalogue.EVENT_KINDS key
    label: str
    summary: str
    days: int
    rooms: tuple[RoomPlan, ...]
    slots: tuple[SlotPlan, ...]
    sessions: tuple[SessionPlan, ...]
    #: Editions follow one another on a course path (101 → deeper), so people's progression
    #: follows them from one edition to the next.
    series: bool = False


def slot_times(slot: SlotPlan, *, first_day: date) -> tuple[datetime, datetime]:
    """The slot's naive local start and end when the event begins on ``first_day``."""
    start = datetime.combine(first_day + timedelta(days=slot.day), slot.start)
    return start, start + timedelta(minutes=slot.minutes)


def _at(day: int, hour: int, minute: int, minutes: int, label: str = "") -> SlotPlan:
    return SlotPlan(day=day, start=time(hour, minute), minutes=minutes, label=label)


ALL = (1, 2, 3, 4)


def _conference() -> EventTemplate:
    rooms = (RoomPlan("Main hall", 200), RoomPlan("Room A", 60), RoomPlan("Room B", 60))
    slots: list[SlotPlan] = []
    sessions: list[SessionPlan] = []
    for day in range(2):
        first = len(slots)
        slots += [_at(day, 9, 0, 60, "Plenary"), _at(day, 10, 30, 60), _at(day, 13, 30, 60),
                  _at(day, 15, 30, 60)]
        opening = "Opening keynote" if day == 0 else "Closing keynote"
        sessions += [
            SessionPlan(opening, "plenary", ALL, first, 0),
            SessionPlan("Where it fits: strategy for your organization", "strategy", (2, 3),
                        first + 1, 0),
            SessionPlan("First steps: stories from people who did it", "story", (1, 2),
                        first + 1, 1),
            SessionPlan("Set it up yourself", "lab", (1, 2), first + 1, 2),
            SessionPlan("A practitioner's provocation", "provocation", (2, 3, 4), first + 2, 0),
            SessionPlan("Your own case, in a small group", "workshop", (3,), first + 2, 1),
            SessionPlan("Listening first", "listening", ALL, first + 2, 2),
            SessionPlan("Round tables", "table", ALL, first + 3, 0),
        ]
    return EventTemplate(
        key="conference", kind="conference", label="Conference",
        summary="Two days, three rooms in parallel: keynotes, talks at each level, labs, "
        "workshops and round tables.",
        days=2, rooms=rooms, slots=tuple(slots), sessions=tuple(sessions))


def _immersion() -> EventTemplate:
    rooms = (RoomPlan("Plenary room", 40), RoomPlan("Lab", 20), RoomPlan("Tables room", 40))
    slots: list[SlotPlan] = []
    sessions: list[SessionPlan] = []
    for day in range(5):
        first = len(slots)
        slots += [_at(day, 9, 30, 90), _at(day, 11, 15, 75), _at(day, 14, 0, 90)]
        if day == 0:
            morning = SessionPlan("Listening to each other", "listening", ALL, first, 0)
        elif day == 4:
            morning = SessionPlan("What we take home", "workshop", (2, 3), first, 0)
        else:
            morning = SessionPlan(f"Expert provocation, day {day + 1}", "provocation",
                                  (2, 3, 4), first, 0)
        sessions.append(morning)
        if day == 4:
            sessions += [
                SessionPlan("Community space for practitioners", "community", (4,),
                            first + 1, 2),
                SessionPlan("Hands-on: your next step", "lab", (1, 2, 3), first + 1, 1),
            ]
        else:
            sessions += [
                SessionPlan(f"Hands-on lab, day {day + 1}", "lab", (1, 2), first + 1, 1),
                SessionPlan(f"Stories from the field, day {day + 1}", "story", (1, 2),
                            first + 1, 0),
            ]
        sessions.append(SessionPlan(f"Round tables, day {day + 1}", "table", ALL, first + 2, 2))
    return EventTemplate(
        key="immersion", kind="immersion", label="Five-day immersion",
        summary="Five days: day 1 opens with listening to each other; round tables every "
        "day, expert provocations, labs, and a community space for practitioners on the "
        "last day.",
        days=5, rooms=rooms, slots=tuple(slots), sessions=tuple(sessions))


WORKSHOP = EventTemplate(
    key="workshop", kind="workshop", label="Workshop",
    summary="Half a day in one room: stories to start, a hands-on lab, and a facilitated "
    "session where everyone leaves with a plan to take home.",
    days=1, rooms=(RoomPlan("Workshop room", 25),),
    slots=(_at(0, 9, 0, 45), _at(0, 10, 0, 75), _at(0, 11, 30, 90)),
    sessions=(
        SessionPlan("How others started", "story", (1, 2), 0, 0),
        SessionPlan("Try it yourself", "lab", (1, 2, 3), 1, 0),
        SessionPlan("Your plan to take home", "workshop", (2, 3), 2, 0),
    ))

COURSE = EventTemplate(
    key="course", kind="course", label="Training course",
    summary="One edition of a series (101, then deeper): editions are linked on a course "
    "path, so each person's progression follows them from one to the next.",
    days=1, rooms=(RoomPlan("Classroom", 20),),
    slots=(_at(0, 9, 30, 60), _at(0, 11, 0, 90), _at(0, 14, 0, 60), _at(0, 15, 15, 45)),
    sessions=(
        SessionPlan("101: what it is and why it matters", "story", (1,), 0, 0),
        SessionPlan("101: set up and try", "lab", (1, 2), 1, 0),
        SessionPlan("Bring your case", "table", (1, 2), 2, 0),
        SessionPlan("Your next step on the path", "workshop", (2, 3), 3, 0),
    ),
    series=True)

MEETUP = EventTemplate(
    key="meetup", kind="meetup", label="Community meetup",
    summary="An evening: a story, a practitioner's provocation, and round tables.",
    days=1, rooms=(RoomPlan("Meetup space", 60),),
    slots=(_at(0, 18, 30, 30), _at(0, 19, 0, 30), _at(0, 19, 45, 60)),
    sessions=(
        SessionPlan("A story from the field", "story", (1, 2), 0, 0),
        SessionPlan("Provocation", "provocation", (2, 3, 4), 1, 0),
        SessionPlan("Round tables", "table", ALL, 2, 0),
    ))

TEMPLATES: tuple[EventTemplate, ...] = (_conference(), _immersion(), WORKSHOP, COURSE, MEETUP)
TEMPLATE_BY_KEY: dict[str, EventTemplate] = {t.key: t for t in TEMPLATES}
