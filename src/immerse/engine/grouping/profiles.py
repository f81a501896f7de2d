"""Distances between attendees from their profiles, and readable per-table figures.

Each component is a dissimilarity in [0, 1]; the distance is their weighted sum, so "more
different" means "better to seat together" for the diversity objective. Story themes use
TF-IDF cosine (scikit-learn) as the fallback that needs no downloaded model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from immerse.engine.catalogue import DISCIPLINES, FREQUENCIES, FREQUENCY_RANK, TOOL_BY_KEY, TOOLS
from immerse.engine.grouping.model import GroupingConstraints, GroupingError

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

_TOP_RANK = len(FREQUENCIES) - 1
_DISCIPLINE_KEYS = frozenset(key for key, _ in DISCIPLINES)
_NEUTRAL = 0.5  # story distance when one side has no story: neither alike nor unlike


class ProfileError(GroupingError):
    """A profile field outside the catalogue (names the attendee index and the field)."""


@dataclass(frozen=True)
class AttendeeProfile:
    """What the grouping needs to know about one attendee.

    `tools` maps catalogue tool keys to a frequency key (``"never"`` … ``"daily"``) or to a
    confidence in [0, 1].
    """

    tools: Mapping[str, str | float] = field(default_factory=dict)
    discipline: str = "other"
    organization: str = ""
    level: int = 1
    region: str = ""
    story: str = ""
    is_expert: bool = False


@dataclass(frozen=True)
class DistanceWeights:
    tools: float = 1.0
    discipline: float = 1.0
    organization: float = 1.0
    level: float = 1.0
    region: float = 0.5
    story: float = 1.0


def attendee_distances(
    profiles: Sequence[AttendeeProfile], *, weights: DistanceWeights = DistanceWeights()
) -> NDArray[np.float64]:
    """Symmetric n x n matrix of weighted profile dissimilarities (zero diagonal).

    >>> a = AttendeeProfile(discipline="pr", level=1)
    >>> b = AttendeeProfile(discipline="hr", level=4)
    >>> attendee_distances([a, b], weights=DistanceWeights(region=0, story=0))[0, 1]
    np.float64(2.0)
    """
    # NumPy on first use: a web worker reads profiles and table figures without it.
    import numpy as np

    usage = np.array([_tool_usage(p, k) for k, p in enumerate(profiles)]).reshape(-1, len(TOOLS))
    for k, profile in enumerate(profiles):
        _check_profile(profile, k)
    matrix = weights.tools * _weighted_jaccard_distance(usage)
    matrix += weights.discipline * _differs([p.discipline for p in profiles])
    matrix += weights.organization * _differs([p.organization.strip().casefold()
                                               for p in profiles])
    matrix += weights.region * _differs([p.region.strip().casefold() for p in profiles])
    levels = np.array([p.level for p in profiles], dtype=np.float64)
    matrix += weights.level * np.abs(levels[:, None] - levels[None, :]) / 3.0
    if weights.story:
        matrix += weights.story * story_distances([p.story for p in profiles])
    np.fill_diagonal(matrix, 0.0)
    return matrix


def story_distances(stories: Sequence[str]) -> NDArray[np.float64]:
    """1 - TF-IDF cosine similarity between stories; 0.5 where a story is missing."""
    # scikit-learn takes ~2 s to import: loaded on first use, not by every command and page.
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    n = len(stories)
    result = np.full((n, n), _NEUTRAL)
    present = [k for k, story in enumerate(stories) if story.strip()]
    if len(present) >= 2:
        try:
            vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
                [stories[k] for k in present]
            )
        except ValueError:  # only stop words: no vocabulary, nothing to compare
            return result
        similarity = (vectors @ vectors.T).toarray()  # rows are L2-normalised
        result[np.ix_(present, present)] = 1.0 - np.clip(similarity, 0.0, 1.0)
    np.fill_diagonal(result, 0.0)
    return result


def profile_constraints(
    profiles: Sequence[AttendeeProfile], *, organizations_apart: bool = True,
    expert_per_table: bool = True, balance_levels: bool = True,
) -> GroupingConstraints:
    """The usual product rules: colleagues apart, an expert per table, a level mix."""
    apart: list[tuple[int, int]] = []
    if organizations_apart:
        by_organization: dict[str, list[int]] = {}
        for k, profile in enumerate(profiles):
            if profile.organization.strip():
                by_organization.setdefault(profile.organization.strip().casefold(), []).append(k)
        apart = [(i, j) for members in by_organization.values()
                 for x, i in enumerate(members) for j in members[x + 1:]]
    return GroupingConstraints(
        apart=apart,
        experts=[p.is_expert for p in profiles] if expert_per_table else None,
        levels=[p.level for p in profiles] if balance_levels else None,
    )


def table_diversity(profiles: Sequence[AttendeeProfile], group: Sequence[int]) -> dict[str, int]:
    """Readable figures for one table: how many distinct tools, disciplines, levels, …

    A tool counts when someone at the table has at least tried it (confidence > 0).
    """
    members = [profiles[k] for k in group]
    tools_used = {key for p in members for key, value in p.tools.items()
                  if _usage_value(value) > 0.0}
    figures = {
        "people": len(members),
        "distinct_tools": len(tools_used),
        "disciplines": len({p.discipline for p in members}),
        "levels": len({p.level for p in members}),
        "organizations": len({p.organization.strip().casefold() for p in members
                              if p.organization.strip()}),
        "regions": len({p.region.strip().casefold() for p in members if p.region.strip()}),
        "experts": sum(p.is_expert for p in members),
    }
    for level in range(1, 5):
        figures[f"level_{level}"] = sum(p.level == level for p in members)
    return figures


def _tool_usage(profile: AttendeeProfile, index: int) -> list[float]:
    for key, value in profile.tools.items():
        if key not in TOOL_BY_KEY:
            raise ProfileError(f"attendee {index}: tools: unknown tool key {key!r}")
        if isinstance(value, str) and value not in FREQUENCY_RANK:
            raise ProfileError(f"attendee {index}: tools[{key!r}]: unknown frequency {value!r}")
        if not isinstance(value, str) and not 0.0 <= float(value) <= 1.0:
            raise ProfileError(
                f"attendee {index}: tools[{key!r}]: confidence {value} not in [0, 1]"
            )
    return [_usage_value(profile.tools.get(tool.key, 0.0)) for tool in TOOLS]


def _usage_value(value: str | float) -> float:
    return FREQUENCY_RANK[value] / _TOP_RANK if isinstance(value, str) else float(value)


def _check_profile(profile: AttendeeProfile, index: int) -> None:
    if profile.discipline not in _DISCIPLINE_KEYS:
        raise ProfileError(f"attendee {index}: discipline: unknown key {profile.discipline!r}")
    if profile.level not in (1, 2, 3, 4):
        raise ProfileError(f"attendee {index}: level: must be 1-4, got {profile.level!r}")


def _weighted_jaccard_distance(usage: NDArray[np.float64]) -> NDArray[np.float64]:
    """1 - sum(min) / sum(max) over tools; 0 between two people who use nothing."""
    # NumPy on first use: a web worker reads profiles and table figures without it.
    import numpy as np

    low = np.minimum(usage[:, None, :], usage[None, :, :]).sum(axis=2)
    high = np.maximum(usage[:, None, :], usage[None, :, :]).sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        similarity = np.where(high > 0, low / np.where(high > 0, high, 1.0), 1.0)
    return np.asarray(1.0 - similarity, dtype=np.float64)


def _differs(values: Sequence[str]) -> NDArray[np.float64]:
    # NumPy on first use: a web worker reads profiles and table figures without it.
    import numpy as np

    array = np.array(values, dtype=object)
    return np.asarray(array[:, None] != array[None, :], dtype=np.float64)
