"""Problem themes read like a person wrote them: a name, a quote, the tools named."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from immerse.engine.catalogue import TOOLS
from immerse.engine.themes import KEYWORD_THEMES, OTHER, problem_themes
from immerse.engine.wording import wording_problems

# The sentences people brought to the demo immersion (issue 19 saw "Office / goal / help").
TEMPLATES = (
    "Legal wants to approve every {tool} message, so we are always too late.",
    "I do not know how to measure whether {tool} helps our marketing goals.",
    "Management sees {tool} as a waste of time; I need a business case.",
    "We have five people posting on {tool} with five different voices.",
    "IT blocks {tool} on the office network and staff use their phones instead.",
    "I want to start with {tool} but don't know what to post first.",
    "Our press office colleagues are afraid of negative comments on {tool}.",
    "We started a {tool} account for our IT team and the first month nobody reacted.",
    "We listened on {tool} for two weeks before posting and found three topics we had missed.",
)


def room_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(TEMPLATES).format(tool=rng.choice(TOOLS).label.lower())
            for _ in range(n)]


def test_themes_are_named_quoted_and_say_which_tools() -> None:
    texts = [t.format(tool=tool) for t in TEMPLATES[:3] for tool in ("wikis", "forums")]
    themes = problem_themes(texts, max_themes=3, seed=0)
    assert [(t.label, len(t.members)) for t in themes] == [
        ("Approval, policy and risk", 2), ("Measuring results", 2), ("Management buy-in", 2)]
    assert themes[0].quote in ("“Legal wants to approve every wikis message, so we are always "
                               "too late”", "“Legal wants to approve every forums message, so "
                               "we are always too late”")
    assert themes[0].about_text == "wikis and forums"


def test_a_group_that_fits_no_named_theme_is_named_by_its_own_words() -> None:
    texts = ["Our intranet migration ate the whole spring"] * 3 + \
            ["The regional office wants its own channel name"] * 3
    labels = [t.label for t in problem_themes(texts, seed=0)]
    assert "“Our intranet migration ate the whole spring”" in labels


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 60), seed=st.integers(0, 1000), max_themes=st.integers(1, 8))
def test_every_theme_reads_cleanly(n: int, seed: int, max_themes: int) -> None:
    texts = room_texts(n, seed)
    themes = problem_themes(texts, max_themes=max_themes, seed=seed)
    assert sorted(i for t in themes for i in t.members) == list(range(n))
    labels = [t.label for t in themes]
    assert len(set(labels)) == len(labels)  # no two themes share a name
    for theme in themes:
        assert theme.label and theme.quote.startswith("“") and theme.quote.endswith("”")
        for text in (theme.label, theme.quote, theme.about_text):
            assert wording_problems(text) == [], text
        assert " / " not in theme.label
        named = {label for label, _ in KEYWORD_THEMES} | {OTHER}
        assert theme.label in named or theme.label.startswith("“")
