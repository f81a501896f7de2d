"""Is this session for you? An honest pitch from a session's levels, format and subject.

Every sentence comes from the session's own data (its levels, its catalogue format, the
tools and topics it names) and the ladder's descriptions; nothing is invented, so a pitch
never promises speakers, numbers or outcomes the organizer did not enter. It says what
happens, then, for each level the session is made for, what a person at that level takes
away, and where the others should go instead. The wording differs by format and level, so
two sessions of a program do not read alike. Organizers can replace it with their own.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from immerse.engine.catalogue import FORMAT_BY_KEY, LEVEL_LABELS, TOOL_BY_KEY, Format
from immerse.engine.wording import join_words

__all__ = ["PitchError", "session_pitch"]


class PitchError(ValueError):
    """A session the pitch cannot describe; the message names the field."""


@dataclass(frozen=True, slots=True)
class _Subject:
    """What the session is about, with the grammar its sentences need."""

    text: str  # "microblogging", "video sharing and live video", "social tools"
    plural: bool

    def fill(self, template: str) -> str:
        return template.format(s=self.text, is_="are" if self.plural else "is",
                               es="" if self.plural else "s", it="they" if self.plural else "it",
                               obj="them" if self.plural else "it")


# What a person at a level takes away, unless the format says it its own way
# (``Format.gains``).
_LEVEL_GAIN: dict[int, str] = {
    1: "Never tried {s}? You see what is possible and which first step suits you.",
    2: "Use {s} now and then? You see where {it} fit{es} your work and what {it} {is_} "
       "worth.",
    3: "Know where {s} fit{es} your work? You leave with steps for your own plan.",
    4: "Already practise {s} at work? You share what you learned and meet people to mentor.",
}
# Who should go elsewhere, per level left out, and where.
_NOT_FOR: dict[int, str] = {
    1: "Never tried {s}? Start with a story session or a hands-on lab.",
    2: "Just starting and still looking for the business case? A context & strategy talk "
       "comes first.",
    3: "Ready to write your own plan? A facilitated workshop suits you better.",
    4: "Already run {s} for work and could teach {obj}? The community space is yours.",
}


def session_pitch(
    *,
    format_key: str,
    levels: Collection[int],
    topics: Sequence[str] = (),
    tools: Sequence[str] = (),
) -> str:
    """Say what happens, who gains what, and who should go elsewhere.

    >>> print(session_pitch(format_key="story", levels=[1], tools=["microblogging"]))
    People who started with microblogging tell what they did, what happened and what they \
would do again. Never tried microblogging? You leave knowing how others began, and which \
first step could be yours. Use microblogging already? A context & strategy talk or a \
hands-on lab takes you further.
    """
    fmt = _format(format_key)
    wanted = _levels(levels)
    # A plenary is about its theme, whatever tools it touches; other sessions about tools.
    subject = _subject((), topics) if fmt.pitch_on_theme and topics else _subject(tools, topics)
    sentences = [subject.fill(fmt.pitch)]
    if wanted == tuple(LEVEL_LABELS):
        sentences.append(fmt.everyone or (
            "Open to every level, so it cannot go deep into any one person's plan."))
    else:
        sentences += [subject.fill(fmt.gains.get(level, _LEVEL_GAIN[level]))
                      for level in wanted]
    extra = _other_topics(topics, subject)
    if extra:
        sentences.append(f"Also on {join_words(extra)}.")
    sentences += _elsewhere(wanted, subject)
    return " ".join(sentences)


def _elsewhere(levels: tuple[int, ...], subject: _Subject) -> list[str]:
    """Where the levels next to the session's go instead."""
    if levels == tuple(LEVEL_LABELS):
        return []
    out = []
    above = min((level for level in LEVEL_LABELS if level > max(levels)), default=None)
    if above is not None:
        out.append(subject.fill(
            "Use {s} already? A context & strategy talk or a hands-on lab takes you further."
            if max(levels) == 1 else _NOT_FOR[above]))
    below = max((level for level in LEVEL_LABELS if level < min(levels)), default=None)
    if below is not None:
        out.append(subject.fill(_NOT_FOR[below]))
    return out


def _format(format_key: str) -> Format:
    if format_key not in FORMAT_BY_KEY:
        known = ", ".join(FORMAT_BY_KEY)
        raise PitchError(f"format_key: unknown format {format_key!r} ({known})")
    return FORMAT_BY_KEY[format_key]


def _levels(levels: Collection[int]) -> tuple[int, ...]:
    wanted = tuple(sorted(set(levels)))
    if not wanted:
        raise PitchError("levels: a session needs at least one level")
    for level in wanted:
        if level not in LEVEL_LABELS:
            raise PitchError(f"levels: {level!r} is not one of 1, 2, 3, 4")
    return wanted


def _subject(tools: Sequence[str], topics: Sequence[str]) -> _Subject:
    for key in tools:
        if key not in TOOL_BY_KEY:
            raise PitchError(f"tools: unknown tool {key!r}")
    names = [TOOL_BY_KEY[key].label.lower() for key in dict.fromkeys(tools)]
    if not names:
        names = [t.strip() for t in topics if t.strip()][:1]
    if not names:
        return _Subject("social tools", True)
    return _Subject(join_words(names[:3]), len(names) > 1)


def _other_topics(topics: Sequence[str], subject: _Subject) -> list[str]:
    """Topics the subject does not already say ('video' next to 'video sharing' is not)."""
    said = subject.text.casefold()
    return [t.strip() for t in dict.fromkeys(topics)
            if t.strip() and t.strip().casefold() not in said]
