"""Session pitches: what happens, who gains what, who should go elsewhere; never formulaic."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from immerse.engine.catalogue import FORMATS, TOOLS
from immerse.engine.pitch import PitchError, session_pitch
from immerse.engine.wording import wording_problems

LEVEL_SETS = [tuple(c) for n in (1, 2, 3, 4) for c in itertools.combinations((1, 2, 3, 4), n)]


def test_a_story_for_eye_openers_says_what_they_take_away_and_where_others_go() -> None:
    pitch = session_pitch(format_key="story", levels=[1], tools=["microblogging"])
    assert pitch == (
        "People who started with microblogging tell what they did, what happened and what "
        "they would do again. Never tried microblogging? You leave knowing how others began, "
        "and which first step could be yours. Use microblogging already? A context & "
        "strategy talk or a hands-on lab takes you further.")


def test_a_workshop_promises_the_plan_and_points_both_ways() -> None:
    pitch = session_pitch(format_key="workshop", levels={3}, topics=["measuring results"],
                          tools=["video-sharing", "blogging"])
    assert pitch.startswith("A small facilitated group works on each person's own case with "
                            "video sharing and blogging. Know where video sharing and blogging "
                            "fit your work? You leave with your own plan, reviewed by peers "
                            "and an expert.")
    assert "Also on measuring results." in pitch
    assert "Already run video sharing and blogging for work and could teach them?" in pitch
    assert pitch.endswith("The community space is yours. Just starting and still looking for "
                          "the business case? A context & strategy talk comes first.")


def test_two_levels_each_get_their_own_sentence() -> None:
    pitch = session_pitch(format_key="lab", levels=[2, 1], tools=["wikis"])
    assert "Never used wikis? You leave with it set up and a first try behind you." in pitch
    assert "Use wikis a little? You try the features you had not dared to yet." in pitch
    assert "Ready to write your own plan? A facilitated workshop suits you better." in pitch


def test_every_level_is_honest_about_depth() -> None:
    pitch = session_pitch(format_key="provocation", levels=[1, 2, 3, 4], tools=[])
    assert pitch.endswith("Open to every level, so it cannot go deep into any one person's "
                          "plan.")
    assert "beginners see what is possible" in session_pitch(
        format_key="listening", levels=[1, 2, 3, 4], tools=["forums"])


def test_a_topic_the_subject_already_says_is_not_repeated() -> None:
    pitch = session_pitch(format_key="strategy", levels=[2], topics=["video", "strategy"],
                          tools=["video-sharing"])
    assert "Why video sharing matters for the business: where it fits" in pitch
    assert "Also on strategy." in pitch and "Also on video" not in pitch


def test_several_tools_take_the_plural() -> None:
    pitch = session_pitch(format_key="strategy", levels=[2],
                          tools=["video-sharing", "live-video"])
    assert pitch.startswith("Why video sharing and live video matter for the business: "
                            "where they fit, what they cost and what they return")


def test_no_tools_speaks_of_social_tools_and_invents_no_numbers() -> None:
    pitch = session_pitch(format_key="strategy", levels=[2], topics=[], tools=[])
    assert "social tools" in pitch
    assert not any(ch.isdigit() for ch in pitch)


def test_pitches_vary_with_format_and_level() -> None:
    # Issue 19: the same "This is your session if you have not tried X yet or …" everywhere.
    by_format = {session_pitch(format_key=f.key, levels=f.levels, tools=["blogging"])
                 for f in FORMATS}
    assert len(by_format) == len(FORMATS)
    by_level = {session_pitch(format_key="lab", levels=[level], tools=["blogging"])
                for level in (1, 2, 3, 4)}
    assert len(by_level) == 4
    openings = {p.split(".")[0] for p in by_format}
    assert len(openings) == len(FORMATS)
    assert not any("This is your session if" in p for p in by_format)


@settings(max_examples=300, deadline=None)
@given(fmt=st.sampled_from([f.key for f in FORMATS]), levels=st.sampled_from(LEVEL_SETS),
       tools=st.lists(st.sampled_from([t.key for t in TOOLS]), max_size=3, unique=True),
       topics=st.lists(st.sampled_from(["planning", "video", "community of practice",
                                        "Strategy", "cases", "listening"]), max_size=2))
def test_every_pitch_over_the_catalogue_reads_cleanly(
        fmt: str, levels: tuple[int, ...], tools: list[str], topics: list[str]) -> None:
    pitch = session_pitch(format_key=fmt, levels=levels, topics=topics, tools=tools)
    assert wording_problems(pitch) == [], pitch
    assert " they? " not in pitch and "teach they" not in pitch
    assert pitch == session_pitch(format_key=fmt, levels=levels, topics=topics, tools=tools)
    assert pitch[0].isupper() and pitch.endswith(".")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"format_key": "keynote"}, "format_key"),
        ({"levels": []}, "levels"),
        ({"levels": [5]}, "levels"),
        ({"tools": ["myspace"]}, "tools"),
    ],
)
def test_bad_session_names_the_field(kwargs: dict[str, object], field: str) -> None:
    args: dict[str, object] = {"format_key": "story", "levels": [1], "topics": [], "tools": []}
    args.update(kwargs)
    with pytest.raises(PitchError, match=f"^{field}: "):
        session_pitch(**args)  # type: ignore[arg-type]
