"""The room inventory, its public summary with suppression, and problem themes."""

from __future__ import annotations

import json
import random

import pytest

from immerse.engine.catalogue import DISCIPLINES, FREQUENCIES, TOOLS
from immerse.engine.inventory import (
    AttendeeRecord,
    InventoryError,
    is_user,
    problem_themes,
    public_summary,
    room_inventory,
)
from immerse.engine.levels import ToolUse


def person(
    level: int | None,
    discipline: str = "other",
    organization: str = "",
    **uses: str,
) -> AttendeeRecord:
    tool_uses = {key.replace("_", "-"): ToolUse(freq, 3) for key, freq in uses.items()}
    return AttendeeRecord(level, discipline, organization, tool_uses=tool_uses)


def hand_made_room() -> list[AttendeeRecord]:
    return [
        person(1, "pr", "Acme", blogging="never", microblogging="tried"),
        person(1, "pr", "acme ", microblogging="monthly"),
        person(2, "marketing", "Beta", microblogging="weekly", blogging="daily"),
        person(3, "marketing", "Gamma  Corp", microblogging="daily", blogging="tried"),
        person(4, "technology", "gamma corp", microblogging="daily", blogging="weekly"),
        person(None, "hr", "", video_sharing="monthly"),
    ]


def test_uses_means_at_least_monthly() -> None:
    assert [is_user(ToolUse(key)) for key, _ in FREQUENCIES] == [False, False, True, True, True]
    assert not is_user(None)


def test_inventory_counts_on_a_hand_made_room() -> None:
    room = room_inventory(hand_made_room())
    assert room.attendees == 6
    assert room.levels == {1: 2, 2: 1, 3: 1, 4: 1}
    assert room.unassessed == 1
    assert room.disciplines == {
        "marketing": 2, "pr": 2, "technology": 1, "communications": 0, "hr": 1, "other": 0,
    }
    assert room.organizations == 3  # Acme, Beta, Gamma Corp (case and spaces ignored)
    micro = room.tools["microblogging"]
    assert (micro.users, micro.tried, micro.never) == (4, 1, 1)
    assert micro.by_level == {1: 1, 2: 1, 3: 1, 4: 1}
    assert micro.by_discipline["marketing"] == 2
    assert micro.frequency == {"never": 1, "tried": 1, "monthly": 1, "weekly": 1, "daily": 2}
    blog = room.tools["blogging"]
    assert (blog.users, blog.tried, blog.never) == (2, 1, 3)
    assert room.tool_share("microblogging") == pytest.approx(4 / 6)
    assert room.level_tool_share("blogging", 2) == 1.0
    assert room.tools["podcasts"].never == 6


def test_json_shape_is_the_public_format() -> None:
    data = room_inventory(hand_made_room()).to_json()
    assert json.loads(json.dumps(data)) == data  # plain JSON types only
    assert data["attendees"] == 6
    assert data["levels"] == {"1": 2, "2": 1, "3": 1, "4": 1}
    assert list(data["tools"]) == [tool.key for tool in TOOLS]
    micro = data["tools"]["microblogging"]
    assert set(micro) >= {"users", "share", "by_level", "by_discipline", "frequency"}
    assert micro["users"] == 4
    assert micro["share"] == 0.6667
    assert micro["by_level"] == {"1": 1, "2": 1, "3": 1, "4": 1}
    assert set(micro["by_discipline"]) == {key for key, _ in DISCIPLINES}
    assert micro["frequency"]["daily"] == 2


def test_empty_room() -> None:
    room = room_inventory([])
    assert room.attendees == 0
    assert room.tool_share("blogging") == 0.0
    assert room.to_json()["levels"] == {"1": 0, "2": 0, "3": 0, "4": 0}


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (AttendeeRecord(5), "level"),
        (AttendeeRecord(1, "sales"), "discipline"),
        (AttendeeRecord(1, tool_uses={"myspace": ToolUse("daily")}), "tool_uses['myspace']"),
        (AttendeeRecord(1, tool_uses={"wikis": ToolUse("hourly")}), "tool_uses['wikis']"),
    ],
)
def test_bad_record_names_index_and_field(record: AttendeeRecord, field: str) -> None:
    with pytest.raises(InventoryError) as caught:
        room_inventory([AttendeeRecord(1), record])
    assert (caught.value.index, caught.value.field) == (1, field)
    assert str(caught.value).startswith(f"record 1, {field}: ")


def summary_room() -> list[AttendeeRecord]:
    """20 people: 10 Eye-openers, 7 Baby steps, 3 Preparation; tools with small cells."""
    levels = [1] * 10 + [2] * 7 + [3] * 3
    return [
        AttendeeRecord(
            level,
            "marketing" if i < 12 else "pr" if i < 18 else "hr",
            f"org{i % 4}",
            tool_uses={
                "social-networking": ToolUse("weekly" if i < 15 else "never"),
                "blogging": ToolUse("monthly" if i < 2 else "tried"),
                "wikis": ToolUse("daily" if i < 18 else "never"),
                "microblogging": ToolUse("daily"),
            },
        )
        for i, level in enumerate(levels)
    ]


