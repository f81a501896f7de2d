"""A run's figures and the sentences organizers read: slots at level, worse days, goals."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from immerse.engine.agenda.costs import PersonFacts, SessionFacts
from immerse.engine.agenda.figures import satisfaction
from immerse.engine.agenda.model import AgendaSolution
from immerse.engine.agenda.planning import PlanAttendee, PlanSession, plan_agendas
from immerse.engine.agenda.summary import run_summary
from immerse.engine.wording import wording_problems

SLOTS = ("d1-am", "d1-pm", "d2-am", "d2-pm")
DAYS = {"d1-am": "day 1 (Mon)", "d1-pm": "day 1 (Mon)", "d2-am": "day 2 (Tue)",
        "d2-pm": "day 2 (Tue)"}


def two_day_plan():
    """Each slot: a story (level 1) and a workshop (level 3); four people at level 1."""
    sessions = [PlanSession(SessionFacts(f"{slot}-{fmt}", f"{fmt} {slot}", levels, (), (), fmt),
                            slot, 10)
                for slot in SLOTS for fmt, levels in (("story", (1,)), ("workshop", (3,)))]
    people = [PlanAttendee(f"p{i}", name, PersonFacts(1, frozenset(), frozenset(),
                                                      goal="stories"))
              for i, name in enumerate(("Ada", "Bo", "Cy", "Di"))]
    return plan_agendas(slots=SLOTS, sessions=sessions, attendees=people)


def solved(assignment: dict[str, tuple[str, ...]]) -> AgendaSolution:
    return AgendaSolution(0.0, 0.0, 0.0, assignment, "feasible", 0.0, "given")


def test_a_person_with_an_off_level_afternoon_has_a_worse_day_two() -> None:
    at_level = tuple(f"{slot}-story" for slot in SLOTS)
    worse = ("d1-am-story", "d1-pm-story", "d2-am-story", "d2-pm-workshop")
    figures = satisfaction(two_day_plan(), solved(
        {"p0": at_level, "p1": at_level, "p2": at_level, "p3": worse}),
        slot_labels={s: s for s in SLOTS}, slot_days=DAYS)
    assert figures["slots_everyone_at_level"] == 3
    assert figures["off_level_by_slot"] == [{"slot": "d2-pm", "people": 1}]
    assert figures["worse_days"] == [{"day": "day 2 (Tue)", "count": 1, "names": ["Di"],
                                      "typical": 2.0, "slots": 2}]
    assert figures["goals"] == {"asked": 4, "fitting": 4, "met": 4,
                                "by_goal": {"stories": {"asked": 4, "fitting": 4, "met": 4}},
                                "unmet": []}
    lines = run_summary(figures)
    assert [line.text for line in lines] == [
        "4 people have a personal agenda over 4 time slots.",
        "Everyone has a session at their level in 3 of 4 slots. Most away from their level: "
        "1 person at d2-pm.",
        "1 person has a worse day 2 (Tue) than the rest: fewer sessions at their level that "
        "day.",
        "Everyone who asked for something the program offers at their level got it: 4 of 4 "
        "for stories of what others did.",
    ]
    assert lines[2].who == ("Di",)


def test_people_whose_goal_was_not_met_are_named_and_missing_seats_said() -> None:
    plan = two_day_plan()
    figures = satisfaction(plan, solved({"p0": ("d1-am-workshop",), "p1": ("d1-am-story",),
                                         "p2": ("d1-am-story",), "p3": ("d1-am-story",)}))
    assert figures["goals"]["unmet"] == ["Ada"]  # Ada asked for stories, sits in a workshop
    assert figures["without_a_seat_somewhere"] == 4
    lines = {line.text: line.who for line in run_summary(figures)}
    assert lines["3 of 4 people who asked for something the program offers at their level got "
                 "it: 3 of 4 for stories of what others did."] == ("Ada",)
    assert "4 people have no session in at least one slot: the rooms then hold fewer people " \
           "than came." in lines


def test_runs_stored_before_these_figures_still_get_a_sentence() -> None:
    assert [line.text for line in run_summary({"attendees": 3, "share_all_at_level": 0.5})] == [
        "3 people have a personal agenda.", "50% have every session at their level."]
    assert run_summary({})[0].text.startswith("Nobody was planned")


@given(st.fixed_dictionaries({
    "attendees": st.integers(1, 5000), "slots": st.integers(1, 40),
    "without_a_seat_somewhere": st.integers(0, 50),
    "near_or_over_capacity": st.lists(st.fixed_dictionaries({
        "session": st.sampled_from(["Stories", "Lab: wikis"]), "seats": st.integers(1, 99),
        "assigned": st.integers(1, 99)}), max_size=7),
    "goals": st.fixed_dictionaries({
        "asked": st.integers(0, 30), "fitting": st.integers(0, 30), "met": st.integers(0, 30),
        "by_goal": st.just({"plan": {"asked": 3, "fitting": 2, "met": 1}}),
        "unmet": st.lists(st.sampled_from(["Ada", "Bo"]), max_size=2)}),
}).map(lambda d: {**d, "slots_everyone_at_level": d["slots"] // 2,
                  "off_level_by_slot": [{"slot": "Mon 9:00", "people": 1},
                                        {"slot": "Tue 9:00", "people": 7}]}))
def test_every_summary_sentence_reads_cleanly(stats: dict[str, object]) -> None:
    for line in run_summary(stats):
        assert wording_problems(line.text) == [], line.text
        assert (line.text[0].isupper() or line.text[0].isdigit()) and line.text.endswith(".")
