"""Which upcoming event is a good next step for someone, read off the level ladder.

A suggestion must match where the person is: never an event pitched entirely below them
(a beginners' course for a Preparation attendee), never one that starts two rungs above.
The best next steps offer sessions at their level *and* a step up; then a step up alone, or
the same level to go deeper. The reason says which, in numbers the person can check, in
the person's language (each language's sentences: ``Grammar.next_steps``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from immerse.engine.languages import grammar_for
from immerse.engine.languages.grammar import Grammar

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


def _rung(grammar: Grammar, level: int) -> str:
    return f"{level} {grammar.level_names[level]}"


def ladder_fit(*, level: int, offer: EventOffer, language: str = "en") -> Fit | None:
    """How ``offer`` fits someone at ``level`` (1-4), or None when it does not; the reason
    in ``language``.

    >>> course_101 = EventOffer({1: 4, 2: 2})
    >>> ladder_fit(level=3, offer=course_101) is None
    True
    >>> ladder_fit(level=2, offer=EventOffer({2: 5, 3: 3, 4: 1})).reason
    '5 sessions at your level (2 Baby steps) and 3 a step up (3 Preparation).'
    >>> ladder_fit(level=2, offer=EventOffer({2: 5, 3: 3}), language="de").reason
    '5 Sessions auf deiner Stufe (2 Erste Schritte) und 3 eine Stufe höher (3 Vorbereitung).'
    >>> ladder_fit(level=1, offer=EventOffer({3: 2, 4: 2})) is None
    True
    """
    if offer.declared is not None and not offer.declared[0] <= level <= offer.declared[1]:
        return None
    grammar = grammar_for(language)
    say = grammar.next_steps
    rung = _rung(grammar, level)
    at_level = offer.sessions_by_level.get(level, 0)
    step_up = offer.sessions_by_level.get(level + 1, 0) if level < 4 else 0
    if at_level and step_up:
        return Fit(1, say.both.format(sessions=_sessions(grammar, at_level), rung=rung,
                                      step_up=step_up, rung_up=_rung(grammar, level + 1)))
    if step_up:
        return Fit(2, say.step_up.format(sessions=_sessions(grammar, step_up), rung=rung,
                                         rung_up=_rung(grammar, level + 1)))
    if at_level:
        same = say.same_practitioners if level == 4 else say.same_deeper
        return Fit(2, same.format(sessions=_sessions(grammar, at_level), rung=rung))
    if any(offer.sessions_by_level.values()):
        return None  # its sessions are all below you, or too far above
    if offer.declared is not None:
        low, high = offer.declared
        return Fit(2, say.declared.format(low=low, high=high, rung=rung))
    return Fit(3, say.open)


def _sessions(grammar: Grammar, n: int) -> str:
    return grammar.count(n, *grammar.summaries.sessions)
