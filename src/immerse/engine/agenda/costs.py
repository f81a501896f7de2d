"""How well a session fits a person: the planning costs and the reasons shown on agendas.

Everything a person told us weighs in, strongest first (lower cost is better):

cost = 5 (base)
     + 2   × distance from the person's level to the nearest level the session targets
     − 1.5 when the session's format delivers the person's goal ("a plan to take home":
           a facilitated workshop)
     − 1   when the session covers a tool or topic named in the problem they brought
     − 1   when its topics or tools match what they said they want to learn about
           (these three in full at the person's level, half one level away, not further)
     − 0.5 / rank when its format is on their level card ("Formats to look for", 1st = 0.5)
and 0 when the person starred the session: an explicit wish beats our advice. The bonuses
add up to at most 4, below the base, so a starred session always costs least; a goal never
outweighs a whole level step (1.5 < 2), so a session at the person's level comes first.
Documented in docs/formats.md ("Planning costs").

The reason names what matched, in the person's terms:

>>> person = PersonFacts(level=3, interests=frozenset(), wishes=frozenset(), goal="plan")
>>> fit(person, SessionFacts("s1", "Plan clinic", (3,), ("planning",), (), "workshop"))
(3.0, 'You asked for a plan to take home: this workshop ends with yours. Made for \
Preparation, your level.')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from immerse.engine.agenda.reasons import REASON_LIMIT, Reason, ReasonPart, reason_text
from immerse.engine.catalogue import GOAL_BY_KEY, formats_to_look_for
from immerse.engine.wording import quote, tool_names, tools_mentioned

__all__ = [
    "BASE",
    "FORMAT_BONUS",
    "GOAL_BONUS",
    "INTEREST_BONUS",
    "LEVEL_STEP",
    "PROBLEM_BONUS",
    "REASON_LIMIT",
    "PersonFacts",
    "SessionFacts",
    "fit",
    "fit_parts",
    "goal_met_by",
]

BASE, LEVEL_STEP = 5.0, 2.0
GOAL_BONUS, PROBLEM_BONUS, INTEREST_BONUS, FORMAT_BONUS = 1.5, 1.0, 1.0, 0.5
# What a wish is worth by level distance: in full at the person's level, half a step away,
# nothing further. Otherwise, when a slot is short of seats at some level, the people with
# a wish matching a far-off session would collect every off-level seat, slot after slot.
_NEAR = (1.0, 0.5, 0.0, 0.0)


@dataclass(frozen=True, slots=True)
class SessionFacts:
    """What a session offers: the levels it targets, its topics and tools (catalogue keys)
    and its catalogue format key ("" when unknown)."""

    key: str
    title: str
    levels: tuple[int, ...]
    topics: tuple[str, ...]
    tools: tuple[str, ...]
    format: str = ""


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """What a person told us: their level (None = not assessed), the topics or tool keys they
    want, the session keys they starred, their goal (a ``catalogue.GOALS`` key, None when
    they did not answer) and the problem they brought, in their own words."""

    level: int | None
    interests: frozenset[str]
    wishes: frozenset[str]  # session keys
    goal: str | None = None
    problems: str = ""


def goal_met_by(person: PersonFacts, session: SessionFacts) -> bool:
    """Whether the session's format delivers what the person said they most want."""
    goal = GOAL_BY_KEY.get(person.goal or "")
    return goal is not None and session.format in goal.answers


def fit(person: PersonFacts, session: SessionFacts) -> tuple[float, str]:
    """The cost of putting ``person`` in ``session`` and the reason a person reads
    (in English; :func:`fit_parts` gives the reason as parts any language can write)."""
    cost, reason = fit_parts(person, session)
    return cost, reason_text(reason)


def fit_parts(person: PersonFacts, session: SessionFacts) -> tuple[float, Reason]:
    """The cost and the reason as parts (``engine.agenda.reasons``).

    >>> person = PersonFacts(level=2, interests=frozenset({"wikis"}), wishes=frozenset())
    >>> cost, reason = fit_parts(person, SessionFacts("s1", "Wiki lab", (2,), (), ("wikis",)))
    >>> cost, [(part.kind, part.tools, part.levels) for part in reason]
    (4.0, [('interests', ('wikis',), ()), ('level', (), (2,))])
    """
    level = person.level or 1  # unassessed: pitch it gently
    distance = min((abs(level - t) for t in session.levels), default=0)
    goal = GOAL_BY_KEY.get(person.goal or "") if goal_met_by(person, session) else None
    problem = _problem_matches(person.problems, session)
    interests = _interest_matches(person.interests, session)
    has_problem, has_interests = any(problem), any(interests)
    rank = _look_for_rank(level, session.format)
    starred = session.key in person.wishes
    cost = 0.0 if starred else (
        BASE + LEVEL_STEP * distance - (FORMAT_BONUS / rank if rank else 0.0)
        - _NEAR[min(distance, 3)] * (GOAL_BONUS * bool(goal) + PROBLEM_BONUS * has_problem
                                     + INTEREST_BONUS * has_interests))
    said = []
    if starred:
        said.append(ReasonPart("starred"))
    if goal is not None:
        said.append(ReasonPart("goal", goal=goal.key, format=session.format))
    if has_problem:
        said.append(ReasonPart("problem", text=quote(person.problems, 80)[1:-1],
                               tools=problem[0], topics=problem[1]))
    if has_interests:
        said.append(ReasonPart("interests", tools=interests[0], topics=interests[1]))
    if goal is None and rank == 1:
        said.append(ReasonPart("look_for", format=session.format))
    # The two strongest matches and the level: enough to say why, short enough to read.
    level_part = ReasonPart("level", level=level, levels=tuple(session.levels))
    return cost, (*said[:2], level_part)


def _look_for_rank(level: int, format_key: str) -> int:
    """Where the format comes in the level card's "Formats to look for" (0 = not there)."""
    for rank, fmt in enumerate(formats_to_look_for(level), start=1):
        if fmt.key == format_key:
            return rank
    return 0


def _interest_matches(interests: frozenset[str], session: SessionFacts
                      ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The session's tool keys and topics the person asked about."""
    wanted = {i.casefold() for i in interests}
    tools = tuple(key for key in dict.fromkeys(session.tools) if key.casefold() in wanted)
    topics = tuple(dict.fromkeys(t for t in session.topics if t.casefold() in wanted))
    return tools, topics


def _problem_matches(problems: str, session: SessionFacts
                     ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The session's tools the problem names, and its topics whose words the problem uses
    (as written)."""
    if not problems.strip():
        return (), ()
    tools, words = _problem_terms(problems)
    matched = tuple(key for key in dict.fromkeys(session.tools) if key in tools)
    names = tool_names(matched)
    topics: list[str] = []
    for topic in session.topics:
        topic_words = _content_words(topic)
        if topic_words and topic_words <= words and not any(
                topic.lower() in name for name in [*names, *(t.lower() for t in topics)]):
            topics.append(topic)
    return matched, tuple(topics)


@lru_cache(maxsize=4096)
def _problem_terms(text: str) -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(tools_mentioned(text)), _content_words(text)


_STOP = frozenset({
    "about", "after", "again", "because", "before", "being", "between", "could", "doing",
    "every", "having", "other", "should", "their", "there", "these", "those", "through",
    "under", "where", "which", "while", "would", "yours", "cases",
})


def _content_words(text: str) -> frozenset[str]:
    """Words of five letters or more, cut to their first six letters ('measuring' and
    'measure' meet as 'measur'), without the common ones."""
    return frozenset(word[:6] for word in re.findall(r"[a-z]{5,}", text.lower())
                     if word not in _STOP)

