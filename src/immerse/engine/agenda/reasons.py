"""Why a session is on a person's agenda, as parts any language can write.

:func:`~immerse.engine.agenda.costs.fit_parts` says what matched as a :data:`Reason` (a
tuple of :class:`ReasonPart`: a kind and its values, no words); :func:`reason_text` writes
it in a language with that language's sentences (``Grammar.reasons``). The parts are kept
beside the English text (``reason_to_json``) so a page can write them again in its
reader's language (:func:`reason_shown`).

>>> reason = (ReasonPart("goal", goal="plan", format="workshop"),
...           ReasonPart("level", level=3, levels=(3,)))
>>> reason_text(reason)
'You asked for a plan to take home: this workshop ends with yours. Made for Preparation, \
your level.'
>>> reason_text(reason, "de")
'Du wolltest einen Plan zum Mitnehmen: Dieser Workshop endet mit deinem. Gemacht für \
Vorbereitung, deine Stufe.'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from immerse.engine.languages import grammar_for, translated_into
from immerse.engine.languages.grammar import Grammar, Noun
from immerse.engine.wording import tool_names

__all__ = [
    "KINDS",
    "REASON_LIMIT",
    "Reason",
    "ReasonPart",
    "reason_from_json",
    "reason_shown",
    "reason_text",
    "reason_to_json",
]

REASON_LIMIT = 300  # characters an agenda item keeps
KINDS = ("chosen", "starred", "goal", "problem", "interests", "look_for", "level")


@dataclass(frozen=True, slots=True)
class ReasonPart:
    """One thing that put the session on the agenda: ``kind`` (one of :data:`KINDS`) and
    what it names: the person's ``level`` and the session's ``levels``, a goal key and a
    format key, the person's own ``text`` (cut, without quotation marks), and the tool keys
    and topics that matched."""

    kind: str
    level: int = 0
    levels: tuple[int, ...] = ()
    goal: str = ""
    format: str = ""
    text: str = ""
    tools: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()


Reason = tuple[ReasonPart, ...]


def reason_text(reason: Reason, language: str = "en") -> str:
    """The reason a person reads, in ``language``: the sentences joined. English, the text
    an agenda item stores, is cut at :data:`REASON_LIMIT` characters. Raises KeyError for a
    key the language has no words for (a format or goal the catalogue no longer has)."""
    grammar = grammar_for(language)
    stored = grammar.code == "en"  # the agenda item keeps this one: it must fit
    text = ". ".join(_sentence(grammar, part) for part in reason if part.kind != "chosen") + "."
    if stored:
        text = _cut(text)
    if any(part.kind == "chosen" for part in reason):
        text = f"{grammar.reasons.chosen} {text}"
        if stored:  # as the swap has always cut it: the reason, then the whole
            text = text[:REASON_LIMIT]
    return text


def _sentence(grammar: Grammar, part: ReasonPart) -> str:
    words = grammar.reasons
    if part.kind == "starred":
        return words.starred
    if part.kind == "goal":
        return words.goal.format(wish=words.wishes[part.goal], answer=words.answers[part.format])
    if part.kind == "problem":
        quote = words.quote_marks[0] + part.text + words.quote_marks[1]
        return words.problem.format(quote=quote, **_matches(grammar, part, ordered=False))
    if part.kind == "interests":
        return words.interests.format(**_matches(grammar, part, ordered=True))
    if part.kind == "look_for":
        return words.look_for_first[part.format]
    if part.kind == "level":
        return _level_sentence(grammar, part.level, part.levels)
    raise KeyError(part.kind)


def _level_sentence(grammar: Grammar, level: int, levels: Sequence[int]) -> str:
    words = grammar.reasons
    name = grammar.level_names[level]
    distance = min((abs(level - t) for t in levels), default=0)
    if distance == 0:
        if not levels or len(set(levels)) == len(grammar.level_names):
            return words.open_to_all
        return words.made_for.format(level=name)
    steps = words.up if min(levels) > level else words.back
    return steps[min(distance, 3) - 1].format(level=name)


def _matches(grammar: Grammar, part: ReasonPart, *, ordered: bool) -> dict[str, str]:
    """The matched tools and topics in each noun form the language's sentences name: tools
    then topics, except English interests, by name (as English always listed them)."""
    words = grammar.reasons
    if grammar.code == "en":  # a tool key the catalogue lost still reads as words
        nouns = [Noun(name) for name in tool_names(part.tools)]
    else:
        nouns = [words.tools[key] for key in dict.fromkeys(part.tools)]
    # English writes the topics a problem matched in lower case, as it always did.
    lower = grammar.code == "en" and part.kind == "problem"
    nouns += [words.topic(topic.lower() if lower else topic) for topic in part.topics]
    if ordered and grammar.code == "en":
        nouns = sorted({n.text: n for n in nouns}.values(), key=lambda n: n.text)
    slots = {"matches": grammar.join([n.text for n in nouns], False)}
    slots.update({f"matches_{form}": grammar.join([n.form(form) for n in nouns], False)
                  for form in words.forms})
    return slots


def _cut(reason: str) -> str:
    if len(reason) <= REASON_LIMIT:
        return reason
    return reason[:REASON_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def reason_to_json(reason: Reason) -> list[dict[str, object]]:
    """The parts as JSON data, each with only the values it has.

    >>> reason_to_json((ReasonPart("look_for", format="lab"),))
    [{'kind': 'look_for', 'format': 'lab'}]
    """
    rows: list[dict[str, object]] = []
    for part in reason:
        row: dict[str, object] = {"kind": part.kind}
        for name in ("level", "levels", "goal", "format", "text", "tools", "topics"):
            value = getattr(part, name)
            if value:
                row[name] = list(value) if isinstance(value, tuple) else value
        rows.append(row)
    return rows


def reason_from_json(data: object) -> Reason | None:
    """The parts back from ``reason_to_json``'s data; None for anything else (an old row,
    a kind this version does not know)."""
    if not isinstance(data, list) or not data:
        return None
    parts = []
    for row in data:
        if not isinstance(row, Mapping) or row.get("kind") not in KINDS:
            return None
        try:
            parts.append(ReasonPart(
                kind=str(row["kind"]), level=int(row.get("level", 0)),
                levels=tuple(int(n) for n in row.get("levels", ())),
                goal=str(row.get("goal", "")), format=str(row.get("format", "")),
                text=str(row.get("text", "")),
                tools=tuple(str(k) for k in row.get("tools", ())),
                topics=tuple(str(t) for t in row.get("topics", ()))))
        except (TypeError, ValueError):
            return None
    return tuple(parts)


def reason_shown(stored: str, data: object, language: str | None) -> str:
    """What a reader of ``language`` sees: the parts written in that language, or the
    stored English text (for English, an old row without parts, or parts naming what the
    catalogue no longer has)."""
    written_in = translated_into(language)
    reason = reason_from_json(data) if written_in else None
    if written_in is None or reason is None:
        return stored
    try:
        return reason_text(reason, written_in)
    except (KeyError, IndexError):
        return stored
