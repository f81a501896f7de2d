"""Which upcoming event is a good next step for someone, read off the level ladder.

A suggestion must match where the person is: never an event pitched entirely below them
(a beginners' course for a Preparation attendee), never one that starts two rungs above.
The best next steps offer sessions at their level *and* a step up; then a step up alone, or
the same level to go deeper. The reason says which, in numbers the person can check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from immerse.engine.catalogue import LEVEL_LABELS

__all__ = ["EventOffer", "Fit", "ladder_fit"]


@dataclass(frozen=True, slots=True)
class EventOffer:
    """What an event offers on the ladder: how many of its sessions are pitched at each
    level, and the level range its organizers declared for it (a pathway), if any."""

    sessions_by_level: Mapping[int, int] = field(default_factory=dict)
    declared: tuple[int, int] | None = None  # (lowest, highest) level it is meant for


@dataclass(frozen=True, slots=True)
class Fit:
    """``rank``: 1 your level and a step up, 2 one of the two, 3 no level known (open to
    all); lower is better. ``reason``: why, in one sentence."""

    rank: int
    reason: str


def _rung(level: int) -> str:
    return f"{level} {LEVEL_LABELS[level]}"


def _sessions(n: int) -> str:
    return f"{n} session{'s' if n != 1 else ''}"


def ladder_fit(*, level: int, offer: EventOffer) -> Fit | None:
    """How ``offer`` fits someone at ``level`` (1-4), or None when it does not.

    >>> course_101 = EventOffer({1: 4, 2: 2})
    >>> ladder_fit(level=3, offer=course_101) is None
    True
    >>> ladder_fit(level=2, offer=EventOffer({2: 5, 3: 3, 4: 1})).reason
    '5 sessions at your level (2 Baby steps) and 3 a step up (3 Preparation).'
    >>> ladder_fit(level=1, offer=EventOffer({3: 2, 4: 2})) is None
    True
    """
    if offer.declared is not None and not offer.declared[0] <= level <= offer.declared[1]:
        return None
    at_level = offer.sessions_by_level.get(level, 0)
    step_up = offer.sessions_by_level.get(level + 1, 0) if level < 4 else 0
    if at_level and step_up:
        return Fit(1, f"{_sessions(at_level)} at your level ({_rung(level)}) and "
                      f"{step_up} a step up ({_rung(level + 1)}).")
    if step_up:
        return Fit(2, f"A step up: {_sessions(step_up)} for {_rung(level + 1)}, the rung "
                      f"after yours ({_rung(level)}).")
    if at_level:
        deeper = "practitioners like you" if level == 4 else "going deeper"
        return Fit(2, f"{_sessions(at_level)} at your level ({_rung(level)}), for {deeper}.")
    if any(offer.sessions_by_level.values()):
        return None  # its sessions are all below you, or too far above
    if offer.declared is not None:
        low, high = offer.declared
        return Fit(2, f"Meant for levels {low}–{high}, which includes yours ({_rung(level)}).")
    return Fit(3, "Open to every level.")
