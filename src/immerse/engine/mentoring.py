"""Mentor matching: practitioners paired with lower-level attendees by topic, discipline, tools.

The problem is an assignment with capacities: every mentee gets at most one mentor, every
mentor at most ``capacity`` mentees, and the total fit is maximised. Each mentor is
replicated once per seat, which turns it into a rectangular linear assignment solved exactly
by :func:`scipy.optimize.linear_sum_assignment`. Pairs with no fit at all are left out
rather than forced: an unrelated mentor helps nobody.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = [
    "MatchWeights",
    "Mentee",
    "Mentor",
    "MentorMatching",
    "MentoringError",
    "match_mentors",
    "pair_fit",
]


class MentoringError(ValueError):
    """Input the matcher cannot use; the message names the offending person or weight."""


@dataclass(frozen=True, slots=True)
class Mentor:
    """A practitioner (level 4 or expert). ``capacity`` overrides the default seat count."""

    key: str
    topics: frozenset[str] = frozenset()
    tools: frozenset[str] = frozenset()
    discipline: str = ""
    capacity: int | None = None


@dataclass(frozen=True, slots=True)
class Mentee:
    key: str
    topics: frozenset[str] = frozenset()
    tools: frozenset[str] = frozenset()
    discipline: str = ""
    level: int = 1


@dataclass(frozen=True, slots=True)
class MatchWeights:
    """Points per shared topic, per shared tool, and for the same discipline."""

    topic: float = 2.0
    tool: float = 1.0
    discipline: float = 1.5


@dataclass(frozen=True, slots=True)
class MentorMatching:
    """``pairs`` maps mentee key → mentor key; ``fits`` the fit of each chosen pair."""

    pairs: dict[str, str]
    fits: dict[str, float]
    total_fit: float
    unmatched: tuple[str, ...] = field(default=())


def pair_fit(mentor: Mentor, mentee: Mentee, weights: MatchWeights) -> float:
    """How well ``mentor`` fits ``mentee``: shared topics, shared tools, same discipline."""
    same = bool(mentor.discipline) and mentor.discipline == mentee.discipline
    return (weights.topic * len(mentor.topics & mentee.topics)
            + weights.tool * len(mentor.tools & mentee.tools)
            + (weights.discipline if same else 0.0))


def _check(mentors: Sequence[Mentor], mentees: Sequence[Mentee], capacity: int,
           weights: MatchWeights) -> None:
    if capacity < 0:
        raise MentoringError(f"capacity_per_mentor must be ≥ 0, got {capacity}")
    for name in ("topic", "tool", "discipline"):
        if getattr(weights, name) < 0:
            raise MentoringError(f"weight {name!r} must be ≥ 0")
    for kind, keys in (("mentor", [m.key for m in mentors]), ("mentee", [m.key for m in mentees])):
        seen: set[str] = set()
        for key in keys:
            if key in seen:
                raise MentoringError(f"{kind} {key!r} appears twice")
            seen.add(key)
    for mentor in mentors:
        if mentor.capacity is not None and mentor.capacity < 0:
            raise MentoringError(f"mentor {mentor.key!r}: capacity must be ≥ 0")


def match_mentors(
    *, mentors: Sequence[Mentor], mentees: Sequence[Mentee], capacity_per_mentor: int = 2,
    weights: MatchWeights | None = None, seed: int = 0,
) -> MentorMatching:
    """Assign mentors to mentees, maximising total fit under the mentors' capacities.

    ``seed`` only breaks ties between equally good matchings (same seed → same result).
    A person who is both mentor and mentee is never matched with themselves.

    >>> m = match_mentors(mentors=[Mentor("ann", topics=frozenset({"video"}))],
    ...                   mentees=[Mentee("bob", topics=frozenset({"video"})), Mentee("cy")],
    ...                   capacity_per_mentor=1)
    >>> m.pairs, m.total_fit, m.unmatched
    ({'bob': 'ann'}, 2.0, ('cy',))
    """
    # SciPy and NumPy weigh ~60 MB: loaded by the one call that matches, not by every web
    # worker that imports the community pages.
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    weights = weights or MatchWeights()
    _check(mentors, mentees, capacity_per_mentor, weights)
    rng = random.Random(seed)
    mentee_order = list(range(len(mentees)))
    rng.shuffle(mentee_order)
    seats = [i for i, m in enumerate(mentors)
             for _ in range(capacity_per_mentor if m.capacity is None else m.capacity)]
    rng.shuffle(seats)
    if not seats or not mentees:
        return MentorMatching({}, {}, 0.0, tuple(sorted(m.key for m in mentees)))
    fit = np.array([[pair_fit(mentors[s], mentees[e], weights) for s in seats]
                    for e in mentee_order], dtype=float)
    for row, e in enumerate(mentee_order):
        for col, s in enumerate(seats):
            if mentors[s].key == mentees[e].key:
                fit[row, col] = 0.0  # never oneself: a zero-fit pair is dropped below
    rows, cols = linear_sum_assignment(fit, maximize=True)
    pairs: dict[str, str] = {}
    fits: dict[str, float] = {}
    for row, col in zip(rows.tolist(), cols.tolist(), strict=True):
        if fit[row, col] > 0:
            mentee = mentees[mentee_order[row]]
            pairs[mentee.key] = mentors[seats[col]].key
            fits[mentee.key] = float(fit[row, col])
    unmatched = tuple(sorted(m.key for m in mentees if m.key not in pairs))
    return MentorMatching(pairs, fits, float(sum(fits.values())), unmatched)
