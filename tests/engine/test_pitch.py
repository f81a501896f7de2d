"""“This is your session if…” pitches."""

from __future__ import annotations

import pytest

from immerse.engine.catalogue import FORMATS
from immerse.engine.pitch import PitchError, session_pitch


def test_story_for_eye_openers_says_who_it_is_not_for() -> None:
    pitch = session_pitch(
        title="How three charities started", format_key="story", levels=[1], topics=[],
        tools=["microblogging"],
    )
    assert pitch == (
        "How three charities started. This is your session if you have not tried "
        "microblogging yet and want to hear how others started, what happened and what they "
        "would do again. Not for you if you already use microblogging: try a context & "
        "strategy talk instead."
    )


def test_workshop_for_preparation_points_both_ways() -> None:
    pitch = session_pitch(
        title="Your plan", format_key="workshop", levels={3}, topics=["measuring results"],
        tools=["video-sharing", "blogging"],
    )
    assert "This is your session if you know where video sharing or blogging fit your work" \
        in pitch
    assert "leave with a plan to take home" in pitch
    assert "Topics: measuring results." in pitch
    assert "Not for you if you already run video sharing or blogging for work and could " \
        "teach it: try the community space instead." in pitch
    assert "Not for you if you are just starting to use video sharing or blogging and still " \
        "look for the business case: start with a context & strategy talk." in pitch


def test_two_levels_are_both_named() -> None:
    pitch = session_pitch(title="", format_key="lab", levels=[2, 1], topics=[], tools=["wikis"])
    assert pitch.startswith(
        "This is your session if you have not tried wikis yet or you use wikis but are not "
        "sure yet where it fits your work, and want to set it up and try it yourself"
    )
    assert "Not for you if you are ready to write your own plan for wikis: try a facilitated " \
        "workshop instead." in pitch


def test_community_for_practitioners_sends_others_to_workshops() -> None:
    pitch = session_pitch(title="CoP", format_key="community", levels=[4], topics=[],
                          tools=["wikis"])
    assert "you already practise wikis at work" in pitch
    assert pitch.endswith("Not for you if you are ready to write your own plan for wikis: "
                          "start with a facilitated workshop.")


def test_all_levels_is_honest_about_depth() -> None:
    pitch = session_pitch(title="Opening", format_key="listening", levels=[1, 2, 3, 4],
                          topics=[], tools=[])
    assert "whatever your level" in pitch
    assert pitch.endswith("it does not go deep into any one person's plan.")


@pytest.mark.parametrize("fmt", [f.key for f in FORMATS])
def test_every_format_has_a_pitch_with_a_not_for_part(fmt: str) -> None:
    for levels in ([1], [2, 3], [4], [1, 2, 3, 4]):
        pitch = session_pitch(title="T", format_key=fmt, levels=levels, topics=["x"],
                              tools=["blogging"])
        assert pitch.startswith("T. This is your session if ")
        assert "Not for you if" in pitch or "does not go deep" in pitch or "cannot go deep" \
            in pitch
        assert "{" not in pitch and "  " not in pitch
        assert pitch == session_pitch(title="T", format_key=fmt, levels=levels,
                                      topics=["x"], tools=["blogging"])


def test_no_tools_speaks_of_social_tools_and_invents_no_numbers() -> None:
    pitch = session_pitch(title="", format_key="strategy", levels=[2], topics=[], tools=[])
    assert "social tools" in pitch
    assert not any(ch.isdigit() for ch in pitch)


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
    args: dict[str, object] = {"title": "T", "format_key": "story", "levels": [1],
                               "topics": [], "tools": []}
    args.update(kwargs)
    with pytest.raises(PitchError, match=f"^{field}: "):
        session_pitch(**args)  # type: ignore[arg-type]
