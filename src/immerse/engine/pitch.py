"""“This is your session if…”: an honest pitch from a session's levels, format and topics.

Every sentence comes from the session's own data (its levels, its catalogue format, the
tools and topics it names) and the ladder's descriptions; nothing is invented, so a pitch
never promises speakers, numbers or outcomes the organizer did not enter.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from immerse.engine.catalogue import FORMAT_BY_KEY, LEVEL_LABELS, TOOL_BY_KEY, Format

__all__ = ["PitchError", "session_pitch"]


class PitchError(ValueError):
    """A session the pitch cannot describe; the message names the field."""


# Who the session is for, per level: "{tools}" is replaced by the session's tools.
_FOR_LEVEL: dict[int, str] = {
    1: "you have not tried {tools} yet",
    2: "you use {tools} but are not sure yet where {it} fit{s} your work",
    3: "you know where {tools} fit{s} your work",
    4: "you already practise {tools} at work",
}

# Who it is not for, when a level is left out.
_NOT_LEVEL: dict[int, str] = {
    1: "you have not tried {tools} yet",
    2: "you are just starting to use {tools} and still look for the business case",
    3: "you are ready to write your own plan for {tools}",
    4: "you already run {tools} for work and could teach it",
}

# Where to go instead, per level left out: the formats that serve that level best.
_INSTEAD: dict[int, str] = {
    1: "a story session or a hands-on lab",
    2: "a context & strategy talk",
    3: "a facilitated workshop",
    4: "the community space",
}


def session_pitch(
    *,
    title: str,
    format_key: str,
    levels: Collection[int],
    topics: Sequence[str] = (),
    tools: Sequence[str] = (),
) -> str:
    """Say who a session is for and who it is not for, from its levels, format and tools.

    >>> print(session_pitch(title="How three charities started", format_key="story",
    ...                     levels=[1], topics=[], tools=["microblogging"]))
    How three charities started. This is your session if you have not tried microblogging \
yet and want to hear how others started, what happened and what they would do again. Not \
for you if you already use microblogging: try a context & strategy talk instead.
    """
    fmt = _format(format_key)
    wanted = _levels(levels)
    names = _tool_names(tools)
    sentences = [title.strip().rstrip(".") + "."] if title.strip() else []
    who = _for_whom(wanted, names)
    joiner = "," if len(wanted) > 1 else ""
    sentences.append(f"This is your session if {who}{joiner} and {fmt.offer}.")
    cleaned_topics = [t.strip() for t in topics if t.strip()]
    if cleaned_topics:
        sentences.append(f"Topics: {', '.join(cleaned_topics)}.")
    sentences.append(_not_for(wanted, names, fmt))
    return " ".join(sentences)


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


def _tool_names(tools: Sequence[str]) -> tuple[str, ...]:
    for key in tools:
        if key not in TOOL_BY_KEY:
            raise PitchError(f"tools: unknown tool {key!r}")
    return tuple(TOOL_BY_KEY[key].label.lower() for key in dict.fromkeys(tools))


def _fill(template: str, names: tuple[str, ...]) -> str:
    tools = _join(list(names), "or") if names else "social tools"
    plural = len(names) != 1
    return template.format(tools=tools, s="" if plural else "s", it="they" if plural else "it")


def _for_whom(levels: tuple[int, ...], names: tuple[str, ...]) -> str:
    if levels == (1, 2, 3, 4):
        return "you want to meet everyone, whatever your level"
    return _join([_fill(_FOR_LEVEL[level], names) for level in levels], "or")


def _not_for(levels: tuple[int, ...], names: tuple[str, ...], fmt: Format) -> str:
    if levels == (1, 2, 3, 4):
        if fmt.for_everyone:
            return "It is meant for everyone; it does not go deep into any one person's plan."
        return "It mixes all levels, so it cannot go deep into any one person's plan."
    parts = []
    above = min((level for level in LEVEL_LABELS if level > max(levels)), default=None)
    if above is not None:
        who = (
            _fill("you already use {tools}", names)
            if max(levels) == 1
            else _fill(_NOT_LEVEL[above], names)
        )
        parts.append(f"Not for you if {who}: try {_INSTEAD[above]} instead.")
    below = max((level for level in LEVEL_LABELS if level < min(levels)), default=None)
    if below is not None:
        who = _fill(_NOT_LEVEL[below], names)
        parts.append(f"Not for you if {who}: start with {_INSTEAD[below]}.")
    return " ".join(parts)


def _join(parts: list[str], word: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {word} " + parts[-1]
