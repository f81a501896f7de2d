"""Distances from attendee profiles and the per-table figures the product shows."""

from __future__ import annotations

import numpy as np
import pytest

from immerse.engine.grouping import (
    AttendeeProfile,
    DistanceWeights,
    ProfileError,
    attendee_distances,
    profile_constraints,
    solve_groups,
    table_diversity,
)
from immerse.engine.grouping.profiles import story_distances

ONLY_TOOLS = DistanceWeights(tools=1, discipline=0, organization=0, level=0, region=0, story=0)


def test_each_component_adds_its_weight() -> None:
    a = AttendeeProfile(discipline="pr", organization="Acme", level=1, region="EU")
    b = AttendeeProfile(discipline="hr", organization="acme ", level=4, region="US")
    weights = DistanceWeights(tools=1, discipline=2, organization=5, level=3, region=0.5,
                              story=0)

    matrix = attendee_distances([a, b], weights=weights)

    # tools: both empty -> 0; discipline differs -> 2; same org (case/space) -> 0;
    # levels 1 vs 4 -> 3 * 3/3; region differs -> 0.5
    assert matrix[0, 1] == matrix[1, 0] == pytest.approx(2 + 3 + 0.5)
    assert matrix[0, 0] == matrix[1, 1] == 0.0


def test_tool_distance_is_weighted_jaccard_over_frequencies() -> None:
    a = AttendeeProfile(tools={"blogging": "daily", "wikis": "never"})
    b = AttendeeProfile(tools={"blogging": "monthly", "podcasts": 1.0})

    matrix = attendee_distances([a, b], weights=ONLY_TOOLS)

    # usage: a = blogging 1.0; b = blogging 0.5, podcasts 1.0 -> 1 - 0.5 / 2.0
    assert matrix[0, 1] == pytest.approx(0.75)


def test_story_distance_uses_tfidf_and_is_neutral_when_missing() -> None:
    stories = ["We ran a podcast about local farming",
               "Our farming podcast reached local growers",
               "A wiki for the finance team",
               ""]

    matrix = story_distances(stories)

    assert matrix[0, 1] < matrix[0, 2] == pytest.approx(1.0)
    assert matrix[0, 3] == matrix[3, 2] == 0.5
    assert np.allclose(matrix, matrix.T) and np.all(np.diag(matrix) == 0)


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        (AttendeeProfile(tools={"fax": "daily"}), "attendee 1: tools: unknown tool key 'fax'"),
        (AttendeeProfile(tools={"wikis": "often"}), "unknown frequency 'often'"),
        (AttendeeProfile(tools={"wikis": 1.5}), "confidence 1.5 not in"),
        (AttendeeProfile(discipline="law"), "attendee 1: discipline: unknown key 'law'"),
        (AttendeeProfile(level=5), "attendee 1: level: must be 1-4"),
    ],
)
def test_profiles_outside_the_catalogue_are_rejected(
    profile: AttendeeProfile, message: str
) -> None:
    with pytest.raises(ProfileError, match=message):
        attendee_distances([AttendeeProfile(), profile])


def test_table_diversity_counts_what_the_table_brings() -> None:
    profiles = [
        AttendeeProfile(tools={"blogging": "daily", "wikis": "never"}, discipline="pr",
                        organization="A", level=1, region="EU"),
        AttendeeProfile(tools={"blogging": "tried", "podcasts": 0.4}, discipline="pr",
                        organization="B", level=4, region="eu", is_expert=True),
        AttendeeProfile(discipline="hr", organization="a", level=4),
    ]

    figures = table_diversity(profiles, [0, 1, 2])

    assert figures == {
        "people": 3, "distinct_tools": 2, "disciplines": 2, "levels": 2, "organizations": 2,
        "regions": 1, "experts": 1, "level_1": 1, "level_2": 0, "level_3": 0, "level_4": 2,
    }


def test_profile_tables_keep_colleagues_apart_with_an_expert_each() -> None:
    disciplines = ["marketing", "pr", "technology", "communications", "hr", "other"]
    profiles = [AttendeeProfile(discipline=disciplines[k % 6], organization=f"org{k % 8}",
                                level=1 + k % 4, is_expert=k % 6 == 0) for k in range(24)]
    distances = attendee_distances(profiles)

    result = solve_groups(distances, [(6, 6)] * 4, max_iterations=3000, seed=0,
                          constraints=profile_constraints(profiles))

    assert result.violations == ()
    for members in result.groups:
        figures = table_diversity(profiles, members)
        assert figures["organizations"] == 6 and figures["experts"] >= 1
