"""The program builder: a skeleton that follows the ladder's rules, checked independently."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from immerse.engine.catalogue import FORMAT_BY_KEY
from immerse.engine.inventory import AttendeeRecord, room_inventory
from immerse.engine.levels import ToolUse
from immerse.engine.program_builder import (
    IntakeSummary,
    ProgramError,
    ProgramProposal,
    RoomFrame,
    SlotFrame,
    build_program,
)

FOUR_SLOTS = (
    SlotFrame(time(9), time(10, 30)),
    SlotFrame(time(11), time(12, 30)),
    SlotFrame(time(14), time(15, 30)),
    SlotFrame(time(16), time(17, 30)),
)
ROOMS = (RoomFrame("Hall", 100), RoomFrame("A", 30), RoomFrame("B", 25),
         RoomFrame("C", 20), RoomFrame("D", 12))
INTAKE = IntakeSummary(
    attendees=90,
    levels={1: 32, 2: 28, 3: 20, 4: 10},
    tool_users={"social-networking": 70, "microblogging": 50, "video-sharing": 20,
                "blogging": 15},
    themes=("Measuring results", "Management buy-in", "Time and budget"),
)


def check_proposal(
    proposal: ProgramProposal,
    *,
    intake: IntakeSummary,
    days: int,
    slots: Sequence[SlotFrame],
    rooms: Sequence[RoomFrame],
) -> None:
    """Independent checks every proposal must pass, whatever the frame."""
    capacity = {r.name: r.capacity for r in rooms}
    used = Counter((s.day, s.slot_index, s.room) for s in proposal.sessions)
    assert max(used.values()) == 1, "a room holds two sessions at once"
    present = {lv for lv, n in intake.levels.items() if n}
    for s in proposal.sessions:
        assert 1 <= s.day <= days and 0 <= s.slot_index < len(slots)
        assert s.format_key in FORMAT_BY_KEY
        assert 1 <= s.capacity <= min(capacity[s.room], intake.attendees)
        assert set(s.levels) <= present and s.levels
        assert set(s.hosts) <= present
        assert s.title and s.reason
    first = [s for s in proposal.sessions if s.day == 1 and s.slot_index == 0]
    assert first and all(s.format_key == "listening" for s in first)
    assert {lv for s in first for lv in s.levels} == present
    for day in range(1, days + 1):
        today = [s for s in proposal.sessions if s.day == day]
        if len(slots) >= 2:
            assert any(s.format_key == "lab" for s in today), f"day {day} has no hands-on"
        served = {lv for s in today for lv in (*s.levels, *s.hosts)}
        assert served == present, f"day {day} leaves out levels {present - served}"


def build(**overrides: object) -> ProgramProposal:
    args: dict[str, object] = {"intake": INTAKE, "days": 5, "slots_per_day": FOUR_SLOTS,
                               "rooms": ROOMS}
    args.update(overrides)
    return build_program(**args)  # type: ignore[arg-type]


def test_five_day_immersion_follows_the_rules() -> None:
    proposal = build()
    check_proposal(proposal, intake=INTAKE, days=5, slots=FOUR_SLOTS, rooms=ROOMS)
    first = proposal.sessions[0]
    assert (first.day, first.slot_index, first.room, first.format_key) == (
        1, 0, "Hall", "listening")
    assert first.capacity == 90


def test_provocations_are_spaced_one_per_day() -> None:
    proposal = build()
    days = [s.day for s in proposal.sessions if s.format_key == "provocation"]
    assert days == [1, 3, 5]
    assert "Expert provocation 2 of 3" in next(
        s.reason for s in proposal.sessions if s.format_key == "provocation" and s.day == 3)


@pytest.mark.parametrize(("days", "count"), [(5, 5), (4, 2), (3, 3), (2, 1), (7, 4)])
def test_never_two_provocations_a_day_when_days_suffice(days: int, count: int) -> None:
    proposal = build(days=days, provocations=count)
    per_day = Counter(s.day for s in proposal.sessions if s.format_key == "provocation")
    assert sum(per_day.values()) == count
    assert max(per_day.values()) == 1


def test_more_provocations_than_days_is_noted() -> None:
    proposal = build(days=2, provocations=3)
    assert "3 provocations over 2 days: some days have two." in proposal.notes


def test_each_level_gets_its_format_every_day() -> None:
    proposal = build()
    for day in range(1, 6):
        formats = {(s.format_key, s.levels) for s in proposal.sessions if s.day == day}
        assert ("story", (1,)) in formats
        assert ("strategy", (2,)) in formats
        assert ("workshop", (3,)) in formats
        assert ("community", (4,)) in formats


def test_capacity_is_sized_from_level_counts_with_reasons() -> None:
    proposal = build()
    day2 = [s for s in proposal.sessions if s.day == 2 and s.slot_index == 0]
    by_format = {s.format_key: s for s in day2}
    assert by_format["story"].capacity == 32
    assert by_format["strategy"].capacity == 28
    assert by_format["workshop"].capacity == 20
    assert by_format["community"].capacity == 10
    assert by_format["story"].reason == (
        "32 of 90 are at Eye-opener; 40 of 90 do not use microblogging yet: story & case "
        "sharing on day 2."
    )
    assert by_format["workshop"].topics == ("Management buy-in",)
    assert "plan" in by_format["workshop"].title and "take home" in by_format["workshop"].title


def test_practitioners_host_labs_and_tables() -> None:
    proposal = build()
    for s in proposal.sessions:
        if s.format_key in ("lab", "table"):
            assert s.hosts == (4,)
    tables = [s for s in proposal.sessions if s.format_key == "table"]
    assert tables and all("10 Just do it practitioners host" in s.reason for s in tables)


def test_every_slot_seats_everyone_when_rooms_are_big_enough() -> None:
    rooms = [RoomFrame(name, 90) for name in "ABCD"]
    proposal = build(rooms=rooms)
    seats: defaultdict[tuple[int, int], int] = defaultdict(int)
    for s in proposal.sessions:
        seats[(s.day, s.slot_index)] += s.capacity
    assert min(seats.values()) >= 90
    assert not any("seats" in note for note in proposal.notes)


def test_overflow_is_split_over_spare_rooms_and_short_seats_noted() -> None:
    rooms = [RoomFrame("A", 30), RoomFrame("B", 30), RoomFrame("C", 30)]
    proposal = build(days=1, rooms=rooms)
    check_proposal(proposal, intake=INTAKE, days=1, slots=FOUR_SLOTS, rooms=rooms)
    listening = [s for s in proposal.sessions if s.format_key == "listening"]
    assert sum(s.capacity for s in listening) == 90
    assert [s.title.endswith(f"(group {i})") for i, s in enumerate(listening, 1)] == [True] * 3
    assert any("needs" in note and "seats" in note for note in proposal.notes)


def test_one_day_conference_with_parallel_rooms() -> None:
    slots = FOUR_SLOTS
    rooms = [RoomFrame("Main", 120), RoomFrame("Side", 40), RoomFrame("Small", 20)]
    intake = IntakeSummary(attendees=60, levels={1: 30, 2: 20, 3: 10},
                           disciplines={"pr": 30, "marketing": 30, "hr": 0})
    proposal = build_program(intake=intake, days=1, slots_per_day=slots, rooms=rooms,
                             provocations=0)
    check_proposal(proposal, intake=intake, days=1, slots=slots, rooms=rooms)
    assert [s.reason for s in proposal.sessions if s.format_key == "table"] == [
        "Round tables mixing the levels and 2 disciplines on day 1; facilitators host (no "
        "Just do it practitioners registered)."
    ]
    assert any("No Just do it practitioners" in note for note in proposal.notes)
    parallel = Counter(s.slot_index for s in proposal.sessions)
    assert parallel[1] == 3


def test_one_room_merges_levels() -> None:
    rooms = [RoomFrame("Only", 100)]
    proposal = build(days=2, rooms=rooms)
    check_proposal(proposal, intake=INTAKE, days=2, slots=FOUR_SLOTS, rooms=rooms)
    assert {s.levels for s in proposal.sessions if s.format_key == "story"} == {(1, 2, 3, 4)}


def test_small_room_of_eye_openers_gets_no_provocation() -> None:
    intake = IntakeSummary(attendees=8, levels={1: 8})
    rooms = [RoomFrame("A", 10), RoomFrame("B", 10)]
    proposal = build_program(intake=intake, days=3, slots_per_day=FOUR_SLOTS, rooms=rooms)
    check_proposal(proposal, intake=intake, days=3, slots=FOUR_SLOTS, rooms=rooms)
    assert not any(s.format_key == "provocation" for s in proposal.sessions)


def test_too_few_slots_is_noted() -> None:
    proposal = build(days=1, slots_per_day=FOUR_SLOTS[:1])
    assert [s.format_key for s in proposal.sessions] == ["listening"]
    assert proposal.notes[0].startswith("Day 1: not enough slots for a hands-on lab, a session "
                                        "per level")


def test_unassessed_attendees_count_as_eye_openers() -> None:
    intake = IntakeSummary(attendees=40, levels={2: 10, 3: 10})
    proposal = build(intake=intake, days=1)
    story = next(s for s in proposal.sessions if s.format_key == "story")
    assert story.capacity == 20 and story.reason.startswith("20 of 40 are at Eye-opener")


def test_large_immersion_is_noted() -> None:
    intake = IntakeSummary(attendees=120, levels={1: 60, 2: 60})
    assert any("fewer than 100" in n for n in build(intake=intake).notes)


def test_same_seed_same_program_and_seed_breaks_ties() -> None:
    plain = IntakeSummary(attendees=20, levels={1: 10, 3: 10})
    assert build(intake=plain, seed=3) == build(intake=plain, seed=3)
    tools = {
        seed: tuple(s.tools for s in build(intake=plain, seed=seed).sessions) for seed in range(4)
    }
    assert len(set(tools.values())) > 1


def test_intake_from_inventory_and_themes() -> None:
    records = [AttendeeRecord(1, tool_uses={"podcasts": ToolUse("weekly")})] * 6 + [
        AttendeeRecord(3, tool_uses={"wikis": ToolUse("daily")})] * 4
    intake = IntakeSummary.from_inventory(room_inventory(records), ["Time and budget"])
    assert intake.attendees == 10
    assert intake.levels == {1: 6, 2: 0, 3: 4, 4: 0}
    assert intake.tool_users["podcasts"] == 6 and intake.tool_users["wikis"] == 4
    assert intake.disciplines["other"] == 10
    proposal = build(intake=intake, days=2)
    check_proposal(proposal, intake=intake, days=2, slots=FOUR_SLOTS, rooms=ROOMS)


@st.composite
def frames(draw: st.DrawFn) -> tuple[IntakeSummary, int, tuple[SlotFrame, ...], list[RoomFrame]]:
    counts = {lv: draw(st.integers(0, 30)) for lv in (1, 2, 3, 4)}
    unassessed = draw(st.integers(0, 5))
    attendees = max(1, sum(counts.values()) + unassessed)
    users = {"blogging": draw(st.integers(0, attendees)),
             "wikis": draw(st.integers(0, attendees))}
    themes = draw(st.lists(st.sampled_from(["Budget", "Buy-in", "Metrics"]), max_size=3))
    intake = IntakeSummary(attendees=attendees, levels=counts, tool_users=users,
                           themes=tuple(themes))
    n_slots = draw(st.integers(1, 4))
    rooms = [RoomFrame(f"R{i}", draw(st.integers(1, 60))) for i in range(draw(st.integers(1, 5)))]
    return intake, draw(st.integers(1, 5)), FOUR_SLOTS[:n_slots], rooms


@settings(max_examples=60, deadline=None)
@given(frames())
def test_any_frame_gives_a_valid_deterministic_proposal(
    frame: tuple[IntakeSummary, int, tuple[SlotFrame, ...], list[RoomFrame]],
) -> None:
    intake, days, slots, rooms = frame
    proposal = build_program(intake=intake, days=days, slots_per_day=slots, rooms=rooms)
    levels = dict(intake.levels)
    levels[1] = levels.get(1, 0) + intake.attendees - sum(intake.levels.values())
    counted = replace(intake, levels=levels)  # unassessed are sized as Eye-openers
    if len(slots) >= 2:
        check_proposal(proposal, intake=counted, days=days, slots=slots, rooms=rooms)
    per_day = Counter(s.day for s in proposal.sessions if s.format_key == "provocation")
    assert not per_day or max(per_day.values()) == 1
    from immerse.engine.wording import wording_problems

    for text in [*(s.title for s in proposal.sessions), *(s.reason for s in proposal.sessions),
                 *proposal.notes]:
        assert wording_problems(text) == [], text
    assert proposal == build_program(intake=intake, days=days, slots_per_day=slots,
                                      rooms=rooms)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"days": 0}, "days: need at least 1"),
        ({"slots_per_day": []}, "slots_per_day: need at least one slot"),
        ({"slots_per_day": [SlotFrame(time(10), time(9))]}, r"slots_per_day\[0\]"),
        ({"slots_per_day": [SlotFrame(time(9), time(11)), SlotFrame(time(10), time(12))]},
         r"slots_per_day\[1\]: starts before"),
        ({"rooms": []}, "rooms: need at least one room"),
        ({"rooms": [RoomFrame("A", 0)]}, r"rooms\[0\] \(A\): capacity"),
        ({"rooms": [RoomFrame("A", 5), RoomFrame("A", 5)]}, r"rooms\[1\]: the name 'A'"),
        ({"intake": IntakeSummary(attendees=0, levels={})}, "intake.attendees"),
        ({"intake": IntakeSummary(attendees=5, levels={7: 5})}, "intake.levels"),
        ({"intake": IntakeSummary(attendees=5, levels={1: 6})}, "intake.levels: more people"),
        ({"intake": IntakeSummary(attendees=5, levels={1: 5}, tool_users={"x": 1})},
         "intake.tool_users"),
        ({"provocations": -1}, "provocations"),
        ({"intake": IntakeSummary(attendees=5, levels={1: 5}, disciplines={"law": 5})},
         "intake.disciplines: 'law'"),
    ],
)
def test_bad_frame_names_the_field(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(ProgramError, match=message):
        build(**overrides)


def test_proposals_are_titled_with_readable_themes_and_quote_people() -> None:
    # Issue 19: "Provocation: Account / month / reacted", "Workshop: your plan for Posting /
    # listened / missed". Titles now use a theme's name; reasons quote someone's sentence.
    from immerse.engine.themes import problem_themes
    from immerse.engine.wording import wording_problems

    texts = ["Legal wants to approve every forums message, so we are always too late.",
             "Legal wants to approve every wikis message, so we are always too late.",
             "We started a podcasts account and the first month nobody reacted.",
             "We started a blogging account and the first month nobody reacted.",
             "I want to start with wikis but don't know what to post first.",
             "I want to start with forums but don't know what to post first."] * 2
    intake = replace(INTAKE, themes=tuple(problem_themes(texts, max_themes=3)))
    proposal = build(intake=intake, days=3)
    titled = {s.title for s in proposal.sessions if s.format_key in ("workshop", "table")}
    assert "Workshop on approval, policy and risk: your plan to take home" in titled
    assert "Round tables on reaching an audience" in titled
    workshop = next(s for s in proposal.sessions if s.format_key == "workshop")
    assert "4 stories and problems like “" in workshop.reason
    for item in proposal.sessions:
        assert wording_problems(item.title) == [] and wording_problems(item.reason) == []
        assert " / " not in item.title
    assert all(wording_problems(note) == [] for note in proposal.notes)
