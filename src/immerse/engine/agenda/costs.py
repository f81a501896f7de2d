"""How well a session fits a person: the planning costs and the reasons shown on agendas.

cost = 3 (base)
     + 2 × distance from the person's level to the nearest level the session targets
     − 1 when the session's topics or tools match what the person said they want
and 0 when the person starred the session: an explicit wish beats our advice.
Lower is better. Documented in docs/formats.md ("Planning costs").

>>> person = PersonFacts(level=1, interests=frozenset({"strategy"}), wishes=frozenset())
>>> fit(person, SessionFacts("s1", "Planning a month", (3,), ("Strategy",), ()))
(6.0, 'a step up from Eye-opener + you asked about Strategy')
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from immerse.engine.catalogue import LEVEL_LABELS, TOOL_BY_KEY

__all__ = ["BASE", "INTEREST_BONUS", "LEVEL_STEP", "PersonFacts", "SessionFacts", "fit"]

BASE, LEVEL_STEP, INTEREST_BONUS = 3.0, 2.0, 1.0


@dataclass(frozen=True, slots=True)
class SessionFacts:
    """What a session offers: the levels it targets, its topics and tools (catalogue keys)."""

    key: str
    title: str
    levels: tuple[int, ...]
    topics: tuple[str, ...]
    tools: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """What a person told us: their level (None = not assessed), interests and starred keys."""

    level: int | None
    interests: frozenset[str]
    wishes: frozenset[str]  # session keys


def fit(person: PersonFacts, session: SessionFacts) -> tuple[float, str]:
    """The cost of putting ``person`` in ``session`` and a one-line reason a person reads."""
    level = person.level or 1  # unassessed: pitch it gently
    distance = min((abs(level - t) for t in session.levels), default=0)
    matches = _matches(person.interests, session)
    starred = session.key in person.wishes
    cost = 0.0 if starred else BASE + LEVEL_STEP * distance - INTEREST_BONUS * bool(matches)
    parts = []
    if distance == 0:
        parts.append(LEVEL_LABELS[level])
    else:
        parts.append(f"a step {'up' if min(session.levels) > level else 'back'} from "
                     f"{LEVEL_LABELS[level]}")
    if matches:
        parts.append(f"you asked about {', '.join(sorted(matches))}")
    if starred:
        parts.append("you starred it")
    return cost, " + ".join(parts)


def _matches(interests: Collection[str], session: SessionFacts) -> set[str]:
    wanted = {i.casefold() for i in interests}
    names = {t.casefold(): t for t in session.topics}
    names.update({key: TOOL_BY_KEY[key].label.lower() if key in TOOL_BY_KEY else key
                  for key in session.tools})
    return {label for key, label in names.items() if key in wanted}