def test_public_summary_sentences_and_suppression() -> None:
    sentences = public_summary(room_inventory(summary_room()))
    assert sentences[0] == "20 people from 4 organizations."
    # Preparation (3) is hidden, and Baby steps (7) with it: 20 - 10 - 7 would give it away.
    assert sentences[1] == (
        "Levels: 50% Eye-opener; not shown because the groups are small: Baby steps, "
        "Preparation."
    )
    # HR (2) hidden, PR (6) hidden with it.
    assert sentences[2] == (
        "Disciplines: 60% Marketing; not shown because the groups are small: PR, HR / people."
    )
    tools = sentences[3]
    # Blogging has 2 users; wikis has 18 users but only 2 non-users: both hidden.
    assert tools == (
        "Tools used at least monthly: 100% use microblogging, 75% use social networking; "
        "nobody uses social bookmarking, video sharing, live video, photo sharing, podcasts, "
        "location-based, forums, enterprise social network yet; not shown because the groups "
        "are small: wikis, blogging."
    )


def test_public_summary_never_shows_a_count_below_k() -> None:
    room = room_inventory(summary_room())
    text = " ".join(public_summary(room, k=5))
    for pct in ("15%", "35%", "10%", "30%", "90%"):  # 3, 7, 2, 6, 18 of 20
        assert pct not in text


def test_public_summary_waits_for_k_people() -> None:
    room = room_inventory(summary_room()[:4])
    assert public_summary(room) == [
        "Fewer than 5 people have registered so far; the summary of the room appears from 5 on."
    ]


OBVIOUS = [
    "How do we measure the ROI of our social media?",
    "Our metrics and analytics are a mess, how to measure impact",
    "Which KPI should we measure for ROI",
    "My boss does not see the point, management buy-in is missing",
    "Management will not approve, how do I convince my boss",
    "Leadership and management do not support it",
    "We have no time and no budget for video",
    "Video production costs too much budget",
    "Making videos takes so much time",
    "",
]


def test_themes_group_obvious_texts() -> None:
    themes = problem_themes(OBVIOUS)
    assert [theme.members for theme in themes] == [(0, 1, 2), (3, 4, 5), (6, 7, 8)]
    assert [theme.label for theme in themes] == [
        "Measuring results", "Management buy-in", "Time and budget"]
    assert "management" in themes[1].terms
    assert "video" in themes[2].terms


def test_themes_are_deterministic_for_a_seed() -> None:
    assert problem_themes(OBVIOUS, seed=7) == problem_themes(OBVIOUS, seed=7)


def test_themes_respect_max_themes() -> None:
    themes = problem_themes(OBVIOUS, max_themes=2)
    assert len(themes) == 2
    assert sorted(i for t in themes for i in t.members) == list(range(9))


def test_keyword_themes_for_tiny_inputs() -> None:
    themes = problem_themes(["How do I measure results?", "My boss wants approval first",
                             "   ", "Nothing in particular, curious"])
    assert [(t.label, t.members) for t in themes] == [
        ("Measuring results", (0,)),
        ("Management buy-in", (1,)),
        ("Other", (3,)),
    ]


def test_themes_of_nothing() -> None:
    assert problem_themes([]) == []
    assert problem_themes(["", "  "]) == []


def test_identical_texts_make_one_theme_without_warnings() -> None:
    themes = problem_themes(["No budget for video"] * 8)
    assert [t.members for t in themes] == [tuple(range(8))]


def test_theme_labels_use_only_their_members_words() -> None:
    themes = problem_themes(["video budget"] * 7 + ["boss approval"])
    assert [(t.terms, t.members) for t in themes] == [
        (("budget", "video"), tuple(range(7))),
        (("approval", "boss"), (7,)),
    ]


@pytest.mark.parametrize("seed", range(5))
def test_every_text_with_content_is_in_exactly_one_theme(seed: int) -> None:
    rng = random.Random(seed)
    words = ["video", "budget", "boss", "time", "measure", "roi", "blog", "audience",
             "policy", "privacy", "the", "and"]
    texts = [" ".join(rng.choices(words, k=rng.randint(0, 5))) for _ in range(25)]
    themes = problem_themes(texts, max_themes=5, seed=seed)
    members = sorted(i for t in themes for i in t.members)
    expected = [i for i, t in enumerate(texts) if set(t.split()) - {"the", "and"}]
    assert members == expected
    assert 1 <= len(themes) <= 5


def test_keyword_themes_beyond_max_go_to_other() -> None:
    texts = ["measure results", "boss approval", "no budget", "privacy policy", "hello"]
    themes = problem_themes(texts, max_themes=3)
    assert [(t.label, t.members) for t in themes] == [
        ("Measuring results", (0,)),
        ("Management buy-in", (1,)),
        ("Other", (2, 3, 4)),
    ]


def test_users_tried_never_add_up_for_every_tool() -> None:
    room = room_inventory(summary_room() + hand_made_room())
    for counts in room.tools.values():
        assert counts.users + counts.tried + counts.never == room.attendees == 26
        assert sum(counts.frequency.values()) == 26
        assert sum(counts.by_level.values()) <= counts.users
