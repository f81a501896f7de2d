"""A first program skeleton from the intake, for the organizer to edit.

The rules (each proposed session carries the one that placed it, as its ``reason``):

* Day 1 opens with a listening exercise for everyone.
* Every day has a hands-on slot: labs for levels 1-3, hosted by the Just do it
  practitioners when there are any.
* Every day has a slot per level: Eye-opener → stories, Baby steps → context & strategy with
  reflection time, Preparation → small facilitated workshops ending with a plan to take
  home, Just do it → the community space. With fewer rooms than levels, neighbouring levels
  share a session (the smallest pair first).
* Expert provocations are spread evenly over the days (one per day at most while there are
  at least as many days as provocations); Eye-openers get a story in parallel.
* Round tables mix all levels; Just do it practitioners host them.
* Capacities are sized from the level counts and never exceed the room or the attendees.
* Topics: the least-used tools for stories and Eye-opener labs, the most-used tools for the
  other levels, and the problem themes for workshops, provocations and tables.

Works the same for a one-day conference with parallel rooms and a five-day immersion.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import time

from immerse.engine.catalogue import (
    DISCIPLINES,
    TOOL_BY_KEY,
    TOOLS,
    formats_to_look_for,
)
from immerse.engine.inventory import RoomInventory
from immerse.engine.program_words import BuilderNotes, BuilderText
from immerse.engine.themes import OTHER, Theme, name_of

__all__ = [
    "IMMERSION_MAX_ATTENDEES",
    "IntakeSummary",
    "ProgramError",
    "ProgramProposal",
    "ProposedSession",
    "RoomFrame",
    "SlotFrame",
    "build_program",
    "expected_intake",
]

IMMERSION_MAX_ATTENDEES = 100  # immersions are for fewer people than this
WORKSHOP_SIZE = 12  # a facilitated workshop stays small enough for everyone's own case
LEVELS = (1, 2, 3, 4)
_DISCIPLINE_KEYS = frozenset(key for key, _ in DISCIPLINES)
# Chronological position of each kind of slot within a day.
_DAY_ORDER = {"listening": 0, "provocation": 1, "levels": 2, "hands_on": 3, "tables": 4}


class ProgramError(ValueError):
    """An intake or event frame the builder cannot use; the message names the field."""


@dataclass(frozen=True, slots=True)
class IntakeSummary:
    """What the intake says about the room. ``themes``: the problems people brought, biggest
    first, as :class:`~immerse.engine.themes.Theme` (name, quote, size) or just a name.

    Attendees not counted in ``levels`` (not yet assessed) are treated as Eye-openers.
    """

    attendees: int
    levels: Mapping[int, int]
    tool_users: Mapping[str, int] = field(default_factory=dict)
    disciplines: Mapping[str, int] = field(default_factory=dict)
    themes: Sequence[Theme | str] = ()

    @classmethod
    def from_inventory(
        cls, inventory: RoomInventory, themes: Sequence[Theme | str] = ()
    ) -> IntakeSummary:
        return cls(
            attendees=inventory.attendees,
            levels=dict(inventory.levels),
            tool_users={key: counts.users for key, counts in inventory.tools.items()},
            disciplines=dict(inventory.disciplines),
            themes=tuple(themes),
        )


def expected_intake(*, capacity: int, topics: Sequence[str] = ()) -> IntakeSummary:
    """An intake for an event nobody has signed up to yet: ``capacity`` people spread evenly
    over the four levels (the first levels take the remainder), the organizer's ``topics``
    as the problems they bring, no tool use known.

    >>> expected_intake(capacity=10, topics=["Podcasts"]).levels
    {1: 3, 2: 3, 3: 2, 4: 2}
    """
    people = max(1, capacity)
    share, extra = divmod(people, len(LEVELS))
    levels = {level: share + (1 if i < extra else 0) for i, level in enumerate(LEVELS)}
    return IntakeSummary(attendees=people, levels=levels,
                         themes=tuple(t.strip() for t in topics if t.strip()))


@dataclass(frozen=True, slots=True)
class SlotFrame:
    start: time
    end: time


@dataclass(frozen=True, slots=True)
class RoomFrame:
    name: str
    capacity: int


@dataclass(frozen=True, slots=True)
class ProposedSession:
    """One proposed session. ``hosts`` are levels that come to host or mentor, not to learn."""

    day: int
    slot_index: int
    room: str
    title: str
    format_key: str
    levels: tuple[int, ...]
    topics: tuple[str, ...]
    tools: tuple[str, ...]
    capacity: int
    reason: str
    hosts: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ProgramProposal:
    sessions: tuple[ProposedSession, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Want:
    """A session wanted in a slot, before it has a room."""

    levels: tuple[int, ...]
    demand: int
    format_key: str
    title: str
    reason: str
    topics: tuple[str, ...] = ()
    tools: tuple[str, ...] = ()
    hosts: tuple[int, ...] = ()
    splittable: bool = True  # may run in several rooms at once when it does not fit one


@dataclass(frozen=True, slots=True)
class _Subject:
    """A problem theme as titles and reasons use it."""

    name: str  # "Approval, policy and risk", or a quote when no name fits
    quote: str  # a member's own sentence, quoted ("" when only the name is known)
    people: int

    def title(self, text: BuilderText) -> str:
        """The theme inside a title: 'approval, policy and risk', or the quote as it is."""
        return text.words.theme_title(text.theme_name(self.name))

    @property
    def topics(self) -> tuple[str, ...]:
        return () if self.name.startswith("“") else (self.name,)

    def brought(self, text: BuilderText) -> str:
        words = text.words
        if not self.quote:
            return words.brought_name.format(
                name=words.theme_reason(text.theme_name(self.name)))
        quote = text.quoted(self.quote)
        if not self.people:
            return words.brought_people.format(quote=quote)
        return text.pick(words.brought, self.people).format(n=self.people, quote=quote)


def _subject(theme: Theme | str) -> _Subject:
    if isinstance(theme, str):
        return _Subject(theme.strip(), "", 0)
    # A theme named by its quote still gets a readable title from what the quote is about.
    name = name_of(theme.quote) if theme.label.startswith("“") else None
    return _Subject(name or theme.label, theme.quote, len(theme.members))


@dataclass(frozen=True, slots=True)
class _Room:
    """The intake, read once: counts per level and the tools ranked by use."""

    attendees: int
    counts: dict[int, int]
    present: tuple[int, ...]
    tools_by_use: tuple[str, ...]  # most used first
    tool_users: dict[str, int]
    themes: tuple[_Subject, ...]
    disciplines: int  # how many disciplines are present

    def tool(self, turn: int, *, least_used: bool = False) -> str:
        """The tools people here use, most used first, in turns; or the least used ones.

        Stories, strategy and workshops are about the tools the room's peers already use:
        that is where Eye-openers can see what is possible. The least-used tools go to the
        practitioners' labs and to provocations ("why does nobody here use …?").
        """
        if least_used:
            return self.tools_by_use[::-1][turn % len(self.tools_by_use)]
        used = [key for key in self.tools_by_use if self.tool_users[key]] or self.tools_by_use
        return used[turn % len(used)]

    def theme(self, index: int) -> _Subject | None:
        return self.themes[index % len(self.themes)] if self.themes else None

    def of(self, text: BuilderText, count: int) -> str:
        return text.count_of(count, self.attendees)


def build_program(
    *,
    intake: IntakeSummary,
    days: int,
    slots_per_day: Sequence[SlotFrame],
    rooms: Sequence[RoomFrame],
    provocations: int | None = None,
    seed: int = 0,
    language: str = "en",
    notes_language: str | None = None,
) -> ProgramProposal:
    """Propose a program skeleton: who meets in which format, when and where, and why.

    Rules: see the module docstring and ``docs/levels.md``.

    ``provocations`` defaults to one every other day (at least one). ``seed`` only breaks
    ties between equally used tools; the same inputs and seed give the same proposal.
    ``language`` writes the titles and reasons (what a session keeps when it is added: the
    event's language), ``notes_language`` the notes for the organizer (default: the same);
    an unknown code raises ``UnknownLanguageError``.

    >>> from datetime import time
    >>> slots = [SlotFrame(time(9), time(10, 30)), SlotFrame(time(11), time(12, 30)),
    ...          SlotFrame(time(14), time(15, 30))]
    >>> proposal = build_program(
    ...     intake=IntakeSummary(attendees=30, levels={1: 12, 2: 10, 3: 6, 4: 2},
    ...                          tool_users={"social-networking": 25, "video-sharing": 4}),
    ...     days=1, slots_per_day=slots, rooms=[RoomFrame("Hall", 40), RoomFrame("B", 15)])
    >>> first = proposal.sessions[0]
    >>> first.format_key, first.levels, first.capacity
    ('listening', (1, 2, 3, 4), 30)
    >>> print(proposal.sessions[1].reason)  # doctest: +ELLIPSIS
    12 of 30 are at Eye-opener; 5 of 30 do not use social networking yet: story & case ...
    """
    text = BuilderText.of(language)
    told = BuilderNotes(BuilderText.of(notes_language or language), text)
    room = _read_intake(intake, seed)
    _check_frame(days, slots_per_day, rooms)
    if days > 1 and room.attendees >= IMMERSION_MAX_ATTENDEES:
        told.add(told.words.too_many, attendees=room.attendees, most=IMMERSION_MAX_ATTENDEES)
    by_size = sorted(rooms, key=lambda r: -r.capacity)  # stable: the organizer's order on ties
    provocation_days = _provocation_days(room, days, provocations, told)
    sessions: list[ProposedSession] = []
    for day in range(1, days + 1):
        today = [i for i, d in enumerate(provocation_days) if d == day]
        kinds = _day_kinds(day, len(slots_per_day), len(today), told)
        for slot_index, kind in enumerate(kinds):
            # turn: how often this kind ran before, so repeats rotate to other tools/themes.
            turn = (day - 1) + days * kinds[:slot_index].count(kind)
            if kind == "provocation":
                wants = _provocation(room, text, day, today.pop(0), len(provocation_days),
                                     len(rooms))
            else:
                wants = _WANTS[kind](room, text, day, turn, len(rooms))
            sessions += _seat(wants, by_size, day, slot_index, told)
    if room.counts[3] > WORKSHOP_SIZE:
        told.add(told.words.facilitators, n=room.counts[3], level=told.text.level(3),
                 size=WORKSHOP_SIZE)
    if 4 not in room.present:
        told.add(told.words.no_experts, level=told.text.level(4))
    return ProgramProposal(tuple(sessions), tuple(told.notes))


def _read_intake(intake: IntakeSummary, seed: int) -> _Room:
    if intake.attendees < 1:
        raise ProgramError(f"intake.attendees: need at least 1, got {intake.attendees}")
    for level, count in intake.levels.items():
        if level not in LEVELS or count < 0:
            raise ProgramError(f"intake.levels: {level!r}: {count!r} is not a level count")
    for tool, users in intake.tool_users.items():
        if tool not in TOOL_BY_KEY or not 0 <= users <= intake.attendees:
            raise ProgramError(f"intake.tool_users: {tool!r}: {users!r} users is not valid")
    for discipline, count in intake.disciplines.items():
        if discipline not in _DISCIPLINE_KEYS or count < 0:
            raise ProgramError(f"intake.disciplines: {discipline!r}: {count!r} is not valid")
    counts = {level: intake.levels.get(level, 0) for level in LEVELS}
    unassessed = intake.attendees - sum(counts.values())
    if unassessed < 0:
        raise ProgramError("intake.levels: more people in the levels than attendees")
    counts[1] += unassessed
    # NumPy on first use: the web pages that import this module never build a program.
    import numpy as np

    # Ties between equally used tools are broken by a seeded shuffle of the catalogue.
    shuffled = [TOOLS[i].key for i in np.random.default_rng(seed).permutation(len(TOOLS))]
    ranked = sorted(shuffled, key=lambda key: -intake.tool_users.get(key, 0))
    return _Room(
        attendees=intake.attendees,
        counts=counts,
        present=tuple(level for level in LEVELS if counts[level]),
        tools_by_use=tuple(ranked),
        tool_users={key: intake.tool_users.get(key, 0) for key in ranked},
        themes=tuple(_subject(t) for t in intake.themes
                     if (t if isinstance(t, str) else t.label).strip()
                     and (t if isinstance(t, str) else t.label) != OTHER),
        disciplines=sum(1 for n in intake.disciplines.values() if n > 0),
    )


def _check_frame(days: int, slots: Sequence[SlotFrame], rooms: Sequence[RoomFrame]) -> None:
    if days < 1:
        raise ProgramError(f"days: need at least 1, got {days}")
    if not slots:
        raise ProgramError("slots_per_day: need at least one slot")
    for index, slot in enumerate(slots):
        if slot.start >= slot.end:
            raise ProgramError(f"slots_per_day[{index}]: starts at {slot.start}, not before "
                               f"its end {slot.end}")
        if index and slots[index - 1].end > slot.start:
            raise ProgramError(f"slots_per_day[{index}]: starts before the previous slot ends")
    if not rooms:
        raise ProgramError("rooms: need at least one room")
    names = set()
    for index, frame in enumerate(rooms):
        if frame.capacity < 1:
            raise ProgramError(f"rooms[{index}] ({frame.name}): capacity must be at least 1")
        if frame.name in names:
            raise ProgramError(f"rooms[{index}]: the name {frame.name!r} is used twice")
        names.add(frame.name)


def _provocation_days(
    room: _Room, days: int, requested: int | None, told: BuilderNotes
) -> list[int]:
    """Evenly spaced days, e.g. 3 over 5 days → days 1, 3, 5."""
    if not set(room.present) & {2, 3, 4} and requested is None:
        return []  # provocations serve levels 2-4; a room of Eye-openers gets stories
    count = max(1, math.ceil(days / 2)) if requested is None else requested
    if count < 0:
        raise ProgramError(f"provocations: need 0 or more, got {count}")
    if count > days:
        told.add(told.text.pick(told.words.provocations_over, count), count=count, days=days)
    if count <= 1:
        return [1 + (days - 1) // 2] * count
    return [1 + round(i * (days - 1) / (count - 1)) if count <= days else 1 + i % days
            for i in range(count)]


def _day_kinds(day: int, n_slots: int, n_provocations: int, told: BuilderNotes) -> list[str]:
    """Which kinds of slot a day holds, most important first, then put in day order."""
    wanted = ["listening"] if day == 1 else []
    wanted += ["hands_on", "levels"] + ["provocation"] * n_provocations + ["tables"]
    while len(wanted) < n_slots:
        wanted += ["levels", "hands_on", "tables"]
    kept = wanted[:n_slots]
    dropped = [kind for kind in dict.fromkeys(wanted[n_slots:]) if kind not in kept]
    if dropped:
        kinds = told.text.grammar.join([told.words.kinds[kind] for kind in dropped], False)
        told.add(told.words.no_slots, day=day, kinds=kinds)
    return sorted(kept, key=lambda kind: _DAY_ORDER[kind])  # stable: fillers keep their turn


def _listening(room: _Room, text: BuilderText, day: int, turn: int, n_rooms: int) -> list[_Want]:
    return [_Want(
        levels=room.present, demand=room.attendees, format_key="listening",
        title=text.words.listening, reason=text.words.listening_why,
    )]


def _levels(room: _Room, text: BuilderText, day: int, turn: int, n_rooms: int) -> list[_Want]:
    return [_level_session(room, text, group, day, turn)
            for group in _level_groups(room, n_rooms)]


def _level_session(
    room: _Room, text: BuilderText, group: tuple[int, ...], day: int, turn: int
) -> _Want:
    words = text.words
    lead = group[0]
    fmt = formats_to_look_for(lead)[0].key  # the format that serves the group's lowest level best
    if fmt not in words.titles:
        raise ProgramError(f"format {fmt!r} leads a level in the catalogue but has no "
                           "level-session title here")
    tool = room.tool(turn)
    named = text.tool(tool)
    users = room.tool_users[tool]
    demand = sum(room.counts[level] for level in group)
    who = text.joined([
        text.pick(words.at_level, room.counts[lv]).format(
            of=room.of(text, room.counts[lv]), level=text.level(lv)) for lv in group])
    hosts = (4,) if 4 in group and lead < 4 else ()
    theme = room.theme(turn)
    using = {"story": words.not_using, "community": words.using_mentor}.get(fmt, words.using)
    shown = room.attendees - users if fmt == "story" else users
    why = text.pick(using, shown).format(of=room.of(text, shown), **named)
    if fmt == "workshop" and theme:
        why = theme.brought(text)
    themed = theme is not None and fmt == "workshop"
    topic = theme.title(text) if theme and themed else ""
    guests = words.guests.format(level=text.level(4)) if hosts else ""
    return _Want(
        levels=group, demand=demand, format_key=fmt,
        title=words.titles[fmt if themed or fmt != "workshop" else "workshop_tool"].format(
            topic=topic, **named),
        reason=words.level_why.format(who=who, why=why, format=words.formats[fmt], day=day,
                                      guests=guests),
        topics=theme.topics if theme and fmt == "workshop" else (), tools=(tool,), hosts=hosts,
    )


def _level_groups(room: _Room, n_groups: int) -> list[tuple[int, ...]]:
    """The present levels, neighbours merged (smallest pair first) until they fit."""
    groups: list[tuple[int, ...]] = [(level,) for level in room.present]
    while len(groups) > n_groups:
        sizes = [sum(room.counts[lv] for lv in groups[i] + groups[i + 1])
                 for i in range(len(groups) - 1)]
        i = sizes.index(min(sizes))
        groups[i:i + 2] = [groups[i] + groups[i + 1]]
    return groups


def _hands_on(room: _Room, text: BuilderText, day: int, turn: int, n_rooms: int) -> list[_Want]:
    learners = [lv for lv in room.present if lv < 4]
    helpers = room.counts[4] if learners else 0
    # A room of practitioners only tries the tools the room uses least.
    learner_room = replace(room, present=tuple(learners))
    groups = _level_groups(learner_room, n_rooms) if learners else [(4,)]
    wants = []
    for offset, group in enumerate(groups):
        # Parallel labs on different tools, so people can pick the one they need.
        tool = room.tool(turn + offset, least_used=group == (4,))
        named = text.tool(tool)
        demand = sum(room.counts[lv] for lv in group)
        hosted = math.ceil(helpers * demand / (room.attendees - helpers)) if helpers else 0
        words, users = text.words, room.tool_users[tool]
        host_note = text.pick(words.hosted, room.counts[4]).format(
            n=room.counts[4], level=text.level(4)) if helpers else ""
        already = text.pick(words.already, users).format(of=room.of(text, users), **named)
        wants.append(_Want(
            levels=group, demand=demand + hosted, format_key="lab",
            title=words.lab.format(**named), tools=(tool,), hosts=(4,) if helpers else (),
            reason=text.pick(words.lab_why, demand).format(
                demand=demand, levels=text.levels(group), already=already, host=host_note,
                **named),
        ))
    return wants


def _provocation(
    room: _Room, text: BuilderText, day: int, index: int, total: int, n_rooms: int
) -> list[_Want]:
    words = text.words
    theme = room.theme(index)
    tool = room.tool(index, least_used=True)
    title = (words.provocation_on.format(topic=theme.title(text)) if theme
             else words.provocation_tool.format(**text.tool(tool)))
    brought = words.brought_clause.format(brought=theme.brought(text)) if theme else ""
    story_apart = 1 in room.present and n_rooms > 1 and len(room.present) > 1
    audience = tuple(lv for lv in room.present if lv > 1 or not story_apart)
    wants = [_Want(
        levels=audience, demand=sum(room.counts[lv] for lv in audience),
        format_key="provocation", title=title,
        topics=theme.topics if theme else (), tools=() if theme else (tool,), splittable=False,
        reason=words.provocation_why.format(index=index + 1, total=total, day=day,
                                           brought=brought),
    )]
    if story_apart:
        # A second story, on the next tool in turn, while levels 2-4 are challenged.
        wants.append(_level_session(room, text, (1,), day, day + index))
    return wants


def _tables(room: _Room, text: BuilderText, day: int, turn: int, n_rooms: int) -> list[_Want]:
    words, experts = text.words, room.counts[4]
    theme = room.theme(turn)
    mix = words.mix.format(n=room.disciplines) if room.disciplines > 1 else ""
    host = (text.pick(words.hosts, experts).format(n=experts, level=text.level(4))
            if 4 in room.present else words.no_hosts.format(level=text.level(4)))
    brought = words.brought_clause.format(brought=theme.brought(text)) if theme else ""
    return [_Want(
        levels=room.present, demand=room.attendees, format_key="table",
        title=words.tables_on.format(topic=theme.title(text)) if theme else words.tables_case,
        topics=theme.topics if theme else (), hosts=(4,) if 4 in room.present else (),
        reason=words.tables_why.format(mix=mix, day=day, host=host, brought=brought),
    )]


_WANTS = {"listening": _listening, "levels": _levels, "hands_on": _hands_on,
          "tables": _tables}


def _seat(
    wants: Sequence[_Want], rooms: Sequence[RoomFrame], day: int, slot_index: int,
    told: BuilderNotes,
) -> list[ProposedSession]:
    """Give each want a room (biggest demand → biggest room), then split the overflow over
    spare rooms; capacities share the demand in proportion to the rooms' sizes."""
    order = sorted(range(len(wants)), key=lambda i: -wants[i].demand)
    given: dict[int, list[RoomFrame]] = {i: [] for i in order}
    free = list(rooms)
    for i in order:
        if free:
            given[i].append(free.pop(0))
        else:
            told.add(told.words.no_room, day=day, slot=slot_index + 1, title=wants[i].title)
    while free:
        short = [(wants[i].demand - sum(r.capacity for r in given[i]), i) for i in order
                 if given[i] and wants[i].splittable]
        unmet, i = max(short, default=(0, -1))
        if unmet <= 0:
            break
        given[i].append(free.pop(0))
    sessions = []
    for i in sorted(order):  # the wants' own order, so the proposal reads naturally
        want = wants[i]
        seats = sum(r.capacity for r in given[i])
        if seats < want.demand:
            told.add(told.words.seats_short, day=day, slot=slot_index + 1, title=want.title,
                     demand=want.demand, seats=seats)
        for part, frame in enumerate(given[i], start=1):
            share = math.ceil(want.demand * frame.capacity / seats)
            title = (want.title if len(given[i]) == 1
                     else told.titles.words.group.format(title=want.title, n=part))
            sessions.append(ProposedSession(
                day=day, slot_index=slot_index, room=frame.name, title=title,
                format_key=want.format_key, levels=want.levels, topics=want.topics,
                tools=want.tools, capacity=max(1, min(frame.capacity, share)),
                reason=want.reason, hosts=want.hosts,
            ))
    return sessions
