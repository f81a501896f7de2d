"""Fit costs and the reasons people read: level, goal, problem, interests, level card, stars."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from immerse.engine.agenda.costs import (
    BASE,
    FORMAT_BONUS,
    GOAL_BONUS,
    INTEREST_BONUS,
    LEVEL_STEP,
    PROBLEM_BONUS,
    PersonFacts,
    SessionFacts,
    fit,
    goal_met_by,
)
from immerse.engine.catalogue import FORMATS, GOALS, TOOLS
from immerse.engine.wording import wording_problems


def person(level: int | None = 1, interests: tuple[str, ...] = (),
           wishes: tuple[str, ...] = (), goal: str | None = None,
           problems: str = "") -> PersonFacts:
    return PersonFacts(level, frozenset(interests), frozenset(wishes), goal, problems)


def session(key: str = "s1", levels: tuple[int, ...] = (1,), topics: tuple[str, ...] = (),
            tools: tuple[str, ...] = (), fmt: str = "plenary") -> SessionFacts:
    return SessionFacts(key, "Reels", levels, topics, tools, fmt)


def test_fit_at_the_persons_level_costs_the_base() -> None:
    assert fit(person(level=2), session(levels=(2, 3))) == (
        BASE, "Made for Baby steps, your level.")


def test_fit_two_levels_away_costs_two_steps_more_and_says_it_is_a_stretch() -> None:
    assert fit(person(level=1), session(levels=(3, 4))) == (
        BASE + 2 * LEVEL_STEP, "Two steps up from Eye-opener, your level: a stretch.")


def test_fit_below_the_persons_level_is_a_step_back_where_they_can_help() -> None:
    assert fit(person(level=4), session(levels=(3,))) == (
        BASE + LEVEL_STEP, "A step back from Just do it, your level: you can help others here.")


def test_fit_of_a_starred_session_is_zero_and_says_so_first() -> None:
    cost, reason = fit(person(level=1, wishes=("s1",)), session(levels=(4,)))
    assert cost == 0.0
    assert reason == "You starred it. Three steps up from Eye-opener, your level: a stretch."


def test_fit_matching_a_topic_or_a_tool_earns_the_bonus_once() -> None:
    facts = session(topics=("Video",), tools=("video-sharing",))
    assert fit(person(interests=("video", "video-sharing")), facts) == (
        BASE - INTEREST_BONUS,
        "You asked about Video and video sharing. Made for Eye-opener, your level.")


def test_fit_of_an_unassessed_person_reads_them_as_level_one() -> None:
    assert fit(person(level=None), session(levels=(2,)))[0] == BASE + LEVEL_STEP


def test_fit_of_a_session_for_every_level_says_so() -> None:
    assert fit(person(level=3), session(levels=(1, 2, 3, 4))) == (
        BASE, "Open to every level.")


def test_the_issue_preparation_attendee_who_asked_for_a_plan_prefers_the_workshop() -> None:
    # Issue 19: a Preparation attendee who chose "a plan to take home" got no workshop and
    # "Why: Preparation" everywhere. Now the workshop is the cheapest session in its slot.
    wants_plan = person(level=3, goal="plan")
    workshop = fit(wants_plan, session("w", (3,), ("planning",), fmt="workshop"))
    lab = fit(wants_plan, session("l", (1, 2, 3), fmt="lab"))
    strategy = fit(wants_plan, session("s", (2, 3), fmt="strategy"))
    assert workshop[0] == BASE - GOAL_BONUS - FORMAT_BONUS
    assert workshop[0] < min(lab[0], strategy[0])
    assert workshop[1] == ("You asked for a plan to take home: this workshop ends with yours. "
                           "Made for Preparation, your level.")


def test_a_goal_never_outweighs_a_level_step() -> None:
    # A Baby steps person who asked for a plan still sits at their own level first.
    wants_plan = person(level=2, goal="plan")
    workshop, _ = fit(wants_plan, session("w", (3,), fmt="workshop"))
    story, _ = fit(wants_plan, session("s", (1, 2), fmt="story"))
    assert story < workshop


def test_a_problem_naming_the_sessions_tool_is_quoted_in_the_reason() -> None:
    worried = person(level=2, problems="Management sees video sharing as a waste of time; "
                                       "I need a business case.")
    cost, reason = fit(worried, session(levels=(2,), tools=("video-sharing",), fmt="strategy"))
    assert cost == BASE - PROBLEM_BONUS - FORMAT_BONUS
    assert reason.startswith("You wrote “Management sees video sharing as a waste of time; "
                             "I need a business case”: it covers video sharing. ")


def test_a_problem_matches_a_topic_by_its_words_not_by_chance_letters() -> None:
    worried = person(problems="I do not know how to measure our results.")
    assert fit(worried, session(topics=("measuring results",)))[1].startswith(
        "You wrote “I do not know how to measure our results”: it covers measuring results.")
    assert fit(worried, session(topics=("video",)))[1] == "Made for Eye-opener, your level."


def test_the_level_cards_first_format_is_named_when_no_goal_matched() -> None:
    _, reason = fit(person(level=1), session(fmt="story"))
    assert reason == "Your level card puts story sessions first. Made for Eye-opener, your level."


def test_goal_met_by_the_formats_of_the_goal_only() -> None:
    assert goal_met_by(person(goal="context"), session(fmt="provocation"))
    assert not goal_met_by(person(goal="context"), session(fmt="workshop"))
    assert not goal_met_by(person(goal=None), session(fmt="workshop"))


def test_every_goal_names_catalogue_formats_and_the_questionnaires_choices() -> None:
    from immerse.engine.levels import QUESTION_BY_KEY

    assert {g.key for g in GOALS} == {c.key for c in QUESTION_BY_KEY["want"].choices}
    assert all(f in {fmt.key for fmt in FORMATS} for g in GOALS for f in g.formats)


@given(level=st.sampled_from([None, 1, 2, 3, 4]),
       levels=st.sets(st.integers(1, 4), min_size=1).map(tuple),
       fmt=st.sampled_from([f.key for f in FORMATS]),
       goal=st.sampled_from([None, *(g.key for g in GOALS)]),
       tools=st.lists(st.sampled_from([t.key for t in TOOLS]), max_size=3, unique=True),
       interests=st.lists(st.sampled_from([t.key for t in TOOLS]), max_size=2),
       problem_tool=st.sampled_from(["", *(t.label.lower() for t in TOOLS)]),
       starred=st.booleans())
def test_every_reason_reads_cleanly_and_every_cost_keeps_its_order(
        level: int | None, levels: tuple[int, ...], fmt: str, goal: str | None,
        tools: list[str], interests: list[str], problem_tool: str, starred: bool) -> None:
    facts = person(level, tuple(interests), ("s1",) if starred else (), goal,
                   f"We post on {problem_tool} but nobody answers." if problem_tool else "")
    cost, reason = fit(facts, session(levels=levels, tools=tuple(tools), fmt=fmt,
                                      topics=("listening",)))
    assert wording_problems(reason) == []
    assert reason[0].isupper() and reason.endswith(".") and len(reason) <= 300
    assert cost == 0.0 if starred else cost > 0.0  # a star always wins
