"""Is this session for you? An honest pitch from a session's levels, format and subject.

Every sentence comes from the session's own data (its levels, its catalogue format, the
tools and topics it names) and the ladder's descriptions; nothing is invented, so a pitch
never promises speakers, numbers or outcomes the organizer did not enter. It says what
happens, then, for each level the session is made for, what a person at that level takes
away, and where the others should go instead. The wording differs by format and level, so
two sessions of a program do not read alike. Organizers can replace it with their own.

Each language writes its own sentences (``engine.languages``: English from the catalogue,
the others from their grammar module), filled with nouns inflected for their slot.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from immerse.engine.catalogue import FORMAT_BY_KEY, LEVEL_LABELS, TOOL_BY_KEY
from immerse.engine.languages import UnknownLanguageError, grammar_for
from immerse.engine.languages.grammar import Grammar, Subject, fill

__all__ = ["PitchError", "UnknownLanguageError", "session_pitch"]


class PitchError(ValueError):
    """A session the pitch cannot describe; the message names the field."""


def session_pitch(
    *,
    format_key: str,
    levels: Collection[int],
    topics: Sequence[str] = (),
    tools: Sequence[str] = (),
    language: str = "en",
) -> str:
    """Say what happens, who gains what, and who should go elsewhere, in ``language``.

    >>> print(session_pitch(format_key="story", levels=[1], tools=["microblogging"]))
    People who started with microblogging tell what they did, what happened and what they \
would do again. Never tried microblogging? You leave knowing how others began, and which \
first step could be yours. Use microblogging already? A context & strategy talk or a \
hands-on lab takes you further.
    >>> print(session_pitch(format_key="lab", levels=[2], tools=["wikis"], language="de"))
    Handy und Laptop raus: Du richtest Wikis ein und probierst sie aus, mit einer Hilfe an \
deiner Seite. Du nutzt Wikis ein wenig? Du probierst die Funktionen aus, an die du dich \
bisher nicht herangewagt hast. Bereit für deinen eigenen Plan? Ein moderierter Workshop \
passt besser zu dir. Noch nie mit Wikis gearbeitet? Fang mit Geschichten und \
Praxisbeispielen oder einem Praxislabor an.

    Raises :class:`PitchError` naming the field, :class:`UnknownLanguageError` naming the
    language.
    """
    grammar = grammar_for(language)
    if format_key not in FORMAT_BY_KEY:
        known = ", ".join(FORMAT_BY_KEY)
        raise PitchError(f"format_key: unknown format {format_key!r} ({known})")
    fmt = FORMAT_BY_KEY[format_key]
    words = grammar.pitch[format_key]
    wanted = _levels(levels)
    topic = next((t.strip() for t in topics if t.strip()), None)
    # A plenary is about its theme, whatever tools it touches; other sessions about tools.
    on_theme = fmt.pitch_on_theme and topic is not None
    if not on_theme:
        _check_tools(tools)
    subject = grammar.subject((), topic) if on_theme else grammar.subject(tools, topic)
    sentences = [fill(words.pitch, subject)]
    if wanted == tuple(LEVEL_LABELS):
        sentences.append(fill(words.everyone or grammar.everyone, subject))
    else:
        sentences += [fill(words.gains.get(level, grammar.level_gain[level]), subject)
                      for level in wanted]
    extra = _other_topics(topics, said=_said(grammar, () if on_theme else tools, topic))
    if extra:
        sentences.append(grammar.also_on.format(topics=grammar.join(extra, False)))
    sentences += _elsewhere(grammar, wanted, subject)
    return " ".join(sentences)


def _elsewhere(grammar: Grammar, levels: tuple[int, ...], subject: Subject) -> list[str]:
    """Where the levels next to the session's go instead."""
    if levels == tuple(LEVEL_LABELS):
        return []
    out = []
    above = min((level for level in LEVEL_LABELS if level > max(levels)), default=None)
    if above is not None:
        out.append(fill(grammar.further if max(levels) == 1 else grammar.not_for[above],
                        subject))
    below = max((level for level in LEVEL_LABELS if level < min(levels)), default=None)
    if below is not None:
        out.append(fill(grammar.not_for[below], subject))
    return out


def _levels(levels: Collection[int]) -> tuple[int, ...]:
    wanted = tuple(sorted(set(levels)))
    if not wanted:
        raise PitchError("levels: a session needs at least one level")
    for level in wanted:
        if level not in LEVEL_LABELS:
            raise PitchError(f"levels: {level!r} is not one of 1, 2, 3, 4")
    return wanted


def _check_tools(tools: Sequence[str]) -> None:
    for key in tools:
        if key not in TOOL_BY_KEY:
            raise PitchError(f"tools: unknown tool {key!r}")


def _said(grammar: Grammar, tools: Sequence[str], topic: str | None) -> str:
    """What the subject already names, in English and in ``grammar``'s language: a topic
    'video' next to the tool 'video sharing' is not said again."""
    english = grammar_for("en").subject(tools, topic).text
    return f"{english} {grammar.subject(tools, topic).text}".casefold()


def _other_topics(topics: Sequence[str], *, said: str) -> list[str]:
    """Topics the subject does not already say."""
    return [t.strip() for t in dict.fromkeys(topics)
            if t.strip() and t.strip().casefold() not in said]
